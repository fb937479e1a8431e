import { ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Button, Table, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { usePrefersReducedMotion } from '../../lib/reduced-motion.ts';
import { type ConflictRow, clip } from './child-conflict.ts';
import { useChildLabels } from './child-format.ts';

/** Below the sticky 56px app header, with a little air. */
const HEADER_CLEARANCE = 72;

/**
 * Which fields another user changed between the version the user opened and the latest one.
 * Brought into view once rendered (the user pressed 保存 at the bottom of a long form) and focused,
 * so that a screen reader reads it too.
 */
export function ConflictNotice({ rows }: { rows: ConflictRow[] }) {
  const t = useT();
  const labels = useChildLabels();
  const still = usePrefersReducedMotion();
  const ref = useRef<HTMLDivElement>(null);
  const show = (field: string, v: unknown) => labels.value(field, v) || t('childDetail.emptyValue');

  // After the commit, not before: scrolling ahead of the render lands on a page about to change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per conflict (a new list each time), not when the motion setting changes.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
  }, [rows]);

  return (
    <div ref={ref} tabIndex={-1} style={{ scrollMarginTop: HEADER_CLEARANCE, outline: 'none' }}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="child-conflict"
        title={t('childForm.conflictTitle')}
        description={
          <>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('childForm.conflictIntro')}</Typography.Paragraph>
            {rows.length > 0 && (
              <Table<ConflictRow>
                size="small"
                rowKey="field"
                pagination={false}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('childForm.conflictField'),
                    dataIndex: 'field',
                    render: (f: string, r) => (
                      <>
                        {labels.field(f)}
                        {r.both && (
                          <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                            {t('childForm.conflictBoth')}
                          </Typography.Text>
                        )}
                      </>
                    ),
                  },
                  { title: t('childForm.conflictBefore'), dataIndex: 'before', render: (v: unknown, r) => show(r.field, v) },
                  {
                    title: t('childForm.conflictAfter'),
                    dataIndex: 'after',
                    render: (v: unknown, r) => <Typography.Text strong>{show(r.field, v)}</Typography.Text>,
                  },
                  ...(rows.some((r) => r.both)
                    ? [
                        {
                          title: t('childForm.conflictMine'),
                          dataIndex: 'mine',
                          render: (v: unknown, r: ConflictRow) => (r.both ? <Typography.Text type="danger">{show(r.field, v)}</Typography.Text> : '—'),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </>
        }
      />
    </div>
  );
}

/**
 * The line under a field that another user changed meanwhile: why its text is no longer what the
 * user typed, and a way to put the user's text back.
 */
export function ConflictFieldNote({ row, onUseMine }: { row: ConflictRow; onUseMine: () => void }) {
  const t = useT();
  const labels = useChildLabels();
  const { token } = theme.useToken();
  const show = (v: unknown) => clip(labels.value(row.field, v) || t('childDetail.emptyValue'));
  return (
    <span data-testid={`child-conflict-field-${row.field}`}>
      {/* The user's own text gave way: as the table's 您填写的 column, in red; otherwise a (readable) warning. */}
      <Typography.Text type={row.both ? 'danger' : undefined} style={row.both ? undefined : { color: token.colorWarningText }}>
        <ExclamationCircleFilled />{' '}
        {row.both
          ? t('childForm.conflictFieldBoth', { after: show(row.after), mine: show(row.mine) })
          : t('childForm.conflictFieldTheirs', { after: show(row.after), before: show(row.before) })}
      </Typography.Text>
      {row.both && (
        <Button type="link" size="small" onClick={onUseMine} data-testid={`child-conflict-use-mine-${row.field}`}>
          {t('childForm.conflictUseMine')}
        </Button>
      )}
    </span>
  );
}

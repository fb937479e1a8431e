import { ArrowRightOutlined } from '@ant-design/icons';
import type { Child, ChildHistoryEntry } from '@carebridge/shared';
import { Button, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useClasses } from '../../api/queries.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime, useChildLabels } from './child-format.ts';
import { useChildHistory } from './children.api.ts';

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', status: 'orange', transfer: 'purple', import: 'cyan' };
const ACTIONS = ['create', 'update', 'status', 'transfer', 'import'] as const;
/** A new archive lists every field it was created with: show the first few until asked. */
const FOLDED = 8;

/** School and class come as ids from creation and import, as names from a transfer: show names where known. */
type RefName = (field: string, value: unknown) => string | undefined;

function Change({ field, from, to, refName }: { field: string; from: unknown; to: unknown; refName: RefName }) {
  const t = useT();
  const labels = useChildLabels();
  const show = (v: unknown) => refName(field, v) ?? (labels.value(field, v) || t('childDetail.emptyValue'));
  const before = refName(field, from) ?? labels.value(field, from);
  return (
    <li style={{ marginBottom: 2 }}>
      <Typography.Text strong>{labels.field(field)}</Typography.Text>
      <Typography.Text type="secondary">{labels.colon}</Typography.Text>
      {before !== '' && (
        <>
          <Typography.Text delete type="secondary">
            {before}
          </Typography.Text>
          <ArrowRightOutlined style={{ marginInline: 6, fontSize: 11, color: '#999' }} />
        </>
      )}
      <Typography.Text>{show(to)}</Typography.Text>
    </li>
  );
}

/** Who changed what and when (newest first): field names and coded values in words. */
export function ChildHistory({ child, active }: { child: Child; active: boolean }) {
  const t = useT();
  const history = useChildHistory(child.id, active);
  const classes = useClasses({ schoolId: child.schoolId ?? undefined }, active && !!child.schoolId);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const refName: RefName = (field, value) => {
    if (typeof value !== 'string' || !value) return undefined;
    if (field === 'schoolId' && value === child.schoolId) return child.schoolName;
    if (field === 'classId') return classes.data?.find((c) => c.id === value)?.name ?? (value === child.classId ? (child.className ?? undefined) : undefined);
    return undefined;
  };
  if (history.isLoading)
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  if (history.error) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  const items = history.data ?? [];
  if (!items.length) return <Empty description={t('childDetail.historyEmpty')} data-testid="child-history" />;
  const actionLabel = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? t(`childDetail.historyActions.${a as (typeof ACTIONS)[number]}`) : a);
  return (
    <div data-testid="child-history">
      <Timeline
        items={items.map((e: ChildHistoryEntry) => ({
          key: e.id,
          color: ACTION_COLORS[e.action] ?? 'gray',
          content: (
            <div data-testid="child-history-entry">
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>
                  {t('childDetail.historyBy', { user: e.userName ?? t('childDetail.historySystem'), action: actionLabel(e.action) })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {shanghaiTime(e.at)}
                </Typography.Text>
              </Flex>
              {e.note && (
                <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0' }}>
                  {e.note}
                </Typography.Paragraph>
              )}
              {e.changes.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                  {(expanded.has(e.id) ? e.changes : e.changes.slice(0, FOLDED)).map((c) => (
                    <Change key={c.field} field={c.field} from={c.old} to={c.new} refName={refName} />
                  ))}
                </ul>
              )}
              {e.changes.length > FOLDED && !expanded.has(e.id) && (
                <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setExpanded((s) => new Set(s).add(e.id))}>
                  {t('childDetail.showAll', { count: e.changes.length })}
                </Button>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}

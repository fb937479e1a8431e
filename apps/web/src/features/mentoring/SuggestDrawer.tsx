import { CheckOutlined } from '@ant-design/icons';
import type { MentorLoad } from '@carebridge/shared';
import { Alert, App, Button, Col, Drawer, Empty, Flex, Grid, Row, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useCareLabels } from '../care-records/care-format.tsx';
import { LoadBar, LoadText } from './MentorLoads.tsx';
import { MentorOptionLabel } from './PairCard.tsx';
import { type Overview, pairingsApi, type Suggestions, usePairingInvalidate } from './pairings.api.ts';
import { acceptBody, acceptError } from './suggest-accept.ts';
import { unassignedNote } from './suggest-note.ts';

type SuggestionRow = Suggestions['items'][number] & { suggested: string };
export type Warning = { mentorName: string; message: string };

interface Props {
  schoolId: string;
  overview: Overview;
  /** The term the new pairings belong to (the current one), so that they can be carried over later. */
  termId?: string | undefined;
  suggestions: Suggestions;
  onClose: () => void;
  /** Accepted: the warnings of the school's limit, for the page to show. */
  onAccepted: (warnings: Warning[]) => void;
}

/**
 * Review the suggested pairings before anything is saved: change a row's mentor or untick it, see
 * each mentor's load after accepting, then save them all in one request (all or nothing).
 */
export function SuggestDrawer({ schoolId, overview, termId, suggestions, onClose, onAccepted }: Props) {
  const t = useT();
  const labels = useCareLabels();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const invalidate = usePairingInvalidate();
  const [rows, setRows] = useState<SuggestionRow[]>(() => suggestions.items.map((s) => ({ ...s, suggested: s.mentorId })));
  const [selected, setSelected] = useState<string[]>(() => suggestions.items.map((s) => s.childId));
  /** Why the last attempt was refused: its rows (marked until the next attempt), each naming its child, or a message naming no row. */
  const [failure, setFailure] = useState<ReturnType<typeof acceptError> | null>(null);
  const refused = useMemo(() => new Set(failure?.refused.map((r) => r.childId)), [failure]);
  const [busy, setBusy] = useState(false);

  /** Each mentor's load if the ticked rows are accepted as they stand. */
  const loads = useMemo(() => {
    const extra = new Map<string, number>();
    for (const r of rows) if (selected.includes(r.childId)) extra.set(r.mentorId, (extra.get(r.mentorId) ?? 0) + 1);
    return overview.mentors.map((m): MentorLoad & { added: number } => {
      const added = extra.get(m.id) ?? 0;
      return { ...m, count: m.count + added, overloaded: m.count + added > m.limit, added };
    });
  }, [rows, selected, overview.mentors]);
  const loadOf = (id: string) => loads.find((m) => m.id === id);

  /** All ticked rows in one request: saved together or not at all; refused rows are marked and nothing is lost. */
  const accept = async () => {
    setBusy(true);
    setFailure(null);
    const body = acceptBody(schoolId, rows, selected, todayInShanghai(), termId);
    try {
      const res = await pairingsApi.createBatch(body);
      invalidate();
      message.success(t('pairings.accepted', { count: res.items.length }));
      onAccepted(res.warnings.map((w) => ({ mentorName: w.mentorName, message: w.message })));
      onClose();
    } catch (err) {
      // A refused pair (a child paired meanwhile or no longer active, a mentor not of the school) is named on its row; anything else by its message.
      setFailure(acceptError(body, rows, err instanceof Error ? err : new Error(String(err)), labels.colon));
      // Another user may have paired some of these children meanwhile: show the loads as they are now.
      invalidate();
    } finally {
      setBusy(false);
    }
  };

  const involved = loads.filter((m) => m.added > 0);
  const childCell = (name: string, r: SuggestionRow) => (
    <Flex gap={6} align="center" wrap>
      <span style={{ whiteSpace: 'nowrap', fontWeight: 500 }}>{name}</span>
      {r.keySupport && (
        <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
          {t('pairings.keySupport')}
        </Tag>
      )}
    </Flex>
  );
  const reasonTag = (r: SuggestionRow) =>
    r.mentorId !== r.suggested ? (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {t('pairings.changed')}
      </Tag>
    ) : (
      <Tag color={r.reason === 'class_teacher' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
        {labels.reason(r.reason)}
      </Tag>
    );
  const mentorPicker = (r: SuggestionRow, width: number | string) => (
    <Select
      value={r.mentorId}
      onChange={(v: string) => setRows((rs) => rs.map((x) => (x.childId === r.childId ? { ...x, mentorId: v } : x)))}
      showSearch={{ optionFilterProp: 'title' }}
      style={{ width }}
      options={loads.map((m) => {
        // The load this row's child would add if moved to this mentor.
        const count = m.count + (m.id === r.mentorId || !selected.includes(r.childId) ? 0 : 1);
        return { value: m.id, title: m.name, label: t('pairings.mentorOptionAfter', { name: m.name, count, limit: m.limit }), count, limit: m.limit };
      })}
      optionRender={(o) => <MentorOptionLabel label={String(o.label)} count={o.data.count} limit={o.data.limit} />}
      labelRender={() => {
        const m = loadOf(r.mentorId);
        return m ? (
          <MentorOptionLabel label={t('pairings.mentorOptionAfter', { name: m.name, count: m.count, limit: m.limit })} count={m.count} limit={m.limit} />
        ) : (
          r.mentorId
        );
      }}
      data-testid="pairing-suggestion-mentor"
    />
  );
  /** Four columns on a wide screen; on a phone one, the child's line over its mentor picker, so nothing scrolls sideways. */
  const wide: TableColumnsType<SuggestionRow> = [
    { title: t('pairings.child'), dataIndex: 'childName', render: childCell },
    { title: t('pairings.class'), dataIndex: 'className', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span> },
    { title: t('pairings.reason'), dataIndex: 'reason', render: (_: string, r) => reasonTag(r) },
    { title: t('pairings.mentor'), dataIndex: 'mentorId', render: (_: string, r) => mentorPicker(r, 190) },
  ];
  const narrow: TableColumnsType<SuggestionRow> = [
    {
      title: `${t('pairings.child')} · ${t('pairings.mentor')}`,
      dataIndex: 'childName',
      render: (name: string, r) => (
        <Flex vertical gap={6}>
          <Flex gap={6} align="center" wrap>
            {childCell(name, r)}
            <Typography.Text type="secondary">{r.className ?? '—'}</Typography.Text>
            {reasonTag(r)}
          </Flex>
          {mentorPicker(r, '100%')}
        </Flex>
      ),
    },
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('pairings.suggestTitle')}
      size={screens.md ? 820 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} loading={busy} onClick={accept} data-testid="pairing-accept">
            {t('pairings.accept', { count: selected.length })}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('pairings.suggestIntro')}</Typography.Paragraph>
      {suggestions.unassigned > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t(unassignedNote(suggestions), { count: suggestions.unassigned, limit: suggestions.mentors[0]?.limit ?? 0 })}
          style={{ marginBottom: 12 }}
          data-testid="pairing-suggest-unassigned"
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title ?? t('pairings.acceptRefused')}
          description={
            failure.refused.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {failure.refused.map((e) => (
                  <li key={e.text}>{e.text}</li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
          data-testid="pairing-accept-errors"
        />
      )}
      {rows.length === 0 ? (
        suggestions.unassigned === 0 && <Empty description={t('pairings.suggestEmpty')} />
      ) : (
        <>
          {involved.length > 0 && (
            <div style={{ marginBottom: 12 }} data-testid="pairing-suggest-loads">
              <Typography.Text strong>{t('pairings.loads')}</Typography.Text>
              <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
                {involved.map((m) => (
                  <Col key={m.id} xs={12} sm={8} md={6}>
                    <Flex justify="space-between" gap={4}>
                      <Typography.Text ellipsis style={{ fontSize: 13 }}>
                        {m.name}
                      </Typography.Text>
                      <LoadText count={m.count} limit={m.limit} />
                    </Flex>
                    <LoadBar count={m.count} limit={m.limit} />
                  </Col>
                ))}
              </Row>
            </div>
          )}
          <Table<SuggestionRow>
            rowKey="childId"
            size="small"
            dataSource={rows}
            pagination={false}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            onRow={(r) =>
              ({
                'data-testid': 'pairing-suggestion',
                ...(refused.has(r.childId) ? { 'data-refused': 'true', style: { background: '#fff2f0' } } : {}),
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={screens.md ? wide : narrow}
          />
        </>
      )}
    </Drawer>
  );
}

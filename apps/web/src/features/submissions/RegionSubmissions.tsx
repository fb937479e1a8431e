import type { School } from '@carebridge/shared';
import { Card, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSchools } from '../../api/queries.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from '../children/child-format.ts';
import { SnapshotDrawer } from './SnapshotDrawer.tsx';
import { byAt, SubmissionTag } from './submission-format.tsx';
import { type Submission, useSubmissions } from './submissions.api.ts';
import { calendarTerm } from './terms.ts';
import { ReturnModal, ReviewButtons, useSubmissionActions } from './use-submission-actions.tsx';

interface Row {
  school: School;
  sub: Submission | undefined;
}

/**
 * The bureau's side (区域花名册审核): every school of the region with its roster of a term — terms are
 * per school, so they are matched by school year and semester ("2026-2027 第一学期（秋季）").
 */
export function RegionSubmissions({ regionId, termLabel, onTermLabel }: { regionId: string; termLabel: string | null; onTermLabel: (label: string) => void }) {
  const t = useT();
  const labels = useChildLabels();
  const schools = useSchools({ regionId });
  const subs = useSubmissions({ regionId, level: 'school' });
  const actions = useSubmissionActions();
  const [viewing, setViewing] = useState<string | null>(null);
  const [returning, setReturning] = useState<Submission | null>(null);
  const now = calendarTerm();
  const nowLabel = `${now.year} ${t(`semesters.${now.semester === 1 ? '1' : '2'}`)}`;
  const termLabels = useMemo(() => [...new Set([nowLabel, ...(subs.data ?? []).map((s) => s.termLabel)])].sort().reverse(), [subs.data, nowLabel]);
  const label = termLabel && termLabels.includes(termLabel) ? termLabel : nowLabel;
  const rows: Row[] = (schools.data ?? []).map((school) => ({ school, sub: subs.data?.find((s) => s.schoolId === school.id && s.termLabel === label) }));
  const sent = rows.filter((r) => r.sub && r.sub.status !== 'draft').length;
  const n = (r: Row, k: string) => (r.sub && r.sub.status !== 'draft' ? (r.sub.summary[k] ?? 0) : '—');

  const columns: TableColumnsType<Row> = [
    {
      key: 'school',
      title: t('stats.school'),
      fixed: 'left',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap', fontWeight: 500 }}>{r.school.name}</span>,
    },
    { key: 'status', title: t('submissions.state'), render: (_, r) => <SubmissionTag status={r.sub?.status ?? 'none'} testId="submission-row-status" /> },
    { key: 'children', title: t('submissions.children'), align: 'right', render: (_, r) => (r.sub && r.sub.status !== 'draft' ? r.sub.children : '—') },
    { key: 'narrow', title: t('submissions.summaryNarrow'), align: 'right', render: (_, r) => n(r, 'narrow') },
    ...['0-5', '6-13', '14-16'].map((b) => ({ key: b, title: labels.code('ageBand', b), align: 'right' as const, render: (_: unknown, r: Row) => n(r, b) })),
    {
      key: 'submitted',
      title: t('submissions.submittedBy'),
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{byAt(r.sub?.submittedBy, r.sub?.submittedAt)}</span>,
    },
    {
      key: 'reviewed',
      title: t('submissions.reviewedBy'),
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{byAt(r.sub?.reviewedBy, r.sub?.reviewedAt)}</span>,
    },
    {
      key: 'comment',
      title: t('submissions.comment'),
      render: (_, r) => <Typography.Text type={r.sub?.status === 'returned' ? 'danger' : undefined}>{r.sub?.comment ?? '—'}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          <ReviewButtons sub={r.sub} actions={actions} onView={setViewing} onReturn={setReturning} />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('submissions.term')}</Typography.Text>
        <Select
          value={label}
          onChange={onTermLabel}
          options={termLabels.map((l) => ({ value: l, label: l }))}
          style={{ minWidth: 240 }}
          data-testid="submission-term"
        />
        <Typography.Text type="secondary">{t('submissions.schoolsSent', { sent, total: rows.length })}</Typography.Text>
      </Flex>
      <QueryError error={schools.error ?? subs.error} onRetry={() => subs.refetch()} />
      <Card title={t('submissions.regionTitle')} styles={{ body: { padding: 0 } }} data-testid="submission-schools">
        <Table<Row>
          size="small"
          rowKey={(r) => r.school.id}
          columns={columns}
          dataSource={rows}
          loading={schools.isLoading || subs.isLoading}
          pagination={rows.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'submission-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      <SnapshotDrawer id={viewing} onClose={() => setViewing(null)} />
      <ReturnModal submission={returning} onClose={() => setReturning(null)} />
    </Flex>
  );
}

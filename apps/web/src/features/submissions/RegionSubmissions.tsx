import type { School } from '@carebridge/shared';
import { Card, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSchools } from '../../api/queries.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { regionColumnWidths, regionTableWidth, regionTally, schoolsSentText } from './region-layout.ts';
import { SnapshotDrawer } from './SnapshotDrawer.tsx';
import { byAtCell, commentCell, SubmissionTag } from './submission-format.tsx';
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
  const tally = regionTally(rows.map((r) => r.sub));
  const n = (r: Row, k: string) => (r.sub && r.sub.status !== 'draft' ? (r.sub.summary[k] ?? 0) : '—');
  const { lang } = useLang();
  const W = regionColumnWidths(lang);
  const band = (key: string, title: string) => ({ key, title, width: W.band, align: 'right' as const, render: (_: unknown, r: Row) => n(r, key) });

  // Widths that fit the card at 1366 px (region-layout.ts): the school's name wraps, the comment is cut short with the whole on hover.
  const columns: TableColumnsType<Row> = [
    {
      key: 'school',
      title: t('stats.school'),
      fixed: 'left',
      width: W.school,
      render: (_, r) => (
        <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }} data-testid="submission-row-school">
          {r.school.name}
        </Typography.Text>
      ),
    },
    {
      key: 'status',
      title: t('submissions.state'),
      width: W.status,
      render: (_, r) => <SubmissionTag status={r.sub?.status ?? 'none'} testId="submission-row-status" />,
    },
    {
      key: 'children',
      title: t('submissions.children'),
      width: W.children,
      align: 'right',
      render: (_, r) => (r.sub && r.sub.status !== 'draft' ? r.sub.children : '—'),
    },
    {
      key: 'civil',
      // The ages bare under a title that says they are years: "0-5 岁" does not fit its narrow column on one line.
      title: t('submissions.narrowByAge'),
      children: [band('narrow', t('submissions.narrowTotal')), ...['0-5', '6-13', '14-16'].map((b) => band(b, b))],
    },
    {
      key: 'submitted',
      title: t('submissions.submittedBy'),
      width: W.submitted,
      render: (_, r) => byAtCell(r.sub?.submittedBy, r.sub?.submittedAt),
    },
    {
      key: 'reviewed',
      title: t('submissions.reviewedBy'),
      width: W.reviewed,
      render: (_, r) => byAtCell(r.sub?.reviewedBy, r.sub?.reviewedAt),
    },
    // No width: the comment takes what the others leave (at least W.comment, in the table's scroll.x).
    { key: 'comment', title: t('submissions.comment'), render: (_, r) => commentCell(r.sub) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: W.actions,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <ReviewButtons sub={r.sub} actions={actions} onView={setViewing} onReturn={setReturning} compact />
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
        <Typography.Text type="secondary" data-testid="submission-schools-sent">
          {schoolsSentText(t, tally)}
        </Typography.Text>
      </Flex>
      <QueryError error={schools.error ?? subs.error} onRetry={() => subs.refetch()} />
      <Card title={t('submissions.regionTitle')} styles={{ body: { padding: 0 } }} data-testid="submission-schools">
        <AdaptiveTable<Row>
          size="small"
          rowKey={(r) => r.school.id}
          columns={columns}
          dataSource={rows}
          loading={schools.isLoading || subs.isLoading}
          pagination={rows.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: regionTableWidth(lang) }}
          onRow={() => ({ 'data-testid': 'submission-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
      <SnapshotDrawer id={viewing} onClose={() => setViewing(null)} />
      <ReturnModal submission={returning} onClose={() => setReturning(null)} />
    </Flex>
  );
}

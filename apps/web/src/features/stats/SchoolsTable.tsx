import { FileExcelOutlined } from '@ant-design/icons';
import { monthName, schoolsTalkMonth } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { SubmissionTag } from '../submissions/submission-format.tsx';
import type { SchoolRow, SchoolsTotal } from './stats.api.ts';
import { complianceCell, pct, schoolsTotalCells } from './stats-format.ts';

const num = { align: 'right' as const };
const nullsLast = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);
const ROSTER_ORDER = { none: 0, draft: 0, returned: 1, submitted: 2, approved: 3 } as const;
const HEAD = { whiteSpace: 'normal', wordBreak: 'keep-all' } as const;

/** A school's (or the total's) compliance rate in its colour, with the items still in progress, or why there is no rate, on hover. */
function ComplianceRate({ figures, from, today }: { figures: Pick<SchoolsTotal, 'complianceRate' | 'complianceDue'>; from: string; today: string }) {
  const t = useT();
  const cell = complianceCell(t, figures, { from }, today);
  const text = (
    <span style={{ color: cell.color }} data-testid="stats-school-rate">
      {cell.text}
    </span>
  );
  return cell.note ? <Tooltip title={cell.note}>{text}</Tooltip> : text;
}

/**
 * A region's schools side by side, each sortable, each row opening that school's dashboard; under
 * them (on every page, whatever the sort) the region's total as the API gives it, as in the Excel.
 * Compliance rates are coloured as on the compliance page: not good while items of the period
 * (`from`, seen on `today`) are still in progress.
 */
export function SchoolsTable({
  rows,
  total,
  from,
  today,
  loading,
  onOpen,
  onExport,
}: {
  rows: SchoolRow[];
  total: SchoolsTotal | null;
  from: string;
  today: string;
  loading: boolean;
  onOpen: (schoolId: string) => void;
  onExport: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  // A heading breaks between words only (an English one over two lines), never inside a Chinese one: the
  // table then fits a 1366 px screen in English too, and scrolls inside its card only on a narrower one.
  const head = (text: string) => <span style={HEAD}>{text}</span>;
  // The month the talk coverage counts, in the heading when every school counts the same; else beside each figure.
  const talkMonth = schoolsTalkMonth(rows);
  const talkCell = (r: SchoolRow) =>
    r.talkDays ? (
      <Tooltip title={t('stats.talkDays', { from: r.talkDays.from, to: r.talkDays.to })}>
        <span data-testid="stats-school-talk">
          {pct(r.talkCoverage)}
          {!talkMonth && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
              {monthName(lang, r.talkDays.from.slice(0, 7))}
            </Typography.Text>
          )}
        </span>
      </Tooltip>
    ) : (
      <Tooltip title={t('stats.noTalkMonth')}>
        <span data-testid="stats-school-talk">{pct(null)}</span>
      </Tooltip>
    );
  const columns: TableColumnsType<SchoolRow> = [
    {
      key: 'name',
      title: t('stats.school'),
      dataIndex: 'name',
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      // A school with no archive at all (of any status) has not begun with CareBridge: the bureau sees it at a glance.
      render: (name: string, r) => (
        <Flex gap={6} align="center" wrap={false}>
          <Typography.Link style={{ whiteSpace: 'nowrap' }}>{name}</Typography.Link>
          {!r.hasArchives && (
            <Tooltip title={t('stats.noArchivesHint')}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="stats-school-no-archives">
                {t('stats.noArchives')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'children',
      title: head(t('stats.children')),
      dataIndex: 'children',
      ...num,
      sorter: (a, b) => a.children - b.children,
      defaultSortOrder: 'descend',
    },
    { key: 'pupils', title: head(t('stats.pupils')), dataIndex: 'pupils', ...num, sorter: (a, b) => a.pupils - b.pupils },
    { key: 'share', title: head(t('stats.share')), ...num, sorter: (a, b) => nullsLast(a.share, b.share), render: (_, r) => pct(r.share) },
    { key: 'keySupport', title: head(t('stats.keySupport')), dataIndex: 'keySupport', ...num, sorter: (a, b) => a.keySupport - b.keySupport },
    {
      key: 'highRisk',
      title: head(t('stats.highRisk')),
      dataIndex: 'highRisk',
      ...num,
      sorter: (a, b) => a.highRisk - b.highRisk,
      render: (v: number) => <span style={{ color: v ? '#cf1322' : undefined, fontWeight: v ? 600 : undefined }}>{v}</span>,
    },
    {
      key: 'talk',
      title: (
        <Tooltip title={t('stats.talkCoverageHint')}>
          <span style={HEAD} data-testid="stats-schools-talk-heading">
            {talkMonth ? t('stats.talkCoverageMonth', { month: monthName(lang, talkMonth) }) : t('stats.talkCoverage')}
          </span>
        </Tooltip>
      ),
      ...num,
      sorter: (a, b) => nullsLast(a.talkCoverage, b.talkCoverage),
      render: (_, r) => talkCell(r),
    },
    {
      key: 'compliance',
      title: head(t('stats.complianceRate')),
      ...num,
      sorter: (a, b) => nullsLast(a.complianceRate, b.complianceRate),
      render: (_, r) => <ComplianceRate figures={r} from={from} today={today} />,
    },
    {
      key: 'roster',
      title: head(t('stats.roster')),
      sorter: (a, b) => ROSTER_ORDER[a.roster] - ROSTER_ORDER[b.roster],
      render: (_, r) => <SubmissionTag status={r.roster} at={r.roster === 'none' || r.roster === 'draft' ? null : r.rosterAt} />,
    },
  ];
  const totals = total && schoolsTotalCells(total);
  // A phone lists the schools as blocks (AdaptiveTable): no headings to sort by.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Card
      size="small"
      title={t('stats.schoolsTitle')}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t(phone ? 'stats.schoolsHintPhone' : 'stats.schoolsHint')}
          </Typography.Text>
          <Tooltip title={t('stats.exportTable')}>
            <Button
              type="text"
              size="small"
              icon={<FileExcelOutlined />}
              onClick={onExport}
              aria-label={t('stats.exportTable')}
              data-testid="stats-schools-export"
            />
          </Tooltip>
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
      data-testid="stats-schools"
    >
      <AdaptiveTable<SchoolRow>
        size="small"
        rowKey="schoolId"
        // A school's `children` is a count, not nested rows.
        expandable={{ childrenColumnName: 'none' }}
        columns={columns}
        dataSource={rows}
        loading={loading}
        // As wide as the card (headings wrapping as they must), wider only when the content cannot be.
        scroll={{ x: true }}
        tableLayout="auto"
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noSchools')} /> }}
        summary={() =>
          totals &&
          rows.length > 0 && (
            <Table.Summary.Row data-testid="stats-schools-total" style={{ fontWeight: 600 }}>
              {columns.map((c, i) => (
                <Table.Summary.Cell key={String(c.key)} index={i} align={c.align}>
                  {c.key === 'name' ? (
                    t('stats.totalRow')
                  ) : c.key === 'compliance' ? (
                    <ComplianceRate figures={total} from={from} today={today} />
                  ) : (
                    (totals[String(c.key)] ?? '')
                  )}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
        phoneSummary={
          totals && {
            title: t('stats.totalRow'),
            cell: (key) => (key === 'compliance' ? <ComplianceRate figures={total} from={from} today={today} /> : (totals[key] ?? '')),
            testId: 'stats-schools-total',
          }
        }
        onRow={(r) =>
          ({
            onClick: () => onOpen(r.schoolId),
            style: { cursor: 'pointer' },
            'data-testid': 'stats-school-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}

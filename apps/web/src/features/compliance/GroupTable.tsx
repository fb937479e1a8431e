import { classesInSchoolOrder } from '@carebridge/shared';
import { type Breakpoint, Card, Empty, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useT } from '../../i18n/lang.tsx';
import type { Counts, Group } from './compliance.api.ts';
import { RateBar, RED } from './compliance-format.tsx';

interface Props {
  title: string;
  nameTitle: string;
  rows: Group[];
  loading: boolean;
  testId: string;
  /** Click a row: the drill-down (or the school's own view). */
  onOpen?: ((row: Group) => void) | undefined;
  hint?: string | undefined;
  name?: (row: Group) => ReactNode;
  /** The report's overall counts and rate (`overall`): every breakdown's rows add up to them. */
  total?: Counts | undefined;
}

const num = { align: 'right' as const, width: 64 };
/** The rate column on a phone: a short bar and its percentage (96 px: with DejaVu Sans, 逾期's English heading "Overdue" alone takes 83). */
const RATE_PHONE = 96;
/**
 * The least the name column is given before the table scrolls sideways: a rule's sentence wraps within
 * it. On a phone (only the name, the rate and 逾期 shown) less, so that the three fit a 360 px screen.
 */
const NAME_MIN = 220;
const NAME_MIN_PHONE = 112;

/** The columns antd shows at the screen width: those without `responsive`, and those whose breakpoints are met (antd's own rule). */
export function shownColumns<C extends { responsive?: Breakpoint[] | undefined }>(columns: C[], screens: Partial<Record<Breakpoint, boolean>>): C[] {
  return columns.filter((c) => !c.responsive || c.responsive.some((b) => screens[b]));
}

/**
 * One breakdown of the report (by rule, class, mentor or school): counts and the rate as a bar, worst
 * first; under them the total row, the report's overall figures (its rate the server's, with excused
 * items left out and none for a period not begun), as in the Excel export.
 */
export function GroupTable({ title, nameTitle, rows, loading, testId, onOpen, hint, name, total }: Props) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const ordered = useMemo(() => classesInSchoolOrder(rows), [rows]);
  const barMin = screens.md === false ? RATE_PHONE - 24 : 100;
  const head = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
  const columns: TableColumnsType<Group> = [
    {
      key: 'name',
      title: nameTitle,
      dataIndex: 'name',
      render: (_, r) => (
        <div style={{ minWidth: 96, wordBreak: 'break-word' }} data-testid="compliance-row-name">
          {name ? name(r) : r.name}
        </div>
      ),
    },
    {
      key: 'rate',
      title: head(t('compliance.rate')),
      // On a phone a shorter bar leaves the name (a rule's sentence) room to wrap in fewer lines.
      width: screens.md === false ? RATE_PHONE : 150,
      sorter: (a, b) => (a.rate ?? 2) - (b.rate ?? 2),
      render: (_, r) => <RateBar rate={r.rate} due={r.due} doneEarly={r.doneEarly} style={{ minWidth: barMin }} />,
    },
    { key: 'total', title: head(t('compliance.total')), dataIndex: 'total', ...num, responsive: ['md'] },
    { key: 'done', title: head(t('compliance.done')), dataIndex: 'done', ...num, responsive: ['md'] },
    {
      key: 'overdue',
      title: head(t('compliance.overdue')),
      dataIndex: 'overdue',
      ...num,
      render: (v: number) => <span style={{ color: v ? RED : undefined, fontWeight: v ? 600 : undefined }}>{v}</span>,
    },
    { key: 'due', title: head(t('compliance.due')), dataIndex: 'due', ...num, responsive: ['lg'] },
    // So that each row adds up to its 应完成 (items of the period not yet begun count there too).
    { key: 'upcoming', title: head(t('compliance.upcoming')), dataIndex: 'upcoming', ...num, responsive: ['lg'] },
    { key: 'excused', title: head(t('compliance.excused')), dataIndex: 'excused', ...num, responsive: ['lg'] },
  ];
  // The table takes its card's width and the name column what the counts leave, its text wrapping (a rule's
  // sentence in English is longer than a 1366 px window's table); only a card narrower than the shown columns
  // and the name's least width (two tables side by side) scrolls sideways.
  const nameMin = screens.md ? NAME_MIN : NAME_MIN_PHONE;
  const minWidth = shownColumns(columns, screens).reduce((w, c) => w + (typeof c.width === 'number' ? c.width : nameMin), 0);
  const totalCell = (key: string, n: Counts): ReactNode => {
    if (key === 'name') return t('compliance.totalRow');
    if (key === 'rate') return <RateBar rate={n.rate} due={n.due} doneEarly={n.doneEarly} style={{ minWidth: barMin }} />;
    if (key === 'overdue') return <span style={{ color: n.overdue ? RED : undefined }}>{n.overdue}</span>;
    return n[key as 'total' | 'done' | 'due' | 'upcoming' | 'excused'];
  };
  return (
    <Card
      size="small"
      title={title}
      extra={
        hint &&
        onOpen &&
        rows.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {hint}
          </Typography.Text>
        )
      }
      styles={{ body: { padding: 0 } }}
      data-testid={testId}
    >
      <Table<Group>
        size="small"
        rowKey={(r) => r.id ?? '__none'}
        columns={columns}
        dataSource={ordered}
        loading={loading}
        // Narrower than its columns (a phone, two tables side by side): it scrolls inside its card, total row and all.
        scroll={{ x: minWidth }}
        pagination={rows.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.empty')} /> }}
        summary={() =>
          total &&
          rows.length > 0 && (
            <Table.Summary.Row data-testid={`${testId}-total`} style={{ fontWeight: 600 }}>
              {/* A cell under each column shown at this width (antd leaves out the `responsive` ones). */}
              {shownColumns(columns, screens).map((c, i) => (
                <Table.Summary.Cell key={String(c.key)} index={i} align={c.align}>
                  {totalCell(String(c.key), total)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
        onRow={(r) =>
          ({
            onClick: onOpen ? () => onOpen(r) : undefined,
            style: onOpen ? { cursor: 'pointer' } : undefined,
            'data-testid': 'compliance-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}

import { Empty, Flex, Grid, Pagination, Select, Table, type TableProps, Typography } from 'antd';
import type { ColumnGroupType, ColumnType } from 'antd/es/table';
import { type HTMLAttributes, isValidElement, type Key, type ReactNode, useState } from 'react';
import { useT } from '../i18n/lang.tsx';
import { PhoneRows } from './PhoneRows.tsx';

type Column<T> = ColumnType<T> | ColumnGroupType<T>;

/** A column a row's cell comes from, with the heading it reads under on a phone and its group's ("民政口径 …" over "0-5"). */
interface Leaf<T> {
  heading: ReactNode;
  group: ReactNode;
  column: ColumnType<T>;
}

const isGroup = <T,>(c: Column<T>): c is ColumnGroupType<T> => 'children' in c && Array.isArray(c.children);
const titleOf = <T,>(c: Column<T>): ReactNode => (typeof c.title === 'function' ? null : c.title);

function leaves<T>(columns: readonly Column<T>[], group: ReactNode = null): Leaf<T>[] {
  return columns.flatMap((c) => (isGroup(c) ? leaves(c.children, titleOf(c)) : [{ heading: titleOf(c), group, column: c }]));
}

/** Leaves in runs of one group: a group's columns read as one item, its heading once. */
function runs<T>(list: readonly Leaf<T>[]): Leaf<T>[][] {
  const out: Leaf<T>[][] = [];
  for (const l of list) {
    const last = out.at(-1);
    if (last && l.group !== null && last[0]?.group === l.group) last.push(l);
    else out.push([l]);
  }
  return out;
}

/** A cell with nothing to say (a "—", bare or in a span of its own): left out on a phone. */
const blank = (v: ReactNode): boolean =>
  v === null ||
  v === undefined ||
  v === false ||
  v === '' ||
  v === '—' ||
  (isValidElement(v) && typeof v.type === 'string' && blank((v.props as { children?: ReactNode }).children));

/** What the table would show in a cell: the column's render of the value at its dataIndex (typed loosely: antd's own types of these blow up the compiler). */
function cell<T>(column: ColumnType<T>, record: T, index: number): ReactNode {
  const at = column.dataIndex as string | number | readonly (string | number)[] | undefined;
  const path: readonly (string | number)[] = at === undefined ? [] : typeof at === 'object' ? at : [at];
  let value: unknown = record;
  for (const k of path) value = value == null ? value : (value as Record<string | number, unknown>)[k];
  const render = column.render as ((value: unknown, record: T, index: number) => unknown) | undefined;
  const shown = (render ? render(value, record, index) : value) as { children?: unknown; props?: unknown; $$typeof?: unknown } | null;
  // A render may return a cell with its props (colSpan…): its children are what it shows.
  if (shown && typeof shown === 'object' && shown.props !== undefined && shown.$$typeof === undefined) return shown.children as ReactNode;
  return shown as ReactNode;
}

const ACTIONS = new Set<Key>(['actions', 'action', 'op']);
const isActions = <T,>(c: ColumnType<T>) => c.key !== undefined && ACTIONS.has(c.key);

function Secondary({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
      {children}
    </Typography.Text>
  );
}

/** A tree's rows in order, each with its depth (a region under its county). */
function flatten<T>(rows: readonly T[], childrenKey: string, depth = 0): { row: T; depth: number }[] {
  return rows.flatMap((row) => {
    const kids = (row as Record<string, unknown>)[childrenKey];
    return [{ row, depth }, ...(Array.isArray(kids) ? flatten(kids as T[], childrenKey, depth + 1) : [])];
  });
}

/** A button that looks like the rest of the list: the whole block, its text as it was. */
const ROW_BUTTON = {
  display: 'block',
  width: '100%',
  textAlign: 'start',
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  color: 'inherit',
  cursor: 'pointer',
} as const;

type Props<T> = TableProps<T> & {
  /** On a phone, the table's summary row (antd's `summary` is drawn at a desk only): its heading and each column's value by key. */
  phoneSummary?: { title: ReactNode; cell: (columnKey: string) => ReactNode; testId?: string } | null | undefined;
  /** The column (by key or dataIndex) whose cell heads a phone's block, when it is not the first: a class's name, not its grade. */
  phoneHead?: string;
};

/**
 * antd's Table at a desk; on a phone (below md) each row a block the screen wide instead of a table
 * that scrolls sideways and hides its last columns: the first column's cell (or `phoneHead`'s) as its heading, every
 * other as "heading value" wrapped to the width (a group's columns as one, a "—" left out), and its buttons (the column keyed `actions`) at the
 * heading's right, or under it when there is no room. Rows keep the test ids `onRow` gives them; a tree's children follow their parent, indented;
 * a page of many rows pages as the table did (its own pagination, or the caller's); a row's `onRow`
 * click still opens what it opened; `phoneSummary` stands for antd's summary row.
 */
export function AdaptiveTable<T extends object>(props: Props<T>) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  // A phone has no headings to tap: the columns a desk sorts by are offered in a select (`key:ascend`).
  const [sort, setSort] = useState<string | null>(() => {
    // As the desk opens: the column sorted by default (a dashboard's schools by their number of children).
    const first = leaves((props.columns ?? []) as Column<T>[]).find((l) => l.column.defaultSortOrder && typeof l.column.sorter === 'function');
    return first && first.column.key !== undefined ? `${String(first.column.key)}:${first.column.defaultSortOrder}` : null;
  });
  const { phoneSummary, phoneHead, ...tableProps } = props;
  if (!phone) return <Table<T> {...tableProps} />;

  const { columns = [], dataSource = [], rowKey = 'key', loading, locale, onRow, pagination, expandable } = props;
  const all = leaves(columns as Column<T>[]).filter((l) => !l.column.hidden);
  const cells = all.filter((l) => !isActions(l.column));
  const named = (l: Leaf<T>) => phoneHead !== undefined && (l.column.key === phoneHead || l.column.dataIndex === phoneHead);
  const head = cells.find(named) ?? cells[0];
  const rest = cells.filter((l) => l !== head);
  const actions = all.find((l) => isActions(l.column));
  const keyOf = (r: T, i: number) => String(typeof rowKey === 'function' ? rowKey(r, i) : (r as Record<string, unknown>)[rowKey as string]);
  const sortable = cells.filter((l) => typeof l.column.sorter === 'function' && l.column.key !== undefined);
  const [sortKey, order] = (sort ?? '').split(':');
  const sorter = sortable.find((l) => String(l.column.key) === sortKey)?.column.sorter as ((a: T, b: T) => number) | undefined;
  // Sorted as the desk's heading sorts (a tree by its top rows, each keeping its children).
  const sorted = sorter ? [...dataSource].sort((a, b) => (order === 'descend' ? -1 : 1) * sorter(a, b)) : dataSource;
  const rows = flatten(sorted, expandable?.childrenColumnName ?? 'children');

  // The table's paging: the caller's (a server's pages) or its own of `pageSize` rows.
  const paging = pagination === false || pagination === undefined ? null : pagination;
  const external = !!paging?.onChange && paging.current !== undefined;
  const size = paging?.pageSize ?? 10;
  const total = external ? (paging?.total ?? rows.length) : rows.length;
  const current = external ? (paging?.current ?? 1) : Math.min(page, Math.max(1, Math.ceil(total / size)));
  const shown = paging && !external ? rows.slice((current - 1) * size, current * size) : rows;
  const pager = paging && !(paging.hideOnSinglePage && total <= size) && total > size && (
    <Flex justify="center" style={{ padding: 12 }}>
      <Pagination simple size="small" current={current} pageSize={size} total={total} onChange={(p, s) => (external ? paging.onChange?.(p, s) : setPage(p))} />
    </Flex>
  );
  // An empty text may be a function in antd's types; the pages give nodes.
  const empty = typeof locale?.emptyText === 'function' ? null : (locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: 24 }} />);
  const index = new Map(shown.map((r, i) => [r.row, i]));
  const attrs = (r: T) => (onRow?.(r, index.get(r)) ?? {}) as HTMLAttributes<HTMLElement> & { 'data-testid'?: string };
  /** A row's block: its heading and buttons, then each other column's heading and value. */
  const block = (heading: ReactNode, buttons: ReactNode, value: (l: Leaf<T>) => ReactNode) => (
    <>
      <Flex justify="space-between" align="center" gap="0 8px" wrap>
        {heading && <div style={{ fontWeight: 500, minWidth: 0 }}>{heading}</div>}
        {buttons && <div style={{ marginInlineStart: 'auto' }}>{buttons}</div>}
      </Flex>
      <Flex wrap gap="2px 12px" style={{ marginTop: 2 }}>
        {runs(rest).map((run, n) => {
          const cells = run.map((l) => ({ l, v: value(l) })).filter((c) => !blank(c.v));
          if (!cells.length) return null;
          const group = run[0]?.group;
          return (
            <span key={String(run[0]?.column.key ?? n)} style={{ minWidth: 0 }}>
              {group && <Secondary>{group}</Secondary>}
              {cells.map(({ l, v }, k) => (
                <span key={String(l.column.key ?? k)} style={{ marginInlineEnd: group ? 8 : 0 }}>
                  {l.heading && <Secondary>{l.heading}</Secondary>}
                  {v}
                </span>
              ))}
            </span>
          );
        })}
      </Flex>
    </>
  );

  const sortSelect = sortable.length > 0 && dataSource.length > 1 && (
    <Flex justify="end" style={{ padding: '8px 12px 0' }}>
      <Select<string>
        allowClear
        size="small"
        value={sort}
        onChange={(v) => {
          setSort(v ?? null);
          setPage(1);
        }}
        placeholder={t('common.sortBy')}
        popupMatchSelectWidth={false}
        style={{ minWidth: 140 }}
        data-testid="phone-sort"
        options={sortable.flatMap((l) =>
          (['ascend', 'descend'] as const).map((o) => ({
            value: `${String(l.column.key)}:${o}`,
            label: (
              <span>
                {l.heading}
                <Secondary>{t(o === 'ascend' ? 'common.ascending' : 'common.descending')}</Secondary>
              </span>
            ),
          })),
        )}
      />
    </Flex>
  );

  return (
    <div data-testid={(props as { 'data-testid'?: string })['data-testid']}>
      {sortSelect}
      <PhoneRows
        items={shown}
        rowKey={(r) => keyOf(r.row, index.get(r.row) ?? 0)}
        loading={!!loading}
        empty={empty}
        testId={(r) => attrs(r.row)['data-testid'] ?? 'phone-row'}
        render={({ row, depth }) => {
          const i = index.get(row) ?? 0;
          const { style, onClick } = attrs(row);
          const content = block(head && cell(head.column, row, i), actions && cell(actions.column, row, i), (l) => cell(l.column, row, i));
          const css = { paddingInlineStart: depth * 16, ...style };
          // A row that opens something (a school's dashboard) is a button: a tap, Enter or Space opens it.
          if (!onClick) return <div style={css}>{content}</div>;
          return (
            <button type="button" onClick={onClick} style={{ ...ROW_BUTTON, ...css }}>
              {content}
            </button>
          );
        }}
      />
      {phoneSummary && rows.length > 0 && (
        <div style={{ padding: '10px 12px', borderBlockStart: '1px solid #f0f0f0', fontWeight: 600 }} data-testid={phoneSummary.testId}>
          {block(phoneSummary.title, null, (l) => phoneSummary.cell(String(l.column.key ?? '')))}
        </div>
      )}
      {pager}
    </div>
  );
}

import type { ChildSummary } from '@carebridge/shared';
import { Button, Drawer, Empty, Flex, Grid, Segmented, Skeleton, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { LeftBehindTag } from '../children/ChildTags.tsx';
import { useChildLabels } from '../children/child-format.ts';
import { type ChildDrillQuery, type DrillSource, useDrillChildren } from './stats.api.ts';

/** One view of a drill-down: its label, how many children the dashboard counted, and their filters. */
export interface DrillPart {
  key: string;
  label: string;
  count: number;
  query: ChildDrillQuery;
}

export interface ChildDrill {
  /** "性别：女" — what was clicked. */
  title: string;
  /** The views, e.g. children reached / not reached / all of a coverage bar; the first is shown first. */
  parts: DrillPart[];
  /** GET /api/children (default) or GET /api/stats/children (coverage and terms). */
  source?: DrillSource;
  /** A further step from the list, e.g. "show this term on the dashboard". */
  action?: { label: string; onClick: () => void } | undefined;
  /** The days the children were counted over when not the dashboard's (a month's coverage bar, a term of the trend). */
  range?: { from: string; to: string };
}

/** A drill-down with one view: the children of a bar (`gender=female`). */
export const singleDrill = (title: string, count: number, query: ChildDrillQuery): ChildDrill => ({
  title,
  parts: [{ key: 'all', label: title, count, query }],
});

/**
 * The children behind a bar whose filter the children page does not offer (gender, risk level), behind
 * a coverage bar or a term (reached or not): page by page, each name linking to the archive.
 */
export function ChildrenDrawer({
  drill,
  scopeName,
  range,
  onClose,
}: {
  drill: ChildDrill | null;
  scopeName: string;
  /** The dashboard's days, shown unless the drill-down counts days of its own. */
  range: { from: string; to: string };
  onClose: () => void;
}) {
  const t = useT();
  const labels = useChildLabels();
  const wide = Grid.useBreakpoint().md;
  // The chosen view belongs to the drill-down it was chosen in; a new one starts at its first view.
  const [chosen, setChosen] = useState<{ drill: ChildDrill | null; key: string } | null>(null);
  const part = (chosen?.drill === drill ? drill?.parts.find((p) => p.key === chosen?.key) : undefined) ?? drill?.parts[0];
  const pages = useDrillChildren(drill?.source ?? 'children', part?.query ?? null);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const manySchools = new Set(rows.map((r) => r.schoolId)).size > 1;
  return (
    <Drawer
      open={!!drill}
      onClose={onClose}
      destroyOnHidden
      size={wide ? 640 : '100%'}
      title={
        <div style={{ minWidth: 0 }}>
          <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>{drill?.title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="stats-drawer-range">
            {`${scopeName} · ${t('stats.range', drill?.range ?? range)}`}
          </Typography.Text>
        </div>
      }
      extra={
        drill?.action && (
          <Button size="small" onClick={drill.action.onClick} data-testid="stats-drawer-action">
            {drill.action.label}
          </Button>
        )
      }
      data-testid="stats-children-drawer"
    >
      {drill && drill.parts.length > 1 && (
        <Segmented
          block
          value={part?.key}
          onChange={(k) => setChosen({ drill, key: String(k) })}
          options={drill.parts.map((p) => ({ value: p.key, label: t('validation.aside', { text: p.label, note: p.count }) }))}
          style={{ marginBottom: 12 }}
          data-testid="stats-drawer-parts"
        />
      )}
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      {pages.isLoading ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.drawerEmpty')} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="stats-drawer-count">
            {t('stats.drawerCount', { count: part?.count ?? rows.length, loaded: rows.length })}
          </Typography.Text>
          <Table<ChildSummary>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'name',
                title: labels.field('name'),
                render: (_, c) => (
                  <Link to={`/children/${c.id}`} style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                    {c.name}
                  </Link>
                ),
              },
              { key: 'gender', title: labels.field('gender'), render: (_, c) => labels.code('gender', c.gender) },
              { key: 'age', title: labels.field('age'), align: 'right', render: (_, c) => c.derived.age },
              ...(manySchools ? [{ key: 'school', title: labels.field('schoolId'), render: (_: unknown, c: ChildSummary) => c.schoolName }] : []),
              { key: 'class', title: labels.field('classId'), render: (_, c) => c.className ?? t('stats.noClass') },
              { key: 'type', title: labels.field('leftBehindType'), render: (_, c) => <LeftBehindTag type={c.derived.leftBehindType} /> },
            ]}
          />
          {pages.hasNextPage && (
            <Flex justify="center" style={{ padding: 12 }}>
              <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Drawer>
  );
}

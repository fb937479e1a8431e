import type { ChildSummary } from '@carebridge/shared';
import { Button, Drawer, Empty, Flex, Grid, Skeleton, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { LeftBehindTag } from '../children/ChildTags.tsx';
import { useChildLabels } from '../children/child-format.ts';
import { type ChildDrillQuery, useDrillChildren } from './stats.api.ts';

export interface ChildDrill {
  /** "性别：女" — what was clicked. */
  title: string;
  /** The count of the bar, to compare with the list. */
  count: number;
  query: ChildDrillQuery;
}

/**
 * The children behind a bar whose filter the children page does not offer (gender, risk level): the
 * same GET /api/children the list uses, page by page, each name linking to the archive.
 */
export function ChildrenDrawer({ drill, caption, onClose }: { drill: ChildDrill | null; caption: string; onClose: () => void }) {
  const t = useT();
  const labels = useChildLabels();
  const wide = Grid.useBreakpoint().md;
  const pages = useDrillChildren(drill?.query ?? null);
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
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {caption}
          </Typography.Text>
        </div>
      }
      data-testid="stats-children-drawer"
    >
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      {pages.isLoading ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.drawerEmpty')} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="stats-drawer-count">
            {t('stats.drawerCount', { count: drill?.count ?? rows.length, loaded: rows.length })}
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

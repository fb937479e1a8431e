import '../../i18n/activities.ts';
import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { ACTIVITY_STATUSES, type ActivityKind } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Input, Segmented, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { DateRangeFilter } from '../../components/DateRangeFilter.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { RegionFilterTag } from '../stats/RegionFilterTag.tsx';
import { ActivityCard, ActivityTable } from './ActivityItems.tsx';
import { type ActivityFilters, useActivityPages } from './activities.api.ts';
import { type ActivityStatus, isActivityKind, isActivityStatus, plansActivities, useKindOptions } from './activity-format.tsx';

type StatusFilter = ActivityStatus | 'all';
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The filters live in the URL, so that "back" from an activity, a reload or a shared link shows the same list. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const status = params.get('status');
  const from = params.get('from');
  const to = params.get('to');
  const filters: ActivityFilters = {};
  if (params.get('school')) filters.schoolId = params.get('school') ?? undefined;
  if (params.get('region')) filters.regionId = params.get('region') ?? undefined;
  if (isActivityKind(kind)) filters.kind = kind;
  if (isActivityStatus(status)) filters.status = status;
  if (from && ISO.test(from)) filters.from = from;
  if (to && ISO.test(to)) filters.to = to;
  if (params.get('q')) filters.q = params.get('q') ?? undefined;
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );
  return { filters, update };
}

/** 活动与会议: the activities of the schools the user works in, newest first, filtered on the server. */
export default function ActivitiesPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const schools = useSchools();
  const kindOptions = useKindOptions();
  const { filters, update } = useListState();
  const [typed, setTyped] = useState(filters.q ?? '');
  const pages = useActivityPages(filters, !!me);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const manySchools = (schools.data?.length ?? 0) > 1;
  const filtered = Object.keys(filters).length > 0;
  const status: StatusFilter = (filters.status as ActivityStatus | undefined) ?? 'all';
  const half = mobile ? 'calc(50% - 4px)' : undefined;

  return (
    <>
      <PageHeader
        title={t('activityList.title')}
        extra={
          <>
            <Button icon={<SafetyOutlined />} onClick={() => navigate('/safety')} data-testid="activity-safety-link">
              {t('safetyPage.title')}
            </Button>
            {plansActivities(me) && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/activities/new${filters.schoolId ? `?school=${filters.schoolId}` : ''}`)}
                data-testid="activity-create"
              >
                {t('activityList.create')}
              </Button>
            )}
          </>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('activityList.intro')}
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center">
          <RegionFilterTag regionId={filters.regionId} onClear={() => update({ region: undefined })} />
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => update({ status: v === 'all' ? undefined : v })}
            options={[{ value: 'all', label: t('common.all') }, ...ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.statuses.${s}`) }))]}
            data-testid="activity-filter-status"
          />
          {manySchools && (
            <SchoolPicker
              value={filters.schoolId}
              onChange={(id) => update({ school: id || undefined })}
              allowClear
              placeholder={t('activityList.allSchools')}
              schools={schools.data ?? []}
              loading={schools.isLoading}
              style={{ width: mobile ? '100%' : 240 }}
              data-testid="activity-filter-school"
            />
          )}
          <Select<ActivityKind>
            allowClear
            value={filters.kind as ActivityKind | undefined}
            onChange={(v: ActivityKind | undefined) => update({ kind: v })}
            placeholder={t('activityList.allKinds')}
            options={kindOptions}
            popupMatchSelectWidth={false}
            style={{ width: half ?? 190 }}
            data-testid="activity-filter-kind"
          />
          <DateRangeFilter
            picker="month"
            from={filters.from}
            to={filters.to}
            onChange={(from, to) => update({ from, to })}
            placeholder={[t('activityList.fromMonth'), t('activityList.toMonth')]}
            width={230}
            testId="activity-filter-months"
          />
          <Input.Search
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (!e.target.value) update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            allowClear
            maxLength={50}
            placeholder={t('activityList.search')}
            style={{ width: mobile ? '100%' : 220 }}
            data-testid="activity-filter-q"
          />
        </Flex>
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <div data-testid="activity-list" style={{ opacity: pages.isFetching && !pages.isFetchingNextPage ? 0.6 : 1 }}>
        {pages.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : rows.length === 0 ? (
          <Card>
            <Empty description={t(filtered ? 'activityList.emptyFiltered' : 'activityList.empty')}>
              {!filtered && plansActivities(me) && <Typography.Text type="secondary">{t('activityList.emptyHint')}</Typography.Text>}
            </Empty>
          </Card>
        ) : mobile ? (
          <Flex vertical gap={8}>
            {rows.map((a) => (
              <ActivityCard key={a.id} activity={a} showSchool={manySchools} />
            ))}
          </Flex>
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <ActivityTable items={rows} showSchool={manySchools} />
          </Card>
        )}
      </div>
      <Flex justify="center" align="center" gap={12} style={{ padding: 12 }}>
        {rows.length > 0 && <Typography.Text type="secondary">{t('activityList.loaded', { count: rows.length })}</Typography.Text>}
        {pages.hasNextPage ? (
          <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="activity-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}

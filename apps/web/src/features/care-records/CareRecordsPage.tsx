import { PlusOutlined } from '@ant-design/icons';
import { CARE_KINDS, type CareKind, type CareRecord } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Empty, Flex, Grid, Select, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { DateRangeFilter } from '../../components/DateRangeFilter.tsx';
import { LabelledSwitch } from '../../components/LabelledSwitch.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { RegionFilterTag } from '../stats/RegionFilterTag.tsx';
import { CareRecordDetail } from './CareRecordDetail.tsx';
import { CareRecordItem } from './CareRecordItem.tsx';
import { ChildSelect } from './ChildSelect.tsx';
import { isCareKind, KIND_META, useCareLabels } from './care-format.tsx';
import { type CareFilters, careKeys, useCarePages, useCareRecord } from './care-records.api.ts';

/** The list state lives in the URL, so that "back" from a record, a reload or a shared link shows the same list. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const me = useMe().data;
  const get = (k: string) => params.get(k) ?? undefined;
  const kind = get('kind');
  const filters: CareFilters = {
    schoolId: get('school'),
    regionId: get('region'),
    kind: isCareKind(kind) ? kind : undefined,
    from: get('from'),
    to: get('to'),
    childId: get('child'),
    authorId: get('mine') === '1' ? me?.user.id : undefined,
    followUp: get('followUp') === 'open' ? 'open' : undefined,
  };
  for (const k of Object.keys(filters) as (keyof CareFilters)[]) if (filters[k] === undefined) delete filters[k];
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
  return { params, filters, update };
}

/** The record open in the side drawer (fetched afresh; the list's copy shows meanwhile). */
function DetailDrawer({ id, listed, onClose }: { id: string | undefined; listed: CareRecord | undefined; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const record = useCareRecord(id);
  const shown = record.data ?? listed;
  return (
    <Drawer open={!!id} onClose={onClose} title={t('careRecords.detail')} size={screens.md ? 640 : '100%'} destroyOnHidden>
      {record.error && !shown && <QueryError error={record.error} onRetry={() => record.refetch()} />}
      {!shown && record.isLoading && (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      )}
      {shown && (
        <CareRecordDetail
          record={shown}
          onChanged={(r) => qc.setQueryData(careKeys.one(r.id), r)}
          onDeleted={() => {
            onClose();
            // Forget it once nothing shows it (removing it while still observed would ask the server for it again).
            setTimeout(() => id && qc.removeQueries({ queryKey: careKeys.one(id), type: 'inactive' }), 1000);
          }}
        />
      )}
    </Drawer>
  );
}

/** 关爱记录: every record the user may see, filtered on the server, newest first (只看待跟进: by follow-up date, the most overdue first), page by page. */
export default function CareRecordsPage() {
  const t = useT();
  const labels = useCareLabels();
  const navigate = useNavigate();
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const schools = useSchools();
  const { params, filters, update } = useListState();
  const pages = useCarePages(filters, !!me);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const writer = canManage(me, 'careRecords');
  const filtered = !!(filters.kind || filters.from || filters.to || filters.childId || filters.authorId || filters.followUp);
  const today = todayInShanghai();
  const openId = params.get('open') ?? undefined;
  const childInitial = useMemo(() => {
    const id = params.get('child');
    return id ? [{ id, name: params.get('childName') ?? id }] : [];
  }, [params]);

  const half = mobile ? 'calc(50% - 4px)' : undefined;
  return (
    <>
      <PageHeader
        title={t('careRecords.title')}
        extra={
          writer && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/care-records/new${filters.childId ? `?childId=${filters.childId}` : ''}`)}
              data-testid="care-create"
            >
              {t('careRecords.create')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap align="center">
          <RegionFilterTag regionId={filters.regionId} onClear={() => update({ region: undefined })} />
          {(schools.data?.length ?? 0) > 1 && (
            <SchoolPicker
              value={filters.schoolId}
              onChange={(id) => update({ school: id || undefined })}
              allowClear
              placeholder={t('careRecords.allSchools')}
              schools={schools.data ?? []}
              loading={schools.isLoading}
              style={{ width: mobile ? '100%' : 240 }}
              data-testid="care-filter-school"
            />
          )}
          <Select<CareKind>
            allowClear
            value={filters.kind as CareKind | undefined}
            onChange={(v: CareKind | undefined) => update({ kind: v })}
            placeholder={t('careRecords.allKinds')}
            options={CARE_KINDS.map((k) => ({
              value: k,
              label: (
                <span>
                  <span style={{ color: KIND_META[k].color, marginInlineEnd: 6 }}>{KIND_META[k].icon}</span>
                  {labels.kind(k)}
                </span>
              ),
            }))}
            style={{ width: half ?? 150 }}
            data-testid="care-filter-kind"
          />
          <ChildSelect
            value={filters.childId}
            initial={childInitial}
            onPick={(c) => update({ child: c[0]?.id, childName: c[0]?.name })}
            allowClear
            placeholder={t('careRecords.childFilter')}
            style={{ width: half ?? 180, minWidth: 0 }}
            data-testid="care-filter-child"
          />
          <DateRangeFilter from={filters.from} to={filters.to} onChange={(from, to) => update({ from, to })} testId="care-filter-dates" />
          {writer && (
            <LabelledSwitch
              checked={params.get('mine') === '1'}
              onChange={(v) => update({ mine: v ? '1' : undefined })}
              label={t('careRecords.mineOnly')}
              data-testid="care-filter-mine"
            />
          )}
          <LabelledSwitch
            checked={filters.followUp === 'open'}
            onChange={(v) => update({ followUp: v ? 'open' : undefined })}
            label={t('careRecords.openFollowUps')}
            data-testid="care-filter-follow-up"
          />
        </Flex>
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <div data-testid="care-list">
        {pages.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : rows.length === 0 ? (
          <Card>
            {/* With a filter on, records may well exist: not the hint to write the first one. */}
            <Empty description={t(filtered ? 'careRecords.emptyFiltered' : 'careRecords.empty')} data-testid="care-empty">
              {writer && !filtered && <Typography.Text type="secondary">{t('careRecords.emptyHint')}</Typography.Text>}
            </Empty>
          </Card>
        ) : (
          <Flex vertical gap={8} style={{ opacity: pages.isFetching && !pages.isFetchingNextPage ? 0.6 : 1 }}>
            {rows.map((r) => (
              <CareRecordItem key={r.id} record={r} today={today} onOpen={() => update({ open: r.id })} />
            ))}
          </Flex>
        )}
      </div>
      <Flex justify="center" align="center" gap={12} style={{ padding: 12 }}>
        {rows.length > 0 && <Typography.Text type="secondary">{t('careRecords.loaded', { count: rows.length })}</Typography.Text>}
        {pages.hasNextPage ? (
          <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="care-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
      <DetailDrawer id={openId} listed={rows.find((r) => r.id === openId)} onClose={() => update({ open: undefined })} />
    </>
  );
}

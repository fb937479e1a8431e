import '../../i18n/incidents.ts';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { INCIDENT_KINDS, type IncidentKind } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Segmented, Select, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { LabelledSwitch } from '../../components/LabelledSwitch.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ChainDrawer } from './ChainDrawer.tsx';
import { IncidentCard, IncidentTable } from './IncidentItems.tsx';
import { KIND_ICON } from './incident-format.tsx';
import { type IncidentFilters, useIncidentPages } from './incidents.api.ts';

const STATUSES = ['all', 'open', 'closed'] as const;
type StatusFilter = (typeof STATUSES)[number];
const isKind = (v: string | null): v is IncidentKind => !!v && (INCIDENT_KINDS as readonly string[]).includes(v);

/** The filters live in the URL, so that "back" from an incident, a reload or a shared link shows the same list. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const wanted = params.get('status');
  const status: StatusFilter = STATUSES.includes(wanted as StatusFilter) ? (wanted as StatusFilter) : 'all';
  const filters: IncidentFilters = { status };
  if (params.get('school')) filters.schoolId = params.get('school') ?? undefined;
  if (isKind(kind)) filters.kind = kind;
  if (params.get('attention') === 'true') filters.attention = 'true';
  if (params.get('ack') === 'awaiting') filters.acknowledgement = 'awaiting';
  if (params.get('child')) filters.childId = params.get('child') ?? undefined;
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
  return { filters, status, update, childName: params.get('childName') };
}

/** 安全事件: every incident about the children the user sees (details only for those who may read them), newest first. */
export default function IncidentsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const schools = useSchools();
  const { filters, status, update, childName } = useListState();
  const pages = useIncidentPages(filters, !!me);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const [chainOpen, setChainOpen] = useState(false);
  const manySchools = (schools.data?.length ?? 0) > 1;
  const filtered = !!(filters.kind || filters.attention || filters.acknowledgement || filters.schoolId || filters.childId || status !== 'all');
  // The bureau acknowledges what schools report to it (签收): it filters for what still awaits it.
  const bureau = !!me?.roles.some((r) => r.role === 'bureau_officer');

  return (
    <>
      <PageHeader
        title={t('incidentList.title')}
        extra={
          <>
            {canManage(me, 'incidentChain') && (
              <Button icon={<ApartmentOutlined />} onClick={() => setChainOpen(true)} data-testid="incident-chain-open">
                {t('incidentList.chain')}
              </Button>
            )}
            {canManage(me, 'incidents') && (
              <Button type="primary" danger icon={<PlusOutlined />} onClick={() => navigate('/incidents/new')} data-testid="incident-create">
                {t('incidentList.report')}
              </Button>
            )}
          </>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('incidentList.intro')}
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center">
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => update({ status: v === 'all' ? undefined : v })}
            options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('common.all') : t(`incidents.status.${s}`) }))}
            data-testid="incident-filter-status"
          />
          {manySchools && (
            <SchoolPicker
              value={filters.schoolId}
              onChange={(id) => update({ school: id || undefined })}
              allowClear
              placeholder={t('incidentList.allSchools')}
              schools={schools.data ?? []}
              loading={schools.isLoading}
              style={{ width: mobile ? '100%' : 240 }}
              data-testid="incident-filter-school"
            />
          )}
          <Select<IncidentKind>
            allowClear
            value={filters.kind as IncidentKind | undefined}
            onChange={(v: IncidentKind | undefined) => update({ kind: v })}
            placeholder={t('incidentList.allKinds')}
            options={INCIDENT_KINDS.map((k) => ({
              value: k,
              label: (
                <span>
                  <span style={{ marginInlineEnd: 6 }}>{KIND_ICON[k]}</span>
                  {t(`incidents.kinds.${k}`)}
                </span>
              ),
            }))}
            style={{ width: mobile ? 'calc(50% - 4px)' : 190 }}
            data-testid="incident-filter-kind"
          />
          {filters.childId && (
            <Tag closable onClose={() => update({ child: undefined, childName: undefined })} style={{ marginInlineEnd: 0 }} data-testid="incident-filter-child">
              {t('incidentList.childFilter', { name: childName || '…' })}
            </Tag>
          )}
          <LabelledSwitch
            checked={filters.attention === 'true'}
            onChange={(v) => update({ attention: v ? 'true' : undefined })}
            label={t('incidentList.attentionOnly')}
            data-testid="incident-filter-attention"
          />
          {bureau && (
            <LabelledSwitch
              checked={filters.acknowledgement === 'awaiting'}
              onChange={(v) => update({ ack: v ? 'awaiting' : undefined })}
              label={t('incidentList.awaitingAcknowledgementOnly')}
              data-testid="incident-filter-awaiting-acknowledgement"
            />
          )}
        </Flex>
      </PageHeader>
      <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      <div data-testid="incident-list" style={{ opacity: pages.isFetching && !pages.isFetchingNextPage ? 0.6 : 1 }}>
        {pages.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : rows.length === 0 ? (
          <Card>
            <Empty description={t(filtered ? 'incidentList.emptyFiltered' : 'incidentList.empty')} />
          </Card>
        ) : mobile ? (
          <Flex vertical gap={8}>
            {rows.map((i) => (
              <IncidentCard key={i.id} incident={i} showSchool={manySchools} />
            ))}
          </Flex>
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <IncidentTable items={rows} showSchool={manySchools} />
          </Card>
        )}
      </div>
      <Flex justify="center" align="center" gap={12} style={{ padding: 12 }}>
        {rows.length > 0 && <Typography.Text type="secondary">{t('incidentList.loaded', { count: rows.length })}</Typography.Text>}
        {pages.hasNextPage ? (
          <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="incident-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
      <ChainDrawer open={chainOpen} onClose={() => setChainOpen(false)} />
    </>
  );
}

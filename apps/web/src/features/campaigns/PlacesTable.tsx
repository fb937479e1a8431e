import type { Campaign, CampaignPlace } from '@carebridge/shared';
import { App, Button, Card, Flex, Grid, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { KindTag, nums } from './campaign-format.tsx';
import { campaignsApi, useCampaignInvalidate } from './campaigns.api.ts';
import { FollowUpTag } from './GroupVisits.tsx';

/** The group filter: a group's id, the places without a group, or all. */
type GroupFilter = string;
const ALL = '*';
const NONE = '-';

/** Every place of the campaign; the organiser ticks places and deals them to a group (or takes them from their group). */
export function PlacesTable({ campaign: c, places, loading }: { campaign: Campaign; places: CampaignPlace[]; loading: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useCampaignInvalidate();
  const narrow = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useState<GroupFilter>(ALL);
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const groupName = useMemo(() => new Map(c.groups.map((g) => [g.id, g.name])), [c.groups]);
  const shown = places.filter((p) => filter === ALL || (filter === NONE ? !p.groupId : p.groupId === filter));

  const assign = async () => {
    if (!target || !selected.length) return;
    setBusy(true);
    try {
      const next = await campaignsApi.assign(c.id, selected, target === NONE ? null : target);
      invalidate(c.id, next);
      message.success(t('campaignDetail.assigned', { count: selected.length }));
      setSelected([]);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<CampaignPlace> = [
    {
      key: 'place',
      title: t('campaignDetail.place'),
      render: (_, p) => (
        <Flex gap={6} align="center" wrap>
          <KindTag kind={p.kind} />
          <Typography.Text strong>{p.label}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'children',
      title: t('campaignDetail.children'),
      render: (_, p) => (
        <Flex vertical>
          {p.children.map((k) => (
            <span key={k.id}>
              {k.name}
              {k.className && <Typography.Text type="secondary"> {k.className}</Typography.Text>}
            </span>
          ))}
        </Flex>
      ),
    },
    { key: 'address', title: t('campaignDetail.address'), render: (_, p) => p.address ?? '' },
    {
      key: 'group',
      title: t('campaignDetail.group'),
      width: 110,
      render: (_, p) => (p.groupId ? groupName.get(p.groupId) : <Tag color="warning">{t('campaignDetail.noGroup')}</Tag>),
    },
    {
      key: 'status',
      title: t('campaignDetail.status'),
      width: 240,
      render: (_, p) =>
        p.visitedAt ? (
          <Flex gap={6} wrap align="center">
            <Typography.Text type="success" style={nums} data-testid="place-visited">
              {t('campaignDetail.visitedBy', { by: p.visitedBy ?? '', at: shanghaiTime(p.visitedAt).slice(5) })}
            </Typography.Text>
            <FollowUpTag place={p} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('campaignDetail.notVisited')}</Typography.Text>
        ),
    },
  ];

  const groupOptions = c.groups.map((g) => ({ value: g.id, label: g.name }));
  return (
    <Card
      size="small"
      title={`${t('campaignDetail.places')} (${places.length})`}
      extra={
        <Select<GroupFilter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setSelected([]);
          }}
          options={[{ value: ALL, label: t('campaignDetail.filterAll') }, ...groupOptions, { value: NONE, label: t('campaignDetail.noGroup') }]}
          popupMatchSelectWidth={false}
          style={{ width: 130 }}
          data-testid="places-filter"
        />
      }
      styles={{ body: { padding: 0 } }}
      data-testid="campaign-places"
    >
      <Flex gap={8} wrap align="center" style={{ padding: 12 }}>
        <Typography.Text>{t('campaignDetail.assignTo')}</Typography.Text>
        <Select
          value={target}
          onChange={setTarget}
          options={[...groupOptions, { value: NONE, label: t('campaignDetail.unassign') }]}
          placeholder={t('campaignDetail.group')}
          popupMatchSelectWidth={false}
          style={{ width: narrow ? 'calc(100% - 80px)' : 160 }}
          data-testid="assign-group"
        />
        <Button type="primary" disabled={!target || !selected.length} loading={busy} onClick={assign} data-testid="assign-submit">
          {selected.length ? t('campaignDetail.assign', { count: selected.length }) : t('campaignDetail.selectFirst')}
        </Button>
      </Flex>
      <Table<CampaignPlace>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={shown}
        // A place's `children` are pupils, not sub-rows of a tree.
        expandable={{ childrenColumnName: 'subPlaces' }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        onRow={() => ({ 'data-testid': 'place-row' }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}

import { CheckCircleFilled, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import type { Campaign, CampaignPlace } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { KindTag, nums, usePunctuation, VisitProgress } from './campaign-format.tsx';
import { useCampaignPlaces } from './campaigns.api.ts';
import { VisitForm } from './VisitForm.tsx';
import { visitIssues } from './visit-issues.ts';

/** The children of a place: "王小明（三年级1班）、王小红（一年级2班）". */
export function ChildrenText({ place }: { place: CampaignPlace }) {
  const p = usePunctuation();
  return <>{p.list(place.children.map((k) => (k.className ? p.aside(k.name, k.className) : k.name)))}</>;
}

/** 需跟进: a visited place whose checklist found problems, apart from the all-clear ones. Nothing otherwise. */
export function FollowUpTag({ place }: { place: CampaignPlace }) {
  const t = useT();
  if (!visitIssues(place)) return null;
  return (
    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="visit-follow-up">
      {t('campaignVisit.followUp')}
    </Tag>
  );
}

function PlaceCard({
  campaign,
  place: p,
  open,
  onOpen,
  onClose,
}: {
  campaign: Campaign;
  place: CampaignPlace;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const done = !!p.visitedAt;
  return (
    <Card
      size="small"
      data-testid="visit-place"
      data-visited={done}
      style={done ? { background: 'var(--ant-color-success-bg, #f6ffed)', borderColor: 'var(--ant-color-success-border, #b7eb8f)' } : undefined}
      styles={{ body: { padding: 12 } }}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16, minWidth: 0, overflowWrap: 'anywhere' }}>
            {p.label}
          </Typography.Text>
          <KindTag kind={p.kind} />
        </Flex>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>
          <ChildrenText place={p} />
        </Typography.Text>
        {p.address && (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            <EnvironmentOutlined style={{ marginInlineEnd: 4 }} />
            {p.address}
          </Typography.Text>
        )}
        {done ? (
          <Flex gap={8} wrap align="center">
            <Typography.Text type="success" data-testid="visit-done">
              <CheckCircleFilled style={{ marginInlineEnd: 6 }} />
              {t('campaignVisit.done')}{' '}
              <span style={nums}>{t('campaignVisit.doneAt', { at: shanghaiTime(p.visitedAt as string).slice(11), by: p.visitedBy ?? '' })}</span>
            </Typography.Text>
            <FollowUpTag place={p} />
          </Flex>
        ) : open ? (
          <VisitForm campaign={campaign} place={p} onClose={onClose} />
        ) : (
          <Button type="primary" size="large" block onClick={onOpen} icon={<RightOutlined />} iconPlacement="end" data-testid="visit-start">
            {t('campaignVisit.start')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

/** A group's places as cards for a phone: the ones still to visit first, each opening its checklist. */
export function GroupVisits({ campaign: c, groupId }: { campaign: Campaign; groupId: string }) {
  const t = useT();
  const places = useCampaignPlaces(c.id, groupId);
  const [openId, setOpenId] = useState<string | null>(null);
  const group = c.groups.find((g) => g.id === groupId);
  if (places.isLoading)
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  const items = [...(places.data ?? [])].sort((a, b) => Number(!!a.visitedAt) - Number(!!b.visitedAt));
  const visited = items.filter((p) => p.visitedAt).length;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }} data-testid="group-visits">
      <QueryError error={places.error} onRetry={() => places.refetch()} />
      <div>
        <Typography.Text strong>{group?.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid="group-progress">
          {t('campaignVisit.progress', { visited, total: items.length })}
        </Typography.Text>
        <VisitProgress visited={visited} total={items.length} />
      </div>
      {items.length === 0 ? (
        <Card>
          <Empty description={t('campaignVisit.empty')} />
        </Card>
      ) : (
        items.map((p) => (
          <PlaceCard
            key={p.id}
            campaign={c}
            place={p}
            open={openId === p.id}
            onOpen={() => setOpenId(p.id)}
            onClose={() => setOpenId((o) => (o === p.id ? null : o))}
          />
        ))
      )}
    </Flex>
  );
}

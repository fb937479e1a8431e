import { ExclamationCircleOutlined, FlagOutlined, RightOutlined } from '@ant-design/icons';
import type { CareRecord } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { KindTag } from './CareParts.tsx';
import { careApi, careKeys } from './care-records.api.ts';
import { dueSoon, dueWhen } from './follow-up-due.ts';

/** Asked for at once: the list comes most overdue first, so the first page holds what is due soonest. */
const FETCHED = 50;
/** A list shows this many until "show all". */
const SHOWN = 5;
const RED = '#cf1322';
/** The list of all one's open follow-ups (the care-record list's 只看我写的 + 只看待跟进). */
export const MY_FOLLOW_UPS = '/care-records?followUp=open&mine=1';

function FollowUpRow({ record: r, today }: { record: CareRecord; today: string }) {
  const t = useT();
  const navigate = useNavigate();
  const when = dueWhen(r.followUpDate ?? today, today);
  const open = () => navigate(`/care-records/${r.id}`);
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
      data-testid="follow-up-item"
      data-overdue={when.overdue ? '1' : '0'}
      style={{ borderInlineStart: `3px solid ${when.overdue ? RED : '#d46b08'}`, minWidth: 0 }}
      styles={{ body: { padding: '8px 10px' } }}
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          <KindTag kind={r.kind} />
          <Typography.Text strong style={{ wordBreak: 'break-all' }}>
            {r.children.map((c) => c.name).join(t('followUps.sep'))}
          </Typography.Text>
        </Flex>
        <Tag color={when.overdue ? 'red' : 'orange'} icon={when.overdue ? <ExclamationCircleOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
          {t(when.key, { days: when.days })}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4, fontVariantNumeric: 'tabular-nums' }}>
        {t('followUps.dates', { date: r.date, due: r.followUpDate ?? '' })}
      </Typography.Text>
      {r.summary && (
        <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '2px 0 0', fontSize: 13 }}>
          {r.summary}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/**
 * 我的待跟进 on the workbench: the caller's own records whose follow-up is overdue or due within a
 * week and not yet marked done, most overdue first; each opens its record, where 标记已跟进 closes it.
 * For every author (mentor, class teacher, counsellor …); nothing is shown when there is none.
 */
export function FollowUpsPanel() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const [all, setAll] = useState(false);
  const today = todayInShanghai();
  const userId = me?.user.id ?? '';
  // Under the lists' key, so that a record written, closed or withdrawn anywhere refreshes it.
  const mine = useQuery({
    queryKey: [...careKeys.lists, 'follow-ups', userId],
    queryFn: () => careApi.page({ authorId: userId, followUp: 'open' }, null, FETCHED),
    enabled: !!userId,
  });
  if (mine.error) return <QueryError error={mine.error} onRetry={() => mine.refetch()} />;
  const items = dueSoon(mine.data?.items ?? [], today);
  if (!items.length) return null;
  const overdue = items.filter((r) => (r.followUpDate ?? today) < today).length;
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <FlagOutlined style={{ color: '#c2410c' }} />
          <span>{t('followUps.title')}</span>
          <Badge count={items.length} overflowCount={99} color={overdue ? RED : '#d46b08'} />
        </Flex>
      }
      extra={
        <Button type="link" style={{ paddingInline: 0 }} onClick={() => navigate(MY_FOLLOW_UPS)} data-testid="workbench-follow-ups-all">
          {t('followUps.all')} <RightOutlined />
        </Button>
      }
      styles={{ body: { padding: 12 } }}
      data-testid="workbench-follow-ups"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
        {overdue ? t('followUps.introOverdue', { count: overdue }) : t('followUps.intro')}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {items.map((r, n) => (
          <div key={r.id} hidden={!all && n >= SHOWN}>
            <FollowUpRow record={r} today={today} />
          </div>
        ))}
        {items.length > SHOWN && (
          <Button type="link" onClick={() => setAll(!all)} style={{ alignSelf: 'center' }} data-testid="workbench-follow-ups-more">
            {all ? t('followUps.showLess') : t('followUps.showAll', { count: items.length })}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

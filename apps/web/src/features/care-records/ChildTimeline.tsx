import { EditOutlined, FlagOutlined, PlusOutlined } from '@ant-design/icons';
import type { ActivitySummary, CareRecord, Child, ChildHistoryEntry, TimelineItem } from '@carebridge/shared';
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime, todayInShanghai } from '../../lib/dates.ts';
import { useChildLabels } from '../children/child-format.ts';
import { FollowUpTag, PhotoThumbs, RedactedNote } from './CareParts.tsx';
import { KIND_META, useCareLabels } from './care-format.tsx';
import { useTimeline } from './care-records.api.ts';

const ACTIONS = ['create', 'update', 'status', 'transfer', 'import'] as const;
const SHOWN_FIELDS = 4;

function CareEntry({ record: r, today }: { record: CareRecord; today: string }) {
  const t = useT();
  const labels = useCareLabels();
  const meta = KIND_META[r.kind];
  return (
    <div data-testid="timeline-care">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong style={{ color: meta.color }}>
          {labels.kind(r.kind)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {r.date}
        </Typography.Text>
        {!r.redacted && r.authorName && <Typography.Text type="secondary">{r.authorName}</Typography.Text>}
        {r.children.length > 1 && <Typography.Text type="secondary">{r.children.map((c) => c.name).join(labels.sep)}</Typography.Text>}
        <FollowUpTag record={r} today={today} />
      </Flex>
      {r.redacted ? (
        <RedactedNote confidential={r.confidential} />
      ) : (
        <>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
            {r.summary}
          </Typography.Paragraph>
          {r.photos.length > 0 && (
            <div style={{ marginBottom: 4 }}>
              <PhotoThumbs photos={r.photos} size={72} testId="timeline-photo" />
            </div>
          )}
          <Link to={`/care-records/${r.id}`} style={{ fontSize: 13 }}>
            {t('timeline.open')}
          </Link>
        </>
      )}
    </div>
  );
}

function HistoryEntry({ entry: e }: { entry: ChildHistoryEntry }) {
  const t = useT();
  const labels = useChildLabels();
  const action = (ACTIONS as readonly string[]).includes(e.action) ? t(`childDetail.historyActions.${e.action as (typeof ACTIONS)[number]}`) : e.action;
  const names = e.changes.map((c) => labels.field(c.field));
  const shown = names.slice(0, SHOWN_FIELDS).join(labels.sep) + (names.length > SHOWN_FIELDS ? '…' : '');
  return (
    <div data-testid="timeline-history" style={{ fontSize: 13 }}>
      <Typography.Text type="secondary">
        {t('timeline.archive', { user: e.userName ?? t('childDetail.historySystem'), action })} · {shanghaiTime(e.at)}
      </Typography.Text>
      {names.length > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('timeline.fields', { count: names.length, fields: shown })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** 时间线: the child's care records (by kind, with photos) and archive changes (compact), newest first. */
/** An activity the child attended (a discussion meeting, a safety lesson), linking to it. */
function ActivityEntry({ activity }: { activity: ActivitySummary }) {
  const t = useT();
  const kind = activity.kind === 'other' && activity.customKind ? activity.customKind : t(`activities.kinds.${activity.kind}`);
  return (
    <div data-testid="timeline-activity">
      <Typography.Text type="secondary">{activity.date}</Typography.Text> <Tag color="purple">{kind}</Tag>
      <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
    </div>
  );
}

export function ChildTimeline({ child, active }: { child: Child; active: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const timeline = useTimeline(child.id, active);
  const today = todayInShanghai();
  const writer = canManage(me, 'careRecords') && child.status === 'active';
  const items = timeline.data ?? [];
  return (
    <div data-testid="child-timeline">
      {writer && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/care-records/new?childId=${child.id}`, { state: { childName: child.name, schoolId: child.schoolId } })}
            data-testid="child-timeline-add"
          >
            {t('timeline.add')}
          </Button>
        </Flex>
      )}
      {timeline.isLoading ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : timeline.error ? (
        <QueryError error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((item: TimelineItem) =>
            item.type === 'care'
              ? {
                  key: `c-${item.record.id}`,
                  color: KIND_META[item.record.kind].color,
                  icon: <span style={{ color: KIND_META[item.record.kind].color, fontSize: 16 }}>{KIND_META[item.record.kind].icon}</span>,
                  content: <CareEntry record={item.record} today={today} />,
                }
              : item.type === 'activity'
                ? {
                    key: `a-${item.activity.id}`,
                    color: 'purple',
                    icon: <FlagOutlined style={{ color: '#722ed1', fontSize: 14 }} />,
                    content: <ActivityEntry activity={item.activity} />,
                  }
                : {
                    key: `h-${item.entry.id}`,
                    color: 'gray',
                    icon: <EditOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />,
                    content: <HistoryEntry entry={item.entry} />,
                  },
          )}
        />
      )}
    </div>
  );
}

import { EnvironmentOutlined, RetweetOutlined, TeamOutlined } from '@ant-design/icons';
import type { ActivitySummary } from '@carebridge/shared';
import { Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { KindTag, StatusTag, TopicTags, timeText } from './activity-format.tsx';

const nums = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function When({ a }: { a: ActivitySummary }) {
  return (
    <Typography.Text style={nums}>
      {a.date}
      {a.startTime && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
          {timeText(a)}
        </Typography.Text>
      )}
    </Typography.Text>
  );
}

/** "12/30 人出席 · 成人 3 人", or "未登记" before anyone is on the sheet. */
export function AttendanceCount({ a }: { a: Pick<ActivitySummary, 'attendance'> }) {
  const t = useT();
  const { children, present, adults } = a.attendance;
  if (!children && !adults) return <Typography.Text type="secondary">{t('activityList.noAttendance')}</Typography.Text>;
  return (
    <Typography.Text style={nums} data-testid="activity-attendance-count">
      <TeamOutlined style={{ marginInlineEnd: 4 }} />
      {t('activityList.present', { present, children })}
      {adults > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
          {t('activityList.adults', { count: adults })}
        </Typography.Text>
      )}
    </Typography.Text>
  );
}

function TitleCell({ a }: { a: ActivitySummary }) {
  const t = useT();
  return (
    <div style={{ minWidth: 160, maxWidth: 360, whiteSpace: 'normal' }}>
      <Typography.Text strong>{a.title}</Typography.Text>
      {a.seriesId && <RetweetOutlined title={t('activityList.series')} style={{ marginInlineStart: 6, color: '#8c8c8c' }} />}
      {(a.place || a.capacity) && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {a.place && (
            <>
              <EnvironmentOutlined /> {a.place}
            </>
          )}
          {a.place && a.capacity ? ' · ' : ''}
          {a.capacity ? t('activityList.capacity', { count: a.capacity }) : ''}
        </Typography.Text>
      )}
    </div>
  );
}

/** Activities as a table (computers); a row opens the activity. */
export function ActivityTable({ items, showSchool }: { items: ActivitySummary[]; showSchool: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const columns: ColumnsType<ActivitySummary> = [
    { key: 'date', title: t('activityList.date'), width: 150, render: (_, a) => <When a={a} /> },
    { key: 'kind', title: t('activityList.kind'), render: (_, a) => <KindTag activity={a} /> },
    { key: 'title', title: t('activityList.activity'), render: (_, a) => <TitleCell a={a} /> },
    ...(showSchool ? [{ key: 'school', title: t('activityDetail.school'), render: (_: unknown, a: ActivitySummary) => a.schoolName }] : []),
    { key: 'target', title: t('activityList.target'), render: (_, a) => a.targetLabel },
    { key: 'status', title: t('activityList.status'), width: 100, render: (_, a) => <StatusTag status={a.status} /> },
    { key: 'attendance', title: t('activityList.attendance'), render: (_, a) => <AttendanceCount a={a} /> },
    {
      key: 'topics',
      title: t('activityList.topics'),
      render: (_, a) => (
        <div style={{ maxWidth: 260 }}>
          <TopicTags topics={a.topics} max={4} />
        </div>
      ),
    },
  ];
  return (
    <Table<ActivitySummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 900 }}
      onRow={(a) => ({
        onClick: () => navigate(`/activities/${a.id}`),
        style: { cursor: 'pointer', opacity: a.status === 'cancelled' ? 0.6 : 1 },
        'data-testid': 'activity-row',
      })}
    />
  );
}

/** One activity as a card (phones). */
export function ActivityCard({ activity: a, showSchool }: { activity: ActivitySummary; showSchool?: boolean }) {
  const navigate = useNavigate();
  const open = () => navigate(`/activities/${a.id}`);
  return (
    <Card
      size="small"
      hoverable
      onClick={open}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
      style={{ opacity: a.status === 'cancelled' ? 0.7 : 1 }}
      data-testid="activity-row"
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <When a={a} />
        <StatusTag status={a.status} />
      </Flex>
      <div style={{ marginTop: 6 }}>
        <TitleCell a={a} />
      </div>
      <Flex gap={6} wrap align="center" style={{ marginTop: 6 }}>
        <KindTag activity={a} />
        <Typography.Text type="secondary">{a.targetLabel}</Typography.Text>
      </Flex>
      {a.topics.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <TopicTags topics={a.topics} />
        </div>
      )}
      <Flex justify="space-between" gap={8} wrap style={{ marginTop: 6 }}>
        <AttendanceCount a={a} />
        {showSchool && <Typography.Text type="secondary">{a.schoolName}</Typography.Text>}
      </Flex>
    </Card>
  );
}

import '../../i18n/events.ts';
import { EnvironmentOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { EventView } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { isAdmin, nums, organiserChoices, RegistrationTag, registrationOf } from './event-format.tsx';
import { useEvents } from './events.api.ts';

function TitleCell({ e }: { e: EventView }) {
  const t = useT();
  return (
    <div style={{ minWidth: 0, whiteSpace: 'normal' }}>
      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
        {e.title}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[`${t('eventList.organiser')} ${e.organiser}`, e.sport].filter(Boolean).join(' · ')}
        {e.place && (
          <>
            {' · '}
            <EnvironmentOutlined /> {e.place}
          </>
        )}
      </Typography.Text>
    </div>
  );
}

function Window({ e }: { e: EventView }) {
  const t = useT();
  return (
    <Typography.Text style={nums}>
      {e.registrationOpens} – {e.registrationDeadline}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('eventList.deadline', { date: e.registrationDeadline })}
      </Typography.Text>
    </Typography.Text>
  );
}

function TeamCount({ e }: { e: EventView }) {
  const t = useT();
  return (
    <Typography.Text style={nums} data-testid="event-team-count">
      <TeamOutlined style={{ marginInlineEnd: 4 }} />
      {t('eventList.teamCount', { count: e.teams })}
    </Typography.Text>
  );
}

/** 赛事报名: the events the user organises or may register for, latest event date first. */
export default function EventsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const events = useEvents(!!me);
  const today = useMemo(todayInShanghai, []);
  const rows = events.data ?? [];
  const organises = organiserChoices(me).length > 0 || isAdmin(me);
  const open = (e: EventView) => navigate(`/events/${e.id}`);

  const columns: ColumnsType<EventView> = [
    { key: 'title', title: t('eventList.event'), render: (_, e) => <TitleCell e={e} /> },
    { key: 'registration', title: t('eventList.registration'), width: 220, render: (_, e) => <Window e={e} /> },
    { key: 'date', title: t('eventList.eventDate'), width: 120, render: (_, e) => <span style={nums}>{e.eventDate}</span> },
    { key: 'state', title: '', width: 110, render: (_, e) => <RegistrationTag state={registrationOf(e, today)} /> },
    { key: 'teams', title: t('eventList.teams'), width: 120, render: (_, e) => <TeamCount e={e} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('eventList.title')}
        extra={
          organises && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/events/new')} data-testid="event-create">
              {t('eventList.create')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('eventList.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <QueryError error={events.error} onRetry={() => events.refetch()} />
      <div data-testid="event-list">
        {events.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : rows.length === 0 ? (
          <Card>
            <Empty description={t('eventList.empty')}>{organises && <Typography.Text type="secondary">{t('eventList.emptyHint')}</Typography.Text>}</Empty>
          </Card>
        ) : mobile ? (
          <Flex vertical gap={8}>
            {rows.map((e) => (
              <Card
                key={e.id}
                size="small"
                hoverable
                role="button"
                tabIndex={0}
                onClick={() => open(e)}
                onKeyDown={(k) => {
                  if (k.key === 'Enter') open(e);
                }}
                data-testid="event-row"
              >
                <Flex justify="space-between" align="start" gap={8}>
                  <TitleCell e={e} />
                  <RegistrationTag state={registrationOf(e, today)} />
                </Flex>
                <Flex justify="space-between" gap={8} wrap style={{ marginTop: 8 }}>
                  <Window e={e} />
                  <Flex vertical align="end">
                    <span style={nums}>
                      {t('eventList.eventDate')} {e.eventDate}
                    </span>
                    <TeamCount e={e} />
                  </Flex>
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <Table<EventView>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              pagination={false}
              onRow={(e) => ({ onClick: () => open(e), style: { cursor: 'pointer' }, 'data-testid': 'event-row' }) as React.HTMLAttributes<HTMLElement>}
            />
          </Card>
        )}
      </div>
    </>
  );
}

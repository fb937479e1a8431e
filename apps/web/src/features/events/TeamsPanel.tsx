import { CheckOutlined, EditOutlined, RollbackOutlined, WarningOutlined } from '@ant-design/icons';
import type { EventView, Team } from '@carebridge/shared';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Grid, Input, Modal, Popconfirm, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { memberCounts, nums, TeamStatusTag, unitNames } from './event-format.tsx';
import { eventsApi, useEventInvalidate, useTeams } from './events.api.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** Who is on the team: role, name, shirt number, gender, whether a leader or coach also plays, note. */
export function MemberList({ team }: { team: Team }) {
  const t = useT();
  const rows = team.members.map((m, i) => ({ ...m, key: `${i}` }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="team-members"
      columns={[
        { key: 'i', title: '#', width: 40, render: (_, __, i) => i + 1 },
        { key: 'role', title: t('teamForm.role'), width: 72, render: (_, m) => t(`events.roles.${m.role}`) },
        { key: 'name', title: t('teamForm.memberName'), dataIndex: 'name' },
        { key: 'number', title: t('teamForm.number'), width: 60, render: (_, m) => <span style={nums}>{m.number ?? ''}</span> },
        { key: 'gender', title: t('teamForm.gender'), width: 60, render: (_, m) => (m.gender ? t(`eventDetail.genders.${m.gender}`) : '') },
        { key: 'plays', title: t('teamForm.plays'), width: 80, render: (_, m) => (m.role !== 'player' && m.plays ? <CheckOutlined /> : '') },
        { key: 'note', title: t('teamForm.note'), dataIndex: 'note' },
      ]}
    />
  );
}

/** What is wrong with the team now (the server's words), or that it meets the rules. */
function Problems({ team }: { team: Team }) {
  const t = useT();
  if (!team.problems.length)
    return (
      <Typography.Text type="success" style={{ whiteSpace: 'nowrap' }}>
        <CheckOutlined /> {t('eventDetail.noProblems')}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={2} data-testid="team-problems">
      {team.problems.map((p) => (
        <Typography.Text key={`${p.code}|${p.path}`} type="danger" style={{ fontSize: 13 }}>
          <WarningOutlined /> {p.message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The notes under a team: the joint team's reason and the organiser's return reason. */
function Notes({ team, withReturn }: { team: Team; withReturn: boolean }) {
  const t = useT();
  return (
    <>
      {withReturn && team.status === 'returned' && team.returnReason && (
        <Alert
          type="warning"
          showIcon
          title={<span style={pre}>{t('eventDetail.returnReason', { reason: team.returnReason })}</span>}
          style={{ marginBottom: 8 }}
          data-testid="team-return-reason"
        />
      )}
      {team.jointReason && (
        <Typography.Paragraph type="secondary" style={{ ...pre, marginBottom: 8 }}>
          {t('eventDetail.jointReason', { reason: team.jointReason })}
        </Typography.Paragraph>
      )}
    </>
  );
}

function TeamName({ team, event }: { team: Team; event: EventView }) {
  const t = useT();
  const c = memberCounts(event.rules, team.members);
  return (
    <div style={{ minWidth: 0, whiteSpace: 'normal' }}>
      <Typography.Text strong data-testid="team-name">
        {team.name}
      </Typography.Text>
      {team.units.length > 1 && (
        <Tag color="purple" style={{ marginInlineStart: 6 }}>
          {t('eventDetail.joint')}
        </Tag>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('eventDetail.members', { players: c.players, leaders: c.leaders, coaches: c.coaches })}
      </Typography.Text>
    </div>
  );
}

/** Approve (after a confirmation) or return with a reason; only the organiser, only a submitted team. */
function ReviewActions({ team, event }: { team: Team; event: EventView }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useEventInvalidate();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<Team>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setReturning(false);
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
      else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      invalidate(event.id);
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap onClick={(e) => e.stopPropagation()}>
      <Popconfirm
        title={t('eventDetail.approveConfirm', { name: team.name })}
        okText={t('eventDetail.approve')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'team-approve-confirm' } as Record<`data-${string}`, string>}
        onConfirm={() => run(() => eventsApi.approve(event.id, team.id, team.version), t('eventDetail.approved'))}
      >
        <Button type="primary" size="small" icon={<CheckOutlined />} loading={busy} data-testid="team-approve">
          {t('eventDetail.approve')}
        </Button>
      </Popconfirm>
      <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="team-return">
        {t('eventDetail.return')}
      </Button>
      <Modal
        open={returning}
        title={t('eventDetail.returnTitle', { name: team.name })}
        onCancel={() => setReturning(false)}
        onOk={() => run(() => eventsApi.return(event.id, team.id, reason.trim(), team.version), t('eventDetail.returned'))}
        okText={t('eventDetail.return')}
        okButtonProps={
          { danger: true, disabled: !reason.trim(), loading: busy, 'data-testid': 'team-return-confirm' } as Record<`data-${string}`, string> & {
            danger: boolean;
            disabled: boolean;
            loading: boolean;
          }
        }
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('eventDetail.returnHint')}</Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={300}
          showCount
          placeholder={t('eventDetail.returnPlaceholder')}
          aria-label={t('eventFields.reason')}
          data-testid="team-return-reason-input"
        />
      </Modal>
    </Flex>
  );
}

function Actions({ team, event }: { team: Team; event: EventView }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Flex gap={8} wrap>
      {event.canManage && team.status === 'submitted' && <ReviewActions team={team} event={event} />}
      {team.canEdit && (
        <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/events/${event.id}/teams/${team.id}`)} data-testid="team-edit">
          {t('eventDetail.editTeam')}
        </Button>
      )}
    </Flex>
  );
}

const when = (at: string | null) => (at ? shanghaiTime(at) : '—');

/** The teams of the event: every team for the organiser, the school's own for a school; review for the organiser. */
export function TeamsPanel({ event }: { event: EventView }) {
  const t = useT();
  const { lang } = useLang();
  const mobile = Grid.useBreakpoint().md === false;
  const teams = useTeams(event.id);
  const rows = teams.data ?? [];

  const columns: ColumnsType<Team> = [
    { key: 'name', title: t('eventDetail.team'), render: (_, team) => <TeamName team={team} event={event} /> },
    { key: 'units', title: t('eventDetail.unitsCol'), render: (_, team) => unitNames(lang, team.units) },
    {
      key: 'contact',
      title: t('eventDetail.contact'),
      render: (_, team) => (
        <span>
          {team.contactName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, ...nums }}>
            {team.contactPhone}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'status',
      title: t('eventDetail.status'),
      width: 160,
      render: (_, team) => (
        <div style={{ whiteSpace: 'normal' }}>
          <TeamStatusTag status={team.status} />
          {team.status === 'returned' && team.returnReason && (
            <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, marginTop: 4, ...pre }} data-testid="team-return-reason">
              {team.returnReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'dates',
      title: `${t('eventDetail.submittedAt')} / ${t('eventDetail.reviewedAt')}`,
      width: 150,
      render: (_, team) => (
        <span style={{ ...nums, fontSize: 12 }}>
          {when(team.submittedAt)}
          <br />
          {when(team.reviewedAt)}
        </span>
      ),
    },
    { key: 'problems', title: t('eventDetail.problems'), render: (_, team) => <Problems team={team} /> },
    { key: 'actions', title: t('common.actions'), render: (_, team) => <Actions team={team} event={event} /> },
  ];

  let body: React.ReactNode;
  if (teams.isLoading)
    body = (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  else if (!rows.length) body = <Empty description={t('eventDetail.noTeams')} />;
  else if (mobile)
    body = (
      <Flex vertical gap={8}>
        {rows.map((team) => (
          <Card size="small" key={team.id} data-testid="team-row" data-team={team.name}>
            <Flex justify="space-between" align="start" gap={8}>
              <TeamName team={team} event={event} />
              <TeamStatusTag status={team.status} />
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: '6px 0', fontSize: 13 }}>
              {unitNames(lang, team.units)} · {team.contactName} {team.contactPhone}
            </Typography.Paragraph>
            <Notes team={team} withReturn />
            <Problems team={team} />
            <Collapse
              size="small"
              ghost
              items={[{ key: 'm', label: t('eventDetail.showMembers'), children: <MemberList team={team} /> }]}
              style={{ margin: '4px -12px' }}
            />
            <Actions team={team} event={event} />
          </Card>
        ))}
      </Flex>
    );
  else
    body = (
      <Table<Team>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        expandable={{
          expandedRowRender: (team) => (
            <div style={{ maxWidth: 820 }}>
              <Notes team={team} withReturn />
              <MemberList team={team} />
            </div>
          ),
          rowExpandable: () => true,
        }}
        onRow={(team) => ({ 'data-testid': 'team-row', 'data-team': team.name }) as React.HTMLAttributes<HTMLElement>}
      />
    );

  return (
    <Card
      size="small"
      title={t(event.canManage ? 'eventDetail.teamsTitle' : 'eventDetail.myTeamsTitle')}
      style={{ marginBottom: 16 }}
      styles={{ body: mobile || !rows.length ? undefined : { padding: 0 } }}
      data-testid="event-teams"
    >
      <QueryError error={teams.error} onRetry={() => teams.refetch()} />
      {body}
    </Card>
  );
}

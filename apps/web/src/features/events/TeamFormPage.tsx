import '../../i18n/events.ts';
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { type EventView, type Team, TeamCreate, TeamUpdate } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Grid, Input, Result, Row, Select, Typography } from 'antd';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { RuleList, registeringUnits, registrationOf, TeamStatusTag } from './event-format.tsx';
import { eventKeys, eventsApi, useEvent, useEventInvalidate } from './events.api.ts';
import { MembersEditor, RuleCheck } from './MembersEditor.tsx';
import { MemberList } from './TeamsPanel.tsx';
import { type TeamValues, toTeamPayload, toTeamValues } from './team-values.ts';

type Mode = 'draft' | 'submit';

/**
 * The form: team, units (a joint team asks for its reason), contact, members with the rules checked live; save or submit.
 * `ruleCard` (on narrower screens, where it has no column of its own) comes before the buttons, to be read before submitting.
 */
function TeamForm({ event, team, initialValues, ruleCard }: { event: EventView; team: Team | undefined; initialValues: TeamValues; ruleCard?: ReactNode }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const invalidate = useEventInvalidate();
  const mode = useRef<Mode>('draft');
  const rowOf = useRef<number[]>([]);
  // The version moves on with every save, also when the submit after it is refused.
  const [saved, setSaved] = useState<Team | undefined>(team);
  const rules = event.rules;
  const schools = team ? team.units.slice(0, 1) : registeringUnits(me, event);

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, TeamValues, Team>({
    schema: saved ? TeamUpdate : TeamCreate,
    toPayload: (v) => {
      const { body, rowOf: rows } = toTeamPayload(v);
      rowOf.current = rows;
      return saved ? { ...body, version: saved.version } : body;
    },
    // A rule-wide problem ("members", the units) goes to the top of the form in the server's words; a row's own to that row.
    mapPath: (p) => {
      const row = /^members\.(\d+)\.(.+)$/.exec(p);
      if (row) return `members.${rowOf.current[Number(row[1])] ?? row[1]}.${row[2]}`;
      if (p === 'members' || p.startsWith('unitIds')) return '-';
      return p;
    },
    check: (v) => (v.jointUnitIds?.length && !v.jointReason?.trim() ? [{ path: 'jointReason', message: t('validation.required') }] : []),
    submit: async (body) => {
      const stored = saved
        ? await eventsApi.updateTeam(event.id, saved.id, body as z.output<typeof TeamUpdate>)
        : await eventsApi.addTeam(event.id, body as TeamCreate);
      setSaved(stored);
      invalidate(event.id);
      if (mode.current === 'draft') return stored;
      return eventsApi.submit(event.id, stored.id, stored.version);
    },
    onSuccess: (result) => {
      invalidate(event.id);
      if (result.status === 'submitted') {
        message.success(t('teamForm.submitted'));
        navigate(`/events/${event.id}`, { replace: true });
        return;
      }
      message.success(t('teamForm.saved'));
      if (!team) navigate(`/events/${event.id}/teams/${result.id}`, { replace: true });
    },
    onConflict: (err) => {
      message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
      navigate(0);
    },
  });

  const values = (Form.useWatch([], form) as TeamValues | undefined) ?? initialValues;
  const schoolId = values.schoolId ?? initialValues.schoolId;
  const joint = values.jointUnitIds ?? [];
  const go = (m: Mode) => {
    mode.current = m;
    if (m === 'draft') form.submit();
    else
      modal.confirm({
        title: t('teamForm.submit'),
        content: t('teamForm.submitConfirm'),
        okText: t('teamForm.submit'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'team-submit-confirm' } as Record<`data-${string}`, string>,
        onOk: () => form.submit(),
      });
  };

  return (
    <Form<TeamValues> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} scrollToFirstError={scrollToError} disabled={submitting}>
      <FormError error={formError} />
      <Card size="small" title={t('teamForm.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="schoolId" label={t('teamForm.school')} required hidden={schools.length <= 1}>
              <Select options={schools.map((s) => ({ value: s.id, label: s.name }))} disabled={!!team} data-testid="team-school" />
            </Form.Item>
            {schools.length <= 1 && (
              <Form.Item label={t('teamForm.school')}>
                <Typography.Text strong data-testid="team-school-name">
                  {schools[0]?.name}
                </Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('eventFields.name')} required>
              <Input maxLength={50} placeholder={t('teamForm.namePlaceholder')} data-testid="team-name-input" />
            </Form.Item>
          </Col>
        </Row>
        {rules.maxJointUnits > 1 && (
          <>
            <Form.Item name="jointUnitIds" label={t('teamForm.jointUnits')} extra={t('teamForm.jointUnitsHint', { count: rules.maxJointUnits })}>
              <Select
                mode="multiple"
                allowClear
                maxCount={rules.maxJointUnits - 1}
                options={event.units.filter((u) => u.id !== schoolId).map((u) => ({ value: u.id, label: u.name }))}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('teamForm.jointUnitsPlaceholder')}
                data-testid="team-joint-units"
              />
            </Form.Item>
            {joint.length > 0 && (
              <Form.Item name="jointReason" label={t('eventFields.jointReason')} required>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={300}
                  showCount
                  placeholder={t('teamForm.jointReasonPlaceholder')}
                  data-testid="team-joint-reason"
                />
              </Form.Item>
            )}
          </>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('eventFields.contactName')} required>
              <Input maxLength={30} data-testid="team-contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('eventFields.contactPhone')} required>
              <Input maxLength={30} inputMode="tel" data-testid="team-contact-phone" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('teamForm.members')} style={{ marginBottom: 16 }} data-testid="team-members-card">
        <RuleCheck rules={rules} values={values} />
        <MembersEditor rules={rules} />
      </Card>
      {ruleCard}
      <Flex justify="end" gap={8} wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate(`/events/${event.id}`)} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button icon={<SaveOutlined />} onClick={() => go('draft')} loading={submitting && mode.current === 'draft'} data-testid="team-save">
          {t('teamForm.saveDraft')}
        </Button>
        <Button type="primary" icon={<SendOutlined />} onClick={() => go('submit')} loading={submitting && mode.current === 'submit'} data-testid="team-submit">
          {t('teamForm.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** /events/:id/teams/new and /events/:id/teams/:teamId — register a team, or correct a draft or returned one. */
export default function TeamFormPage() {
  const { id = '', teamId } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const event = useEvent(id);
  const team = useQuery({
    queryKey: [...eventKeys.teams(id), teamId ?? ''],
    queryFn: () => eventsApi.team(id, teamId ?? ''),
    enabled: !!teamId,
    staleTime: 0,
    retry: false,
  });
  const today = useMemo(todayInShanghai, []);
  const wide = Grid.useBreakpoint().xl === true;

  if (event.isLoading || (teamId && team.isLoading) || !me) return <PageLoading />;
  const e = event.data;
  const error = event.error ?? team.error;
  if (!e || (teamId && !team.data)) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404))
      return <Result status="404" title={t('eventDetail.notFound')} subTitle={error.message} />;
    return <QueryError error={error} onRetry={() => (event.error ? event.refetch() : team.refetch())} />;
  }
  const existing = team.data;
  const back = () => navigate(`/events/${e.id}`);
  const state = registrationOf(e, today);
  const units = registeringUnits(me, e);
  const header = (
    <PageHeader
      title={
        <Flex gap={8} align="center" wrap>
          {t(existing ? 'teamForm.editTitle' : 'teamForm.createTitle')}
          {existing && <TeamStatusTag status={existing.status} />}
        </Flex>
      }
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('teamForm.back')}
        </Button>
      }
    >
      <Typography.Text type="secondary">{e.title}</Typography.Text>
    </PageHeader>
  );
  if (existing && !existing.canEdit)
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t('teamForm.locked')} style={{ marginBottom: 16 }} />
        <Card size="small" title={existing.name}>
          <MemberList team={existing} />
        </Card>
      </>
    );
  if (!existing && !units.length)
    return (
      <>
        {header}
        <Alert type="info" showIcon title={t('teamForm.noSchool')} />
      </>
    );
  const first = units[0];
  const ruleCard = (
    <Card size="small" title={t('teamForm.rulesTitle')} style={{ marginBottom: 16 }} data-testid="team-rules-card">
      <RuleList rules={e.rules} />
    </Card>
  );
  const initial: TeamValues = existing
    ? toTeamValues(existing)
    : {
        schoolId: first?.id ?? '',
        jointUnitIds: [],
        name: '',
        contactName: me.user.name,
        contactPhone: me.user.phone ?? '',
        members: [
          { role: 'leader', plays: false },
          { role: 'coach', plays: false },
          { role: 'player', plays: false },
        ],
      };

  return (
    <div data-testid="team-form">
      {header}
      {state !== 'open' && (
        <Alert
          type="warning"
          showIcon
          title={state === 'closed' ? t('teamForm.closed', { date: e.registrationDeadline }) : t('teamForm.notYet', { date: e.registrationOpens })}
          style={{ marginBottom: 16 }}
          data-testid="team-closed"
        />
      )}
      {existing?.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={t('teamForm.returned')}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap', fontWeight: 500 }} data-testid="team-return-reason">
                {existing.returnReason}
              </div>
              <Typography.Text type="secondary">{t('teamForm.returnedHint')}</Typography.Text>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <TeamForm key={existing?.version ?? 'new'} event={e} team={existing} initialValues={initial} ruleCard={wide ? undefined : ruleCard} />
        </Col>
        {wide && <Col xl={7}>{ruleCard}</Col>}
      </Row>
    </div>
  );
}

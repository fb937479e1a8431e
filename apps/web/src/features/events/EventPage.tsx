import '../../i18n/events.ts';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import type { EventView } from '@carebridge/shared';
import { Alert, Button, Card, Col, Descriptions, Flex, Grid, Result, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { DonationsPanel } from './DonationsPanel.tsx';
import { RegistrationTag, RuleList, registeringUnits, registrationOf, unitNames } from './event-format.tsx';
import { useEvent } from './events.api.ts';
import { TeamsPanel } from './TeamsPanel.tsx';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** Organiser, sport, registration window, date and place, units, and the team rules in plain words. */
function EventFacts({ event: e }: { event: EventView }) {
  const t = useT();
  const { lang } = useLang();
  const narrow = Grid.useBreakpoint().sm === false;
  const units =
    e.units.length <= 6 ? unitNames(lang, e.units) : `${unitNames(lang, e.units.slice(0, 6))} … ${t('eventDetail.unitsAll', { count: e.units.length })}`;
  return (
    <Card size="small" data-testid="event-facts" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: narrow ? 76 : 110, whiteSpace: narrow ? 'normal' : 'nowrap', paddingInline: narrow ? 8 : undefined } }}
        items={[
          { key: 'organiser', label: t('eventDetail.organiser'), children: e.organiser },
          ...(e.sport ? [{ key: 'sport', label: t('eventDetail.sport'), children: e.sport }] : []),
          {
            key: 'registration',
            label: t('eventDetail.registration'),
            children: t('eventDetail.range', { from: e.registrationOpens, to: e.registrationDeadline }),
          },
          { key: 'date', label: t('eventDetail.eventDate'), children: e.eventDate },
          ...(e.place ? [{ key: 'place', label: t('eventDetail.place'), children: e.place }] : []),
          { key: 'units', label: t('eventDetail.units'), children: units },
          ...(e.description ? [{ key: 'description', label: t('eventFields.description'), children: <span style={pre}>{e.description}</span> }] : []),
        ]}
      />
    </Card>
  );
}

/** /events/:id — the event, its rules, its teams (review for the organiser, registration for schools) and its donations. */
export default function EventPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const loaded = useEvent(id);
  const today = useMemo(todayInShanghai, []);

  if (loaded.isLoading) return <PageLoading />;
  if (!loaded.data) {
    const err = loaded.error;
    if (err instanceof ApiError && (err.status === 403 || err.status === 404))
      return (
        <Result
          status="404"
          title={t('eventDetail.notFound')}
          subTitle={err.message}
          extra={
            <Button type="primary" onClick={() => navigate('/events')}>
              {t('eventDetail.backToList')}
            </Button>
          }
        />
      );
    return <QueryError error={err} onRetry={() => loaded.refetch()} />;
  }
  const e = loaded.data;
  const state = registrationOf(e, today);
  const registers = registeringUnits(me, e).length > 0;

  return (
    <div data-testid="event-detail">
      <div style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="event-title">
              {e.title}
            </Typography.Title>
            <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
              <RegistrationTag state={state} />
              <Typography.Text type="secondary">
                {e.organiser} · {e.eventDate}
              </Typography.Text>
            </Flex>
          </div>
          <Flex gap={8} wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/events')}>
              {t('eventDetail.backToList')}
            </Button>
            {registers && state === 'open' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/events/${e.id}/teams/new`)} data-testid="team-register">
                {t('eventDetail.register')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/events/${e.id}/print`)} data-testid="event-print">
              {t('eventDetail.print')}
            </Button>
            {e.canManage && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/events/${e.id}/edit`)} data-testid="event-edit">
                {t('eventDetail.edit')}
              </Button>
            )}
          </Flex>
        </Flex>
      </div>
      <Alert
        type={state === 'open' ? 'success' : state === 'closed' ? 'warning' : 'info'}
        showIcon
        title={
          state === 'open'
            ? t('eventDetail.openAlert', { date: e.registrationDeadline })
            : state === 'closed'
              ? t('eventDetail.closedAlert', { date: e.registrationDeadline })
              : t('eventDetail.notYetAlert', { date: e.registrationOpens })
        }
        style={{ marginBottom: 16 }}
        data-testid="event-registration-alert"
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={13}>
          <EventFacts event={e} />
        </Col>
        <Col xs={24} lg={11}>
          <Card size="small" title={t('eventDetail.rules')} style={{ height: '100%' }}>
            <RuleList rules={e.rules} testId="event-rules" />
          </Card>
        </Col>
      </Row>
      <TeamsPanel event={e} />
      <DonationsPanel event={e} />
    </div>
  );
}

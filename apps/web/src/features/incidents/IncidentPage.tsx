import '../../i18n/incidents.ts';
import { ArrowLeftOutlined, CarOutlined, CheckOutlined, EditOutlined, RedoOutlined } from '@ant-design/icons';
import { type ActionKind, type Incident, type IncidentNotice, MANDATORY_QUESTIONS } from '@carebridge/shared';
import { Button, Card, Col, Descriptions, Flex, Grid, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { closesIncidents } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { AcknowledgementPanel } from './AcknowledgementPanel.tsx';
import { ActionTimeline, DropoutPanel } from './ActionTimeline.tsx';
import { type IncidentButtons, incidentButtons } from './incident-buttons.ts';
import { AcknowledgementTag, AttentionTags, ChildLinks, KIND_ICON, occurredText, SeverityTag, StatusTag } from './incident-format.tsx';
import { useIncident, useIncidentInvalidate } from './incidents.api.ts';
import { NoticeChain } from './NoticeChain.tsx';
import { PoliceAlert, PoliceModal } from './PolicePanel.tsx';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** What happened: children, when, where, the account, what was done at once, the situations of the law, who reported. */
function Facts({ incident: i }: { incident: Incident }) {
  const t = useT();
  const narrow = Grid.useBreakpoint().sm === false;
  const ticked = MANDATORY_QUESTIONS.filter((q) => i.answers[q]);
  const items = [
    { key: 'children', label: t('incidentFields.childIds'), children: <ChildLinks incident={i} /> },
    { key: 'at', label: t('incidentFields.occurredAt'), children: occurredText(i.occurredAt) },
    ...(i.place ? [{ key: 'place', label: t('incidentFields.place'), children: i.place }] : []),
    { key: 'description', label: t('incidentFields.description'), children: <span style={pre}>{i.description}</span> },
    ...(i.immediateActions ? [{ key: 'immediate', label: t('incidentFields.immediateActions'), children: <span style={pre}>{i.immediateActions}</span> }] : []),
    ...(i.situations.length
      ? [
          {
            key: 'situations',
            label: t('incidentDetail.situations'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {i.situations.map((s) => (
                  <li key={s}>{t(`incidents.situations.${s}`)}</li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    // Every circumstance the reporter ticked, also those that make no police report mandatory on their own
    // (疑似遭受家庭暴力 alone): the school and the bureau read what the reporter saw.
    ...(ticked.length
      ? [
          {
            key: 'answers',
            label: t('incidentDetail.answers'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="incident-answers">
                {ticked.map((q) => (
                  <li key={q}>{t(`incidents.questions.${q}`)}</li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(i.reporter ? [{ key: 'reporter', label: t('incidentDetail.reporter'), children: i.reporter.name }] : []),
    { key: 'reported', label: t('incidentDetail.reportedAt'), children: shanghaiTime(i.createdAt) },
    { key: 'school', label: t('incidentDetail.school'), children: i.schoolName },
    ...(i.closedAt ? [{ key: 'closed', label: t('incidentDetail.closedAt'), children: shanghaiTime(i.closedAt) }] : []),
  ];
  return (
    <Card size="small" data-testid="incident-facts">
      <Descriptions
        size="small"
        bordered
        column={1}
        layout={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: narrow ? {} : { width: 130, whiteSpace: 'nowrap' } }}
        items={items}
      />
    </Card>
  );
}

function Header({
  incident: i,
  buttons,
  onAct,
  onPolice,
}: {
  incident: Incident;
  buttons: IncidentButtons;
  onAct: (kind: ActionKind) => void;
  onPolice: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/incidents'));
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-title">
              {i.kind && <span style={{ marginInlineEnd: 8, color: '#c2410c' }}>{KIND_ICON[i.kind]}</span>}
              {i.kind ? t(`incidents.kinds.${i.kind}`) : t('incidentDetail.title')}
            </Typography.Title>
            {i.severity && <SeverityTag severity={i.severity} />}
            <StatusTag status={i.status} />
            <AttentionTags incident={i} />
            <AcknowledgementTag incident={i} />
          </Flex>
          <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
            <ChildLinks incident={i} />
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {occurredText(i.occurredAt)}
            </Typography.Text>
          </Flex>
        </div>
        <Flex gap={8} wrap>
          {buttons.edit && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/incidents/${i.id}/edit`)} data-testid="incident-edit">
              {t('incidentDetail.edit')}
            </Button>
          )}
          {buttons.police && !i.mandatory && (
            <Button icon={<CarOutlined />} onClick={onPolice} data-testid="police-record-other">
              {t('incidentDetail.policeRecordOther')}
            </Button>
          )}
          {buttons.close && (
            <Button icon={<CheckOutlined />} onClick={() => onAct('close')} data-testid="incident-close">
              {t('incidentDetail.closeCase')}
            </Button>
          )}
          {buttons.reopen && (
            <Button icon={<RedoOutlined />} onClick={() => onAct('reopen')} data-testid="incident-reopen">
              {t('incidentDetail.reopenCase')}
            </Button>
          )}
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('incidentDetail.back')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}

/** /incidents/:id — one incident: the police report the law asks for, the facts, the notification chain and the actions. */
export default function IncidentPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const desktop = Grid.useBreakpoint().lg === true;
  const incident = useIncident(id);
  const me = useMe().data;
  const invalidate = useIncidentInvalidate();
  const [police, setPolice] = useState(false);
  const [notice, setNotice] = useState<IncidentNotice | 'extra' | null>(null);
  const [adding, setAdding] = useState<ActionKind | null>(null);

  if (incident.isLoading) return <PageLoading />;
  if (!incident.data) {
    const err = incident.error;
    if (err instanceof ApiError && (err.status === 403 || err.status === 404))
      return (
        <Result
          status={err.status === 404 ? '404' : '403'}
          title={err.status === 404 ? t('incidentDetail.notFound') : err.message}
          subTitle={err.status === 404 ? err.message : undefined}
          extra={
            <Button type="primary" onClick={() => navigate('/incidents')}>
              {t('incidentDetail.backToList')}
            </Button>
          }
          data-testid="incident-denied"
        />
      );
    return <QueryError error={err} onRetry={() => incident.refetch()} />;
  }
  const i = incident.data;
  // A closed case offers only 重新打开 (and the bureau's 签收, AcknowledgementPanel): the server refuses the rest.
  const buttons = incidentButtons(i, closesIncidents(me, i.schoolId));
  const saved = (next: Incident) => invalidate(next);
  const chain = <NoticeChain incident={i} records={buttons.notify} recording={notice} onRecord={setNotice} onSaved={saved} />;
  const actions = <ActionTimeline incident={i} adding={adding} onAdd={setAdding} onSaved={saved} />;
  const dropout = i.dropout && <DropoutPanel dropout={i.dropout} />;

  return (
    <div data-testid="incident-detail">
      <Header incident={i} buttons={buttons} onAct={setAdding} onPolice={() => setPolice(true)} />
      <PoliceAlert incident={i} onRecord={buttons.police ? () => setPolice(true) : undefined} />
      <AcknowledgementPanel incident={i} onSaved={saved} onReply={() => setAdding('reply')} />
      {i.status === 'closed' && i.closedAt && (
        <Typography.Paragraph type="secondary">{t('incidentDetail.closedNote', { at: shanghaiTime(i.closedAt) })}</Typography.Paragraph>
      )}
      {desktop ? (
        <Row gutter={16}>
          <Col span={14}>
            <Flex vertical gap={16}>
              <Facts incident={i} />
              {actions}
            </Flex>
          </Col>
          <Col span={10}>
            <Flex vertical gap={16}>
              {dropout}
              {chain}
            </Flex>
          </Col>
        </Row>
      ) : (
        <Flex vertical gap={12}>
          <Facts incident={i} />
          {dropout}
          {chain}
          {actions}
        </Flex>
      )}
      <PoliceModal incident={i} open={police} onClose={() => setPolice(false)} onSaved={saved} />
    </div>
  );
}

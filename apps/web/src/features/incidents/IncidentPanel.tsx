import '../../i18n/incidents.ts';
import { AlertOutlined, CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { type IncidentSummary, joinList } from '@carebridge/shared';
import { Button, Card, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { AcknowledgementTag, AttentionTags, KindTag, needsAttention, occurredText, RED, SeverityTag } from './incident-format.tsx';
import { useIncidentList } from './incidents.api.ts';

const SHOWN = 10;

/** Reported to the bureau and not yet acknowledged: first on a bureau officer's workbench. */
const awaitsAck = (i: IncidentSummary) => !!i.reportedToBureau && !i.acknowledgement;

function PanelRow({ incident: i, bureau }: { incident: IncidentSummary; bureau: boolean }) {
  const { lang } = useLang();
  const red = needsAttention(i);
  const ack = bureau && awaitsAck(i);
  return (
    <Link
      to={`/incidents/${i.id}`}
      style={{
        display: 'block',
        padding: '8px 10px',
        borderRadius: 8,
        border: `1px solid ${red ? '#ffa39e' : '#f0f0f0'}`,
        background: red ? '#fff1f0' : undefined,
        color: 'inherit',
      }}
      data-testid={red ? 'incident-panel-attention' : 'incident-panel-item'}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
          {i.kind && <KindTag kind={i.kind} />}
          {i.severity && <SeverityTag severity={i.severity} />}
          <Typography.Text strong style={{ color: red ? RED : undefined }}>
            {joinList(
              lang,
              i.children.map((c) => c.name),
            )}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {occurredText(i.occurredAt)}
        </Typography.Text>
      </Flex>
      {(red || ack) && (
        <Flex gap={6} wrap style={{ marginTop: 6 }}>
          <AttentionTags incident={i} />
          {ack && <AcknowledgementTag incident={i} />}
        </Flex>
      )}
    </Link>
  );
}

/**
 * 安全事件 on the workbench of those who read incident details: the open cases, those needing
 * attention (a police report the law requires, an overdue notification) first and in red; for a
 * bureau officer, before them, the cases schools reported to it that await its 签收.
 */
export function IncidentPanel() {
  const t = useT();
  const navigate = useNavigate();
  const bureau = !!useMe().data?.roles.some((r) => r.role === 'bureau_officer');
  // Attention cases (and those awaiting the bureau) may be older than the newest ten open ones: asked for separately.
  const awaiting = useIncidentList({ acknowledgement: 'awaiting', limit: SHOWN }, bureau);
  const attention = useIncidentList({ status: 'open', attention: 'true', limit: SHOWN });
  const open = useIncidentList({ status: 'open', limit: SHOWN });
  const seen = new Set<string>();
  const rank = (i: IncidentSummary) => (bureau && awaitsAck(i) ? 2 : 0) + (needsAttention(i) ? 1 : 0);
  const items = [...(bureau ? (awaiting.data?.items ?? []) : []), ...(attention.data?.items ?? []), ...(open.data?.items ?? [])]
    .filter((i) => !i.restricted && !seen.has(i.id) && !!seen.add(i.id))
    .sort((a, b) => rank(b) - rank(a))
    .slice(0, SHOWN);
  const red = items.filter(needsAttention).length;
  const toAck = bureau ? (awaiting.data?.items.length ?? 0) : 0;
  // Beside the title where there is room; on a phone under it, where they cannot cut the title off.
  const wide = Grid.useBreakpoint().sm !== false;
  const tags = (red > 0 || toAck > 0) && (
    <>
      {red > 0 && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('incidentPanel.attention', { count: red })}
        </Tag>
      )}
      {toAck > 0 && (
        <Tag
          color="gold"
          style={{ marginInlineEnd: 0, cursor: 'pointer' }}
          onClick={() => navigate('/incidents?ack=awaiting')}
          data-testid="incident-panel-awaiting"
        >
          {t('incidentPanel.awaiting', { count: toAck < SHOWN ? toAck : `${SHOWN}+` })}
        </Tag>
      )}
    </>
  );
  const all = (
    <Button type="link" onClick={() => navigate('/incidents?status=open')} style={{ paddingInline: 0 }} data-testid="incident-panel-all">
      {t('incidentPanel.all')} <RightOutlined />
    </Button>
  );
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined style={{ color: RED }} />
          <span data-testid="incident-panel-title">{t('incidentPanel.title')}</span>
          {wide && tags}
        </Flex>
      }
      extra={wide && all}
      styles={{ body: { padding: 12 } }}
      data-testid="incident-panel"
    >
      {!wide && (
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
          <Flex gap={6} wrap>
            {tags}
          </Flex>
          {all}
        </Flex>
      )}
      <QueryError error={open.error ?? attention.error} onRetry={() => void Promise.all([open.refetch(), attention.refetch()])} />
      {open.isLoading || attention.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Typography.Text type="success" data-testid="incident-panel-empty">
          <CheckCircleFilled /> {t('incidentPanel.empty')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {items.map((i) => (
            <PanelRow key={i.id} incident={i} bureau={bureau} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

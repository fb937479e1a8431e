import '../../i18n/incidents.ts';
import { AlertOutlined, CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import type { IncidentSummary } from '@carebridge/shared';
import { Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { AttentionTags, KindTag, needsAttention, occurredText, RED, SeverityTag } from './incident-format.tsx';
import { useIncidentList } from './incidents.api.ts';

const SHOWN = 10;

function PanelRow({ incident: i }: { incident: IncidentSummary }) {
  const red = needsAttention(i);
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
            {i.children.map((c) => c.name).join('、')}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {occurredText(i.occurredAt)}
        </Typography.Text>
      </Flex>
      {red && (
        <Flex gap={6} wrap style={{ marginTop: 6 }}>
          <AttentionTags incident={i} />
        </Flex>
      )}
    </Link>
  );
}

/**
 * 安全事件 on the workbench of those who read incident details: the open cases, those needing
 * attention (a police report the law requires, an overdue notification) first and in red.
 */
export function IncidentPanel() {
  const t = useT();
  const navigate = useNavigate();
  // Attention cases may be older than the newest ten open ones: asked for separately.
  const attention = useIncidentList({ status: 'open', attention: 'true', limit: SHOWN });
  const open = useIncidentList({ status: 'open', limit: SHOWN });
  const seen = new Set<string>();
  const items = [...(attention.data?.items ?? []), ...(open.data?.items ?? [])]
    .filter((i) => !i.restricted && !seen.has(i.id) && !!seen.add(i.id))
    .sort((a, b) => Number(needsAttention(b)) - Number(needsAttention(a)))
    .slice(0, SHOWN);
  const red = items.filter(needsAttention).length;
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined style={{ color: RED }} />
          {t('incidentPanel.title')}
          {red > 0 && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('incidentPanel.attention', { count: red })}
            </Tag>
          )}
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/incidents?status=open')} style={{ paddingInline: 0 }} data-testid="incident-panel-all">
          {t('incidentPanel.all')} <RightOutlined />
        </Button>
      }
      styles={{ body: { padding: 12 } }}
      data-testid="incident-panel"
    >
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
            <PanelRow key={i.id} incident={i} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

import '../../i18n/campaigns.ts';
import { ArrowLeftOutlined, CalendarOutlined, SyncOutlined } from '@ant-design/icons';
import type { Campaign } from '@carebridge/shared';
import { Alert, Button, Flex, Tabs, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed, QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { CampaignManageButtons } from './CampaignEdit.tsx';
import { CampaignProgress } from './CampaignProgress.tsx';
import { nums, TargetText, usePunctuation } from './campaign-format.tsx';
import { useCampaign } from './campaigns.api.ts';
import { GroupVisits } from './GroupVisits.tsx';

type TabKey = 'mine' | 'progress';

function Facts({ campaign: c }: { campaign: Campaign }) {
  const t = useT();
  const punct = usePunctuation();
  return (
    <Flex vertical gap={4}>
      <Flex gap={12} wrap>
        <Typography.Text style={nums}>
          <CalendarOutlined style={{ marginInlineEnd: 4 }} />
          {c.date}
        </Typography.Text>
        <Typography.Text>
          {punct.label(t('campaignDetail.target'))}
          <TargetText campaign={c} />
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <SyncOutlined style={{ marginInlineEnd: 4 }} />
          {t('campaignDetail.live')}
        </Typography.Text>
      </Flex>
      {c.description && (
        <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {c.description}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/**
 * /campaigns/:id — a group member's own places first (the phone checklist), the organisers' progress,
 * places and assignment next; other readers see the progress only.
 */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();

  if (campaign.isLoading) return <PageLoading />;
  if (!campaign.data) {
    return (
      <LoadFailed
        error={campaign.error}
        onRetry={() => campaign.refetch()}
        title={t('campaignDetail.notFound')}
        back={{ to: '/campaigns', label: t('campaignDetail.backToList') }}
      />
    );
  }
  const c = campaign.data;
  const keys: TabKey[] = [...(c.myGroupId ? (['mine'] as const) : []), 'progress'];
  const wanted = params.get('tab') as TabKey | null;
  const tab: TabKey = wanted && keys.includes(wanted) ? wanted : (keys[0] as TabKey);
  const content: Record<TabKey, React.ReactNode> = {
    mine: c.myGroupId ? <GroupVisits campaign={c} groupId={c.myGroupId} /> : null,
    progress: <CampaignProgress campaign={c} />,
  };
  return (
    <div data-testid="campaign-detail">
      <PageHeader
        title={c.title}
        extra={
          <Flex gap={8} wrap>
            <CampaignManageButtons campaign={c} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/campaigns')}>
              {t('campaignDetail.backToList')}
            </Button>
          </Flex>
        }
      >
        <Facts campaign={c} />
      </PageHeader>
      <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
      {!c.canManage && !c.myGroupId && <Alert type="info" showIcon title={t('campaignDetail.readOnly')} style={{ marginBottom: 16 }} />}
      {keys.length > 1 ? (
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (p) => {
                p.set('tab', k);
                return p;
              },
              { replace: true },
            )
          }
          items={keys.map((k) => ({
            key: k,
            label: <span data-testid={`campaign-tab-${k}`}>{t(k === 'mine' ? 'campaignDetail.tabMine' : 'campaignDetail.tabProgress')}</span>,
            children: content[k],
          }))}
        />
      ) : (
        content[tab]
      )}
    </div>
  );
}

import { TeamOutlined } from '@ant-design/icons';
import type { Campaign, CampaignPlace } from '@carebridge/shared';
import { Card, Col, Flex, List, Row, Statistic, Typography } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { KindTag, nums, percent, usePunctuation, VisitProgress } from './campaign-format.tsx';
import { useCampaignPlaces } from './campaigns.api.ts';
import { ChildrenText } from './GroupVisits.tsx';
import { PlacesTable } from './PlacesTable.tsx';
import { visitIssues } from './visit-issues.ts';

function Overall({ campaign: c }: { campaign: Campaign }) {
  const t = useT();
  const { total, visited, unassigned } = c.progress;
  return (
    <Card size="small" title={t('campaignDetail.overall')} data-testid="campaign-overall">
      <VisitProgress visited={visited} total={total} />
      <Row gutter={8} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Statistic title={t('campaignDetail.total')} value={total} />
        </Col>
        <Col span={8}>
          <Statistic title={t('campaignDetail.visited')} value={visited} data-testid="campaign-visited" />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('campaignDetail.unassigned')}
            value={unassigned}
            styles={{ content: unassigned ? { color: 'var(--ant-color-warning, #faad14)' } : {} }}
            data-testid="campaign-unassigned"
          />
        </Col>
      </Row>
    </Card>
  );
}

function Groups({ campaign: c }: { campaign: Campaign }) {
  const t = useT();
  const p = usePunctuation();
  return (
    <Card size="small" title={t('campaignDetail.groups')} styles={{ body: { paddingBlock: 4 } }}>
      <List
        dataSource={c.groups}
        renderItem={(g) => (
          <List.Item data-testid="campaign-group-progress" style={{ display: 'block' }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>
                {g.name}
                {g.id === c.myGroupId && (
                  <Typography.Text type="success" style={{ marginInlineStart: 6, fontWeight: 'normal' }}>
                    <TeamOutlined /> {t('campaignList.myGroup')}
                  </Typography.Text>
                )}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('campaignDetail.leader', { name: g.leaderName })}
                {g.members.length > 0 && ` · ${t('campaignDetail.members', { names: p.list(g.members.map((m) => m.name)) })}`}
              </Typography.Text>
            </Flex>
            <VisitProgress visited={g.visited} total={g.total} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function Issues({ campaign: c }: { campaign: Campaign }) {
  const t = useT();
  const visited = c.progress.visited;
  return (
    <Card
      size="small"
      title={t('campaignDetail.issues')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('campaignDetail.issuesHint')}
        </Typography.Text>
      }
      data-testid="campaign-issues"
    >
      <Flex vertical gap={6}>
        {c.checklist.map((item) => {
          const n = c.issues[item.key] ?? 0;
          return (
            <Flex key={item.key} justify="space-between" gap={12} align="center">
              <Typography.Text type={n ? undefined : 'secondary'} style={{ minWidth: 0 }}>
                {item.label}
              </Typography.Text>
              <Typography.Text type={n ? 'danger' : 'secondary'} strong={n > 0} style={nums}>
                {t('campaignDetail.issueCount', { count: n })}
                {n > 0 && visited > 0 && <span style={{ fontWeight: 'normal' }}> ({percent(n, visited)}%)</span>}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}

/** The end of the page: what was done, and the places that need a follow-up with what was wrong there. */
function Summary({ campaign: c, places }: { campaign: Campaign; places: CampaignPlace[] }) {
  const t = useT();
  const punct = usePunctuation();
  const done = places.filter((p) => p.visitedAt);
  const label = (key: string) => c.checklist.find((i) => i.key === key)?.label ?? key;
  const withIssues = done.filter((p) => visitIssues(p) > 0);
  const { total, visited } = c.progress;
  return (
    <Card size="small" title={t('campaignDetail.summary')} data-testid="campaign-summary">
      <Typography.Paragraph>
        {t('campaignDetail.summaryCounts', {
          total,
          visited,
          homes: done.filter((p) => p.kind === 'home').length,
          hosts: done.filter((p) => p.kind === 'host').length,
          left: total - visited,
        })}
      </Typography.Paragraph>
      {done.length > 0 &&
        (withIssues.length ? (
          <>
            <Typography.Text strong>{t('campaignDetail.summaryIssues')}</Typography.Text>
            <List
              size="small"
              dataSource={withIssues}
              renderItem={(p) => (
                <List.Item style={{ display: 'block' }}>
                  <Flex gap={8} align="center" wrap>
                    <KindTag kind={p.kind} />
                    <Typography.Text strong>{p.label}</Typography.Text>
                    <Typography.Text type="secondary">
                      <ChildrenText place={p} />
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type="danger">
                    {punct.clauses(
                      Object.entries(p.answers)
                        .filter(([, a]) => a === 'issue')
                        .map(([k]) => label(k)),
                    )}
                  </Typography.Text>
                  {p.note && (
                    <div>
                      <Typography.Text type="secondary">{t('campaignDetail.note', { note: p.note })}</Typography.Text>
                    </div>
                  )}
                </List.Item>
              )}
            />
          </>
        ) : (
          <Typography.Text type="success">{t('campaignDetail.summaryNone')}</Typography.Text>
        ))}
    </Card>
  );
}

/** The organisers' view: overall and per-group progress, issues by item, the places and their assignment, and the summary. */
export function CampaignProgress({ campaign: c }: { campaign: Campaign }) {
  // Readers who are neither organisers nor in a group get no places from the server: progress only.
  const places = useCampaignPlaces(c.id, undefined, c.canManage);
  return (
    <Flex vertical gap={16} data-testid="campaign-progress">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Overall campaign={c} />
        </Col>
        <Col xs={24} lg={8}>
          <Groups campaign={c} />
        </Col>
        <Col xs={24} lg={8}>
          <Issues campaign={c} />
        </Col>
      </Row>
      {c.canManage && <QueryError error={places.error} onRetry={() => places.refetch()} />}
      {c.canManage && (
        <>
          <PlacesTable campaign={c} places={places.data ?? []} loading={places.isLoading} />
          <Summary campaign={c} places={places.data ?? []} />
        </>
      )}
    </Flex>
  );
}

import '../../i18n/campaigns.ts';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { nums, VisitProgress } from './campaign-format.tsx';
import { useCampaigns } from './campaigns.api.ts';

type Row = NonNullable<ReturnType<typeof useCampaigns>['data']>[number];

function MyGroupTag({ row }: { row: Row }) {
  const t = useT();
  if (!row.myGroupId) return null;
  return (
    <Tag color="green" icon={<TeamOutlined />} style={{ marginInlineEnd: 0 }} data-testid="campaign-my-group">
      {t('campaignList.myGroup')}
    </Tag>
  );
}

/** 走访: the campaigns of the user's schools, newest first, with their progress. */
export default function CampaignsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const schools = useSchools();
  const [params, setParams] = useSearchParams();
  const schoolId = params.get('school') ?? undefined;
  const list = useCampaigns(schoolId, !!me);
  const rows = list.data ?? [];
  const schoolName = (id: string) => schools.data?.find((s) => s.id === id)?.name ?? '';
  const manySchools = (schools.data?.length ?? 0) > 1;
  const open = (id: string) => navigate(`/campaigns/${id}`);

  const columns: ColumnsType<Row> = [
    { key: 'date', title: t('campaignList.date'), width: 120, render: (_, r) => <span style={nums}>{r.date}</span> },
    {
      key: 'title',
      title: t('campaignList.campaign'),
      render: (_, r) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Link>{r.title}</Typography.Link>
          <MyGroupTag row={r} />
          {manySchools && <Typography.Text type="secondary">{schoolName(r.schoolId)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'progress',
      title: t('campaignList.progress'),
      width: 260,
      render: (_, r) => (
        <div>
          <VisitProgress visited={r.progress.visited} total={r.progress.total} size="small" />
          {r.progress.unassigned > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('campaignList.unassigned', { count: r.progress.unassigned })}
            </Typography.Text>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('campaignList.title')}
        extra={
          canManage(me, 'campaigns') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/campaigns/new${schoolId ? `?school=${schoolId}` : ''}`)}
              data-testid="campaign-create"
            >
              {t('campaignList.create')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('campaignList.intro')}
        </Typography.Paragraph>
        {manySchools && (
          <SchoolPicker
            value={schoolId}
            onChange={(id) =>
              setParams(
                (p) => {
                  if (id) p.set('school', id);
                  else p.delete('school');
                  return p;
                },
                { replace: true },
              )
            }
            allowClear
            placeholder={t('campaignList.allSchools')}
            schools={schools.data ?? []}
            loading={schools.isLoading}
            style={{ width: mobile ? '100%' : 240 }}
          />
        )}
      </PageHeader>
      <QueryError error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="campaign-list">
        {list.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : rows.length === 0 ? (
          <Card>
            <Empty description={t('campaignList.empty')}>
              {canManage(me, 'campaigns') && <Typography.Text type="secondary">{t('campaignList.emptyHint')}</Typography.Text>}
            </Empty>
          </Card>
        ) : mobile ? (
          <Flex vertical gap={8}>
            {rows.map((r) => (
              <Card key={r.id} size="small" hoverable onClick={() => open(r.id)} data-testid="campaign-row">
                <Flex justify="space-between" align="start" gap={8}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {r.title}
                  </Typography.Text>
                  <MyGroupTag row={r} />
                </Flex>
                <Typography.Text type="secondary" style={nums}>
                  {r.date}
                  {manySchools && ` · ${schoolName(r.schoolId)}`}
                </Typography.Text>
                <VisitProgress visited={r.progress.visited} total={r.progress.total} size="small" />
              </Card>
            ))}
          </Flex>
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <Table<Row>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              pagination={false}
              onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' }, 'data-testid': 'campaign-row' })}
            />
          </Card>
        )}
      </div>
    </>
  );
}

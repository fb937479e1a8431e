import { CalendarOutlined, EnvironmentOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { CampSummary } from '@carebridge/shared';
import { Button, Card, Col, Empty, Flex, Grid, Row, Spin, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { creatableSchools } from './camp-access.ts';
import { dateRange, datesBetween } from './camp-format.ts';
import { useCamps } from './camps.api.ts';

export type CampPhase = 'upcoming' | 'ongoing' | 'ended';

export function campPhase(c: { startDate: string; endDate: string }, today: string): CampPhase {
  if (today < c.startDate) return 'upcoming';
  return today > c.endDate ? 'ended' : 'ongoing';
}

const PHASE_COLOR: Record<CampPhase, string> = { upcoming: 'blue', ongoing: 'green', ended: 'default' };

export function PhaseTag({ camp, today }: { camp: { startDate: string; endDate: string }; today: string }) {
  const t = useT();
  const phase = campPhase(camp, today);
  return <Tag color={PHASE_COLOR[phase]}>{t(`campList.phase.${phase}`)}</Tag>;
}

function CampCard({ camp: c, showSchool, today, onOpen }: { camp: CampSummary; showSchool: boolean; today: string; onOpen: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const days = datesBetween(c.startDate, c.endDate).length;
  return (
    <Card hoverable onClick={onOpen} size="small" data-testid="camp-card" styles={{ body: { padding: 16 } }}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            {c.title}
          </Typography.Title>
          <PhaseTag camp={c} today={today} />
        </Flex>
        <Typography.Text type="secondary">
          <CalendarOutlined /> {dateRange(c.startDate, c.endDate, lang)} · {t('campList.days', { count: days })}
        </Typography.Text>
        {(c.place || showSchool) && (
          <Typography.Text type="secondary" ellipsis>
            <EnvironmentOutlined /> {[c.place, showSchool ? c.schoolName : null].filter(Boolean).join(' · ')}
          </Typography.Text>
        )}
        <Typography.Text>
          <TeamOutlined /> {t('campList.counts', { groups: c.groups, children: c.children, volunteers: c.volunteers })}
        </Typography.Text>
        <div>{c.solvedAt ? <Tag color="green">{t('campList.solved')}</Tag> : <Tag color="orange">{t('campList.notSolved')}</Tag>}</div>
      </Flex>
    </Card>
  );
}

/** 夏令营: the camps the user holds, helps at or oversees, newest first, as cards. */
export default function CampsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const mobile = Grid.useBreakpoint().md === false;
  const schools = useSchools();
  const [params, setParams] = useSearchParams();
  const schoolId = params.get('school') ?? undefined;
  const camps = useCamps(schoolId);
  const creatable = creatableSchools(me, schools.data ?? []);
  const today = todayInShanghai();
  const list = camps.data ?? [];
  const manySchools = (schools.data?.length ?? 0) > 1;

  return (
    <>
      <PageHeader
        title={t('campList.title')}
        extra={
          creatable.length > 0 && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/camps/new${schoolId ? `?school=${schoolId}` : ''}`)}
              data-testid="camp-create"
            >
              {t('campList.create')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap align="center">
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
              placeholder={t('campList.allSchools')}
              schools={schools.data ?? []}
              loading={schools.isLoading}
              style={{ width: mobile ? '100%' : 260 }}
              data-testid="camp-filter-school"
            />
          )}
          <Typography.Text type="secondary">{t('campList.intro')}</Typography.Text>
        </Flex>
      </PageHeader>
      <QueryError error={camps.error} onRetry={() => camps.refetch()} />
      <div data-testid="camp-list">
        {camps.isLoading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : list.length === 0 ? (
          <Card>
            <Empty description={t('campList.empty')}>
              {creatable.length > 0 && <Typography.Text type="secondary">{t('campList.emptyHint')}</Typography.Text>}
            </Empty>
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {list.map((c) => (
              <Col key={c.id} xs={24} md={12} xl={8}>
                <CampCard camp={c} showSchool={manySchools} today={today} onOpen={() => navigate(`/camps/${c.id}`)} />
              </Col>
            ))}
          </Row>
        )}
      </div>
    </>
  );
}

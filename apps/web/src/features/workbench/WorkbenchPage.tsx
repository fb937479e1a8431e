import { HeartOutlined, PieChartOutlined, RightOutlined } from '@ant-design/icons';
import { MyChild, type School, SchoolClass } from '@carebridge/shared';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items, keys, UserPage, useSchools } from '../../api/queries.ts';
import { canManage, canSee, readsIncidents } from '../../auth/permissions.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { visibleNav } from '../../layout/nav.tsx';
import { FollowUpsPanel } from '../care-records/FollowUpsPanel.tsx';
import { LeaderPanel, RegionPanel } from '../compliance/LeaderPanel.tsx';
import { MyDuePanel } from '../compliance/MyDuePanel.tsx';
import { IncidentPanel } from '../incidents/IncidentPanel.tsx';
import { AwaitingReviewPanel } from '../submissions/AwaitingReviewPanel.tsx';
import { MyClassCards } from './MyClassCard.tsx';
import { SetupChecklist } from './SetupChecklist.tsx';

const USER_SAMPLE = 200;
/** Volunteers only: loaded with the camp pages' chunk, not everyone's workbench. */
const VolunteerCampsCard = lazy(() => import('../camps/VolunteerCampsCard.tsx'));
/** Classes are listed per school, so they are only counted where that takes a handful of requests. */
const CLASS_COUNT_MAX_SCHOOLS = 30;

function useClassCount(schools: readonly School[] | undefined) {
  const countable = !!schools && schools.length <= CLASS_COUNT_MAX_SCHOOLS;
  return useQueries({
    queries: (countable ? schools : []).map((s) => ({
      queryKey: keys.classes({ schoolId: s.id }),
      queryFn: () => api.get('/classes', { query: { schoolId: s.id }, schema: Items(SchoolClass) }).then((r) => r.items),
    })),
    combine: (results) => ({
      value: countable && results.every((r) => r.data) ? results.reduce((n, r) => n + (r.data?.length ?? 0), 0) : undefined,
      loading: !schools || results.some((r) => r.isLoading),
    }),
  });
}

/** Today and the first of this month in Beijing time (YYYY-MM-DD). */
function shanghaiDays() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { today, month: `${today.slice(0, 8)}01` };
}

const MyChildren = z.object({ items: z.array(MyChild) });

/** For mentors: how many children, how many of them talked with this month, what is overdue — and the way to log. */
function MentorCard() {
  const t = useT();
  const navigate = useNavigate();
  const { today, month } = shanghaiDays();
  // The same key as the "my children" page, so that the two share one request.
  const mine = useQuery({ queryKey: ['care', 'mine'], queryFn: () => api.get('/mentoring/mine', { schema: MyChildren }).then((r) => r.items) });
  const list = mine.data ?? [];
  const overdue = list.filter((c) => c.nextFollowUp && c.nextFollowUp < today).length;
  const noTalk = list.filter((c) => !c.lastTalk || c.lastTalk < month).length;
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <HeartOutlined style={{ color: '#c2410c' }} />
          {t('workbench.mineTitle')}
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/mine')} data-testid="workbench-mine-open">
          {t('workbench.mineOpen')} <RightOutlined />
        </Button>
      }
      data-testid="workbench-mine"
    >
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <Statistic title={t('workbench.mineChildren')} value={mine.data ? list.length : '—'} loading={mine.isLoading} />
        </Col>
        <Col span={8}>
          {/* Children talked with, not talks written: three talks with one child still leave the others waiting. */}
          <Statistic
            title={t('workbench.mineTalks')}
            value={mine.data ? list.length - noTalk : '—'}
            suffix={mine.data ? `/ ${list.length}` : undefined}
            loading={mine.isLoading}
            data-testid="workbench-mine-talked"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('workbench.mineOverdue')}
            value={mine.data ? overdue : '—'}
            loading={mine.isLoading}
            styles={{ content: { color: overdue ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {mine.data && list.length > 0 && (
        <Typography.Text type={noTalk ? 'danger' : 'success'} style={{ display: 'block', marginTop: 12 }}>
          {noTalk === 1 ? t('workbench.mineNoTalkOne') : noTalk ? t('workbench.mineNoTalk', { count: noTalk }) : t('workbench.mineAllTalked')}
        </Typography.Text>
      )}
    </Card>
  );
}

function CountCard({ title, value, loading, testId }: { title: string; value: number | string | undefined; loading: boolean; testId: string }) {
  return (
    <Card data-testid={testId}>
      <Statistic title={title} value={value ?? '—'} loading={loading} />
    </Card>
  );
}

/** Home: who I am; for leaders the school's risks and rates, for teachers their care to-dos, for every author its follow-ups due; what I can reach and the way to the pages I use. */
export default function WorkbenchPage() {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const me = useMe().data;
  const schools = useSchools();
  const seesUsers = canSee(me, 'users');
  // What one can reach is counted for those who oversee schools: a teacher's reach is her children.
  const oversees = !!me && (seesUsers || hasRole(me, 'system_admin', 'bureau_officer', 'school_leader', 'moral_education'));
  const classes = useClassCount(oversees ? schools.data : []);
  const users = useQuery({
    queryKey: keys.users({ limit: String(USER_SAMPLE) }),
    queryFn: () => api.get('/users', { query: { limit: USER_SAMPLE }, schema: UserPage }),
    enabled: seesUsers,
  });
  if (!me) return null;
  const userCount = users.data ? (users.data.nextCursor ? `${users.data.items.length}+` : users.data.items.length) : undefined;
  const shortcuts = visibleNav(me).filter((n) => n.key !== 'workbench');
  // Safety incidents come first for those who lead a school or a region; a class teacher sees them after her to-dos.
  const incidents = readsIncidents(me);
  const incidentsFirst = incidents && hasRole(me, 'school_leader', 'moral_education', 'bureau_officer');
  // Who reviews rosters (submission.service.ts `reviews`): a school's leaders its class rosters, the bureau the school rosters.
  const reviewsRosters = hasRole(me, 'school_leader', 'moral_education', 'bureau_officer');

  return (
    <Flex vertical gap={16}>
      <Card data-testid="workbench-welcome">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('workbench.welcome', { name: me.user.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('workbench.intro')}</Typography.Paragraph>
        <Typography.Text strong>{t('workbench.myRoles')}</Typography.Text>
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          {me.roles.length === 0 && <Typography.Text type="secondary">{t('workbench.noRoles')}</Typography.Text>}
          {me.roles.map((r) => (
            <Tag key={r.id} color="orange" style={{ fontSize: 14, padding: '2px 8px', whiteSpace: 'normal' }}>
              {labels.role(r.role)}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                {r.scopeName ?? labels.scopeKind(r.scopeKind)}
              </Typography.Text>
            </Tag>
          ))}
        </Flex>
      </Card>
      <SetupChecklist />
      {incidentsFirst && <IncidentPanel />}
      {reviewsRosters && <AwaitingReviewPanel />}
      {me.roles
        .filter((r) => r.role === 'bureau_officer' && r.regionId)
        .slice(0, 1)
        .map((r) => (
          <RegionPanel key={r.id} regionId={r.regionId ?? ''} regionName={r.scopeName ?? ''} />
        ))}
      {me.roles
        .filter((r) => r.role === 'bureau_officer' && r.regionId)
        .slice(0, 1)
        .map((r) => (
          <Card key={r.id} size="small" hoverable onClick={() => navigate(`/stats?region=${r.regionId}`)} data-testid="workbench-region-stats">
            <Flex align="center" justify="space-between" gap={8} wrap>
              <Flex align="center" gap={8} wrap>
                <PieChartOutlined style={{ color: '#c2410c', fontSize: 18 }} />
                <Typography.Text strong>{t('workbench.regionStats', { region: r.scopeName ?? '' })}</Typography.Text>
                <Typography.Text type="secondary">{t('workbench.regionStatsHint')}</Typography.Text>
              </Flex>
              <Button type="link" style={{ paddingInline: 0 }}>
                {t('workbench.regionStatsOpen')} <RightOutlined />
              </Button>
            </Flex>
          </Card>
        ))}
      {hasRole(me, 'school_leader', 'moral_education') && <LeaderPanel />}
      {hasRole(me, 'class_teacher') && <MyClassCards />}
      {hasRole(me, 'mentor', 'class_teacher') && <MyDuePanel />}
      {/* Whoever writes records (a counsellor too): their follow-ups due this week or overdue; nothing when there are none. */}
      {canManage(me, 'careRecords') && <FollowUpsPanel />}
      {incidents && !incidentsFirst && <IncidentPanel />}
      {hasRole(me, 'mentor') && <MentorCard />}
      {hasRole(me, 'volunteer') && (
        <Suspense fallback={<Card loading />}>
          <VolunteerCampsCard />
        </Suspense>
      )}
      {oversees && (
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={8}>
            <CountCard title={t('workbench.schools')} value={schools.data?.length} loading={schools.isLoading} testId="count-schools" />
          </Col>
          <Col xs={24} sm={8}>
            <CountCard title={t('workbench.classes')} value={classes.value} loading={classes.loading} testId="count-classes" />
          </Col>
          {seesUsers && (
            <Col xs={24} sm={8}>
              <CountCard title={t('workbench.users')} value={userCount} loading={users.isLoading} testId="count-users" />
            </Col>
          )}
        </Row>
      )}
      <Card title={t('workbench.quick')}>
        {shortcuts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Row gutter={[12, 12]}>
            {shortcuts.map((n) => (
              <Col key={n.key} xs={12} sm={8} lg={6}>
                <Card hoverable size="small" onClick={() => navigate(n.path)} data-testid={`shortcut-${n.key}`}>
                  <Flex align="center" gap={8}>
                    <span style={{ color: '#c2410c', fontSize: 18 }}>{n.icon}</span>
                    <span>{t(`nav.${n.key}`)}</span>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}

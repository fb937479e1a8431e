import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { MyClass } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/lang.tsx';

const MyClasses = z.object({ items: z.array(MyClass) });

/** The children list of the class, with more filters (`threeClear=false`: archives missing one of the 三个清楚). */
const classList = (k: MyClass, more = '') => `/children?school=${k.schoolId}&classId=${k.id}${more}`;

/** A count that links to its list when there is something in it. */
function Count({ title, value, suffix, danger, to, testId }: { title: string; value: number; suffix?: string; danger?: boolean; to?: string; testId: string }) {
  const statistic = <Statistic title={title} value={value} suffix={suffix} styles={{ content: { color: danger && value ? '#cf1322' : undefined } }} />;
  if (!to || !value) return <div data-testid={testId}>{statistic}</div>;
  return (
    <Link to={to} style={{ display: 'block', color: 'inherit' }} data-testid={testId}>
      {statistic}
    </Link>
  );
}

function ClassCard({ k }: { k: MyClass }) {
  const t = useT();
  const navigate = useNavigate();
  const open = (more = '') => navigate(classList(k, more));
  const rosterOpen = k.roster === 'none' || k.roster === 'draft' || k.roster === 'returned';
  return (
    <Card
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <TeamOutlined style={{ color: '#c2410c' }} />
          <Typography.Text strong ellipsis>
            {t('workbench.myClassTitle', { name: k.name })}
          </Typography.Text>
        </Flex>
      }
      extra={
        k.children > 0 && (
          <Button type="link" style={{ paddingInline: 0 }} onClick={() => open()} data-testid="my-class-open">
            {t('workbench.myClassOpen')} <RightOutlined />
          </Button>
        )
      }
      data-testid="my-class"
    >
      {k.children === 0 ? (
        <Flex vertical gap={12}>
          <Typography.Text>{t('workbench.myClassEmpty')}</Typography.Text>
          <Flex gap={8} wrap>
            <Button type="primary" onClick={() => navigate(`/children/new?school=${k.schoolId}&classId=${k.id}`)} data-testid="my-class-new">
              {t('workbench.myClassNew')}
            </Button>
            <Button onClick={() => navigate('/rosters/import')} data-testid="my-class-import">
              {t('workbench.myClassImport')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={6}>
              <Count title={t('workbench.myClassChildren')} value={k.children} to={classList(k)} testId="my-class-children" />
            </Col>
            <Col xs={12} sm={6}>
              <Count title={t('workbench.myClassIncomplete')} value={k.incomplete} danger to={classList(k, '&threeClear=false')} testId="my-class-incomplete" />
            </Col>
            <Col xs={12} sm={6}>
              <Count title={t('workbench.myClassUnpaired')} value={k.unpaired} danger testId="my-class-unpaired" />
            </Col>
            <Col xs={12} sm={6}>
              <Count title={t('workbench.myClassTalked')} value={k.talkedThisMonth} suffix={`/ ${k.children}`} testId="my-class-talked" />
            </Col>
          </Row>
          {(k.incomplete > 0 || k.unpaired > 0) && (
            <Flex vertical gap={4} style={{ marginTop: 12 }}>
              {k.incomplete > 0 && <Typography.Text type="danger">{t('workbench.myClassIncompleteHint', { count: k.incomplete })}</Typography.Text>}
              {k.unpaired > 0 && <Typography.Text type="danger">{t('workbench.myClassUnpairedHint', { count: k.unpaired })}</Typography.Text>}
            </Flex>
          )}
        </>
      )}
      <Flex align="center" gap={8} wrap style={{ marginTop: 12 }} data-testid="my-class-roster">
        {k.term && k.roster ? (
          <>
            <Typography.Text>
              {t('workbench.myClassRoster', { term: k.term.name })}
              <Typography.Text type={k.roster === 'returned' ? 'danger' : k.roster === 'approved' ? 'success' : undefined} strong>
                {t(`workbench.myClassRosterStatus.${k.roster}`)}
              </Typography.Text>
            </Typography.Text>
            <Button
              size="small"
              type={rosterOpen && k.children > 0 ? 'primary' : 'default'}
              onClick={() => navigate('/submissions')}
              data-testid="my-class-roster-open"
            >
              {rosterOpen ? t('workbench.myClassRosterGo') : t('workbench.myClassRosterView')}
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">{t('workbench.myClassNoTerm')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** 我的班级: for a class teacher, each class it heads: its children, what their archives lack, mentors, talks, this term's roster. */
export function MyClassCards() {
  const mine = useQuery({ queryKey: ['classes', 'mine'], queryFn: () => api.get('/classes/mine', { schema: MyClasses }).then((r) => r.items) });
  if (!mine.data?.length) return null;
  return (
    <>
      {mine.data.map((k) => (
        <ClassCard key={k.id} k={k} />
      ))}
    </>
  );
}

import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, ScheduleOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Flex, Grid, Row, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { monthStart, todayInShanghai } from '../../lib/dates.ts';
import { type DueItem, useDueItems } from './compliance.api.ts';
import { addDays, monthEnd, RED } from './compliance-format.tsx';
import { DueItemCard } from './DueItemCard.tsx';

/** A list shows this many items until "show all". */
const SHOWN = 5;

const byEnd = (a: DueItem, b: DueItem) => (a.windowEnd < b.windowEnd ? -1 : a.windowEnd > b.windowEnd ? 1 : a.childName.localeCompare(b.childName, 'zh-CN'));

function DueList({
  title,
  icon,
  color,
  items,
  empty,
  today,
  testId,
}: {
  title: string;
  icon: ReactNode;
  color?: string;
  items: DueItem[];
  empty: string;
  today: string;
  testId: string;
}) {
  const t = useT();
  const [all, setAll] = useState(false);
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8} style={{ color }}>
          {icon}
          <span>{title}</span>
          <Badge count={items.length} showZero color={items.length ? color : '#bfbfbf'} overflowCount={999} />
        </Flex>
      }
      styles={{ body: { padding: 10 } }}
      style={{ height: '100%' }}
      data-testid={testId}
    >
      {items.length === 0 ? (
        <Typography.Text type="success" style={{ display: 'block', padding: '4px 2px' }}>
          <CheckCircleFilled /> {empty}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {/* Collapsed items stay in the page (hidden), so that the list's length is what the badge says. */}
          {items.map((i, n) => (
            <div key={`${i.childId}|${i.ruleKey}|${i.windowStart}`} hidden={!all && n >= SHOWN}>
              <DueItemCard item={i} today={today} canLog />
            </div>
          ))}
          {items.length > SHOWN && (
            <Button type="link" onClick={() => setAll(!all)} style={{ alignSelf: 'center' }} data-testid={`${testId}-more`}>
              {all ? t('due.showLess') : t('due.showAll', { count: items.length })}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

/**
 * 我的关爱待办 on a teacher's workbench: what is overdue (oldest first), what falls due this week,
 * what is still open this month — each with the button that writes the record it needs.
 */
export function MyDuePanel() {
  const t = useT();
  const today = todayInShanghai();
  const open = useDueItems({ mine: 'true', status: 'open', limit: 1000 });
  const done = useDueItems({ mine: 'true', status: 'done', from: monthStart(today), to: today, limit: 1000 });
  const items = open.data ?? [];
  const weekEnd = addDays(today, 6);
  const end = monthEnd(today);
  const overdue = items.filter((i) => i.status === 'overdue').sort(byEnd);
  const due = items.filter((i) => i.status === 'due').sort(byEnd);
  const week = due.filter((i) => i.windowEnd <= weekEnd);
  const month = due.filter((i) => i.windowEnd > weekEnd && i.windowEnd <= end);
  const later = due.filter((i) => i.windowEnd > weekEnd && i.windowEnd > end);
  const doneCount = done.data?.filter((i) => i.windowEnd >= monthStart(today)).length;
  // Beside the title where there is room; on a phone under it, where it cannot cover the title.
  const wide = Grid.useBreakpoint().sm !== false;
  const doneLine = doneCount !== undefined && (
    <Typography.Text type="success" data-testid="workbench-done-count">
      <CheckCircleFilled /> {t('due.doneThisMonth', { count: doneCount })}
    </Typography.Text>
  );

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <ScheduleOutlined style={{ color: '#c2410c' }} />
          {t('due.panelTitle')}
        </Flex>
      }
      extra={wide && doneLine}
      styles={{ body: { padding: 12 } }}
      data-testid="workbench-due"
    >
      {!wide && doneLine && <div style={{ marginBottom: 8 }}>{doneLine}</div>}
      <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
        {t('due.panelIntro')}
      </Typography.Paragraph>
      <QueryError error={open.error} onRetry={() => open.refetch()} />
      {open.isLoading ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <DueList
              title={t('due.overdueTitle')}
              icon={<ExclamationCircleFilled />}
              color={RED}
              items={overdue}
              empty={t('due.noOverdue')}
              today={today}
              testId="workbench-overdue"
            />
          </Col>
          <Col xs={24} lg={8}>
            <DueList
              title={t('due.weekTitle')}
              icon={<ClockCircleOutlined />}
              color="#d46b08"
              items={week}
              empty={t('due.noWeek')}
              today={today}
              testId="workbench-week"
            />
          </Col>
          <Col xs={24} lg={8}>
            <DueList
              title={t('due.monthTitle')}
              icon={<ScheduleOutlined />}
              color="#1677ff"
              items={month}
              empty={t('due.noMonth')}
              today={today}
              testId="workbench-month"
            />
          </Col>
          {later.length > 0 && (
            <Col xs={24}>
              <DueList title={t('due.laterTitle')} icon={<ScheduleOutlined />} items={later} empty="" today={today} testId="workbench-later" />
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}

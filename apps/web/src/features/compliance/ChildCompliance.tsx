import { AlertOutlined, CheckCircleFilled, ScheduleOutlined } from '@ant-design/icons';
import type { Child } from '@carebridge/shared';
import { Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { canManage } from '../../auth/permissions.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { useChildRisk, useDueItems } from './compliance.api.ts';
import { RiskTag } from './compliance-format.tsx';
import { DueItemCard } from './DueItemCard.tsx';
import { RiskReasons } from './RiskReasons.tsx';

const DUE_SHOWN = 4;

/** 预警等级 on a child's page: the level, its score and every signal behind it. */
export function ChildRiskCard({ child }: { child: Child }) {
  const t = useT();
  const me = useMe().data;
  const risk = useChildRisk(child.id, child.status === 'active');
  // A role that cannot see the signals (403) or a child no longer active: no card.
  if (child.status !== 'active' || (risk.error instanceof ApiError && (risk.error.status === 403 || risk.error.status === 404))) return null;
  const r = risk.data;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined style={{ color: '#d46b08' }} />
          {t('risk.title')}
          {r && <RiskTag level={r.level} />}
        </Flex>
      }
      extra={r && <Typography.Text type="secondary">{t('risk.score', { score: r.score })}</Typography.Text>}
      style={{ height: '100%' }}
      data-testid="child-risk"
    >
      {risk.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : risk.error ? (
        <QueryError error={risk.error} onRetry={() => risk.refetch()} />
      ) : r && r.reasons.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('risk.none')}
        </Typography.Text>
      ) : r ? (
        <>
          <RiskReasons reasons={r.reasons} />
          {!r.hasMentor && canManage(me, 'pairings') && (
            <div style={{ marginTop: 4 }}>
              <Link to={`/pairings?school=${child.schoolId}`} data-testid="child-risk-pair">
                {t('risk.goPair')}
              </Link>
            </div>
          )}
        </>
      ) : null}
    </Card>
  );
}

/** 待办的关爱工作: the child's open items (overdue first) with the button that writes the record each needs. */
export function ChildDueCard({ child }: { child: Child }) {
  const t = useT();
  const me = useMe().data;
  const today = todayInShanghai();
  const [all, setAll] = useState(false);
  const due = useDueItems({ childId: child.id, status: 'open', limit: 200 }, child.status === 'active');
  if (child.status !== 'active' || (due.error instanceof ApiError && (due.error.status === 403 || due.error.status === 404))) return null;
  const items = due.data ?? [];
  const overdue = items.filter((i) => i.status === 'overdue').length;
  // Teachers log what they are responsible for; leaders and the moral-education office may log any item.
  const writer = canManage(me, 'careRecords');
  const logsAll = hasRole(me, 'school_leader', 'moral_education');
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <ScheduleOutlined style={{ color: '#c2410c' }} />
          {t('due.childTitle')}
          {due.data && <Tag color={overdue ? 'red' : items.length ? 'blue' : 'green'}>{items.length}</Tag>}
        </Flex>
      }
      style={{ height: '100%' }}
      styles={{ body: { padding: 10 } }}
      data-testid="child-due"
    >
      {due.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : due.error ? (
        <QueryError error={due.error} onRetry={() => due.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('due.childEmpty')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {(all ? items : items.slice(0, DUE_SHOWN)).map((i) => (
            <DueItemCard
              key={`${i.ruleKey}|${i.windowStart}`}
              item={i}
              today={today}
              showChild={false}
              showResponsible
              canLog={writer && (logsAll || i.responsibleUserId === me?.user.id)}
            />
          ))}
          {items.length > DUE_SHOWN && (
            <Button type="link" onClick={() => setAll(!all)} style={{ alignSelf: 'center' }}>
              {all ? t('due.showLess') : t('due.childMore', { count: items.length - DUE_SHOWN })}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

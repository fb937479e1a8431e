import '../../i18n/incidents.ts';
import { AlertOutlined, CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import type { Child } from '@carebridge/shared';
import { Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { IncidentCard } from './IncidentItems.tsx';
import { RED } from './incident-format.tsx';
import { useIncidentList } from './incidents.api.ts';

const SHOWN = 5;

/** 安全事件 on a child's page: the child's incidents (details only for those who may read them) and the way to report one. */
export function ChildIncidents({ child }: { child: Child }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const list = useIncidentList({ childId: child.id, status: 'all', limit: SHOWN + 1 });
  if (list.error instanceof ApiError && (list.error.status === 403 || list.error.status === 404)) return null;
  const items = list.data?.items ?? [];
  const more = items.length > SHOWN || !!list.data?.nextCursor;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined style={{ color: RED }} />
          {t('childIncidents.title')}
        </Flex>
      }
      extra={
        canManage(me, 'incidents') &&
        child.status === 'active' && (
          <Button
            size="small"
            danger
            icon={<PlusOutlined />}
            onClick={() => navigate(`/incidents/new?childId=${child.id}`, { state: { childName: child.name, schoolId: child.schoolId } })}
            data-testid="child-incident-report"
          >
            {t('childIncidents.report')}
          </Button>
        )
      }
      styles={{ body: { padding: 10 } }}
      data-testid="child-incidents"
    >
      {list.isLoading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('childIncidents.empty')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {items.slice(0, SHOWN).map((i) => (
            <IncidentCard key={i.id} incident={i} />
          ))}
          {more && (
            <Button
              type="link"
              onClick={() => navigate(`/incidents?${new URLSearchParams({ child: child.id, childName: child.name ?? '' })}`)}
              style={{ alignSelf: 'center' }}
            >
              {t('childIncidents.more')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

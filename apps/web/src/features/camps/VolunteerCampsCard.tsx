import { FlagOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { campPhase, PhaseTag } from './CampsPage.tsx';
import { dateRange } from './camp-format.ts';
import { useCamps } from './camps.api.ts';

/**
 * For volunteers, on the workbench: their school's camps (and those they help at) running or to come (soonest first), each a click from its
 * timetable; with none, the latest camp (its photos and summary are still to be written after it).
 */
export default function VolunteerCampsCard() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const camps = useCamps(undefined);
  const today = todayInShanghai();
  const all = camps.data ?? [];
  const current = all.filter((c) => campPhase(c, today) !== 'ended').sort((a, b) => a.startDate.localeCompare(b.startDate));
  // The list comes newest first.
  const shown = current.length ? current : all.slice(0, 1);
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <FlagOutlined style={{ color: '#c2410c' }} />
          {t('campList.title')}
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/camps')} data-testid="workbench-camps-all">
          {t('campList.mineAll')} <RightOutlined />
        </Button>
      }
      loading={camps.isLoading}
      data-testid="workbench-camps"
    >
      {camps.error ? (
        <QueryError error={camps.error} onRetry={() => camps.refetch()} />
      ) : shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campList.empty')} />
      ) : (
        <List
          dataSource={shown}
          renderItem={(c) => (
            <List.Item
              onClick={() => navigate(`/camps/${c.id}`)}
              style={{ cursor: 'pointer' }}
              extra={<PhaseTag camp={c} today={today} />}
              data-testid="workbench-camp"
            >
              <List.Item.Meta
                title={<Typography.Link>{c.title}</Typography.Link>}
                description={[dateRange(c.startDate, c.endDate, lang), c.place].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

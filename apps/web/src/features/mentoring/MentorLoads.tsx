import type { MentorLoad } from '@carebridge/shared';
import { Card, Col, Empty, Flex, Progress, Row, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';

/** Green with room, orange when full, red above the school's limit. */
export function loadColor(count: number, limit: number): string {
  if (count > limit) return '#cf1322';
  if (count === limit) return '#fa8c16';
  return '#389e0d';
}

/** "可再带 1 名" / "已满" / "超出 2 名". */
export function LoadText({ count, limit }: { count: number; limit: number }) {
  const t = useT();
  if (count > limit)
    return (
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {t('pairings.over', { count: count - limit })}
      </Typography.Text>
    );
  if (count === limit)
    return (
      <Typography.Text type="warning" style={{ fontSize: 12 }}>
        {t('pairings.full')}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('pairings.room', { count: limit - count })}
    </Typography.Text>
  );
}

/** One mentor's load as a bar: count of limit. */
export function LoadBar({ count, limit }: { count: number; limit: number }) {
  return (
    <Progress
      percent={limit ? Math.min(100, Math.round((count / limit) * 100)) : 100}
      strokeColor={loadColor(count, limit)}
      format={() => <span style={{ color: count >= limit ? loadColor(count, limit) : undefined }}>{`${count}/${limit}`}</span>}
      status="normal"
      size="small"
      style={{ margin: 0 }}
    />
  );
}

interface Props {
  mentors: readonly MentorLoad[];
  selected: string | undefined;
  onSelect: (mentorId: string | undefined) => void;
}

/** Every mentor of the school with the current load; clicking one filters the pairing list. */
export function MentorLoads({ mentors, selected, onSelect }: Props) {
  const t = useT();
  if (!mentors.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pairings.noMentors')} />;
  return (
    <Row gutter={[8, 8]} data-testid="pairing-loads">
      {mentors.map((m) => {
        const on = selected === m.id;
        return (
          <Col key={m.id} xs={12} sm={8} md={6} xl={4}>
            <Card
              size="small"
              hoverable
              onClick={() => onSelect(on ? undefined : m.id)}
              aria-pressed={on}
              styles={{ body: { padding: '8px 12px' } }}
              style={{ borderColor: on ? '#c2410c' : m.overloaded ? '#ffa39e' : undefined, background: on ? '#fff7ed' : undefined }}
              data-testid="pairing-load"
            >
              <Flex justify="space-between" align="baseline" gap={4}>
                <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                  {m.name}
                </Typography.Text>
                <LoadText count={m.count} limit={m.limit} />
              </Flex>
              <LoadBar count={m.count} limit={m.limit} />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

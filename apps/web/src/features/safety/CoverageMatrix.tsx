import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import type { SafetyCoverage, SafetyTopic } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Popover, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { useCoverage } from './safety.api.ts';

type ClassRow = SafetyCoverage['classes'][number];

const GREEN = '#389e0d';
const RED = '#cf1322';

/** A planned topic that reached the class: ✓, and on hover or tap the activities that covered it, each a link. */
function CoveredCell({ topic, items }: { topic: SafetyTopic; items: { id: string; date: string; title: string }[] }) {
  const t = useT();
  return (
    <Popover
      trigger={['hover', 'click']}
      title={t('safetyCoverage.coveredBy', { topic: t(`activities.topics.${topic}`) })}
      content={
        <Flex vertical gap={4} style={{ maxWidth: 280 }}>
          {items.map((a) => (
            <Link key={a.id} to={`/activities/${a.id}`} data-testid="coverage-link">
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.date}</span> {a.title}
            </Link>
          ))}
        </Flex>
      }
    >
      <CheckCircleFilled style={{ color: GREEN, fontSize: 18, cursor: 'pointer' }} aria-label={t('activities.statuses.done')} />
    </Popover>
  );
}

/** A planned topic the class has not had: a red ✗; for organisers a shortcut to plan it for the class. */
function MissingCell({ topic, row, onArrange }: { topic: SafetyTopic; row: ClassRow; onArrange?: ((topic: SafetyTopic, row: ClassRow) => void) | undefined }) {
  const t = useT();
  return (
    <Popover
      trigger={['hover', 'click']}
      content={
        <Flex vertical gap={8} align="start">
          <Typography.Text>{t('safetyCoverage.notCovered', { topic: t(`activities.topics.${topic}`) })}</Typography.Text>
          {onArrange && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => onArrange(topic, row)} data-testid="coverage-arrange">
              {t('safetyPage.arrange')}
            </Button>
          )}
        </Flex>
      }
    >
      <CloseCircleFilled style={{ color: RED, fontSize: 18, cursor: 'pointer' }} aria-label={t('safetyCoverage.missing')} />
    </Popover>
  );
}

interface Props {
  schoolId: string;
  termId: string;
  /** Whether the user may plan safety education for a class (the ✗ then offers "安排安全教育"). */
  arranges: (classId: string) => boolean;
}

/** 各班开展情况: rows are classes, columns the term's planned topics; ✓ with the activities, red ✗ where a class has not had a topic. */
export function CoverageMatrix({ schoolId, termId, arranges }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const coverage = useCoverage(schoolId, termId);
  const data = coverage.data;
  const arrange = (topic: SafetyTopic, row: ClassRow) =>
    navigate(`/activities/new?school=${schoolId}&kind=safety_education&topics=${topic}&scope=class&value=${row.classId}`);

  const columns: ColumnsType<ClassRow> = data
    ? [
        {
          key: 'class',
          title: t('safetyCoverage.className'),
          fixed: 'left',
          width: 110,
          render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text>,
        },
        ...data.topics.map((topic) => ({
          key: topic,
          title: <span style={{ fontSize: 12, whiteSpace: 'normal', display: 'inline-block', lineHeight: 1.3 }}>{t(`activities.topics.${topic}`)}</span>,
          width: 84,
          align: 'center' as const,
          render: (_: unknown, r: ClassRow) => {
            const items = r.covered[topic] ?? [];
            return (
              <span data-testid="coverage-cell" data-topic={topic} data-covered={items.length ? 'true' : 'false'}>
                {items.length ? (
                  <CoveredCell topic={topic} items={items} />
                ) : (
                  <MissingCell topic={topic} row={r} onArrange={arranges(r.classId) ? arrange : undefined} />
                )}
              </span>
            );
          },
        })),
        {
          key: 'missing',
          title: t('safetyCoverage.missing'),
          width: 96,
          render: (_, r) =>
            r.missing.length ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('safetyCoverage.missingCount', { count: r.missing.length })}
              </Tag>
            ) : (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {t('safetyCoverage.allCovered')}
              </Tag>
            ),
        },
      ]
    : [];
  const complete = data?.classes.filter((k) => !k.missing.length).length ?? 0;

  return (
    <Card
      size="small"
      title={t('safetyCoverage.title')}
      extra={
        data && data.classes.length > 0 ? (
          <Typography.Text type="secondary" data-testid="coverage-summary">
            {t('safetyCoverage.summary', { covered: complete, total: data.classes.length })}
          </Typography.Text>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
      data-testid="safety-coverage"
    >
      <div style={{ padding: '8px 12px' }}>
        <QueryError error={coverage.error} onRetry={() => coverage.refetch()} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('safetyCoverage.hint')}
          {data && ` ${data.from} — ${data.to}`}
        </Typography.Text>
      </div>
      {coverage.isLoading && <Skeleton active style={{ padding: 12 }} />}
      {data &&
        (data.classes.length === 0 || data.topics.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(data.classes.length ? 'safetyCoverage.noTopics' : 'safetyCoverage.noClasses')} />
        ) : (
          <Table<ClassRow>
            rowKey="classId"
            size="small"
            columns={columns}
            dataSource={data.classes}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': 'coverage-row', 'data-class': r.name }) as React.HTMLAttributes<HTMLTableRowElement>}
          />
        ))}
    </Card>
  );
}

import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import { compareClasses, type SafetyCoverage, type SafetyTopic } from '@carebridge/shared';
import { Button, Card, Empty, Flex, Grid, Popover, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { useCoverage } from './safety.api.ts';

type ClassRow = SafetyCoverage['classes'][number];

const GREEN = '#389e0d';
const RED = '#cf1322';

/** A planned topic that reached the class: ✓ (or `children`), and on hover or tap the activities that covered it, each a link. */
function CoveredCell({ topic, items, children }: { topic: SafetyTopic; items: { id: string; date: string; title: string }[]; children?: ReactNode }) {
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
      {children ?? <CheckCircleFilled style={{ color: GREEN, fontSize: 18, cursor: 'pointer' }} aria-label={t('activities.statuses.done')} />}
    </Popover>
  );
}

type Arrange = ((topic: SafetyTopic, row: ClassRow) => void) | undefined;

/** A planned topic the class has not had: a red ✗ (or `children`); for organisers a shortcut to plan it for the class. */
function MissingCell({ topic, row, onArrange, children }: { topic: SafetyTopic; row: ClassRow; onArrange?: Arrange; children?: ReactNode }) {
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
      {children ?? <CloseCircleFilled style={{ color: RED, fontSize: 18, cursor: 'pointer' }} aria-label={t('safetyCoverage.missing')} />}
    </Popover>
  );
}

/** How far the class is: "缺 2 项" in red, or "已全部开展" in green. */
function MissingTag({ row }: { row: ClassRow }) {
  const t = useT();
  return row.missing.length ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('safetyCoverage.missingCount', { count: row.missing.length })}
    </Tag>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('safetyCoverage.allCovered')}
    </Tag>
  );
}

/** One class's ✓ or ✗ for a topic, with the attributes the tests read; `label` adds the topic's name (a phone has no column heads). */
function TopicCell({ topic, row, onArrange, label }: { topic: SafetyTopic; row: ClassRow; onArrange: Arrange; label?: boolean }) {
  const t = useT();
  const items = row.covered[topic] ?? [];
  const chip = (covered: boolean) =>
    label ? (
      <Tag
        color={covered ? 'success' : 'error'}
        icon={covered ? <CheckCircleFilled aria-label={t('activities.statuses.done')} /> : <CloseCircleFilled aria-label={t('safetyCoverage.missing')} />}
        style={{ marginInlineEnd: 0, cursor: 'pointer', whiteSpace: 'normal', fontSize: 13, lineHeight: '22px' }}
      >
        {t(`activities.topics.${topic}`)}
      </Tag>
    ) : undefined;
  return (
    <span data-testid="coverage-cell" data-topic={topic} data-covered={items.length ? 'true' : 'false'}>
      {items.length ? (
        <CoveredCell topic={topic} items={items}>
          {chip(true)}
        </CoveredCell>
      ) : (
        <MissingCell topic={topic} row={row} onArrange={onArrange}>
          {chip(false)}
        </MissingCell>
      )}
    </span>
  );
}

/** On a phone: a block per class, its name and progress above the planned topics as ✓ / ✗ chips, nothing to scroll sideways. */
function CoverageList({ topics, classes, arrangeFor }: { topics: SafetyTopic[]; classes: ClassRow[]; arrangeFor: (row: ClassRow) => Arrange }) {
  return (
    <div>
      {classes.map((r) => (
        <div key={r.classId} data-testid="coverage-row" data-class={r.name} style={{ padding: '10px 12px', borderBlockStart: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>{r.name}</Typography.Text>
            <MissingTag row={r} />
          </Flex>
          <Flex wrap gap={6} style={{ marginTop: 8 }}>
            {topics.map((topic) => (
              <TopicCell key={topic} topic={topic} row={r} onArrange={arrangeFor(r)} label />
            ))}
          </Flex>
        </div>
      ))}
    </div>
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
  const phone = Grid.useBreakpoint().md === false;
  const coverage = useCoverage(schoolId, termId);
  const data = coverage.data;
  const classes = useMemo(() => [...(data?.classes ?? [])].sort(compareClasses), [data]);
  const arrange = (topic: SafetyTopic, row: ClassRow) =>
    navigate(`/activities/new?school=${schoolId}&kind=safety_education&topics=${topic}&scope=class&value=${row.classId}`);
  const arrangeFor = (row: ClassRow): Arrange => (arranges(row.classId) ? arrange : undefined);

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
          render: (_: unknown, r: ClassRow) => <TopicCell topic={topic} row={r} onArrange={arrangeFor(r)} />,
        })),
        {
          key: 'missing',
          title: t('safetyCoverage.missing'),
          width: 96,
          render: (_, r) => <MissingTag row={r} />,
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
        ) : phone ? (
          <CoverageList topics={data.topics} classes={classes} arrangeFor={arrangeFor} />
        ) : (
          <Table<ClassRow>
            rowKey="classId"
            size="small"
            columns={columns}
            dataSource={classes}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': 'coverage-row', 'data-class': r.name }) as React.HTMLAttributes<HTMLTableRowElement>}
          />
        ))}
    </Card>
  );
}

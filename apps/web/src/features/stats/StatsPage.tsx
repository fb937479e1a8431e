import '../../i18n/compliance.ts';
import '../../i18n/reports.ts';
import { FileExcelOutlined } from '@ant-design/icons';
import type { StatsTable } from '@carebridge/shared';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { download } from '../../api/files.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { PeriodPicker } from '../compliance/PeriodPicker.tsx';
import { periodMode } from '../compliance/periods.ts';
import { useTerms } from '../terms/terms.api.ts';
import { BreakdownCharts } from './BreakdownCharts.tsx';
import { type ChildDrill, ChildrenDrawer } from './ChildrenDrawer.tsx';
import { ScopePicker, useReportScope } from './report-scope.tsx';
import { SchoolsTable } from './SchoolsTable.tsx';
import { defaultPeriod, periodQuery, type StatsData, type StatsQuery, useStats } from './stats.api.ts';
import { childrenLink, complianceCell, pct } from './stats-format.ts';
import { WorkCharts } from './WorkCharts.tsx';

function Figure({ title, value, note, onClick, testId }: { title: string; value: ReactNode; note?: string; onClick?: () => void; testId: string }) {
  return (
    <Card size="small" hoverable={!!onClick} onClick={onClick} style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={0}
        formatter={() => (
          <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {value}
          </span>
        )}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

function Figures({ stats, today, open }: { stats: StatsData; today: string; open: (filters: Record<string, string>) => void }) {
  const t = useT();
  const x = stats.totals;
  // Not green while items are still in progress, as on the compliance page and in the schools table.
  const rate = complianceCell(t, { complianceRate: stats.compliance.overall.rate, complianceDue: stats.compliance.overall.due }, stats, today);
  const region = stats.scope.kind === 'region';
  const span = region ? { xs: 12, sm: 8, xl: 4 } : { xs: 12, sm: 12, lg: 6 };
  return (
    <Row gutter={[12, 12]}>
      <Col {...span}>
        <Figure title={t('stats.children')} value={x.children} note={t('stats.childrenNote')} onClick={() => open({})} testId="stats-children" />
      </Col>
      <Col {...span}>
        <Figure title={t('stats.share')} value={pct(x.share)} note={t('stats.pupilsNote', { count: x.pupils })} testId="stats-share" />
      </Col>
      <Col {...span}>
        <Figure
          title={t('stats.keySupport')}
          value={x.keySupport}
          note={t('stats.ofChildrenNote', { share: pct(x.children ? x.keySupport / x.children : null) })}
          onClick={() => open({ keySupport: 'true' })}
          testId="stats-key-support"
        />
      </Col>
      <Col {...span}>
        <Figure
          title={t('stats.narrow')}
          value={x.narrow}
          note={t('stats.ofChildrenNote', { share: pct(x.children ? x.narrow / x.children : null) })}
          onClick={() => open({ narrow: 'true' })}
          testId="stats-narrow"
        />
      </Col>
      {region && (
        <Col {...span}>
          <Figure title={t('stats.schools')} value={x.schools} testId="stats-schools-count" />
        </Col>
      )}
      {region && (
        <Col {...span}>
          <Figure
            title={t('stats.complianceRate')}
            value={<span style={{ color: rate.color }}>{rate.text}</span>}
            note={[t('stats.overdueNote', { count: stats.compliance.overall.overdue }), rate.note].filter(Boolean).join(' · ')}
            testId="stats-compliance"
          />
        </Col>
      )}
    </Row>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <section>
      <Flex align="baseline" gap={12} wrap style={{ margin: '8px 0 12px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {hint}
          </Typography.Text>
        )}
      </Flex>
      {children}
    </section>
  );
}

/**
 * 统计: the dashboard of a school or a region for a term, a month or any range — who the children are
 * (each bar opens its children), how the care work went, and for a region each school with its roster.
 */
export default function StatsPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useReportScope();
  const today = todayInShanghai();
  // By default the term so far (as the API counts without a period): the school's own term when it has one for today, else the calendar's.
  const terms = useTerms(scope.kind === 'school' ? scope.schoolId : undefined);
  const period = scope.params.get('period') ?? defaultPeriod(scope.kind === 'school' ? terms.data : undefined, today);
  const query: StatsQuery = { ...scope.query, ...periodQuery(period) };
  const stats = useStats(query, scope.ready && (scope.kind === 'region' || !terms.isLoading));
  const s = stats.data;
  const [drawer, setDrawer] = useState<ChildDrill | null>(null);
  const caption = s ? `${s.scope.name} · ${t('stats.range', { from: s.from, to: s.to })}` : '';
  /** One table of the dashboard as Excel (the whole dashboard with table undefined). */
  const exportXlsx = (table?: StatsTable) =>
    s &&
    download('/stats/export.xlsx', table ? { ...query, table } : query, `${s.scope.name}-${s.from}-${s.to}.xlsx`).catch((err: Error) =>
      message.error(err.message),
    );
  const scopeIds = s?.scope.kind === 'region' ? { regionId: s.scope.id } : { schoolId: s?.scope.id };

  if (scope.schools.isLoading) return <PageLoading />;
  return (
    <div data-testid="stats-page">
      <PageHeader title={t('stats.title')}>
        <ScopePicker
          scope={scope}
          testId="stats"
          extra={
            <PeriodPicker
              key={`${scope.kind}|${periodMode(period, scope.schoolId)}`}
              value={period}
              onChange={(p) => scope.set({ period: p })}
              schoolId={scope.schoolId}
            />
          }
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('stats.intro')}
        </Typography.Paragraph>
      </PageHeader>
      <QueryError error={stats.error ?? scope.schools.error} onRetry={() => stats.refetch()} />
      {!scope.ready && <Alert type="info" showIcon title={t('common.noSchool')} />}
      {scope.ready && !s && stats.isLoading && <Skeleton active paragraph={{ rows: 12 }} />}
      {s && (
        <Flex vertical gap={20} style={{ opacity: stats.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Flex align="center" justify="space-between" gap={8} wrap>
            <Typography.Text type="secondary" data-testid="stats-period">
              {caption}
            </Typography.Text>
            <Button icon={<FileExcelOutlined />} data-testid="stats-export" onClick={() => exportXlsx()}>
              {t('stats.exportExcel')}
            </Button>
          </Flex>
          <Figures stats={s} today={today} open={(filters) => navigate(childrenLink(scopeIds, filters))} />
          {s.scope.kind === 'region' && (
            <SchoolsTable
              rows={s.schools}
              total={s.schoolsTotal}
              from={s.from}
              today={today}
              loading={stats.isFetching}
              onOpen={(id) => scope.set({ school: id, region: null })}
              onExport={() => exportXlsx('schools')}
            />
          )}
          <Section title={t('stats.composition')} hint={t('stats.compositionHint')}>
            <BreakdownCharts stats={s} caption={caption} onDrawer={setDrawer} onExport={exportXlsx} />
          </Section>
          <Section title={t('stats.work')} hint={t('stats.workHint')}>
            <WorkCharts
              stats={s}
              period={period}
              caption={caption}
              onDrawer={setDrawer}
              onExport={exportXlsx}
              onTerm={(x) => {
                setDrawer(null);
                // A school shows its term; a region the days of the term (its schools' terms are their own).
                scope.set({ period: s.scope.kind === 'school' ? `term:${x.termId}` : `${x.from}..${x.to}` });
              }}
            />
          </Section>
        </Flex>
      )}
      {s && <ChildrenDrawer drill={drawer} scopeName={s.scope.name} range={s} onClose={() => setDrawer(null)} />}
    </div>
  );
}

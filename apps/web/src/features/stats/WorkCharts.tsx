import { FileExcelOutlined } from '@ant-design/icons';
import type { CoverageMeasure, StatsTable } from '@carebridge/shared';
import { Button, Card, Col, Empty, Flex, Grid, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLang, useT } from '../../i18n/lang.tsx';
import { rateColor } from '../compliance/compliance-format.tsx';
import { ChartCard } from './ChartCard.tsx';
import type { ChildDrill } from './ChildrenDrawer.tsx';
import { barOption, groupedOption, percentPointsText } from './chart-options.ts';
import { monthEnd, type StatsData } from './stats.api.ts';
import { listLink, pct, termLabel, useBucketLabel } from './stats-format.ts';

type Term = StatsData['trend'][number];

/** 0.467 → 46.7 (a percent for the chart), null when nothing was counted. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

interface Props {
  stats: StatsData;
  /** The period as the page keeps it, for the compliance page's own picker. */
  period: string;
  caption: string;
  /** Show another term on this dashboard. */
  onTerm: (term: Term) => void;
  /** Open the children behind a coverage bar or a term. */
  onDrawer: (drill: ChildDrill) => void;
  /** Download one table as Excel. */
  onExport: (table: StatsTable) => void;
}

/** 关爱工作: monthly coverage, the trend by term, the care rules' completion, the work done by kind, and incidents as numbers. */
export function WorkCharts({ stats, period, caption, onTerm, onDrawer, onExport }: Props) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const label = useBucketLabel();
  const screens = Grid.useBreakpoint();
  // Rule names are sentences: as wide as the card allows, in more lines on a phone.
  const ruleLabel = screens.sm === false ? 120 : screens.lg === false ? 200 : 260;
  const schoolId = stats.scope.kind === 'school' ? stats.scope.id : undefined;
  const scopeIds: Record<string, string> = schoolId ? { schoolId } : { regionId: stats.scope.id };
  const file = (name: string) => `${stats.scope.name}-${name}`;
  const { from, to } = stats;

  // Coverage per month: children reached by a talk, by a call or letter, by a home visit this term so far.
  const cov = stats.coverage;
  // Each measure's share is of the children it asks about: family contact of those with a parent away.
  const covSeries: { name: string; measure: CoverageMeasure; get: (m: (typeof cov)[number]) => number; of: (m: (typeof cov)[number]) => number }[] = [
    { name: t('stats.coverage.talk'), measure: 'talk', get: (m) => m.talk, of: (m) => m.children },
    { name: t('stats.coverage.familyContact'), measure: 'familyContact', get: (m) => m.familyContact, of: (m) => m.leftBehind },
    { name: t('stats.coverage.homeVisitTerm'), measure: 'homeVisitTerm', get: (m) => m.homeVisitTerm, of: (m) => m.children },
  ];
  /** The children a coverage bar counts, and those it does not: the drawer, within the scope. */
  const openCoverage = (series: number, i: number) => {
    const m = cov[i];
    const s = covSeries[series];
    if (!m || !s) return;
    const query = { ...scopeIds, from: `${m.month}-01`, to: monthEnd(m.month), measure: s.measure };
    const reached = s.get(m);
    onDrawer({
      title: t('stats.drill.coverageTitle', { month: m.month, name: s.name }),
      range: { from: query.from, to: query.to },
      source: 'stats',
      parts: [
        { key: 'covered', label: t('stats.drill.covered'), count: reached, query: { ...query, covered: 'true' } },
        { key: 'missed', label: t('stats.drill.missed'), count: s.of(m) - reached, query: { ...query, covered: 'false' } },
        { key: 'all', label: s.measure === 'familyContact' ? t('stats.drill.allLeftBehind') : t('stats.drill.all'), count: s.of(m), query },
      ],
    });
  };

  const trend = stats.trend;
  const trendLabels = trend.map((x) => termLabel(x.label, lang));
  /** A term's children, talked with or not, with the step to show the term on the dashboard. */
  const openTerm = (i: number) => {
    const x = trend[i];
    if (!x) return;
    const query = { ...scopeIds, from: x.from, to: x.to, measure: 'talk' };
    onDrawer({
      title: t('stats.drill.termTitle', { term: trendLabels[i] ?? x.label }),
      range: { from: x.from, to: x.to },
      source: 'stats',
      parts: [
        { key: 'covered', label: t('stats.drill.talked'), count: x.talked, query: { ...query, covered: 'true' } },
        { key: 'missed', label: t('stats.drill.notTalked'), count: x.children - x.talked, query: { ...query, covered: 'false' } },
        { key: 'all', label: t('stats.drill.all'), count: x.children, query },
      ],
      action: { label: t('stats.drill.showTerm'), onClick: () => onTerm(x) },
    });
  };

  const rules = stats.compliance.byRule;
  const openRule = (i: number) => {
    const r = rules[i];
    if (!r) return;
    const p = new URLSearchParams();
    if (schoolId) {
      p.set('school', schoolId);
      if (r.id) p.set('drill', `rule:${r.id}`);
    } else p.set('region', stats.scope.id);
    p.set('period', period);
    navigate(`/compliance?${p.toString()}`);
  };

  const care = stats.work.care;
  const acts = stats.work.activities;
  const incidents = stats.work.incidents;
  const incidentTotal = incidents.reduce((n, b) => n + b.count, 0);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <ChartCard
          title={t('stats.charts.coverage')}
          hint={t('stats.hints.coverage')}
          testId="chart-coverage"
          height={280}
          caption={caption}
          fileName={file(t('stats.charts.coverage'))}
          empty={cov.length === 0}
          option={groupedOption({
            labels: cov.map((m) => m.month),
            percent: [true],
            series: covSeries.map((s) => ({ name: s.name, kind: 'bar', values: cov.map((m) => percent(s.get(m), s.of(m))) })),
            tip: (i) => {
              const m = cov[i];
              if (!m) return [];
              return [
                t('stats.coverage.month', { month: m.month, children: m.children }),
                ...covSeries.map((s) =>
                  s.measure === 'familyContact'
                    ? t('stats.coverage.lineOf', { name: s.name, count: s.get(m), total: s.of(m), share: pct(s.of(m) ? s.get(m) / s.of(m) : null) })
                    : t('stats.coverage.line', { name: s.name, count: s.get(m), share: pct(s.of(m) ? s.get(m) / s.of(m) : null) }),
                ),
              ];
            },
          })}
          onPick={({ seriesIndex, dataIndex }) => openCoverage(seriesIndex, dataIndex)}
          onExport={() => onExport('coverage')}
          table={{
            columns: [t('stats.month'), t('stats.children'), ...covSeries.map((s) => s.name)],
            rows: cov.map((m, i) => ({
              key: m.month,
              cells: [
                m.month,
                m.children,
                ...covSeries.map((s, k) => (
                  <Typography.Link
                    key={s.measure}
                    onClick={(e) => {
                      e.stopPropagation();
                      openCoverage(k, i);
                    }}
                    data-testid={`coverage-cell-${s.measure}`}
                  >
                    {t('validation.aside', { text: s.get(m), note: pct(s.of(m) ? s.get(m) / s.of(m) : null) })}
                  </Typography.Link>
                )),
              ],
            })),
          }}
        />
      </Col>
      <Col xs={24} xl={10}>
        <ChartCard
          title={t('stats.charts.trend')}
          hint={t('stats.hints.trend')}
          testId="chart-trend"
          height={280}
          caption={caption}
          fileName={file(t('stats.charts.trend'))}
          empty={trend.length === 0}
          option={groupedOption({
            labels: trendLabels.map((l) => l.replace(' ', '\n')),
            percent: [false, true],
            series: [
              { name: t('stats.children'), kind: 'bar', values: trend.map((x) => x.children) },
              {
                name: t('stats.talkCoverageTerm'),
                kind: 'line',
                axis: 1,
                values: trend.map((x) => (x.talkCoverage === null ? null : Math.round(x.talkCoverage * 1000) / 10)),
              },
            ],
            tip: (i) => {
              const x = trend[i];
              if (!x) return [];
              return [trendLabels[i] ?? '', t('stats.trendChildren', { count: x.children }), t('stats.trendTalk', { share: pct(x.talkCoverage) })];
            },
          })}
          onPick={({ dataIndex }) => openTerm(dataIndex)}
          onExport={() => onExport('trend')}
          table={{
            columns: [t('stats.term'), t('stats.children'), t('stats.talkCoverageTerm')],
            rows: trend.map((x, i) => ({
              key: x.termId,
              cells: [trendLabels[i], x.children, pct(x.talkCoverage)],
              onOpen: () => openTerm(i),
            })),
          }}
        />
      </Col>
      {/* Colleagues' rates are for leaders and the bureau: a counsellor's dashboard goes without. */}
      {stats.compliance.readable && (
        <Col xs={24} xl={14}>
          <ChartCard
            title={t('stats.charts.compliance')}
            hint={t('stats.hints.compliance', { rate: pct(stats.compliance.overall.rate) })}
            testId="chart-compliance"
            height={Math.max(160, 24 + rules.length * (ruleLabel < 200 ? 84 : 64))}
            caption={caption}
            fileName={file(t('stats.charts.compliance'))}
            empty={rules.length === 0}
            option={barOption({
              labels: rules.map((r) => r.name),
              values: rules.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)),
              drill: rules.map(() => true),
              horizontal: true,
              labelWidth: ruleLabel,
              max: 100,
              unit: '%',
              colors: rules.map((r) => rateColor(r.rate, r.due)),
              label: percentPointsText,
              tip: (i) => {
                const r = rules[i];
                if (!r) return '';
                return `${r.name}\n${t('stats.ruleTip', { rate: pct(r.rate), done: r.done, total: r.total, overdue: r.overdue })}\n${t('stats.tipOpenRule')}`;
              },
            })}
            onPick={({ dataIndex }) => openRule(dataIndex)}
            onExport={() => onExport('compliance')}
            table={{
              columns: [t('stats.rule'), t('stats.complianceRate'), t('stats.ruleDone'), t('stats.ruleOverdue')],
              rows: rules.map((r, i) => ({
                key: r.id ?? String(i),
                cells: [
                  r.name,
                  <span key="rate" style={{ color: rateColor(r.rate, r.due) }}>
                    {pct(r.rate)}
                  </span>,
                  `${r.done} / ${r.total}`,
                  r.overdue,
                ],
                onOpen: () => openRule(i),
              })),
            }}
          />
        </Col>
      )}
      <Col xs={24} xl={10}>
        <ChartCard
          title={t('stats.charts.care')}
          hint={t('stats.hints.care')}
          testId="chart-care"
          height={Math.max(200, 24 + care.length * 36)}
          caption={caption}
          fileName={file(t('stats.charts.care'))}
          empty={care.length === 0}
          option={barOption({
            labels: care.map((b) => label('care', b.key)),
            values: care.map((b) => b.count),
            drill: care.map(() => true),
            horizontal: true,
            labelWidth: 90,
            colors: care.map(() => '#2563eb'),
            tip: (i) => `${label('care', care[i]?.key ?? '')}\n${t('stats.tipRecords', { count: care[i]?.count ?? 0 })}\n${t('stats.tipOpenRecords')}`,
          })}
          onPick={({ dataIndex }) => care[dataIndex] && navigate(listLink('/care-records', scopeIds, { kind: care[dataIndex].key, from, to }))}
          onExport={() => onExport('care')}
          table={{
            columns: [t('stats.careKind'), t('stats.records')],
            rows: care.map((b) => ({
              key: b.key,
              cells: [label('care', b.key), b.count],
              onOpen: () => navigate(listLink('/care-records', scopeIds, { kind: b.key, from, to })),
            })),
          }}
        />
      </Col>
      <Col xs={24} xl={14}>
        <ChartCard
          title={t('stats.charts.activities')}
          hint={t('stats.hints.activities')}
          testId="chart-activities"
          height={Math.max(200, 24 + acts.length * 36)}
          caption={caption}
          fileName={file(t('stats.charts.activities'))}
          empty={acts.length === 0}
          option={barOption({
            labels: acts.map((b) => label('activities', b.key)),
            values: acts.map((b) => b.count),
            drill: acts.map(() => true),
            horizontal: true,
            labelWidth: 120,
            colors: acts.map(() => '#059669'),
            tip: (i) =>
              `${label('activities', acts[i]?.key ?? '')}\n${t('stats.tipActivities', { count: acts[i]?.count ?? 0 })}\n${t('stats.tipOpenActivities')}`,
          })}
          onPick={({ dataIndex }) => acts[dataIndex] && navigate(listLink('/activities', scopeIds, { kind: acts[dataIndex].key, status: 'done', from, to }))}
          onExport={() => onExport('activities')}
          table={{
            columns: [t('stats.activityKind'), t('stats.held')],
            rows: acts.map((b) => ({
              key: b.key,
              cells: [label('activities', b.key), b.count],
              onOpen: () => navigate(listLink('/activities', scopeIds, { kind: b.key, status: 'done', from, to })),
            })),
          }}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Card
          size="small"
          title={t('stats.charts.incidents')}
          extra={
            <Tooltip title={t('stats.exportTable')}>
              <Button
                type="text"
                size="small"
                icon={<FileExcelOutlined />}
                onClick={() => onExport('incidents')}
                aria-label={t('stats.exportTable')}
                data-testid="stats-incidents-export"
              />
            </Tooltip>
          }
          style={{ height: '100%' }}
          data-testid="stats-incidents"
        >
          <Statistic title={t('stats.incidentTotal')} value={incidentTotal} styles={{ content: { color: incidentTotal ? '#cf1322' : undefined } }} />
          {incidents.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noIncidents')} style={{ margin: '8px 0' }} />
          ) : (
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              {incidents.map((b) => (
                <Tag key={b.key} style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}>
                  {label('incidents', b.key)} <b>{b.count}</b>
                </Tag>
              ))}
            </Flex>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0 0' }}>
            {t('stats.hints.incidents')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

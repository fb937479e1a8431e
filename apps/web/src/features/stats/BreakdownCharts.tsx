import type { StatsTable } from '@carebridge/shared';
import { Col, Row } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import type { TKey } from '../../i18n/translate.ts';
import { ChartCard } from './ChartCard.tsx';
import { type ChildDrill, singleDrill } from './ChildrenDrawer.tsx';
import { barOption, pieOption } from './chart-options.ts';
import type { Bucket, StatsData } from './stats.api.ts';
import { childrenLink, type Dimension, drillable, opensList, pct, useBucketLabel } from './stats-format.ts';

type Kind = 'bar' | 'hbar' | 'pie';

/** Every breakdown of the API, drawn as suits it: parts of a whole as rings, categories with long names as horizontal bars. */
const CHARTS: { dim: Dimension; kind: Kind; hint?: TKey }[] = [
  { dim: 'leftBehindType', kind: 'bar' },
  { dim: 'narrow', kind: 'pie', hint: 'stats.hints.narrow' },
  { dim: 'xuejiCode', kind: 'pie', hint: 'stats.hints.xuejiCode' },
  { dim: 'ageBand', kind: 'bar', hint: 'stats.hints.ageBand' },
  { dim: 'grade', kind: 'bar' },
  { dim: 'gender', kind: 'pie' },
  { dim: 'difficulty', kind: 'hbar', hint: 'stats.hints.difficulty' },
  { dim: 'guardianRelation', kind: 'hbar' },
  { dim: 'custodyQuality', kind: 'hbar' },
  { dim: 'boarding', kind: 'pie' },
  { dim: 'keySupport', kind: 'pie' },
  { dim: 'riskLevel', kind: 'pie', hint: 'stats.hints.riskLevelToday' },
];

/** Colours that carry meaning: risk levels as traffic lights, "yes" in the app's orange and "no" in grey. */
const KEY_COLORS: Record<string, string> = {
  'riskLevel:high': '#cf1322',
  'riskLevel:medium': '#d48806',
  'riskLevel:low': '#389e0d',
  'narrow:true': '#c2410c',
  'narrow:false': '#bfbfbf',
  'keySupport:true': '#c41d7f',
  'keySupport:false': '#bfbfbf',
  'gender:male': '#2563eb',
  'gender:female': '#db2777',
};

/** Buckets worth drawing: empty "unknown" and "other age" buckets say nothing; rings leave out empty slices. */
function shown(dim: string, kind: Kind, buckets: Bucket[]): Bucket[] {
  return buckets.filter((b) => (kind === 'pie' || b.key === 'unknown' || (dim === 'ageBand' && b.key === 'other') ? b.count > 0 : true));
}

interface Props {
  stats: StatsData;
  caption: string;
  onDrawer: (drill: ChildDrill) => void;
  /** Download one table (a breakdown) as Excel. */
  onExport: (table: StatsTable) => void;
}

/** 儿童构成: one chart per breakdown; a bar or slice opens its children (the list page, or a drawer for the filters it lacks). */
export function BreakdownCharts({ stats, caption, onDrawer, onExport }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const label = useBucketLabel();
  const total = stats.totals.children;
  const scopeIds: Record<string, string> = stats.scope.kind === 'school' ? { schoolId: stats.scope.id } : { regionId: stats.scope.id };
  return (
    <Row gutter={[16, 16]}>
      {CHARTS.map(({ dim, kind, hint }) => {
        const title = t(`stats.charts.${dim}`);
        const buckets = shown(dim, kind, stats.breakdowns[dim] ?? []);
        const labels = buckets.map((b) => label(dim, b.key));
        const values = buckets.map((b) => b.count);
        const drill = buckets.map((b) => drillable(dim, b.key));
        const colors = buckets.map((b) => KEY_COLORS[`${dim}:${b.key}`]).some(Boolean)
          ? buckets.map((b) => KEY_COLORS[`${dim}:${b.key}`] ?? '#8c8c8c')
          : undefined;
        const tip = (i: number) =>
          `${labels[i]}\n${t('stats.tipChildren', { count: values[i] ?? 0, share: pct(total ? (values[i] ?? 0) / total : null) })}${drill[i] ? `\n${t('stats.tipOpen')}` : ''}`;
        const open = (i: number) => {
          const b = buckets[i];
          if (!b || !drill[i]) return;
          if (opensList(dim)) navigate(childrenLink(scopeIds, { [dim]: b.key }));
          else onDrawer(singleDrill(`${title}：${labels[i]}`, b.count, { ...scopeIds, [dim]: b.key }));
        };
        const option =
          kind === 'pie'
            ? pieOption({ labels, values, drill, tip, colors })
            : barOption({ labels, values, drill, tip, colors, horizontal: kind === 'hbar', labelWidth: 104 });
        const height = kind === 'hbar' ? Math.max(200, 40 + buckets.length * 38) : 240;
        return (
          <Col key={dim} xs={24} md={12} xxl={8}>
            <ChartCard
              title={title}
              hint={hint ? t(hint) : undefined}
              option={option}
              height={height}
              testId={`chart-${dim}`}
              empty={values.every((v) => v === 0)}
              onPick={({ dataIndex }) => open(dataIndex)}
              caption={caption}
              fileName={`${stats.scope.name}-${title}`}
              onExport={() => onExport(dim)}
              table={{
                columns: [title, t('stats.count'), t('stats.ofChildren')],
                rows: buckets.map((b, i) => ({
                  key: b.key,
                  cells: [labels[i], b.count, pct(total ? b.count / total : null)],
                  onOpen: drill[i] ? () => open(i) : undefined,
                })),
              }}
            />
          </Col>
        );
      })}
    </Row>
  );
}

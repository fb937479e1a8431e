import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type BarChartSpec, barChart, barChartSvg, CHART_DISPLAY, chartDescription, monthLabel } from './charts.ts';

/** The texts of an SVG with their font size and whether they are turned. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    text: m[2] ?? '',
    size: Number(/font-size="(\d+)"/.exec(m[1] ?? '')?.[1]),
    turned: (m[1] ?? '').includes('rotate(-90'),
    x: Number(/ x="([\d.]+)"/.exec(` ${m[1]}`)?.[1]),
    y: Number(/ y="([\d.]+)"/.exec(` ${m[1]}`)?.[1]),
  }));

const coverage: BarChartSpec = {
  title: 'Care coverage by month',
  labels: ['2026-09', '2026-10', '2026-11'].map((m) => monthLabel(m, 'en-US')),
  xTitle: 'Month',
  yTitle: 'Share of the children (%)',
  series: [
    { name: 'Talks', values: [0.5, 0.25, 1] },
    { name: 'Family contact', values: [0, 0.5, 0.75] },
  ],
  percent: true,
};

describe('briefing charts', () => {
  it('names months as readers say them, with the year', () => {
    expect(monthLabel('2026-11', 'en-US')).toBe('Nov 2026');
    expect(monthLabel('2027-01', 'zh-CN')).toBe('2027年1月');
  });

  it('names both axes, the y axis with its unit, and labels the months and ticks', () => {
    const t = texts(barChartSvg(coverage));
    expect(t.find((x) => x.text === 'Share of the children (%)')?.turned).toBe(true);
    expect(t.find((x) => x.text === 'Month')).toBeTruthy();
    for (const m of ['Sep 2026', 'Oct 2026', 'Nov 2026']) expect(t.map((x) => x.text)).toContain(m);
    for (const tick of ['0%', '20%', '100%']) expect(t.map((x) => x.text)).toContain(tick);
    // The grouped bars carry their values, as rates are written everywhere: one decimal (the ticks are a scale, whole per cent).
    expect(t.filter((x) => x.text === '75.0%')).toHaveLength(1);
    expect(t.filter((x) => x.text === '100.0%')).toHaveLength(1);
    expect(chartDescription(coverage, { list: ', ', item: ': ' })).toContain('Talks: Sep 2026 50.0%, Oct 2026 25.0%, Nov 2026 100.0%');
  });

  it('leaves the values off grouped bars too narrow for them, rather than let them run into each other', () => {
    const chart = (n: number) => {
      const months = Array.from({ length: n }, (_, i) => monthLabel(`2026-${String(i + 1).padStart(2, '0')}`, 'zh-CN'));
      const values = months.map(() => 0.475);
      return texts(barChartSvg({ ...coverage, labels: months, series: coverage.series.map((s) => ({ ...s, values })) })).filter((x) => x.text === '47.5%');
    };
    expect(chart(5)).toHaveLength(10);
    // Seven months of two series: bars about 52 px wide, "47.5%" about 55 px.
    expect(chart(7)).toEqual([]);
  });

  it('keeps every text readable at the size the chart takes in the Word page (at least 11 px)', () => {
    const svg = barChartSvg(coverage);
    const drawn = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const scale = CHART_DISPLAY.width / drawn;
    for (const x of texts(svg)) expect(x.size * scale, x.text).toBeGreaterThanOrEqual(11);
  });

  it('breaks long category labels so that neighbours do not overlap', () => {
    const kinds = ['Talk', 'Home visit', 'Family call', 'Family letter', 'Tutoring', 'Counselling', 'Material aid', 'Host visit'];
    const svg = barChartSvg({
      title: 'Care records by kind',
      labels: kinds,
      xTitle: 'Kind of care record',
      yTitle: 'Records (number)',
      series: [{ name: 'Records', values: [3, 1, 2, 0, 1, 1, 1, 4] }],
    });
    const t = texts(svg);
    // The lines under the axis, by their row: no two on the same row come closer than their widths allow.
    const axis = t.filter((x) => x.y > 470 && x.y < 560);
    const rows = new Map<number, typeof axis>();
    for (const x of axis) rows.set(x.y, [...(rows.get(x.y) ?? []), x]);
    for (const row of rows.values()) {
      const sorted = row.sort((a, b) => a.x - b.x);
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1], sorted[i]] as [(typeof row)[number], (typeof row)[number]];
        const half = (s: (typeof row)[number]) => (s.text.length * s.size * 0.5) / 2;
        expect(b.x - a.x, `${a.text} / ${b.text}`).toBeGreaterThan(half(a) + half(b));
      }
    }
    expect(t.map((x) => x.text)).toContain('Records (number)');
  });

  it('breaks a year of Chinese month labels after the year, never inside a number', () => {
    const months = Array.from({ length: 12 }, (_, i) => monthLabel(`2026-${String(i + 1).padStart(2, '0')}`, 'zh-CN'));
    const svg = barChartSvg({ ...coverage, labels: months, xTitle: '月份', yTitle: '覆盖儿童比例（%）' });
    const t = texts(svg).map((x) => x.text);
    expect(t.filter((x) => x === '2026年')).toHaveLength(12);
    for (const m of ['1月', '10月', '12月']) expect(t).toContain(m);
  });

  it('renders as PNG at twice its size in the page', async () => {
    const meta = await sharp(await barChart(coverage)).metadata();
    expect([meta.width, meta.height]).toEqual([CHART_DISPLAY.width * 2, CHART_DISPLAY.height * 2]);
  });
});

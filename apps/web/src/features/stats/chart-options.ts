import { percentText } from '@carebridge/shared';
import { type ChartOption, PALETTE } from './echarts.ts';

const GREY = '#bfbfbf';
const AXIS = '#595959';
const base: ChartOption = { color: PALETTE, animationDuration: 400, textStyle: { fontSize: 12 } };

/** A chart value in per cent (46.7, as bars and lines are drawn on a 0–100 axis) as every rate is written: "46.7%", "82.0%". */
export const percentPointsText = (v: number): string => percentText(v / 100);

/** Texts in tooltips are HTML: names come from the data. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A tooltip text, line breaks kept. */
const tipHtml = (s: string) => escapeHtml(s).replace(/\n/g, '<br/>');

interface TooltipItem {
  dataIndex: number;
  seriesIndex: number;
  seriesName: string;
  marker: string;
}
const first = (p: unknown): TooltipItem => (Array.isArray(p) ? p[0] : p) as TooltipItem;

export interface Bars {
  labels: string[];
  values: number[];
  /** Whether each item opens something; the others are grey and not clickable. */
  drill: boolean[];
  /** Bars along the category axis left to right (ordinal things: grades, ages), or top to bottom with long labels. */
  horizontal?: boolean;
  /** One tooltip line per item (HTML-escaped here). */
  tip: (i: number) => string;
  /** Text on the bar. */
  label?: (v: number) => string;
  colors?: string[] | undefined;
  max?: number;
  /** Width of the category labels of horizontal bars (px). */
  labelWidth?: number;
  /** After the numbers of the value axis ("%" for rates). */
  unit?: string;
}

/** One series of bars: counts of a breakdown, kinds of work, rates of the rules. */
export function barOption({ labels, values, drill, horizontal, tip, label, colors, max, labelWidth = 120, unit = '' }: Bars): ChartOption {
  const category = {
    type: 'category' as const,
    data: labels,
    inverse: horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#d9d9d9' } },
    axisLabel: horizontal
      ? { color: AXIS, width: labelWidth, overflow: 'break' as const, lineHeight: 15 }
      : { color: AXIS, interval: 0, width: 72, overflow: 'break' as const, lineHeight: 15 },
  };
  const value = {
    type: 'value' as const,
    minInterval: 1,
    max,
    splitLine: { lineStyle: { color: '#f0f0f0' } },
    axisLabel: { color: AXIS, formatter: `{value}${unit}` },
  };
  return {
    ...base,
    grid: horizontal ? { left: 8, right: 48, top: 8, bottom: 8 } : { left: 8, right: 8, top: 24, bottom: 8 },
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => tipHtml(tip(first(p).dataIndex)) },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        barMaxWidth: horizontal ? 22 : 44,
        cursor: 'pointer',
        data: values.map((v, i) => ({
          value: v,
          itemStyle: { color: drill[i] === false ? GREY : (colors?.[i] ?? PALETTE[0]), borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
          cursor: drill[i] === false ? 'default' : 'pointer',
        })),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: AXIS,
          formatter: (p: { value?: unknown }) => (label ? label(Number(p.value)) : String(p.value)),
        },
      },
    ],
  };
}

/** Shares of a whole (boys and girls, boarders and day pupils): a ring with the count and share beside each slice. */
export function pieOption({ labels, values, drill, tip, colors }: Omit<Bars, 'horizontal' | 'label' | 'max' | 'unit'>): ChartOption {
  const whole = values.reduce((n, v) => n + v, 0);
  // A slice's share as the tables and tooltips write it (echarts' own {d} drops the ".0").
  const text = (p: { name?: string; value?: unknown }) => `${p.name ?? ''}\n${p.value} (${percentText(whole ? Number(p.value) / whole : null)})`;
  return {
    ...base,
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => tipHtml(tip(first(p).dataIndex)) },
    series: [
      {
        type: 'pie',
        radius: ['32%', '54%'],
        center: ['50%', '52%'],
        avoidLabelOverlap: true,
        cursor: 'pointer',
        // One slice (every child low risk): its label in the middle of the ring, not hanging under it.
        label:
          values.filter((v) => v > 0).length === 1
            ? { position: 'center', formatter: text, color: AXIS, lineHeight: 18, fontSize: 13 }
            : { formatter: text, color: AXIS, lineHeight: 16 },
        labelLine: { length: 8, length2: 8 },
        data: values.map((v, i) => ({
          value: v,
          name: labels[i],
          itemStyle: { color: colors?.[i] ?? PALETTE[i % PALETTE.length] },
          cursor: drill[i] === false ? 'default' : 'pointer',
        })),
      },
    ],
  };
}

export interface Grouped {
  labels: string[];
  series: { name: string; values: (number | null)[]; kind: 'bar' | 'line'; axis?: 0 | 1 }[];
  /** Tooltip of one category (every series), HTML-escaped here line by line. */
  tip: (i: number) => string[];
  /** Left axis as percent (0..100), and the right one when there are two. */
  percent: [boolean, boolean?];
}

/** Several series over months or terms: coverage bars, the trend's children and talk coverage. */
export function groupedOption({ labels, series, tip, percent }: Grouped): ChartOption {
  const axis = (isPercent: boolean | undefined, show: boolean) => ({
    type: 'value' as const,
    min: 0,
    max: isPercent ? 100 : undefined,
    minInterval: 1,
    show,
    splitLine: { show: show, lineStyle: { color: '#f0f0f0' } },
    axisLabel: { color: AXIS, formatter: isPercent ? '{value}%' : '{value}' },
  });
  const twoAxes = series.some((s) => s.axis === 1);
  return {
    ...base,
    legend: { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: AXIS } },
    grid: { left: 8, right: 8, top: 36, bottom: 8 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) =>
        tip(first(p).dataIndex)
          .map((line, i) => (i === 0 ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)))
          .join('<br/>'),
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { show: false },
      axisLabel: { color: AXIS, interval: 0 },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
    },
    yAxis: twoAxes ? [axis(percent[0], true), { ...axis(percent[1], true), splitLine: { show: false } }] : axis(percent[0], true),
    series: series.map((s) =>
      s.kind === 'bar'
        ? {
            type: 'bar' as const,
            name: s.name,
            data: s.values,
            yAxisIndex: s.axis ?? 0,
            barMaxWidth: 28,
            cursor: 'pointer',
            itemStyle: { borderRadius: [3, 3, 0, 0] },
          }
        : {
            type: 'line' as const,
            name: s.name,
            data: s.values,
            yAxisIndex: s.axis ?? 0,
            symbolSize: 8,
            cursor: 'pointer',
            // Above the bars, its labels on a white ground so that a bar behind does not cross them out.
            z: 3,
            label: {
              show: true,
              position: 'top' as const,
              distance: 8,
              formatter: (p: { value?: unknown }) => (percent[s.axis ?? 0] ? percentPointsText(Number(p.value)) : String(p.value)),
              color: AXIS,
              backgroundColor: 'rgba(255,255,255,0.9)',
              padding: [1, 3],
              borderRadius: 2,
            },
          },
    ),
  };
}

import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * Only the parts of ECharts the dashboard draws (bars, lines, pies on a canvas), registered once when
 * the dashboard's chunk loads: the full build would triple the chunk, and the login page loads none of it.
 */
use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartInstance = EChartsType;
/** A canvas chart in this element (named import: a namespace object would add a helper to the runtime every page loads). */
export const createChart = (el: HTMLElement): ChartInstance => init(el, null, { renderer: 'canvas' });
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Colours of the series, starting from the app's orange; the same order on every chart. */
export const PALETTE = ['#c2410c', '#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#64748b'];

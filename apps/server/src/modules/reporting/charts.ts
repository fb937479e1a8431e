import { type Lang, percentText } from '@carebridge/shared';
import sharp from 'sharp';

const FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const COLOURS = ['#d4380d', '#fa8c16', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

/** The size a chart takes in the Word page (pixels at 96 dpi: the text width of an A4 page). */
export const CHART_DISPLAY = { width: 600, height: 300 };
/** Drawn at twice the size it is shown, so that it stays sharp when printed. */
const SCALE = 2;
const FONT_SIZE = { title: 32, text: 24, value: 22 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a bar chart shows: both axes are named (with their unit) so that the chart reads on its own. */
export interface BarChartSpec {
  title: string;
  /** The categories along the x axis, and what they are ("Month"). */
  labels: string[];
  xTitle: string;
  /** What the bars measure, with its unit ("Share of the children (%)", "Records (number)"). */
  yTitle: string;
  series: { name: string; values: number[] }[];
  /** Values are shares (0..1), shown as per cent. */
  percent?: boolean;
}

/** A month "2026-11" as a reader says it: "2026年11月", "Nov 2026". */
export function monthLabel(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

const CJK = /[\u2e80-\u9fff\uff00-\uffef]/;
/** Rough width of a text in the chart font: CJK characters are square, others about half as wide. */
const textWidth = (s: string, size: number) => [...s].reduce((w, ch) => w + (CJK.test(ch) ? size : size * 0.5), 0);

/** A category label broken into at most two lines that fit `width`: between words, or between characters in Chinese. */
function wrap(label: string, width: number, size: number): string[] {
  if (textWidth(label, size) <= width) return [label];
  // Chinese breaks between characters, but a number stays with its unit ("2026年", "10月"); other text between words.
  const parts = label.match(/[^\s\u2e80-\u9fff\uff00-\uffef]+[\u2e80-\u9fff\uff00-\uffef]?\s*|[\u2e80-\u9fff\uff00-\uffef]\s*|\s+/g) ?? [label];
  const lines: string[] = [''];
  for (const p of parts) {
    const cur = lines[lines.length - 1] as string;
    if (cur && textWidth((cur + p).trimEnd(), size) > width && lines.length < 2) lines.push(p);
    else lines[lines.length - 1] = cur + p;
  }
  return lines.map((l) => l.trimEnd());
}

/** A value as a bar or the alt text gives it: a share as every rate is written (one decimal, "47.5%"), a count as it is. */
const fmt = (v: number, percent?: boolean) => (percent ? percentText(v) : Number.isInteger(v) ? String(v) : v.toFixed(1));
/** A tick of the y axis: a scale, in whole per cent ("20%"). */
const tick = (v: number, percent?: boolean) => (percent ? `${Math.round(v * 100)}%` : fmt(v));

/** The chart as SVG (drawn at twice the size it is shown in Word). */
export function barChartSvg(c: BarChartSpec): string {
  const width = CHART_DISPLAY.width * SCALE;
  const height = CHART_DISPLAY.height * SCALE;
  const { title: titleSize, text, value: valueSize } = FONT_SIZE;
  const left = 130;
  const right = 24;
  const top = 110;
  const bottom = 115;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const niceMax = c.percent ? 1 : Math.ceil(max / 5) * 5 || 5;
  const groupW = plotW / Math.max(1, c.labels.length);
  const barW = Math.max(4, Math.min(72, (groupW * 0.7) / Math.max(1, c.series.length)));
  const textAttrs = (size: number, fill: string, anchor = 'middle') => `font-size="${size}" font-family="${FONT}" text-anchor="${anchor}" fill="${fill}"`;
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="44" ${textAttrs(titleSize, '#262626')}>${esc(c.title)}</text>`);
  // Legend, one entry after the other.
  let lx = left;
  c.series.forEach((s, i) => {
    parts.push(`<rect x="${lx}" y="66" width="20" height="20" fill="${COLOURS[i % COLOURS.length]}"/>`);
    parts.push(`<text x="${lx + 28}" y="84" ${textAttrs(text, '#595959', 'start')}>${esc(s.name)}</text>`);
    lx += 28 + textWidth(s.name, text) + 40;
  });
  // The y axis: grid, ticks with their unit, and what it measures (turned along the axis).
  for (let i = 0; i <= 5; i++) {
    const y = top + plotH - (plotH * i) / 5;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#f0f0f0"/>`);
    parts.push(`<text x="${left - 10}" y="${y + 8}" ${textAttrs(text, '#595959', 'end')}>${tick((niceMax * i) / 5, c.percent)}</text>`);
  }
  const yMid = top + plotH / 2;
  parts.push(`<text x="34" y="${yMid}" transform="rotate(-90 34 ${yMid})" ${textAttrs(text, '#262626')}>${esc(c.yTitle)}</text>`);
  // Bars, their values where there is room (the widest value fits its bar), and the category labels (wrapped to their slot).
  const widest = Math.max(0, ...c.series.flatMap((s) => s.values.map((v) => textWidth(fmt(v, c.percent), valueSize))));
  const valuesShown = c.series.length === 1 || barW >= widest + 4;
  c.labels.forEach((label, gi) => {
    const gx = left + gi * groupW + (groupW - barW * c.series.length) / 2;
    c.series.forEach((s, si) => {
      const v = s.values[gi] ?? 0;
      const h = (plotH * v) / niceMax;
      const x = gx + si * barW;
      parts.push(`<rect x="${x}" y="${top + plotH - h}" width="${barW - 2}" height="${h}" fill="${COLOURS[si % COLOURS.length]}"/>`);
      if (valuesShown) parts.push(`<text x="${x + barW / 2}" y="${top + plotH - h - 8}" ${textAttrs(valueSize, '#595959')}>${fmt(v, c.percent)}</text>`);
    });
    const cx = left + gi * groupW + groupW / 2;
    wrap(label, groupW - 20, text).forEach((line, li) => {
      parts.push(`<text x="${cx}" y="${top + plotH + 32 + li * (text + 4)}" ${textAttrs(text, '#595959')}>${esc(line)}</text>`);
    });
  });
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#bfbfbf"/>`);
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#bfbfbf"/>`);
  // The x axis: what the categories are.
  parts.push(`<text x="${left + plotW / 2}" y="${height - 18}" ${textAttrs(text, '#262626')}>${esc(c.xTitle)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** The chart's alt text: its title, both axes and the figures, for readers who cannot see it. */
export function chartDescription(c: BarChartSpec, sep: { list: string; item: string }): string {
  const values = c.series.map((s) => `${s.name}${sep.item}${c.labels.map((l, i) => `${l} ${fmt(s.values[i] ?? 0, c.percent)}`).join(sep.list)}`);
  return [c.title, `${c.xTitle}${sep.item}${c.labels.join(sep.list)}`, c.yTitle, ...values].join(' | ');
}

/**
 * A bar chart as PNG for the Word briefing: drawn as SVG and rasterised by sharp (librsvg, system
 * CJK font). Server-side so that a briefing needs no browser. Several series draw grouped bars.
 */
export async function barChart(c: BarChartSpec): Promise<Buffer> {
  return sharp(Buffer.from(barChartSvg(c)))
    .png()
    .toBuffer();
}

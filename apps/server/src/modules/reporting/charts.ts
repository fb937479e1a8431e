import sharp from 'sharp';

const FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const COLOURS = ['#d4380d', '#fa8c16', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A bar chart as PNG for the Word briefing: drawn as SVG and rasterised by sharp (librsvg, system
 * CJK font). Server-side so that a briefing needs no browser. `series` draws grouped bars.
 */
export async function barChart(
  title: string,
  labels: string[],
  series: { name: string; values: number[] }[],
  opts: { width?: number; height?: number; percent?: boolean } = {},
): Promise<Buffer> {
  const width = opts.width ?? 960;
  const height = opts.height ?? 420;
  const left = 60;
  const right = 20;
  const top = 70;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const niceMax = opts.percent ? 1 : Math.ceil(max / 5) * 5 || 5;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(4, Math.min(48, (groupW * 0.7) / Math.max(1, series.length)));
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="30" font-size="22" font-family="${FONT}" text-anchor="middle" fill="#262626">${esc(title)}</text>`);
  // Legend.
  series.forEach((s, i) => {
    const x = left + i * 160;
    parts.push(`<rect x="${x}" y="44" width="14" height="14" fill="${COLOURS[i % COLOURS.length]}"/>`);
    parts.push(`<text x="${x + 20}" y="56" font-size="14" font-family="${FONT}" fill="#595959">${esc(s.name)}</text>`);
  });
  // Axis and grid.
  for (let i = 0; i <= 5; i++) {
    const y = top + plotH - (plotH * i) / 5;
    const v = (niceMax * i) / 5;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#f0f0f0"/>`);
    parts.push(
      `<text x="${left - 8}" y="${y + 5}" font-size="13" font-family="${FONT}" text-anchor="end" fill="#8c8c8c">${opts.percent ? `${Math.round(v * 100)}%` : Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
    );
  }
  labels.forEach((label, gi) => {
    const gx = left + gi * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, si) => {
      const v = s.values[gi] ?? 0;
      const h = (plotH * v) / niceMax;
      const x = gx + si * barW;
      parts.push(`<rect x="${x}" y="${top + plotH - h}" width="${barW - 2}" height="${h}" fill="${COLOURS[si % COLOURS.length]}"/>`);
      if (series.length === 1)
        parts.push(
          `<text x="${x + barW / 2}" y="${top + plotH - h - 6}" font-size="13" font-family="${FONT}" text-anchor="middle" fill="#595959">${opts.percent ? `${Math.round(v * 100)}%` : v}</text>`,
        );
    });
    parts.push(
      `<text x="${left + gi * groupW + groupW / 2}" y="${height - bottom + 22}" font-size="14" font-family="${FONT}" text-anchor="middle" fill="#595959">${esc(label)}</text>`,
    );
  });
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#bfbfbf"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

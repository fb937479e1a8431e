/** A briefing as a Word document: its texts with children's names masked, figures, charts as drafted, awards and the chosen photos. */

import type { Row } from '@carebridge/db';
import { type BriefingSections, type Lang, translate } from '@carebridge/shared';
import { AlignmentType, Document, Footer, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { readPhoto } from '../care-records/photos.ts';
import { type Charts, type Figure, figuresIn } from './briefing-draft.ts';
import { nameMasker, photoCandidates } from './briefing-privacy.ts';
import { type BarChartSpec, barChart, CHART_DISPLAY, chartDescription, monthLabel } from './charts.ts';
import type { ReportScope } from './scope.ts';
import type { StatsService } from './stats.service.ts';

/** The Word file of the briefing `r` and how many photos it holds; the caller records the export. */
export async function briefingDocx(
  ctx: Ctx,
  stats: StatsService,
  auth: Auth,
  r: Row<'briefings'>,
  scope: ReportScope,
  lang: Lang,
): Promise<{ data: Buffer; photos: number }> {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `briefings.${key}`, params);
  const { masker, incident } = await nameMasker(ctx, scope, r.name_children === 1, r.from_date, r.to_date);
  const clean = (text: string) => masker.mask(text);
  const sections = JSON.parse(r.sections) as BriefingSections;
  const figures = figuresIn(JSON.parse(r.figures) as Figure[], lang);
  // The charts as drafted: the Word file does not recompute the period's statistics.
  const s = r.charts
    ? (JSON.parse(r.charts) as Charts)
    : await stats
        .stats(
          auth,
          scope.kind === 'school' ? { schoolId: scope.id, from: r.from_date, to: r.to_date } : { regionId: scope.id, from: r.from_date, to: r.to_date },
          lang,
          new Set(['compliance', 'trend', 'schools', 'breakdowns'] as const),
        )
        .then((x) => ({ coverage: x.coverage, work: x.work.care }));
  // Both axes named in the reader's language, the y axis with its unit; months with their year.
  const charts: BarChartSpec[] = [
    {
      title: t('chart.coverage'),
      labels: s.coverage.map((c) => monthLabel(c.month, lang)),
      xTitle: t('chart.month'),
      yTitle: t('chart.shareAxis'),
      series: [
        { name: t('chart.talk'), values: s.coverage.map((c) => (c.children ? c.talk / c.children : 0)) },
        { name: t('chart.family'), values: s.coverage.map((c) => (c.leftBehind ? c.familyContact / c.leftBehind : 0)) },
      ],
      percent: true,
    },
    ...(s.work.length
      ? [
          {
            title: t('chart.work'),
            labels: s.work.map((b) => translate(lang, `care.kinds.${b.key}`)),
            xTitle: t('chart.kind'),
            yTitle: t('chart.recordsAxis'),
            series: [{ name: t('chart.records'), values: s.work.map((b) => b.count) }],
          },
        ]
      : []),
  ];
  const chartImages = await Promise.all(
    charts.map(async (c) => ({
      data: await barChart(c),
      alt: { name: c.title, title: c.title, description: chartDescription(c, { list: t('chart.listSep'), item: t('chart.itemSep') }) },
    })),
  );
  // Awards: by name only when the user chose to name children (never those in incidents nor moved away); otherwise counted.
  const awards = await ctx.db
    .selectFrom('contest_entries as e')
    .innerJoin('activities as a', 'a.id', 'e.activity_id')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .innerJoin('schools as s', 's.id', 'a.school_id')
    .select(['a.id as activity_id', 'a.title', 'e.award', 'c.name', 'c.id as child_id', 's.name as school'])
    // Whether the child is still in the scope: one since moved away is counted, no longer named.
    .select(sql<number>`case when ${scope.schools('c.school_id')} then 1 else 0 end`.as('here'))
    .where(scope.schools('a.school_id'))
    .where('e.award', 'is not', null)
    .where('a.date', '>=', r.from_date)
    .where('a.date', '<=', r.to_date)
    .orderBy('a.date')
    .execute();
  // The activity inside the sentence's quotes: its own quotes nest as ‘’; in a county's briefing, with its school.
  const at = (a: { school: string }) => (scope.kind === 'region' ? `${a.school}${lang === 'zh-CN' ? '：' : ': '}` : '');
  const activity = (title: string) => title.replace(/“/g, '‘').replace(/”/g, '’');
  const byActivity = new Map<string, typeof awards>();
  for (const a of awards) byActivity.set(a.activity_id, [...(byActivity.get(a.activity_id) ?? []), a]);
  const awardLines =
    r.name_children === 1
      ? awards
          .filter((a) => Number(a.here) === 1 && !incident.has(a.child_id))
          .map((a) => at(a) + t('award.named', { name: a.name, activity: activity(a.title), award: a.award ?? '' }))
      : [...byActivity.values()].map((list) => {
          const a = list[0] as (typeof awards)[number];
          return at(a) + t('award.counted', { activity: activity(a.title), count: list.length });
        });
  const chosen = new Set(JSON.parse(r.photo_ids) as string[]);
  const photos: { data: Buffer; width: number; height: number; caption: string }[] = [];
  const offered = chosen.size ? await photoCandidates(ctx, scope, r.from_date, r.to_date, lang) : [];
  for (const c of offered.filter((x) => chosen.has(x.id))) {
    try {
      const data = await sharp(await readPhoto(ctx.config.dataDir, c.path))
        .resize({ width: 1200, height: 1200, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer();
      const meta = await sharp(data).metadata();
      const w = 560;
      photos.push({ data, width: w, height: Math.round((w * (meta.height ?? 3)) / (meta.width ?? 4)), caption: c.caption });
    } catch {
      // A photo file gone missing does not stop the briefing.
    }
  }
  const para = (text: string) =>
    clean(text)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => new Paragraph({ children: [new TextRun({ text: l, size: 28 })], indent: { firstLine: 560 }, spacing: { after: 120, line: 400 } }));
  const heading = (text: string) =>
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, bold: true, size: 30 })], spacing: { before: 240, after: 120 } });
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text, bold, size: 24 })], alignment: AlignmentType.CENTER })],
      width: { size: 50, type: WidthType.PERCENTAGE },
    });
  const image = (data: Buffer, width: number, height: number, type: 'png' | 'jpg', altText?: { name: string; title: string; description: string }) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type, data, transformation: { width, height }, ...(altText ? { altText } : {}) })],
    });
  const doc = new Document({
    creator: 'CareBridge',
    title: clean(r.title),
    styles: { default: { document: { run: { font: 'SimSun' } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [t('page'), PageNumber.CURRENT, t('pageEnd')] })] }),
            ],
          }),
        },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: clean(r.title), bold: true, size: 40, color: 'C00000' })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: `${clean(r.unit)}    ${t('period', { from: r.from_date, to: r.to_date })}`, size: 24 })],
          }),
          heading(t('h.intro')),
          ...para(sections.intro),
          heading(t('h.figures')),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: [cell(t('fig.item'), true), cell(t('fig.value'), true)] }),
              ...figures.map((f) => new TableRow({ children: [cell(f.label), cell(f.value)] })),
            ],
          }),
          ...chartImages.map((c) => image(c.data, CHART_DISPLAY.width, CHART_DISPLAY.height, 'png', c.alt)),
          heading(t('h.work')),
          ...para(sections.work),
          heading(t('h.highlights')),
          ...para([sections.highlights, ...awardLines].filter(Boolean).join('\n') || t('draft.none')),
          ...photos.flatMap((p) => [
            image(p.data, p.width, p.height, 'jpg'),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: clean(p.caption), size: 20, color: '595959' })] }),
          ]),
          heading(t('h.problems')),
          ...para(sections.problems || t('draft.none')),
          heading(t('h.next')),
          ...para(sections.nextSteps || t('draft.none')),
        ],
      },
    ],
  });
  const data = await Packer.toBuffer(doc);
  return { data, photos: photos.length };
}

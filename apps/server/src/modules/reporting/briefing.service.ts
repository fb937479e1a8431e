import { newId, type Row } from '@carebridge/db';
import type { BriefingUpdate } from '@carebridge/shared';
import { type Briefing, type BriefingSections, joinList, LANGS, type Lang, type Stats, translate } from '@carebridge/shared';
import { AlignmentType, Document, Footer, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { z } from 'zod';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDaysUtc } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { readPhoto } from '../care-records/photos.ts';
import { careHighlights } from './briefing-care.ts';
import { incidentChildren, nameMasker, photoCandidates } from './briefing-privacy.ts';
import { type BarChartSpec, barChart, CHART_DISPLAY, chartDescription, monthLabel } from './charts.ts';
import { type ReportScope, reportPeriod, reportScope } from './scope.ts';
import type { StatsService } from './stats.service.ts';

type BriefingRow = Row<'briefings'>;
/** A key figure; `key` (briefings.fig.*) lets it be read in any language (briefings drafted before it have a label only). */
type Figure = { key?: FigureKey; label: string; value: string };
const FIGURE_KEYS = ['schools', 'children', 'share', 'keySupport', 'talks', 'homeVisits', 'familyContact', 'activities', 'compliance', 'incidents'] as const;
type FigureKey = (typeof FIGURE_KEYS)[number];
/** What the Word file draws, fixed when the draft is made. */
type Charts = { coverage: Stats['coverage']; work: Stats['work']['care'] };

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** A stored figure in the reader's language: by its key, or by its label in either language (older drafts). */
function figuresIn(stored: Figure[], lang: Lang): { label: string; value: string }[] {
  const label = (k: FigureKey, l: Lang) => translate(l, `briefings.fig.${k}`);
  return stored.map((f) => {
    const key = f.key ?? FIGURE_KEYS.find((k) => LANGS.some((l) => label(k, l) === f.label));
    return { label: key ? label(key, lang) : f.label, value: f.value };
  });
}

/**
 * The work briefing (工作简报, issue 6): drafted from the records of a period — figures, what was
 * done, highlights, problems, next steps — edited in the browser, then rendered as Word with charts
 * and chosen photos. Children in incidents never appear: their names are masked in every text and
 * their records' photos are not offered. Other children are named only if the user chooses so.
 */
export class BriefingService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
  ) {}

  private async scopeOf(auth: Auth, r: { school_id: string | null; region_id: string | null }): Promise<ReportScope> {
    return reportScope(this.ctx, auth, r.school_id ? { schoolId: r.school_id } : { regionId: r.region_id ?? '' });
  }

  private async find(auth: Auth, id: string): Promise<{ r: BriefingRow; scope: ReportScope }> {
    const r = (await this.ctx.db.selectFrom('briefings').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('briefing');
    const scope = await this.scopeOf(auth, r).catch(() => notFound('briefing'));
    return { r, scope };
  }

  private async view(r: BriefingRow, scope: ReportScope, lang: Lang): Promise<Briefing> {
    const candidates = await photoCandidates(this.ctx, scope, r.from_date, r.to_date, lang);
    return {
      id: r.id,
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from: r.from_date,
      to: r.to_date,
      title: r.title,
      unit: r.unit,
      sections: JSON.parse(r.sections) as BriefingSections,
      figures: figuresIn(JSON.parse(r.figures) as Figure[], lang),
      candidates: candidates.map(({ path: _path, ...c }) => c),
      photoIds: JSON.parse(r.photo_ids) as string[],
      nameChildren: r.name_children === 1,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      generatedAt: r.generated_at,
      version: r.version,
    };
  }

  async list(auth: Auth, q: { schoolId?: string; regionId?: string }) {
    const scope = await reportScope(this.ctx, auth, q);
    const rows = await this.ctx.db
      .selectFrom('briefings')
      .selectAll()
      .where(scope.kind === 'school' ? (eb) => eb('school_id', '=', scope.id) : (eb) => eb('region_id', '=', scope.id))
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        scope: { kind: scope.kind, id: scope.id, name: scope.name },
        from: r.from_date,
        to: r.to_date,
        title: r.title,
        createdBy: r.created_by_name,
        createdAt: r.created_at,
        generatedAt: r.generated_at,
      })),
    };
  }

  async get(auth: Auth, id: string, lang: Lang): Promise<Briefing> {
    const { r, scope } = await this.find(auth, id);
    return this.view(r, scope, lang);
  }

  /** Who writes briefings: a school's leaders and moral-education office, the bureau for a region (and its schools). */
  private writes(auth: Auth, scope: ReportScope) {
    if (auth.scope.global) return true;
    if (scope.kind === 'school')
      return (
        auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === scope.id) ||
        auth.scope.regionPaths.some((p) => scope.path.startsWith(p))
      );
    return auth.scope.regionPaths.some((p) => scope.path.startsWith(p));
  }

  async create(auth: Auth, body: { schoolId?: string; regionId?: string; period: string; title?: string }, lang: Lang): Promise<Briefing> {
    const scope = await reportScope(this.ctx, auth, body);
    if (!this.writes(auth, scope)) forbidden();
    const { from, to } = await reportPeriod(
      this.ctx,
      scope,
      { period: body.period },
      new Date(this.ctx.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    );
    const draft = await this.draft(auth, scope, from, to, lang);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('briefings')
        .values({
          id,
          school_id: scope.kind === 'school' ? scope.id : null,
          region_id: scope.kind === 'region' ? scope.id : null,
          scope_path: scope.path,
          from_date: from,
          to_date: to,
          title: body.title || translate(lang, 'briefings.defaultTitle', { unit: scope.name }),
          unit: scope.name,
          sections: JSON.stringify(draft.sections),
          figures: JSON.stringify(draft.figures),
          charts: JSON.stringify(draft.charts),
          photo_ids: '[]',
          name_children: 0,
          created_by: auth.userId || null,
          created_by_name: auth.name,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'briefing.create',
        entity: 'briefing',
        entityId: id,
        schoolId: scope.kind === 'school' ? scope.id : null,
        regionPath: scope.path,
        summary: { from, to },
      });
    });
    return this.get(auth, id, lang);
  }

  /** Figures and text drafted from the records of the period (no child named). */
  private async draft(
    auth: Auth,
    scope: ReportScope,
    from: string,
    to: string,
    lang: Lang,
  ): Promise<{ sections: BriefingSections; figures: Figure[]; charts: Charts }> {
    const s = await this.stats.stats(
      auth,
      scope.kind === 'school' ? { schoolId: scope.id, from, to } : { regionId: scope.id, from, to },
      lang,
      new Set(['trend', 'schools', 'breakdowns'] as const),
    );
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, `briefings.${key}`, params);
    const care = new Map(s.work.care.map((b) => [b.key, b.count]));
    const acts = s.work.activities;
    const incidents = s.work.incidents.reduce((n, b) => n + b.count, 0);
    const last = s.coverage[s.coverage.length - 1];
    const talkCoverage = last?.children ? last.talk / last.children : null;
    const fig = (key: FigureKey, value: string): Figure => ({ key, label: t(`fig.${key}`), value });
    const figures: Figure[] = [
      fig('children', String(s.totals.children)),
      fig('share', pct(s.totals.share)),
      fig('keySupport', String(s.totals.keySupport)),
      fig('talks', String(care.get('talk') ?? 0)),
      fig('homeVisits', String((care.get('home_visit') ?? 0) + (care.get('host_visit') ?? 0))),
      fig('familyContact', String((care.get('family_call') ?? 0) + (care.get('family_letter') ?? 0))),
      fig('activities', String(acts.reduce((n, b) => n + b.count, 0))),
      fig('compliance', pct(s.compliance.overall.rate)),
      fig('incidents', String(incidents)),
    ];
    if (scope.kind === 'region') figures.unshift(fig('schools', String(s.totals.schools)));
    const kindList = (rows: { key: string; count: number }[], prefix: string) =>
      joinList(
        lang,
        rows.map((b) => `${translate(lang, `${prefix}.${b.key}`)} ${b.count}`),
      );
    const held = await this.ctx.db
      .selectFrom('activities as a')
      .innerJoin('schools as s', 's.id', 'a.school_id')
      .select(['a.date', 'a.title', 'a.kind', 'a.outcome', 's.name as school'])
      .where(scope.schools('a.school_id'))
      .where('a.status', '=', 'done')
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .orderBy('a.date')
      .limit(30)
      .execute();
    const weakRules = s.compliance.byRule.filter((r) => r.rate !== null && r.rate < 0.8);
    const sections: BriefingSections = {
      intro: t('draft.intro', {
        from,
        to,
        unit: scope.name,
        children: s.totals.children,
        share: pct(s.totals.share),
        keySupport: s.totals.keySupport,
        narrow: s.totals.narrow,
      }),
      work: [
        t('draft.care', { list: kindList(s.work.care, 'care.kinds') || t('draft.none') }),
        t('draft.coverage', { coverage: pct(talkCoverage) }),
        acts.length ? t('draft.activities', { list: kindList(acts, 'activities.kinds') }) : t('draft.noActivities'),
        t('draft.compliance', { rate: pct(s.compliance.overall.rate), overdue: s.compliance.overall.overdue }),
      ].join('\n'),
      highlights: [
        ...(await careHighlights(this.ctx.db, scope, from, to, (await incidentChildren(this.ctx, scope, to)).ids, lang)),
        // A county's briefing says which school held it: schools often hold the same activity.
        ...held.map((a) => `${a.date} ${scope.kind === 'region' ? `${a.school} ` : ''}${a.title}${a.outcome ? `：${a.outcome}` : ''}`),
        ...(await this.campLines(scope, from, to, lang)),
      ].join('\n'),
      problems: [
        weakRules.length
          ? t('draft.weakRules', {
              // A rule's name is a clause with its own commas (zh) or semicolon (en): the rules are set apart by the language's stronger mark.
              list: weakRules.map((r) => translate(lang, 'validation.aside', { text: r.name, note: pct(r.rate) })).join(t('draft.rulesSep')),
            })
          : '',
        incidents ? await this.incidentLine(scope, from, to, incidents, kindList(s.work.incidents, 'incidents.kinds'), t) : '',
        (s.breakdowns.riskLevel?.find((b) => b.key === 'high')?.count ?? 0) > 0
          ? t('draft.highRisk', { count: s.breakdowns.riskLevel?.find((b) => b.key === 'high')?.count ?? 0 })
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
      nextSteps: [weakRules.length ? t('draft.nextRules') : '', incidents ? t('draft.nextSafety') : '', t('draft.nextGeneral')].filter(Boolean).join('\n'),
    };
    return { sections, figures, charts: { coverage: s.coverage, work: s.work.care } };
  }

  /**
   * The period's incidents as they stand: all closed, or how many are still being handled and how
   * many of those must still be reported to the police. A briefing never says more than is so.
   */
  private async incidentLine(
    scope: ReportScope,
    from: string,
    to: string,
    count: number,
    list: string,
    t: (key: string, params?: Record<string, string | number>) => string,
  ): Promise<string> {
    const r = await this.ctx.db
      .selectFrom('incidents as i')
      .select([
        sql<number>`sum(case when i.status = 'open' then 1 else 0 end)`.as('open'),
        sql<number>`sum(case when i.mandatory = 1 and i.police_reported_at is null then 1 else 0 end)`.as('police'),
      ])
      .where(scope.schools('i.school_id'))
      .where('i.occurred_at', '>=', shanghaiDaysUtc(from, to).start)
      .where('i.occurred_at', '<', shanghaiDaysUtc(from, to).end)
      .executeTakeFirstOrThrow();
    const open = Number(r.open ?? 0);
    const police = Number(r.police ?? 0);
    if (!open && !police) return t('draft.incidents', { count, list });
    return [t('draft.incidentsOpen', { count, list, closed: count - open, open }), police ? t('draft.incidentsPolice', { police }) : ''].join('');
  }

  /** Volunteer camps held in the period: children, units taught by subject (issue 10's summary, for the briefing). */
  private async campLines(scope: ReportScope, from: string, to: string, lang: Lang): Promise<string[]> {
    const camps = await this.ctx.db
      .selectFrom('camps as c')
      .select(['c.title', 'c.start_date', 'c.end_date', 'c.sessions', 'c.timetable', 'c.id'])
      .select((eb) => eb.selectFrom('camp_children as k').select(eb.fn.countAll<number>().as('n')).whereRef('k.camp_id', '=', 'c.id').as('children'))
      .where(scope.schools('c.school_id'))
      .where('c.start_date', '<=', to)
      .where('c.end_date', '>=', from)
      .orderBy('c.start_date')
      .execute();
    return camps.map((c) => {
      const subject = new Map((JSON.parse(c.sessions) as { id: string; subject: string }[]).map((x) => [x.id, x.subject]));
      const by = new Map<string, number>();
      for (const cell of JSON.parse(c.timetable) as { sessionId: string }[]) {
        const k = subject.get(cell.sessionId) ?? '';
        by.set(k, (by.get(k) ?? 0) + 1);
      }
      const facts = { from: c.start_date, to: c.end_date, title: c.title, children: Number(c.children ?? 0) };
      if (!by.size) return translate(lang, 'briefings.campUnplanned', facts);
      const total = [...by.values()].reduce((a, b) => a + b, 0);
      const units = joinList(
        lang,
        [...by].map(([k, n]) => `${k} ${n}`),
      );
      return translate(lang, 'briefings.camp', { ...facts, total, units });
    });
  }

  async update(auth: Auth, id: string, body: z.output<typeof BriefingUpdate>, lang: Lang): Promise<Briefing> {
    const { r, scope } = await this.find(auth, id);
    if (!this.writes(auth, scope)) forbidden();
    if (r.version !== body.version) versionConflict('briefing');
    if (body.photoIds) {
      const offered = new Set((await photoCandidates(this.ctx, scope, r.from_date, r.to_date, lang)).map((c) => c.id));
      const bad = body.photoIds.findIndex((p) => !offered.has(p));
      if (bad >= 0) throw new AppError('validation_failed', 422, {}, [{ path: `photoIds.${bad}`, message: 'errors.briefing_photo' }]);
    }
    const sections = { ...(JSON.parse(r.sections) as BriefingSections), ...(body.sections ?? {}) };
    const nameChildren = body.nameChildren === undefined ? r.name_children === 1 : body.nameChildren;
    // What changed, without the texts themselves (they may name children): which parts, and whether names are on.
    const changed = [
      ...(body.title !== undefined && body.title !== r.title ? ['title'] : []),
      ...(body.unit !== undefined && body.unit !== r.unit ? ['unit'] : []),
      ...Object.keys(body.sections ?? {}).filter((k) => (JSON.parse(r.sections) as Record<string, string>)[k] !== (sections as Record<string, string>)[k]),
      ...(body.photoIds && JSON.stringify(body.photoIds) !== r.photo_ids ? ['photos'] : []),
    ];
    const res = await this.ctx.db
      .updateTable('briefings')
      .set({
        title: body.title ?? r.title,
        unit: body.unit ?? r.unit,
        sections: JSON.stringify(sections),
        photo_ids: body.photoIds ? JSON.stringify(body.photoIds) : r.photo_ids,
        name_children: nameChildren ? 1 : 0,
        version: r.version + 1,
        updated_at: this.ctx.clock().toISOString(),
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) versionConflict('briefing');
    await this.audit.record(this.ctx.db, auth, {
      action: 'briefing.update',
      entity: 'briefing',
      entityId: id,
      schoolId: scope.kind === 'school' ? scope.id : null,
      regionPath: scope.path,
      summary: { changed, nameChildren, ...(nameChildren !== (r.name_children === 1) ? { nameChildrenWas: r.name_children === 1 } : {}) },
    });
    return this.get(auth, id, lang);
  }

  /** The Word document. Audited as an export. */
  async docx(auth: Auth, id: string, lang: Lang): Promise<{ fileName: string; data: Buffer }> {
    const { r, scope } = await this.find(auth, id);
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, `briefings.${key}`, params);
    const { masker, incident } = await nameMasker(this.ctx, scope, r.to_date, r.name_children === 1);
    const clean = (text: string) => masker.mask(text);
    const sections = JSON.parse(r.sections) as BriefingSections;
    const figures = figuresIn(JSON.parse(r.figures) as Figure[], lang);
    // The charts as drafted: the Word file does not recompute the period's statistics.
    const s = r.charts
      ? (JSON.parse(r.charts) as Charts)
      : await this.stats
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
          { name: t('chart.family'), values: s.coverage.map((c) => (c.children ? c.familyContact / c.children : 0)) },
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
    // Awards: by name only when the user chose to name children (never those in incidents); otherwise counted.
    const awards = await this.ctx.db
      .selectFrom('contest_entries as e')
      .innerJoin('activities as a', 'a.id', 'e.activity_id')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .innerJoin('schools as s', 's.id', 'a.school_id')
      .select(['a.id as activity_id', 'a.title', 'e.award', 'c.name', 'c.id as child_id', 's.name as school'])
      .where(scope.schools('a.school_id'))
      .where('e.award', 'is not', null)
      .where('a.date', '>=', r.from_date)
      .where('a.date', '<=', r.to_date)
      .orderBy('a.date')
      .execute();
    // The activity inside the sentence's quotes: its own quotes nest as ‘’; in a county's briefing, with its school.
    const at = (a: { school: string }) => (scope.kind === 'region' ? `${a.school}：` : '');
    const activity = (title: string) => title.replace(/“/g, '‘').replace(/”/g, '’');
    const byActivity = new Map<string, typeof awards>();
    for (const a of awards) byActivity.set(a.activity_id, [...(byActivity.get(a.activity_id) ?? []), a]);
    const awardLines =
      r.name_children === 1
        ? awards
            .filter((a) => !incident.has(a.child_id))
            .map((a) => at(a) + t('award.named', { name: a.name, activity: activity(a.title), award: a.award ?? '' }))
        : [...byActivity.values()].map((list) => {
            const a = list[0] as (typeof awards)[number];
            return at(a) + t('award.counted', { activity: activity(a.title), count: list.length });
          });
    const chosen = new Set(JSON.parse(r.photo_ids) as string[]);
    const photos: { data: Buffer; width: number; height: number; caption: string }[] = [];
    const offered = chosen.size ? await photoCandidates(this.ctx, scope, r.from_date, r.to_date, lang) : [];
    for (const c of offered.filter((x) => chosen.has(x.id))) {
      try {
        const data = await sharp(await readPhoto(this.ctx.config.dataDir, c.path))
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
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.updateTable('briefings').set({ generated_at: now }).where('id', '=', id).execute();
    await this.audit.record(this.ctx.db, auth, {
      action: 'briefing.export',
      entity: 'briefing',
      entityId: id,
      schoolId: scope.kind === 'school' ? scope.id : null,
      regionPath: scope.path,
      summary: { photos: photos.length, nameChildren: r.name_children === 1 },
    });
    return { fileName: `${r.title}.docx`, data: Buffer.from(data) };
  }
}

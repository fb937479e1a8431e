/** A briefing's first draft: key figures and the text of each part, drafted from the records of the period (no child named). */

import { type BriefingSections, joinList, LANGS, type Lang, percentText, type Stats, translate } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { shanghaiDate, shanghaiDaysUtc } from '../../lib/dates.ts';
import { careHighlights } from './briefing-care.ts';
import { incidentChildren, movedAway } from './briefing-privacy.ts';
import { monthEnd, type ReportScope } from './scope.ts';
import type { StatsService } from './stats.service.ts';

/** A key figure; `key` (briefings.fig.*) lets it be read in any language (briefings drafted before it have a label only). */
export type Figure = { key?: FigureKey; label: string; value: string };
const FIGURE_KEYS = ['schools', 'children', 'share', 'keySupport', 'talks', 'homeVisits', 'familyContact', 'activities', 'compliance', 'incidents'] as const;
type FigureKey = (typeof FIGURE_KEYS)[number];
/** What the Word file draws, fixed when the draft is made. */
export type Charts = { coverage: Stats['coverage']; work: Stats['work']['care'] };

type T = (key: string, params?: Record<string, string | number>) => string;

/** A share or rate as the pages and exports write it: one decimal always (14.0%). */
const pct = (v: number | null) => percentText(v);

/** A stored figure in the reader's language: by its key, or by its label in either language (older drafts). */
export function figuresIn(stored: Figure[], lang: Lang): { label: string; value: string }[] {
  const label = (k: FigureKey, l: Lang) => translate(l, `briefings.fig.${k}`);
  return stored.map((f) => {
    const key = f.key ?? FIGURE_KEYS.find((k) => LANGS.some((l) => label(k, l) === f.label));
    return { label: key ? label(key, lang) : f.label, value: f.value };
  });
}

/** Figures and text drafted from the records of the period (no child named). */
export async function draftBriefing(
  ctx: Ctx,
  stats: StatsService,
  auth: Auth,
  scope: ReportScope,
  from: string,
  to: string,
  lang: Lang,
): Promise<{ sections: BriefingSections; figures: Figure[]; charts: Charts }> {
  const s = await stats.stats(
    auth,
    scope.kind === 'school' ? { schoolId: scope.id, from, to } : { regionId: scope.id, from, to },
    lang,
    new Set(['trend', 'schools', 'breakdowns'] as const),
  );
  const t: T = (key, params) => translate(lang, `briefings.${key}`, params);
  const care = new Map(s.work.care.map((b) => [b.key, b.count]));
  const acts = s.work.activities;
  const incidents = s.work.incidents.reduce((n, b) => n + b.count, 0);
  // The latest month that is over (a briefing drafted on 1 December speaks of November, not of one day);
  // the period's last month when none is.
  const today = shanghaiDate(ctx.clock());
  const last = s.coverage.findLast((c) => monthEnd(c.month) < today) ?? s.coverage[s.coverage.length - 1];
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
  const held = await ctx.db
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
      // What cannot be said as a number is said in words: no "—" (or a doubled full stop) in a sentence.
      kindList(s.work.care, 'care.kinds') ? t('draft.care', { list: kindList(s.work.care, 'care.kinds') }) : t('draft.noCare'),
      talkCoverage === null ? t('draft.noCoverage') : t('draft.coverage', { coverage: pct(talkCoverage) }),
      acts.length ? t('draft.activities', { list: kindList(acts, 'activities.kinds') }) : t('draft.noActivities'),
      s.compliance.overall.rate === null
        ? t('draft.complianceNone')
        : t('draft.compliance', { rate: pct(s.compliance.overall.rate), overdue: s.compliance.overall.overdue }),
    ].join('\n'),
    highlights: [
      // Children in an incident, of the scope or (since moved away) of the period's follow-ups wherever it was.
      ...(await careHighlights(
        ctx.db,
        scope,
        from,
        to,
        (
          await incidentChildren(
            ctx,
            scope,
            (await movedAway(ctx, scope, from, to)).map((c) => c.id),
          )
        ).ids,
        lang,
      )),
      // A county's briefing says which school held it: schools often hold the same activity.
      ...held.map(
        (a) => `${a.date} ${scope.kind === 'region' ? `${a.school} ` : ''}${a.title}${a.outcome ? `${lang === 'zh-CN' ? '：' : ': '}${a.outcome}` : ''}`,
      ),
      ...(await campLines(ctx.db, scope, from, to, lang)),
    ].join('\n'),
    problems: [
      weakRules.length
        ? t('draft.weakRules', {
            // A rule's name is a clause with its own commas (zh) or semicolon (en): the rules are set apart by the language's stronger mark.
            list: weakRules.map((r) => translate(lang, 'validation.aside', { text: r.name, note: pct(r.rate) })).join(t('draft.rulesSep')),
          })
        : '',
      incidents ? await incidentLine(ctx.db, scope, from, to, incidents, kindList(s.work.incidents, 'incidents.kinds'), t) : '',
      (s.breakdowns.riskLevel?.find((b) => b.key === 'high')?.count ?? 0) > 0
        ? // The levels are today's, whatever the period: the sentence says of which day.
          t('draft.highRisk', { count: s.breakdowns.riskLevel?.find((b) => b.key === 'high')?.count ?? 0, date: today })
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
async function incidentLine(db: Tx, scope: ReportScope, from: string, to: string, count: number, list: string, t: T): Promise<string> {
  const r = await db
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
async function campLines(db: Tx, scope: ReportScope, from: string, to: string, lang: Lang): Promise<string[]> {
  const camps = await db
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

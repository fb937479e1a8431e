import {
  AGE_BANDS,
  type AgeBand,
  type ChildQuery,
  type ChildSummary,
  DIFFICULTY,
  type Lang,
  type SchoolStats,
  type SchoolsTotal,
  type Stats,
  type StatsChildrenQuery,
  type StatsQuery,
} from '@carebridge/shared';
import { type SqlBool, sql } from 'kysely';
import { type Auth, systemAuth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { chunks } from '../../lib/chunks.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { ChildService } from '../children/child.service.ts';
import type { ComplianceService } from '../compliance/compliance.service.ts';
import { minDate } from '../compliance/dates.ts';
import type { LevelCounts } from '../compliance/risk-levels.ts';
import { askedOf, coverageByMonth, coverageCounts, homeVisitStart, inArchiveDuring, reached, schoolIdsOf } from './coverage.ts';
import { SchoolFigures } from './school-figures.ts';
import { type ReportScope, reportPeriod, reportScope, termStartOf } from './scope.ts';
import { buckets, type ChildFigures, type COLUMNS, childFigures, emptyFigures, sumFigures } from './stats-children.ts';
import { careByKind, talkedInMonth, trendTerms, work } from './stats-work.ts';
import { type TalkDays, talkMonthsOf } from './talk-month.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Dashboard figures for a school or a region (issue 6). Counts come straight from SQL over the
 * archive in scope, so a bar's number is the length of the children list it drills down to. The
 * queries gathering them are in stats-children.ts and stats-work.ts; this service shapes them.
 */
export class StatsService {
  /** Per-school coverage, talk coverage by term and records by kind, kept while each school's data is unchanged. */
  readonly figures = new SchoolFigures();

  constructor(
    private readonly ctx: Ctx,
    private readonly compliance: ComplianceService,
    private readonly children: ChildService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  /**
   * `skip` leaves out parts a caller does not need (a briefing needs no trend or school table, its
   * Word file only coverage and work); skipped parts come back empty.
   */
  async stats(auth: Auth, q: StatsQuery, lang: Lang, skip: ReadonlySet<'compliance' | 'trend' | 'schools' | 'breakdowns'> = new Set()): Promise<Stats> {
    const scope = await reportScope(this.ctx, auth, q);
    const today = this.today();
    const { from, to } = await reportPeriod(this.ctx, scope, q, today);
    const schoolIds = await schoolIdsOf(this.ctx.db, scope);
    const perSchool = await childFigures(this.ctx.db, this.figures, schoolIds, today);
    const kids = sumFigures(perSchool.values());
    // Levels as the workbench computes them today, stored per school and computed again where they no longer hold (risk-levels.ts).
    const risks = await this.compliance.riskLevels.current(schoolIds);
    const n = (k: string) => kids.sums[k] ?? 0;
    const total = n('total');
    const bands = AGE_BANDS.map((b) => b as AgeBand);
    const inBands = bands.reduce((s, b) => s + n(`a_${b}`), 0);
    const col = (c: (typeof COLUMNS)[number]) => buckets(kids.columns[c] ?? {});
    const riskLevel = (['high', 'medium', 'low'] as const).map((key) => ({ key, count: [...risks.values()].reduce((n, r) => n + r[key], 0) }));
    const breakdowns: Stats['breakdowns'] = skip.has('breakdowns')
      ? { riskLevel }
      : {
          leftBehindType: col('left_behind_type'),
          xuejiCode: col('xueji_code'),
          narrow: [
            { key: 'true', count: n('narrow') },
            { key: 'false', count: total - n('narrow') },
          ],
          difficulty: DIFFICULTY.map((d) => ({ key: d, count: n(`d_${d}`) })),
          guardianRelation: col('guardian_relation'),
          custodyQuality: col('custody_quality'),
          boarding: col('boarding'),
          grade: buckets(kids.grade).sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
          ageBand: [...bands.map((b) => ({ key: b, count: n(`a_${b}`) })), { key: 'other', count: total - inBands }],
          gender: col('gender'),
          keySupport: [
            { key: 'true', count: n('key_support') },
            { key: 'false', count: total - n('key_support') },
          ],
          riskLevel,
        };
    const pupils = kids.pupils;
    // Months to come have nothing to count: a term running into January shows no empty January.
    const coverage = await coverageByMonth(this.ctx.db, this.figures, schoolIds, from, minDate(to, today));
    // Compliance rates are for the school's leadership and the bureau (as on the compliance page); a counsellor's dashboard goes without.
    const readsCompliance =
      auth.scope.global ||
      auth.roles.some(
        (a) =>
          a.role === 'bureau_officer' || (scope.kind === 'school' && (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === scope.id),
      );
    const report =
      readsCompliance && !skip.has('compliance')
        ? await this.compliance.compliance(
            auth,
            scope.kind === 'school' ? { schoolId: scope.id, period: `${from}..${to}` } : { regionId: scope.id, period: `${from}..${to}` },
            lang,
            { byRuleOnly: true },
          )
        : { overall: { total: 0, done: 0, doneEarly: 0, due: 0, overdue: 0, excused: 0, upcoming: 0, rate: null }, byRule: [], bySchool: [] };
    const withSchools = scope.kind === 'region' && !skip.has('schools');
    const out: Stats = {
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from,
      to,
      totals: { children: total, pupils, share: ratio(total, pupils), keySupport: n('key_support'), narrow: n('narrow'), schools: schoolIds.length },
      breakdowns,
      coverage,
      compliance: { readable: readsCompliance, overall: report.overall, byRule: report.byRule },
      work: await work(this.ctx.db, this.figures, scope, schoolIds, from, to),
      trend: skip.has('trend') ? [] : await this.trend(scope, schoolIds),
      schools: withSchools ? await this.schools(scope, schoolIds, perSchool, risks, { from, to }, report.bySchool) : [],
      schoolsTotal: null,
    };
    if (withSchools) out.schoolsTotal = await this.schoolsTotal(out);
    return out;
  }

  /**
   * The dashboards' default figures — this term so far (the calendar's, and a school's own term
   * running today): coverage by month, records by kind, children by breakdown and risk level, and talk
   * coverage of the trend's terms of every school and region — counted into `figures` one school at a time, with the event loop free
   * in between; run with the compliance pre-warm (start-up, after each Shanghai midnight).
   */
  async prewarm(signal?: AbortSignal): Promise<{ schools: number; regions: number; ms: number }> {
    const t0 = performance.now();
    const { db } = this.ctx;
    const today = this.today();
    const calendar = termStartOf(today);
    const auth = systemAuth('stats-prewarm');
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    const schools = await db.selectFrom('schools').select(['id']).orderBy('name').execute();
    const own = new Map(
      (await db.selectFrom('terms').select(['school_id', 'start_date']).where('start_date', '<=', today).where('end_date', '>=', today).execute()).map((t) => [
        t.school_id,
        t.start_date,
      ]),
    );
    const regions = await db.selectFrom('regions').select(['id']).orderBy('path').execute();
    this.figures.reserve(schools.length * 20);
    // Each school's own figures: coverage by month, records by kind, its own trend.
    for (const { id } of schools) {
      if (signal?.aborted) break;
      const froms = new Set([calendar, own.get(id) ?? calendar]);
      for (const from of froms) {
        await coverageByMonth(db, this.figures, [id], from, today);
        await careByKind(db, this.figures, [id], from, today);
      }
      await childFigures(db, this.figures, [id], today);
      // Its children's risk levels as of today: after midnight every school's are computed again here, not by the first dashboard.
      await this.compliance.riskLevels.current([id], { signal });
      // The talks of a region's default table (the calendar term so far), in the school's own month.
      const days = (await talkMonthsOf(db, [id], { from: calendar, to: today }, today)).get(id);
      if (days) await talkedInMonth(db, this.figures, [id], days);
      const scope = await reportScope(this.ctx, auth, { schoolId: id });
      for (const t of await trendTerms(this.ctx, scope)) await coverageCounts(db, this.figures, [id], t.from, t.to, ['talk']);
      await pause();
    }
    // A region's trend groups its schools' terms: its periods may differ from a school's own.
    for (const r of regions) {
      const scope = await reportScope(this.ctx, auth, { regionId: r.id });
      const ids = await schoolIdsOf(db, scope);
      for (const t of await trendTerms(this.ctx, scope))
        for (const id of ids) {
          if (signal?.aborted) break;
          await coverageCounts(db, this.figures, [id], t.from, t.to, ['talk']);
          await pause();
        }
    }
    return { schools: schools.length, regions: regions.length, ms: Math.round(performance.now() - t0) };
  }

  /**
   * The children behind a coverage bar or a term of the trend, within the caller's scope (the same
   * scope check as the figures, then the archive's own visibility): those in the archive during the
   * period whom the measure reached, did not reach, or all of them — as many as the bar counts.
   */
  async drill(auth: Auth, q: StatsChildrenQuery): Promise<{ items: ChildSummary[]; nextCursor: string | null }> {
    const scope = await reportScope(this.ctx, auth, q);
    if (q.to < q.from) throw new AppError('validation_failed', 400, {}, [{ path: 'to', message: 'validation.date_order' }]);
    const conditions = [scope.schools('c.school_id'), inArchiveDuring(q.from, q.to), askedOf(q.measure)];
    if (q.covered !== undefined) {
      const hit = reached(q.measure, q.from, q.to, q.measure === 'homeVisitTerm' ? await homeVisitStart(this.ctx.db, scope, q.from, q.to) : undefined);
      conditions.push(q.covered ? hit : sql<SqlBool>`not ${hit}`);
    }
    const list = { status: 'all', sort: 'name', order: 'asc', limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) } as ChildQuery;
    return this.children.list(auth, list, sql<SqlBool>`(${sql.join(conditions, sql` and `)})`);
  }

  /** Terms of the scope: children and talk coverage. */
  private async trend(scope: ReportScope, schoolIds: readonly string[]): Promise<Stats['trend']> {
    const out: Stats['trend'] = [];
    for (const t of await trendTerms(this.ctx, scope)) {
      const c = await coverageCounts(this.ctx.db, this.figures, schoolIds, t.from, t.to, ['talk']);
      out.push({
        termId: String(t.id),
        label: `${t.academic_year}-${t.semester}`,
        from: t.from,
        to: t.to,
        children: c.children,
        talked: c.reached.talk,
        talkCoverage: ratio(c.reached.talk, c.children),
      });
    }
    return out;
  }

  /**
   * The total row of a region's schools table: the share, talk coverage and compliance rate of all
   * its schools together, computed from the summed counts (an average of the rows' rates would weigh
   * a school of 10 children like one of 500). The talks are those the rows counted (kept in `figures`);
   * the rate and the items still in progress are the compliance report's overall ones. `stats()` gives
   * it as `schoolsTotal`, for the page's total row and the Excel's.
   */
  async schoolsTotal(s: Pick<Stats, 'schools' | 'compliance'>): Promise<SchoolsTotal> {
    const talked = await this.talked(new Map(s.schools.map((x) => [x.schoolId, x.talkDays])));
    const sum = (f: (x: SchoolStats) => number) => s.schools.reduce((n, x) => n + f(x), 0);
    const children = sum((x) => x.children);
    // Talk coverage of the schools that had talks due, each in its own month.
    const asked = sum((x) => (x.talkDays ? x.children : 0));
    const pupils = sum((x) => x.pupils);
    return {
      children,
      pupils,
      share: ratio(children, pupils),
      keySupport: sum((x) => x.keySupport),
      highRisk: sum((x) => x.highRisk),
      talkCoverage: ratio(
        sum((x) => talked.get(x.schoolId) ?? 0),
        asked,
      ),
      complianceRate: s.compliance.overall.rate,
      complianceDue: s.compliance.overall.due,
    };
  }

  /** Children talked with per school, each school in its own days (`talkMonthsOf`); none where it has none. */
  private async talked(days: Map<string, TalkDays | null>): Promise<Map<string, number>> {
    const groups = new Map<string, { days: TalkDays; ids: string[] }>();
    for (const [id, d] of days) {
      if (!d) continue;
      const key = `${d.from}|${d.to}`;
      const g = groups.get(key) ?? { days: d, ids: [] };
      g.ids.push(id);
      groups.set(key, g);
    }
    const out = new Map<string, number>();
    for (const g of groups.values()) for (const [id, n] of await talkedInMonth(this.ctx.db, this.figures, g.ids, g.days)) out.set(id, n);
    return out;
  }

  /** A region's schools with their figures and the roster each sent for its own term of the period. */
  private async schools(
    scope: ReportScope,
    schoolIds: readonly string[],
    perSchool: Map<string, ChildFigures>,
    risks: Map<string, LevelCounts>,
    period: { from: string; to: string },
    bySchool: { id: string | null; rate: number | null; due: number }[],
  ): Promise<SchoolStats[]> {
    const { db } = this.ctx;
    const names = new Map<string, string>();
    for (const ids of chunks(schoolIds))
      for (const r of await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(r.id, r.name);
    const talkDays = await talkMonthsOf(db, schoolIds, period, this.today());
    const talked = await this.talked(talkDays);
    const rows = schoolIds.map((id) => {
      const f = perSchool.get(id) ?? emptyFigures();
      return {
        id,
        name: names.get(id) ?? '',
        children: f.sums.total ?? 0,
        key_support: f.sums.key_support ?? 0,
        high_risk: risks.get(id)?.high ?? 0,
        pupils: f.pupils,
        talked: talked.get(id) ?? 0,
      };
    });
    // The roster of the school's own term that the period covers (the latest of them to begin): a
    // calendar term runs to 31 January, past the schools' own terms, and a holiday day is in none.
    const subs = await this.ctx.db
      .selectFrom('roster_submissions as r')
      .select(['r.school_id', 'r.status', 'r.submitted_at'])
      .where(scope.schools('r.school_id'))
      .where('r.level', '=', 'school')
      .where('r.term_id', '=', (eb) =>
        eb
          .selectFrom('terms as t')
          .select('t.id')
          .whereRef('t.school_id', '=', 'r.school_id')
          .where('t.start_date', '<=', period.to)
          .where('t.end_date', '>=', period.from)
          .orderBy('t.start_date', 'desc')
          .orderBy('t.id', 'desc')
          .limit(1),
      )
      .execute();
    const subOf = new Map(subs.map((x) => [x.school_id, x]));
    // Schools with an archive of any status: one whose children all left or saw their parents return has
    // begun. Only those with no active archive are looked up (a province's schools mostly have some).
    const archived = new Set(rows.filter((r) => Number(r.children) > 0).map((r) => r.id));
    const unsure = rows.filter((r) => !archived.has(r.id)).map((r) => r.id);
    for (const ids of chunks(unsure))
      for (const r of await db.selectFrom('children').select('school_id').distinct().where('school_id', 'in', ids).execute()) archived.add(r.school_id);
    const complianceOf = new Map(bySchool.map((b) => [b.id, b]));
    return rows.map((s) => {
      const sub = subOf.get(s.id);
      const children = Number(s.children);
      return {
        schoolId: s.id,
        name: s.name,
        children,
        hasArchives: archived.has(s.id),
        pupils: Number(s.pupils),
        share: ratio(children, Number(s.pupils)),
        keySupport: Number(s.key_support),
        highRisk: Number(s.high_risk),
        talkCoverage: talkDays.get(s.id) ? ratio(Number(s.talked), children) : null,
        talkDays: talkDays.get(s.id) ?? null,
        // A school with no items in the period is not in the report: no rate, nothing in progress.
        complianceRate: complianceOf.get(s.id)?.rate ?? null,
        complianceDue: complianceOf.get(s.id)?.due ?? 0,
        roster: (sub?.status ?? 'none') as SchoolStats['roster'],
        rosterAt: sub?.submitted_at ?? null,
      };
    });
  }
}

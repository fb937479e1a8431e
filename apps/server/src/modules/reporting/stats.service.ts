import {
  AGE_BANDS,
  type AgeBand,
  birthRangeOfBand,
  bornFromForAgeAtMost,
  type ChildQuery,
  type ChildSummary,
  DIFFICULTY,
  type Lang,
  NARROW_MAX_AGE,
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
import { shanghaiDate, shanghaiDaysUtc } from '../../lib/dates.ts';
import type { ChildService } from '../children/child.service.ts';
import type { ComplianceService } from '../compliance/compliance.service.ts';
import type { LevelCounts } from '../compliance/risk-levels.ts';
import { coverageByMonth, coverageCounts, homeVisitStart, inArchiveDuring, reached, schoolIdsOf } from './coverage.ts';
import { SchoolFigures } from './school-figures.ts';
import { type ReportScope, reportPeriod, reportScope, termStartOf } from './scope.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** The low-cardinality columns the breakdowns count. */
const COLUMNS = ['left_behind_type', 'xueji_code', 'guardian_relation', 'custody_quality', 'boarding', 'gender'] as const;

/** A school's active children by breakdown: sums (total, key support, narrow, 困境 d_*, age bands a_*), counts by column value and by grade, and its pupils. */
interface ChildFigures {
  sums: Record<string, number>;
  columns: Partial<Record<(typeof COLUMNS)[number], Record<string, number>>>;
  grade: Record<string, number>;
  pupils: number;
}
const emptyFigures = (): ChildFigures => ({ sums: {}, columns: {}, grade: {}, pupils: 0 });
const add = (into: Record<string, number>, key: string, n: number) => {
  into[key] = (into[key] ?? 0) + n;
};
/** The counts of one column, made on first use. */
function column(f: ChildFigures, c: (typeof COLUMNS)[number]): Record<string, number> {
  let counts = f.columns[c];
  if (!counts) {
    counts = {};
    f.columns[c] = counts;
  }
  return counts;
}
/** The figures of several schools added up. */
function sumFigures(all: Iterable<ChildFigures>): ChildFigures {
  const out = emptyFigures();
  for (const f of all) {
    for (const [k, n] of Object.entries(f.sums)) add(out.sums, k, n);
    for (const [c, counts] of Object.entries(f.columns) as [(typeof COLUMNS)[number], Record<string, number>][])
      for (const [k, n] of Object.entries(counts)) add(column(out, c), k, n);
    for (const [k, n] of Object.entries(f.grade)) add(out.grade, k, n);
    out.pupils += f.pupils;
  }
  return out;
}
/** Counts as buckets, largest first (ties by key). */
const buckets = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * Dashboard figures for a school or a region (issue 6). Counts come straight from SQL over the
 * archive in scope, so a bar's number is the length of the children list it drills down to.
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
   * Each school's active children counted by every breakdown (and its pupils): four grouped passes
   * over the schools' children, kept per school while its children and classes are unchanged (the
   * age bands and the narrow definition move with today, so the day is part of the key).
   */
  private async childFigures(schoolIds: readonly string[], today: string): Promise<Map<string, ChildFigures>> {
    const { db } = this.ctx;
    const narrowFrom = bornFromForAgeAtMost(NARROW_MAX_AGE, today);
    const bands = AGE_BANDS.map((b) => ({ b, r: birthRangeOfBand(b as AgeBand, today) }));
    return this.figures.of(
      db,
      `children|${today}`,
      schoolIds,
      async (ids) => {
        const out = new Map<string, ChildFigures>();
        const of = (id: string) => {
          let f = out.get(id);
          if (!f) {
            f = emptyFigures();
            out.set(id, f);
          }
          return f;
        };
        const active = () => db.selectFrom('children as c').where('c.school_id', 'in', ids).where('c.status', '=', 'active');
        // The many-valued and computed dimensions.
        const sums = (await active()
          .select((eb) => [
            'c.school_id',
            eb.fn.countAll<number>().as('total'),
            sql<number>`sum(case when c.key_support = 1 then 1 else 0 end)`.as('key_support'),
            sql<number>`sum(case when c.narrow_base = 1 and c.birth_date >= ${narrowFrom} then 1 else 0 end)`.as('narrow'),
            ...DIFFICULTY.map((d) => sql<number>`sum(case when c.difficulty like ${`%,${d},%`} then 1 else 0 end)`.as(`d_${d}`)),
            ...bands.map(({ b, r }) => sql<number>`sum(case when c.birth_date >= ${r.from} and c.birth_date <= ${r.to} then 1 else 0 end)`.as(`a_${b}`)),
          ])
          .groupBy('c.school_id')
          .execute()) as unknown as Record<string, string | number | null>[];
        for (const r of sums) {
          const f = of(String(r.school_id));
          for (const [k, v] of Object.entries(r)) if (k !== 'school_id') f.sums[k] = Number(v ?? 0);
        }
        // The low-cardinality columns in one pass, grouped by their combination and summed per column.
        const combos = (await active()
          .select([
            'c.school_id',
            ...COLUMNS.map((c, i) => sql<string | number | null>`${sql.ref(`c.${c}`)}`.as(`k${i}`)),
            (eb) => eb.fn.countAll<number>().as('n'),
          ])
          .groupBy(['c.school_id', ...COLUMNS.map((c) => sql.ref(`c.${c}`))])
          .execute()) as unknown as Record<string, string | number | null>[];
        for (const r of combos) {
          const f = of(String(r.school_id));
          COLUMNS.forEach((c, i) => {
            const v = r[`k${i}`];
            add(column(f, c), v === null || v === undefined ? 'unknown' : String(v), Number(r.n));
          });
        }
        for (const g of await active()
          .leftJoin('classes as k', 'k.id', 'c.class_id')
          .select(['c.school_id', sql<number | null>`k.grade`.as('g'), (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['c.school_id', 'k.grade'])
          .execute())
          add(of(g.school_id).grade, g.g === null ? 'unknown' : String(g.g), Number(g.n));
        for (const k of await db
          .selectFrom('classes')
          .select(['school_id', (eb) => eb.fn.coalesce(eb.fn.sum<number>('pupil_count'), sql<number>`0`).as('pupils')])
          .where('school_id', 'in', ids)
          .where('active', '=', 1)
          .groupBy('school_id')
          .execute())
          of(k.school_id).pupils = Number(k.pupils);
        return out;
      },
      emptyFigures,
    );
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
    const perSchool = await this.childFigures(schoolIds, today);
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
    const coverage = await coverageByMonth(this.ctx.db, this.figures, schoolIds, from, to);
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
        : { overall: { total: 0, done: 0, due: 0, overdue: 0, excused: 0, upcoming: 0, rate: null }, byRule: [], bySchool: [] };
    const withSchools = scope.kind === 'region' && !skip.has('schools');
    const out: Stats = {
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from,
      to,
      totals: { children: total, pupils, share: ratio(total, pupils), keySupport: n('key_support'), narrow: n('narrow'), schools: schoolIds.length },
      breakdowns,
      coverage,
      compliance: { readable: readsCompliance, overall: report.overall, byRule: report.byRule },
      work: await this.work(scope, schoolIds, from, to),
      trend: skip.has('trend') ? [] : await this.trend(scope, schoolIds),
      schools: withSchools ? await this.schools(scope, schoolIds, perSchool, risks, to, report.bySchool) : [],
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
        await this.careByKind([id], from, today);
      }
      await this.childFigures([id], today);
      // Its children's risk levels as of today: after midnight every school's are computed again here, not by the first dashboard.
      await this.compliance.riskLevels.current([id], { signal });
      await this.talkedInMonth([id], today);
      const scope = await reportScope(this.ctx, auth, { schoolId: id });
      for (const t of await this.trendTerms(scope)) await coverageCounts(db, this.figures, [id], t.from, t.to, ['talk']);
      await pause();
    }
    // A region's trend groups its schools' terms: its periods may differ from a school's own.
    for (const r of regions) {
      const scope = await reportScope(this.ctx, auth, { regionId: r.id });
      const ids = await schoolIdsOf(db, scope);
      for (const t of await this.trendTerms(scope))
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
    const conditions = [scope.schools('c.school_id'), inArchiveDuring(q.from, q.to)];
    if (q.covered !== undefined) {
      const hit = reached(q.measure, q.from, q.to, q.measure === 'homeVisitTerm' ? await homeVisitStart(this.ctx.db, scope, q.from, q.to) : undefined);
      conditions.push(q.covered ? hit : sql<SqlBool>`not ${hit}`);
    }
    const list = { status: 'all', sort: 'name', order: 'asc', limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) } as ChildQuery;
    return this.children.list(auth, list, sql<SqlBool>`(${sql.join(conditions, sql` and `)})`);
  }

  /** Care records by kind of the schools in the period: per school (kept while its records are unchanged), summed. */
  private async careByKind(schoolIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
    const perSchool = await this.figures.of(
      this.ctx.db,
      `care|${from}|${to}`,
      schoolIds,
      async (ids) => {
        const out = new Map<string, Map<string, number>>();
        for (const r of await this.ctx.db
          .selectFrom('care_records as r')
          .select(['r.school_id', 'r.kind', (eb) => eb.fn.countAll<number>().as('n')])
          .where('r.school_id', 'in', ids)
          .where('r.deleted_at', 'is', null)
          .where('r.date', '>=', from)
          .where('r.date', '<=', to)
          .groupBy(['r.school_id', 'r.kind'])
          .execute()) {
          const m = out.get(r.school_id) ?? new Map<string, number>();
          m.set(r.kind, Number(r.n));
          out.set(r.school_id, m);
        }
        return out;
      },
      () => new Map<string, number>(),
    );
    const total = new Map<string, number>();
    for (const m of perSchool.values()) for (const [kind, n] of m) total.set(kind, (total.get(kind) ?? 0) + n);
    return total;
  }

  /** What was done in the period: records by kind, held activities by kind, incidents by kind (numbers only). */
  private async work(scope: ReportScope, schoolIds: readonly string[], from: string, to: string): Promise<Stats['work']> {
    const care = [...(await this.careByKind(schoolIds, from, to))].map(([kind, n]) => ({ kind, n }));
    const activities = await this.ctx.db
      .selectFrom('activities as a')
      .select(['a.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where(scope.schools('a.school_id'))
      .where('a.status', '=', 'done')
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .groupBy('a.kind')
      .execute();
    const incidents = await this.ctx.db
      .selectFrom('incidents as i')
      .select(['i.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where(scope.schools('i.school_id'))
      .where('i.occurred_at', '>=', shanghaiDaysUtc(from, to).start)
      .where('i.occurred_at', '<', shanghaiDaysUtc(from, to).end)
      .groupBy('i.kind')
      .execute();
    const buckets = (rows: { kind: string; n: number | string }[]) => rows.map((r) => ({ key: r.kind, count: Number(r.n) })).sort((a, b) => b.count - a.count);
    return { care: buckets(care), activities: buckets(activities), incidents: buckets(incidents) };
  }

  /** The last six terms of a scope (grouped by school year and semester across a region), each up to today. */
  private async trendTerms(scope: ReportScope) {
    const terms = await this.ctx.db
      .selectFrom('terms as t')
      .select([
        't.academic_year',
        't.semester',
        (eb) => eb.fn.min('t.id').as('id'),
        (eb) => eb.fn.min('t.start_date').as('start'),
        (eb) => eb.fn.max('t.end_date').as('end'),
      ])
      .where(scope.schools('t.school_id'))
      .where('t.start_date', '<=', this.today())
      .groupBy(['t.academic_year', 't.semester'])
      .orderBy('t.academic_year', 'desc')
      .orderBy('t.semester', 'desc')
      .limit(6)
      .execute();
    // A term still running counts up to today.
    return terms.reverse().map((t) => ({ ...t, from: String(t.start), to: [String(t.end), this.today()].sort()[0] as string }));
  }

  /** Terms of the scope: children and talk coverage. */
  private async trend(scope: ReportScope, schoolIds: readonly string[]): Promise<Stats['trend']> {
    const out: Stats['trend'] = [];
    for (const t of await this.trendTerms(scope)) {
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

  /** Children talked with in the month of `to` up to `to`, per school (kept while the school's records are unchanged). */
  private talkedInMonth(schoolIds: readonly string[], to: string): Promise<Map<string, number>> {
    const month = `${to.slice(0, 7)}-01`;
    const { db } = this.ctx;
    return this.figures.of(
      db,
      `talked|${month}|${to}`,
      schoolIds,
      async (ids) =>
        new Map(
          (
            await db
              .selectFrom('care_record_children as l')
              .select(['l.school_id', sql<number>`count(distinct l.child_id)`.as('n')])
              .where('l.school_id', 'in', ids)
              .where('l.kind', '=', 'talk')
              .where('l.withdrawn', '=', 0)
              .where('l.date', '>=', month)
              .where('l.date', '<=', to)
              .groupBy('l.school_id')
              .execute()
          ).map((r) => [r.school_id, Number(r.n)]),
        ),
      () => 0,
    );
  }

  /**
   * The total row of a region's schools table: the share, talk coverage and compliance rate of all
   * its schools together, computed from the summed counts (an average of the rows' rates would weigh
   * a school of 10 children like one of 500). The talks are those the rows counted (kept in `figures`);
   * the rate and the items still in progress are the compliance report's overall ones. `stats()` gives
   * it as `schoolsTotal`, for the page's total row and the Excel's.
   */
  async schoolsTotal(s: Pick<Stats, 'schools' | 'to' | 'compliance'>): Promise<SchoolsTotal> {
    const talked = await this.talkedInMonth(
      s.schools.map((x) => x.schoolId),
      s.to,
    );
    const sum = (f: (x: SchoolStats) => number) => s.schools.reduce((n, x) => n + f(x), 0);
    const children = sum((x) => x.children);
    const pupils = sum((x) => x.pupils);
    return {
      children,
      pupils,
      share: ratio(children, pupils),
      keySupport: sum((x) => x.keySupport),
      highRisk: sum((x) => x.highRisk),
      talkCoverage: ratio(
        sum((x) => talked.get(x.schoolId) ?? 0),
        children,
      ),
      complianceRate: s.compliance.overall.rate,
      complianceDue: s.compliance.overall.due,
    };
  }

  /** A region's schools with their figures and this term's roster submission. */
  private async schools(
    scope: ReportScope,
    schoolIds: readonly string[],
    perSchool: Map<string, ChildFigures>,
    risks: Map<string, LevelCounts>,
    to: string,
    bySchool: { id: string | null; rate: number | null; due: number }[],
  ): Promise<SchoolStats[]> {
    const { db } = this.ctx;
    const names = new Map<string, string>();
    for (const ids of chunks(schoolIds))
      for (const r of await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(r.id, r.name);
    const talked = await this.talkedInMonth(schoolIds, to);
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
    const subs = await this.ctx.db
      .selectFrom('roster_submissions as r')
      .innerJoin('terms as t', 't.id', 'r.term_id')
      .select(['r.school_id', 'r.status', 'r.submitted_at', 'r.updated_at'])
      .where(scope.schools('r.school_id'))
      .where('r.level', '=', 'school')
      .where('t.start_date', '<=', to)
      .where('t.end_date', '>=', to)
      .execute();
    const subOf = new Map(subs.map((x) => [x.school_id, x]));
    const complianceOf = new Map(bySchool.map((b) => [b.id, b]));
    return rows.map((s) => {
      const sub = subOf.get(s.id);
      const children = Number(s.children);
      return {
        schoolId: s.id,
        name: s.name,
        children,
        pupils: Number(s.pupils),
        share: ratio(children, Number(s.pupils)),
        keySupport: Number(s.key_support),
        highRisk: Number(s.high_risk),
        talkCoverage: ratio(Number(s.talked), children),
        // A school with no items in the period is not in the report: no rate, nothing in progress.
        complianceRate: complianceOf.get(s.id)?.rate ?? null,
        complianceDue: complianceOf.get(s.id)?.due ?? 0,
        roster: (sub?.status ?? 'none') as SchoolStats['roster'],
        rosterAt: sub?.submitted_at ?? null,
      };
    });
  }
}

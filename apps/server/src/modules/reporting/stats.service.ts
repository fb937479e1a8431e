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
  type Stats,
  type StatsChildrenQuery,
  type StatsQuery,
} from '@carebridge/shared';
import { type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { ChildService } from '../children/child.service.ts';
import type { ComplianceService } from '../compliance/compliance.service.ts';
import { coverageByMonth, coverageCounts, homeVisitStart, inArchiveDuring, reached } from './coverage.ts';
import { type ReportScope, reportPeriod, reportScope } from './scope.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Dashboard figures for a school or a region (issue 6). Counts come straight from SQL over the
 * archive in scope, so a bar's number is the length of the children list it drills down to.
 */
export class StatsService {
  constructor(
    private readonly ctx: Ctx,
    private readonly compliance: ComplianceService,
    private readonly children: ChildService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  /** Active children of the scope (the base of every breakdown). */
  private active(scope: ReportScope) {
    return this.ctx.db.selectFrom('children as c').where(scope.schools('c.school_id')).where('c.status', '=', 'active');
  }

  /**
   * Counts of active children by each of several low-cardinality columns, in one pass over the
   * children (grouped by their combination, summed per column here): a province has a million rows
   * and each pass costs about a second.
   */
  private async groupByEach<C extends string>(scope: ReportScope, columns: readonly C[]): Promise<Record<C, { key: string; count: number }[]>> {
    const rows = (await this.active(scope)
      .select([...columns.map((c, i) => sql<string | number | null>`${sql.ref(`c.${c}`)}`.as(`k${i}`)), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(columns.map((c) => sql.ref(`c.${c}`)))
      .execute()) as unknown as Record<string, string | number | null>[];
    const out = {} as Record<C, { key: string; count: number }[]>;
    columns.forEach((c, i) => {
      const counts = new Map<string, number>();
      for (const r of rows) {
        const v = r[`k${i}`];
        const key = v === null || v === undefined ? 'unknown' : String(v);
        counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
      }
      out[c] = [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    });
    return out;
  }

  /**
   * `skip` leaves out parts a caller does not need (a briefing needs no trend or school table, its
   * Word file only coverage and work); skipped parts come back empty.
   */
  async stats(auth: Auth, q: StatsQuery, lang: Lang, skip: ReadonlySet<'compliance' | 'trend' | 'schools' | 'breakdowns'> = new Set()): Promise<Stats> {
    const scope = await reportScope(this.ctx, auth, q);
    const today = this.today();
    const { from, to } = await reportPeriod(this.ctx, scope, q, today);
    const narrowFrom = bornFromForAgeAtMost(NARROW_MAX_AGE, today);
    const bands = AGE_BANDS.map((b) => ({ b, r: birthRangeOfBand(b as AgeBand, today) }));

    // One pass for the many-valued and computed dimensions.
    const agg = await this.active(scope)
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        sql<number>`sum(case when c.key_support = 1 then 1 else 0 end)`.as('key_support'),
        sql<number>`sum(case when c.narrow_base = 1 and c.birth_date >= ${narrowFrom} then 1 else 0 end)`.as('narrow'),
        ...DIFFICULTY.map((d) => sql<number>`sum(case when c.difficulty like ${`%,${d},%`} then 1 else 0 end)`.as(`d_${d}`)),
        ...bands.map(({ b, r }) => sql<number>`sum(case when c.birth_date >= ${r.from} and c.birth_date <= ${r.to} then 1 else 0 end)`.as(`a_${b}`)),
      ])
      .executeTakeFirstOrThrow();
    const row = agg as unknown as Record<string, number | string | null>;
    const n = (k: string) => Number(row[k] ?? 0);
    const total = n('total');
    const inBands = bands.reduce((s, { b }) => s + n(`a_${b}`), 0);

    const by = await this.groupByEach(
      scope,
      skip.has('breakdowns')
        ? (['risk_level'] as const)
        : (['risk_level', 'left_behind_type', 'xueji_code', 'guardian_relation', 'custody_quality', 'boarding', 'gender'] as const),
    );
    const risk = by.risk_level;
    const col = (c: 'left_behind_type' | 'xueji_code' | 'guardian_relation' | 'custody_quality' | 'boarding' | 'gender') =>
      (by as Partial<Record<string, { key: string; count: number }[]>>)[c] ?? [];
    // Children never assessed count as low.
    const riskLevel = ['high', 'medium', 'low'].map((k) => ({
      key: k,
      count: risk.filter((r) => r.key === k || (k === 'low' && r.key === 'unknown')).reduce((s, r) => s + r.count, 0),
    }));
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
          grade: (
            await this.active(scope)
              .leftJoin('classes as k', 'k.id', 'c.class_id')
              .select([sql<number | null>`k.grade`.as('g'), (eb) => eb.fn.countAll<number>().as('n')])
              .groupBy('k.grade')
              .execute()
          )
            .map((g) => ({ key: g.g === null ? 'unknown' : String(g.g), count: Number(g.n) }))
            .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })),
          ageBand: [...bands.map(({ b }) => ({ key: b, count: n(`a_${b}`) })), { key: 'other', count: total - inBands }],
          gender: col('gender'),
          keySupport: [
            { key: 'true', count: n('key_support') },
            { key: 'false', count: total - n('key_support') },
          ],
          riskLevel,
        };

    const classes = await this.ctx.db
      .selectFrom('classes')
      .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>('pupil_count'), sql<number>`0`).as('pupils')])
      .where(scope.schools('school_id'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    const pupils = Number(classes.pupils);
    const schoolCount = await this.ctx.db
      .selectFrom('schools as s')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(scope.schools('s.id'))
      .executeTakeFirstOrThrow();

    const coverage = await coverageByMonth(this.ctx.db, scope, from, to);
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
          )
        : { overall: { total: 0, done: 0, due: 0, overdue: 0, excused: 0, upcoming: 0, rate: null }, byRule: [], bySchool: [] };
    return {
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from,
      to,
      totals: { children: total, pupils, share: ratio(total, pupils), keySupport: n('key_support'), narrow: n('narrow'), schools: Number(schoolCount.n) },
      breakdowns,
      coverage,
      compliance: { readable: readsCompliance, overall: report.overall, byRule: report.byRule },
      work: await this.work(scope, from, to),
      trend: skip.has('trend') ? [] : await this.trend(scope),
      schools: scope.kind === 'region' && !skip.has('schools') ? await this.schools(scope, to, report.bySchool) : [],
    };
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

  /** What was done in the period: records by kind, held activities by kind, incidents by kind (numbers only). */
  private async work(scope: ReportScope, from: string, to: string): Promise<Stats['work']> {
    const care = await this.ctx.db
      .selectFrom('care_records as r')
      .select(['r.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where(scope.schools('r.school_id'))
      .where('r.deleted_at', 'is', null)
      .where('r.date', '>=', from)
      .where('r.date', '<=', to)
      .groupBy('r.kind')
      .execute();
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
      .where('i.occurred_at', '>=', new Date(`${from}T00:00:00+08:00`).toISOString())
      .where('i.occurred_at', '<', new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString())
      .groupBy('i.kind')
      .execute();
    const buckets = (rows: { kind: string; n: number | string }[]) => rows.map((r) => ({ key: r.kind, count: Number(r.n) })).sort((a, b) => b.count - a.count);
    return { care: buckets(care), activities: buckets(activities), incidents: buckets(incidents) };
  }

  /** Terms of the scope (grouped by school year and semester across a region): children and talk coverage. */
  private async trend(scope: ReportScope): Promise<Stats['trend']> {
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
    const out: Stats['trend'] = [];
    for (const t of terms.reverse()) {
      const start = String(t.start);
      // A term still running counts up to today.
      const end = [String(t.end), this.today()].sort()[0] as string;
      const c = await coverageCounts(this.ctx.db, scope, start, end, ['talk']);
      out.push({
        termId: String(t.id),
        label: `${t.academic_year}-${t.semester}`,
        from: start,
        to: end,
        children: c.children,
        talked: c.reached.talk,
        talkCoverage: ratio(c.reached.talk, c.children),
      });
    }
    return out;
  }

  /** A region's schools with their figures and this term's roster submission. */
  private async schools(scope: ReportScope, to: string, bySchool: { id: string | null; rate: number | null }[]): Promise<SchoolStats[]> {
    const month = `${to.slice(0, 7)}-01`;
    const rows = await this.ctx.db
      .selectFrom('schools as s')
      .select([
        's.id',
        's.name',
        sql<number>`(select count(*) from children c where c.school_id = s.id and c.status = 'active')`.as('children'),
        sql<number>`(select count(*) from children c where c.school_id = s.id and c.status = 'active' and c.key_support = 1)`.as('key_support'),
        sql<number>`(select count(*) from children c where c.school_id = s.id and c.status = 'active' and c.risk_level = 'high')`.as('high_risk'),
        sql<number>`(select coalesce(sum(k.pupil_count), 0) from classes k where k.school_id = s.id and k.active = 1)`.as('pupils'),
        sql<number>`(select count(distinct l.child_id) from care_record_children l where l.school_id = s.id and l.kind = 'talk' and l.withdrawn = 0 and l.date >= ${month} and l.date <= ${to})`.as(
          'talked',
        ),
      ])
      .where(scope.schools('s.id'))
      .orderBy('s.name')
      .execute();
    const subs = await this.ctx.db
      .selectFrom('roster_submissions as r')
      .innerJoin('terms as t', 't.id', 'r.term_id')
      .select(['r.school_id', 'r.status', 'r.submitted_at', 'r.updated_at'])
      .where(scope.schools('r.school_id'))
      .where('r.level', '=', 'school')
      .where('t.start_date', '<=', to)
      .where('t.end_date', '>=', to)
      .execute();
    return rows.map((s) => {
      const sub = subs.find((x) => x.school_id === s.id);
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
        complianceRate: bySchool.find((b) => b.id === s.id)?.rate ?? null,
        roster: (sub?.status ?? 'none') as SchoolStats['roster'],
        rosterAt: sub?.submitted_at ?? null,
      };
    });
  }
}

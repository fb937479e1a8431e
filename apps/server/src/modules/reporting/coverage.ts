import { COVERAGE_MEASURES, type CoverageMeasure, FAMILY_CONTACT_KINDS, type Stats } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import { shanghaiDaysUtc } from '../../lib/dates.ts';
import type { SchoolFigures } from './school-figures.ts';
import { monthEnd, monthsOf, type ReportScope, termStartOf } from './scope.ts';

/**
 * The conditions behind care coverage (issue 6), shared by the dashboard's counts and the lists of
 * children they drill down to, so that a bar and its list always agree. Every condition is on the
 * children table aliased `c`.
 */

const KINDS: Record<CoverageMeasure, readonly string[]> = { talk: ['talk'], familyContact: FAMILY_CONTACT_KINDS, homeVisitTerm: ['home_visit'] };

/**
 * In the archive at some time during `from..to`: arrived by its end, and still active or changed (left)
 * since its start — the start of its first day in Beijing (`updated_at` is a UTC instant).
 */
export function inArchiveDuring(from: string, to: string): Expression<SqlBool> {
  return sql<SqlBool>`((c.entered_on is null or c.entered_on <= ${to}) and (c.status = 'active' or c.updated_at >= ${shanghaiDaysUtc(from, to).start}))`;
}

/**
 * The first day a home visit counts from: "this term" — the start of the child's school's term that
 * overlaps the period (the school's terms table), or, for a school without such a term, the calendar
 * term. A constant when every school of the scope has the same (a county's schools usually share
 * their terms), else looked up per child.
 */
export async function homeVisitStart(db: Tx, scope: ReportScope, from: string, to: string): Promise<Expression<string>> {
  const starts = await db
    .selectFrom('terms as t')
    .select(['t.school_id', (eb) => eb.fn.max<string>('t.start_date').as('start')])
    .where(scope.schools('t.school_id'))
    .where('t.start_date', '<=', to)
    .where('t.end_date', '>=', from)
    .groupBy('t.school_id')
    .execute();
  const schools = await db
    .selectFrom('schools as s')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(scope.schools('s.id'))
    .executeTakeFirstOrThrow();
  const days = new Set(starts.map((x) => String(x.start)));
  if (starts.length < Number(schools.n)) days.add(termStartOf(to));
  if (days.size <= 1) return sql<string>`${[...days][0] ?? termStartOf(to)}`;
  return sql<string>`coalesce((select max(t.start_date) from terms t where t.school_id = c.school_id and t.start_date <= ${to} and t.end_date >= ${from}), ${termStartOf(to)})`;
}

/**
 * The children a measure asks about: every child in the archive, except that contact with parents
 * away is asked only of children with a parent away (学籍 code 1 or 2), as the care rules ask it
 * (`parentContactOnly`): a 困境 child living with both parents has no one to call.
 */
export function askedOf(measure: CoverageMeasure): Expression<SqlBool> {
  return measure === 'familyContact' ? sql<SqlBool>`c.xueji_code > 0` : sql<SqlBool>`1 = 1`;
}

/**
 * The measure reached the child `c` during the period: a care record of its kinds by the child's
 * school, not withdrawn, dated within the period — for home visits from `homeVisitFrom` (see
 * `homeVisitStart`).
 */
export function reached(measure: CoverageMeasure, from: string, to: string, homeVisitFrom?: Expression<string>): Expression<SqlBool> {
  const first = measure === 'homeVisitTerm' ? (homeVisitFrom ?? sql<string>`${termStartOf(to)}`) : sql<string>`${from}`;
  return sql<SqlBool>`exists (select 1 from care_record_children l where l.child_id = c.id and l.school_id = c.school_id and l.kind in (${sql.join(KINDS[measure])}) and l.withdrawn = 0 and l.date >= ${first} and l.date <= ${to})`;
}

export interface Coverage {
  children: number;
  /** Of `children`, those with a parent away: whom family contact is asked of (`askedOf`). */
  leftBehind: number;
  reached: Record<CoverageMeasure, number>;
}

const none = (): Coverage => ({ children: 0, leftBehind: 0, reached: { talk: 0, familyContact: 0, homeVisitTerm: 0 } });

/**
 * Per school of `schoolIds`: its children in the archive during the period, and how many of them
 * each measure reached (the conditions of `reached`, which the drill-down's list uses), once per
 * distinct "this term" start (each school's own, see `homeVisitStart`; usually one for a whole county).
 */
export async function coverageBySchool(
  db: Tx,
  schoolIds: readonly string[],
  from: string,
  to: string,
  measures: readonly CoverageMeasure[] = COVERAGE_MEASURES,
): Promise<Map<string, Coverage>> {
  const byStart = new Map<string, string[]>();
  if (measures.includes('homeVisitTerm')) {
    const starts = new Map(
      (
        await db
          .selectFrom('terms as t')
          .select(['t.school_id', (eb) => eb.fn.max<string>('t.start_date').as('start')])
          .where('t.school_id', 'in', [...schoolIds])
          .where('t.start_date', '<=', to)
          .where('t.end_date', '>=', from)
          .groupBy('t.school_id')
          .execute()
      ).map((t) => [t.school_id, String(t.start)]),
    );
    for (const id of schoolIds) {
      const start = starts.get(id) ?? termStartOf(to);
      byStart.set(start, [...(byStart.get(start) ?? []), id]);
    }
  } else byStart.set(termStartOf(to), [...schoolIds]);
  const out = new Map<string, Coverage>();
  for (const [start, ids] of byStart) {
    // The conditions of `reached`, counted in one pass over the schools' records of the period (each
    // child's flags per measure) joined to the children, instead of an index probe per child and
    // measure: a 30,000-child county took 0.6-1 s of probes on PostgreSQL.
    const first = (m: CoverageMeasure) => (m === 'homeVisitTerm' ? start : from);
    const lower = measures.map(first).sort()[0] ?? to;
    const flags = db
      .selectFrom('care_record_children as l')
      .select([
        'l.school_id',
        'l.child_id',
        ...measures.map((m) => sql<number>`max(case when l.kind in (${sql.join(KINDS[m])}) and l.date >= ${first(m)} then 1 else 0 end)`.as(m)),
      ])
      .where('l.school_id', 'in', ids)
      .where('l.withdrawn', '=', 0)
      .where(
        'l.kind',
        'in',
        measures.flatMap((m) => KINDS[m]),
      )
      .where('l.date', '>=', lower)
      .where('l.date', '<=', to)
      .groupBy(['l.school_id', 'l.child_id'])
      .as('f');
    const rows = (await db
      .selectFrom('children as c')
      .leftJoin(flags, (j) => j.onRef('f.school_id', '=', 'c.school_id').onRef('f.child_id', '=', 'c.id'))
      .select([
        'c.school_id',
        (eb) => eb.fn.countAll<number>().as('children'),
        sql<number>`sum(case when ${askedOf('familyContact')} then 1 else 0 end)`.as('left_behind'),
        ...measures.map((m) => sql<number>`coalesce(sum(case when ${askedOf(m)} then ${sql.ref(`f.${m}`)} end), 0)`.as(m)),
      ])
      .where('c.school_id', 'in', ids)
      .where(inArchiveDuring(from, to))
      .groupBy('c.school_id')
      .execute()) as unknown as Record<string, number | string>[];
    for (const r of rows) {
      const c = none();
      c.children = Number(r.children);
      c.leftBehind = Number(r.left_behind ?? 0);
      for (const m of measures) c.reached[m] = Number(r[m] ?? 0);
      out.set(String(r.school_id), c);
    }
  }
  return out;
}

/** The schools of a scope, in name order. */
export async function schoolIdsOf(db: Tx, scope: ReportScope): Promise<string[]> {
  return (await db.selectFrom('schools as s').select('s.id').where(scope.schools('s.id')).orderBy('s.name').execute()).map((r) => r.id);
}

/**
 * Children of the schools in the archive during the period, and how many of them each measure
 * reached: the sum of the schools' figures (`coverageBySchool`), each kept in `figures` while the
 * school's data is unchanged.
 */
export async function coverageCounts(
  db: Tx,
  figures: SchoolFigures,
  schoolIds: readonly string[],
  from: string,
  to: string,
  measures: readonly CoverageMeasure[] = COVERAGE_MEASURES,
): Promise<Coverage> {
  const per = await figures.of(db, `coverage|${measures.join(',')}|${from}|${to}`, schoolIds, (ids) => coverageBySchool(db, ids, from, to, measures), none);
  const total = none();
  for (const c of per.values()) {
    total.children += c.children;
    total.leftBehind += c.leftBehind;
    for (const m of measures) total.reached[m] += c.reached[m];
  }
  return total;
}

/** Per month of the period: children in the archive (and of them those with a parent away), those with a talk, with a family call or letter that month (of those with a parent away), with a home visit this term so far. */
export async function coverageByMonth(db: Tx, figures: SchoolFigures, schoolIds: readonly string[], from: string, to: string): Promise<Stats['coverage']> {
  const out: Stats['coverage'] = [];
  for (const month of monthsOf(from, to)) {
    const c = await coverageCounts(db, figures, schoolIds, `${month}-01`, monthEnd(month));
    out.push({ month, children: c.children, leftBehind: c.leftBehind, ...c.reached });
  }
  return out;
}

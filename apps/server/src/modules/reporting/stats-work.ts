/**
 * What was done in a period — care records by kind, held activities and incidents, children talked
 * with in a month — and the terms the trend covers: the queries behind the dashboards' work figures
 * (the children's own are in stats-children.ts).
 */

import type { Stats } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Ctx, Tx } from '../../context.ts';
import { shanghaiDate, shanghaiDaysUtc } from '../../lib/dates.ts';
import type { SchoolFigures } from './school-figures.ts';
import type { ReportScope } from './scope.ts';

/** Care records by kind of the schools in the period: per school (kept while its records are unchanged), summed. */
export async function careByKind(db: Tx, figures: SchoolFigures, schoolIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  const perSchool = await figures.of(
    db,
    `care|${from}|${to}`,
    schoolIds,
    async (ids) => {
      const out = new Map<string, Map<string, number>>();
      for (const r of await db
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
export async function work(db: Tx, figures: SchoolFigures, scope: ReportScope, schoolIds: readonly string[], from: string, to: string): Promise<Stats['work']> {
  const care = [...(await careByKind(db, figures, schoolIds, from, to))].map(([kind, n]) => ({ kind, n }));
  const activities = await db
    .selectFrom('activities as a')
    .select(['a.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope.schools('a.school_id'))
    .where('a.status', '=', 'done')
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .groupBy('a.kind')
    .execute();
  const incidents = await db
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
export async function trendTerms(ctx: Ctx, scope: ReportScope) {
  const today = () => shanghaiDate(ctx.clock());
  const terms = await ctx.db
    .selectFrom('terms as t')
    .select([
      't.academic_year',
      't.semester',
      (eb) => eb.fn.min('t.id').as('id'),
      (eb) => eb.fn.min('t.start_date').as('start'),
      (eb) => eb.fn.max('t.end_date').as('end'),
    ])
    .where(scope.schools('t.school_id'))
    .where('t.start_date', '<=', today())
    .groupBy(['t.academic_year', 't.semester'])
    .orderBy('t.academic_year', 'desc')
    .orderBy('t.semester', 'desc')
    .limit(6)
    .execute();
  // A term still running counts up to today.
  return terms.reverse().map((t) => ({ ...t, from: String(t.start), to: [String(t.end), today()].sort()[0] as string }));
}

/**
 * Children on the school's roll talked with in [from, to] (a school's month of 谈心覆盖率: `talkMonthOf`), per
 * school (kept while the school's records and children are unchanged): the rate's denominator is the
 * children on the roll, so a child who has left or moved since counts in neither.
 */
export function talkedInMonth(db: Tx, figures: SchoolFigures, schoolIds: readonly string[], days: { from: string; to: string }): Promise<Map<string, number>> {
  const { from: month, to } = days;
  return figures.of(
    db,
    `talked|${month}|${to}`,
    schoolIds,
    async (ids) =>
      new Map(
        (
          await db
            .selectFrom('care_record_children as l')
            .innerJoin('children as c', 'c.id', 'l.child_id')
            .select(['l.school_id', sql<number>`count(distinct l.child_id)`.as('n')])
            .where('l.school_id', 'in', ids)
            .whereRef('c.school_id', '=', 'l.school_id')
            .where('c.status', '=', 'active')
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

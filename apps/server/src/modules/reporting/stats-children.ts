/** Each school's active children counted by every breakdown, kept per school in the dashboards' figures. */

import { AGE_BANDS, type AgeBand, birthRangeOfBand, bornFromForAgeAtMost, DIFFICULTY, NARROW_MAX_AGE } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { SchoolFigures } from './school-figures.ts';

/** The low-cardinality columns the breakdowns count. */
export const COLUMNS = ['left_behind_type', 'xueji_code', 'guardian_relation', 'custody_quality', 'boarding', 'gender'] as const;

/** A school's active children by breakdown: sums (total, key support, narrow, 困境 d_*, age bands a_*), counts by column value and by grade, and its pupils. */
export interface ChildFigures {
  sums: Record<string, number>;
  columns: Partial<Record<(typeof COLUMNS)[number], Record<string, number>>>;
  grade: Record<string, number>;
  pupils: number;
}
export const emptyFigures = (): ChildFigures => ({ sums: {}, columns: {}, grade: {}, pupils: 0 });
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
export function sumFigures(all: Iterable<ChildFigures>): ChildFigures {
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
export const buckets = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * Each school's active children counted by every breakdown (and its pupils): four grouped passes
 * over the schools' children, kept per school while its children and classes are unchanged (the
 * age bands and the narrow definition move with today, so the day is part of the key).
 */
export async function childFigures(db: Tx, figures: SchoolFigures, schoolIds: readonly string[], today: string): Promise<Map<string, ChildFigures>> {
  const narrowFrom = bornFromForAgeAtMost(NARROW_MAX_AGE, today);
  const bands = AGE_BANDS.map((b) => ({ b, r: birthRangeOfBand(b as AgeBand, today) }));
  return figures.of(
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

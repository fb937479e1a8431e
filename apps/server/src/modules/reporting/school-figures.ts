import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { stamps } from '../compliance/cache.ts';

/** Schools per computing query: a region's figures are computed this many schools at a time. */
const CHUNK = 500;

/**
 * Per-school figures of the dashboards (coverage of a month, talk coverage of a term, records by
 * kind), kept like the compliance tallies: an entry is used while the school's change stamp
 * (`compliance_stamps`, bumped by database triggers on children, care-record links, terms, classes,
 * pairings …) is the one it was computed under. A region's figure is the sum of its schools', so a
 * province dashboard recomputes only the schools written to since it was last drawn. Stamps are read
 * before the figures are computed, so a write in between leaves an entry older than its stamp, never
 * newer. In-process and bounded (least recently used out first).
 */
export class SchoolFigures {
  private readonly entries = new Map<string, { stamp: number; value: unknown }>();
  hits = 0;
  misses = 0;

  constructor(private max = 50_000) {}

  /** Room for at least `entries` (the pre-warming makes room for a region's usual figures). */
  reserve(entries: number) {
    this.max = Math.max(this.max, entries);
  }

  clear() {
    this.entries.clear();
  }

  /**
   * The figure `part` (its name and period, e.g. "coverage|2026-11-01|2026-11-30") of each school:
   * from the cache while the school's stamp holds, the others from `compute` (given up to 500
   * schools, answering a value per school; a school it leaves out gets `empty()`).
   */
  async of<T>(
    db: Tx,
    part: string,
    schoolIds: readonly string[],
    compute: (ids: string[]) => Promise<Map<string, T>>,
    empty: () => T,
  ): Promise<Map<string, T>> {
    const stampOf = await stamps(db, [...schoolIds]);
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const id of schoolIds) {
      const key = `${part}|${id}`;
      const e = this.entries.get(key);
      if (e && e.stamp === (stampOf.get(id) ?? 0)) {
        this.entries.delete(key);
        this.entries.set(key, e);
        out.set(id, e.value as T);
        this.hits++;
      } else missing.push(id);
    }
    this.misses += missing.length;
    for (const ids of chunks(missing, CHUNK)) {
      const computed = await compute(ids);
      for (const id of ids) {
        const value = computed.get(id) ?? empty();
        out.set(id, value);
        const key = `${part}|${id}`;
        this.entries.delete(key);
        this.entries.set(key, { stamp: stampOf.get(id) ?? 0, value });
      }
    }
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return out;
  }
}

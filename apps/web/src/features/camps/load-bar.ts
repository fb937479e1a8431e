import type { Camp } from '@carebridge/shared';

/** Where a volunteer stands against their limit: `open` when they have none. */
export type LoadLevel = 'under' | 'full' | 'over' | 'open';

export interface LoadBar {
  /** Bar length, 0–100. */
  percent: number;
  level: LoadLevel;
}

/**
 * The bar of each volunteer in the 志愿者课时 card. A volunteer with a limit (最多单元数) is measured
 * against their own limit, so 12/12 is a full bar and 10/12 is longer than 10/16; over the limit the
 * bar stays full. A volunteer without one has no "full", so their bar is measured against the largest
 * limit or load of the camp, to compare them with the others.
 */
export function loadBars(volunteers: Camp['volunteers'], loads: ReadonlyMap<string, number>): Map<string, LoadBar> {
  const scale = Math.max(1, ...volunteers.map((v) => v.maxUnits ?? 0), ...loads.values());
  const out = new Map<string, LoadBar>();
  for (const v of volunteers) {
    const n = loads.get(v.id) ?? 0;
    const limit = v.maxUnits ?? null;
    if (limit === null) {
      out.set(v.id, { percent: (n / scale) * 100, level: 'open' });
      continue;
    }
    // A limit of 0 is full from the start: no unit may be added.
    const level: LoadLevel = n > limit ? 'over' : n === limit ? 'full' : 'under';
    out.set(v.id, { percent: level === 'under' ? (n / limit) * 100 : 100, level });
  }
  return out;
}

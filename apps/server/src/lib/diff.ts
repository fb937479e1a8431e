/** The fields that differ between two snapshots, as { field: [before, after] } for audit summaries. */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  skip: string[] = ['version', 'updated_at', 'updatedAt', 'password_hash'],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined || skip.includes(k)) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k] ?? null, v];
  }
  return out;
}

/** Keep only defined values, for partial updates. */
export function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { SchoolTally } from './cache.ts';
import { monthEnd } from './dates.ts';

/**
 * Schools' counts of months kept in the database (`compliance_tallies`) so that a new process (a
 * restart, a second server) does not count them again: the in-process cache (cache.ts) is empty
 * after a start, and a county-year counted from nothing took 0.7–1.2 s.
 *
 * A stored month is used only under the same conditions as a cached one, and one more:
 * - the school's change stamp is the one it was counted under (the triggers move it on every write
 *   the counts read);
 * - its version is the same: a hash of the counting code (the sources of this module, of the shared
 *   compliance definitions and of the few files the count uses from elsewhere, read at start-up; a
 *   new file the count comes to depend on belongs in `sourceHash`) and of the school's policy for the
 *   month (`versionsBy`), so a release that changes how items are judged makes every stored month
 *   stale by itself, and a new policy version the months from its first day;
 * - a month over (`as_of` '') holds whatever day it is; a month not over holds for the day it was
 *   counted on (`as_of`: due, overdue and upcoming depend on today), and rows of past days are
 *   deleted by the pre-warm at start-up and after midnight (`pruneStored`).
 * Only whole calendar months, and a month's start to today (a term or range "so far"), are stored.
 * It is a cache: a row that cannot be read is ignored and counted again, and a failed write is
 * dropped (the report is already answered).
 */

/** Hash of the sources that decide how items are counted; null (nothing stored) if they cannot be read. */
export const COUNTING_VERSION: string | null = sourceHash();

function sourceHash(): string | null {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    const shared = dirname(createRequire(import.meta.url).resolve('@carebridge/shared'));
    const sources = (dir: string) => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      if (!files.length) throw new Error(`no sources in ${dir}`);
      return files.map((f) => join(dir, f));
    };
    const files = [
      ...sources(here),
      ...sources(join(shared, 'compliance')),
      // What the counting uses from elsewhere: which children a school shows, the day a child's
      // care starts from (Shanghai dates), age bands.
      join(here, '../children/child.policy.ts'),
      join(here, '../../lib/dates.ts'),
      join(shared, 'children/derive.ts'),
      // Which kinds are contact with the parents (a rule of only these asks nothing of a child with none away).
      join(shared, 'care/kinds.ts'),
    ].sort();
    const hash = createHash('sha256');
    for (const f of files) hash.update(`${f.slice(f.lastIndexOf('/src/'))}\n`).update(readFileSync(f));
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** The version a school's month is stored under: the counting code's and that of the school's policy for the month. */
export function storedVersion(policyKey: string): string | null {
  return COUNTING_VERSION && createHash('sha256').update(COUNTING_VERSION).update('\n').update(policyKey).digest('hex');
}

/**
 * The day a period's counts are stored for: '' for a whole month over before `today`; `today` for a
 * whole month not over or a month's start to today; null for any other period (not stored).
 */
export function storedAsOf(from: string, to: string, today: string): string | null {
  if (!from.endsWith('-01')) return null;
  const end = monthEnd(from);
  if (to === end && to < today) return '';
  return to === end || to === today ? today : null;
}

export const periodKey = (from: string, to: string) => `${from}..${to}`;

/**
 * The JSON of `{ counts, rules, classes, mentors }`, the counts (whole numbers) written by the typed
 * array's own `join`: `Array.from` first built a plain array of every count through the iterator,
 * 14 of the 131 MB a cold county-year allocated (bench/RESULTS.md).
 */
export function encode(t: SchoolTally): string {
  return `{"counts":[${t.counts.join(',')}],${JSON.stringify({ rules: t.rules, classes: t.classes, mentors: t.mentors }).slice(1)}`;
}

export function decode(text: string): SchoolTally | undefined {
  try {
    const o = JSON.parse(text) as Omit<SchoolTally, 'counts'> & { counts: number[] };
    if (!Array.isArray(o.counts) || !Array.isArray(o.rules) || !Array.isArray(o.classes) || !Array.isArray(o.mentors)) return undefined;
    return { counts: Float64Array.from(o.counts), rules: o.rules, classes: o.classes, mentors: o.mentors };
  } catch {
    return undefined;
  }
}

/** Schools per read, well inside both dialects' parameter limits. */
const READ_CHUNK = 400;
/** Rows per upsert (seven parameters each). */
const WRITE_CHUNK = 100;

export interface StoredWant {
  schoolId: string;
  period: string;
  asOf: string;
  stamp: number;
  version: string;
}

/** The stored months wanted that are still valid (same day, stamp and version), by `school|period`. */
export async function readStored(db: Tx, wants: StoredWant[]): Promise<Map<string, SchoolTally>> {
  const out = new Map<string, SchoolTally>();
  if (!wants.length) return out;
  const want = new Map(wants.map((w) => [`${w.schoolId}|${w.period}`, w]));
  const schoolIds = [...new Set(wants.map((w) => w.schoolId))];
  const periods = [...new Set(wants.map((w) => w.period))];
  const days = [...new Set(wants.map((w) => w.asOf))];
  for (let i = 0; i < schoolIds.length; i += READ_CHUNK) {
    const rows = await db
      .selectFrom('compliance_tallies')
      .select(['school_id', 'period', 'as_of', 'stamp', 'version', 'tally'])
      .where('school_id', 'in', schoolIds.slice(i, i + READ_CHUNK))
      .where('period', 'in', periods)
      .where('as_of', 'in', days)
      .execute();
    for (const r of rows) {
      const key = `${r.school_id}|${r.period}`;
      const w = want.get(key);
      if (!w || r.as_of !== w.asOf || Number(r.stamp) !== w.stamp || r.version !== w.version) continue;
      const t = decode(r.tally);
      if (t) out.set(key, t);
    }
  }
  return out;
}

/**
 * Store freshly counted months (a newer count of the same month replaces the older), in one
 * transaction. On PostgreSQL it does not wait for its WAL to reach the disk (`synchronous_commit`
 * off, for this transaction only): a province's pre-warm stores 40,000 months, and losing the last
 * of them in a crash only means counting them again.
 */
export async function writeStored(db: Tx, rows: (StoredWant & { tally: SchoolTally })[], at: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (tx.getExecutor().adapter instanceof PostgresAdapter) await sql`set local synchronous_commit = off`.execute(tx);
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      const values = rows.slice(i, i + WRITE_CHUNK).map((r) => ({
        school_id: r.schoolId,
        period: r.period,
        as_of: r.asOf,
        stamp: r.stamp,
        version: r.version,
        tally: encode(r.tally),
        counted_at: at,
      }));
      await tx
        .insertInto('compliance_tallies')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['school_id', 'period', 'as_of']).doUpdateSet((eb) => ({
            stamp: eb.ref('excluded.stamp'),
            version: eb.ref('excluded.version'),
            tally: eb.ref('excluded.tally'),
            counted_at: eb.ref('excluded.counted_at'),
          })),
        )
        .execute();
    }
  });
}

/** Delete the counts of months not over that held for a day before `today` (they are never read again). */
export async function pruneStored(db: Tx, today: string): Promise<void> {
  await db.deleteFrom('compliance_tallies').where('as_of', '<>', '').where('as_of', '<', today).execute();
}

import type { CareRule } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { BulkHandles } from '../../lib/insert-rows.ts';
import type { TallyLoaded } from './load-tally.ts';
import { PolicyService } from './policy.service.ts';
import { DONE_EARLY, type TallyInput, tally } from './tally.ts';

/**
 * One school's compliance counts for one period, as `compliance()` merges them into a report:
 * counts by status code (STATUS_CODES order, the total last), groups in the order of their first
 * item, so that merging schools in report order gives exactly the groups (and order) of counting
 * all schools in one pass. Names that depend on the language are resolved at merge time.
 *
 * All counts sit in one array, `SLOTS` per group (the school's own first, at 0; each group's at its
 * `at`): the cache keeps about sixteen of these per school (twelve months, the term, …), and an
 * array per group cost ≈ 10 kB per tally, ≈ 500 MB for a province of 3,000 schools.
 */
export interface SchoolTally {
  counts: Float64Array;
  rules: { key: string; rule: CareRule; at: number }[];
  /** Class id ('' for none) and its name (null: none, the caller's "no class"). */
  classes: { id: string; name: string | null; at: number }[];
  /** Responsible user id ('' for none). */
  mentors: { id: string; at: number }[];
}

/**
 * The counts of a group: one per status code (STATUS_CODES order), the total at `TOTAL`, and at
 * `EARLY` the done items whose window is still open (done early, counted among the done as well).
 */
export const SLOTS = 7;
export const TOTAL = 5;
export const EARLY = 6;

/** One item of status `code` (or `DONE_EARLY`) in the counts of a group at `at`. */
export function count(n: Float64Array | number[], code: number, at = 0) {
  if (code === DONE_EARLY) {
    n[at] = (n[at] as number) + 1;
    n[at + EARLY] = (n[at + EARLY] as number) + 1;
  } else n[at + code] = (n[at + code] as number) + 1;
  n[at + TOTAL] = (n[at + TOTAL] as number) + 1;
}

/** Add the counts of `from` at `at` into `into` (at `to`). */
export function addCounts(into: Float64Array | number[], from: Float64Array | number[], at: number, to = 0) {
  for (let i = 0; i < SLOTS; i++) into[to + i] = (into[to + i] as number) + (from[at + i] as number);
}

/** Counts of groups met in order: each new group gets the next `SLOTS` slots. */
class Counts {
  readonly n: number[] = new Array(SLOTS).fill(0);
  group(): number {
    const at = this.n.length;
    for (let i = 0; i < SLOTS; i++) this.n.push(0);
    return at;
  }
  count(at: number, code: number) {
    count(this.n, code, at);
  }
}

/** Count a school's items falling due in [from, to] (`tally`), grouped as the report groups them. */
export function tallySchool(l: TallyLoaded, today: string, from: string, to: string, windowMemo?: TallyInput['windowMemo']): SchoolTally {
  const counts = new Counts();
  const out: Omit<SchoolTally, 'counts'> = { rules: [], classes: [], mentors: [] };
  const rules = new Map<string, number>();
  const classes = new Map<string, number>();
  const mentors = new Map<string, number>();
  // Looked up once per rule, child and mentor run rather than per item.
  let lastRule: CareRule | null = null;
  let ruleAt = 0;
  const classAt = new Int32Array(l.children.length).fill(-1);
  let lastMentor: string | null | undefined;
  let mentorAt = 0;
  tally(
    {
      policies: PolicyService.forEngine(l.policy),
      children: l.children,
      records: l.records,
      terms: l.terms,
      today,
      from,
      to,
      excuses: l.excuses,
      ...(windowMemo ? { windowMemo } : {}),
    },
    (rule, child, responsibleUserId, status) => {
      if (rule !== lastRule) {
        lastRule = rule;
        let at = rules.get(rule.key);
        if (at === undefined) {
          at = counts.group();
          rules.set(rule.key, at);
          out.rules.push({ key: rule.key, rule, at });
        }
        ruleAt = at;
      }
      let cAt = classAt[child] as number;
      if (cAt < 0) {
        const classId = l.classIds[child] ?? null;
        const id = classId ?? '';
        let at = classes.get(id);
        if (at === undefined) {
          at = counts.group();
          classes.set(id, at);
          out.classes.push({ id, name: (classId && l.classNames.get(classId)) || null, at });
        }
        classAt[child] = at;
        cAt = at;
      }
      if (responsibleUserId !== lastMentor) {
        lastMentor = responsibleUserId;
        const id = responsibleUserId ?? '';
        let at = mentors.get(id);
        if (at === undefined) {
          at = counts.group();
          mentors.set(id, at);
          out.mentors.push({ id, at });
        }
        mentorAt = at;
      }
      counts.count(0, status);
      counts.count(ruleAt, status);
      counts.count(cAt, status);
      counts.count(mentorAt, status);
    },
  );
  return { counts: Float64Array.from(counts.n), ...out };
}

/** Add one part's groups into the merged ones (`seen`: key → slot), new groups in order at the end. */
function mergeGroups<G extends { at: number }>(
  counts: Counts,
  seen: Map<string, number>,
  into: G[],
  from: Float64Array,
  groups: readonly G[],
  key: (g: G) => string,
) {
  for (const g of groups) {
    const k = key(g);
    let at = seen.get(k);
    if (at === undefined) {
      at = counts.group();
      seen.set(k, at);
      into.push({ ...g, at });
    }
    addCounts(counts.n, from, g.at, at);
  }
}

/**
 * The tallies of consecutive parts of a period as one: every item belongs to the one period its
 * window ends in, so counts add up; groups keep the order of their first item across the parts.
 */
export function mergeTallies(parts: readonly SchoolTally[]): SchoolTally {
  if (parts.length === 1) return parts[0] as SchoolTally;
  const counts = new Counts();
  const out: Omit<SchoolTally, 'counts'> = { rules: [], classes: [], mentors: [] };
  const rules = new Map<string, number>();
  const classes = new Map<string, number>();
  const mentors = new Map<string, number>();
  for (const t of parts) {
    addCounts(counts.n, t.counts, 0);
    mergeGroups(counts, rules, out.rules, t.counts, t.rules, (r) => r.key);
    mergeGroups(counts, classes, out.classes, t.counts, t.classes, (k) => k.id);
    mergeGroups(counts, mentors, out.mentors, t.counts, t.mentors, (m) => m.id);
  }
  return { counts: Float64Array.from(counts.n), ...out };
}

interface Entry {
  stamp: number;
  policy: string;
  tally: SchoolTally;
}

/**
 * Tallies of schools by (school, period, today for a period not yet over), each valid for the school's change stamp and policy
 * it was computed under. The stamp is read from the database on every request (`stamps`), so an
 * entry is used only while nothing the tally reads has been written since, whichever process or
 * path wrote it. In-process and bounded (least recently used out first).
 */
export class TallyCache {
  private readonly entries = new Map<string, Entry>();
  /** Schools whose tally of a report came whole from the cache (or the database's stored months), and schools counted (wholly or in part). */
  hits = 0;
  misses = 0;
  /** Months (parts of a report) read from the database's stored tallies, and months counted. */
  storedParts = 0;
  countedParts = 0;

  constructor(private max = 4000) {}

  /** Room for at least `entries` (the pre-warming makes room for every school's usual periods). */
  reserve(entries: number) {
    this.max = Math.max(this.max, entries);
  }

  /**
   * A period over before today is judged the same whatever day today is (every window in it has
   * ended: done, overdue or excused), so its tallies outlive midnight; an open period's depend on
   * today (due or overdue, upcoming, whose mentor is responsible).
   */
  private static key(schoolId: string, from: string, to: string, today: string) {
    return `${schoolId}|${from}|${to}|${to < today ? 'closed' : today}`;
  }

  get(schoolId: string, from: string, to: string, today: string, stamp: number, policy: string): SchoolTally | undefined {
    const key = TallyCache.key(schoolId, from, to, today);
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp || e.policy !== policy) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.tally;
  }

  set(schoolId: string, from: string, to: string, today: string, stamp: number, policy: string, tally: SchoolTally) {
    const key = TallyCache.key(schoolId, from, to, today);
    this.entries.delete(key);
    this.entries.set(key, { stamp, policy, tally });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear() {
    this.entries.clear();
  }
}

/** Schools per stamp query, well inside both dialects' parameter limits. */
const CHUNK = 500;

/**
 * The schools' change stamps (0 for a school never written to since the stamps exist), each moved by
 * any write to what the school's counts read: the school's own stamp (children, pairings, terms,
 * classes, excuses, the school) plus the stamps of its records of every month (care-record links and
 * activity attendance, `compliance_month_stamps`). Every counter only grows, so the sum moves
 * whenever any of them does.
 */
export async function stamps(db: Tx, schoolIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < schoolIds.length; i += CHUNK) {
    const ids = schoolIds.slice(i, i + CHUNK);
    const [own, months] = await Promise.all([
      db.selectFrom('compliance_stamps').select(['school_id', 'stamp']).where('school_id', 'in', ids).execute(),
      db
        .selectFrom('compliance_month_stamps')
        .select(['school_id', (eb) => eb.fn.sum<number>('stamp').as('stamp')])
        .where('school_id', 'in', ids)
        .groupBy('school_id')
        .execute(),
    ]);
    for (const r of [...own, ...months]) out.set(r.school_id, (out.get(r.school_id) ?? 0) + Number(r.stamp));
  }
  return out;
}

/** How many months before a month its counts read records of: windows ending in a month start at most `LOOKBACK` (400) days before it (tally.ts). */
export const RECORD_REACH_MONTHS = 14;

/** The month `n` months after the one of `date` (`YYYY-MM…`), as `YYYY-MM`. */
function shiftMonth(date: string, n: number): string {
  const m = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * The stamps of the schools' counts of each of `periods` (consecutive, in order): the school's own stamp plus the
 * stamps of its records of the months a period's windows can reach (from `RECORD_REACH_MONTHS` before
 * its first month to its last), summed by the database. A talk recorded today leaves the counts of
 * last month valid; a child's new class leaves none.
 */
export async function periodStamps(db: Tx, schoolIds: string[], periods: readonly { from: string; to: string }[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!periods.length) return out;
  const reach = periods.map((p) => ({ first: shiftMonth(p.from, -RECORD_REACH_MONTHS), last: p.to.slice(0, 7) }));
  // Periods in order (a report's months): the first reaches back furthest, the last forward.
  const first = (reach[0] as (typeof reach)[number]).first;
  const last = (reach[reach.length - 1] as (typeof reach)[number]).last;
  for (let i = 0; i < schoolIds.length; i += CHUNK) {
    const ids = schoolIds.slice(i, i + CHUNK);
    const [own, months] = await Promise.all([
      db.selectFrom('compliance_stamps').select(['school_id', 'stamp']).where('school_id', 'in', ids).execute(),
      db
        .selectFrom('compliance_month_stamps')
        .select(['school_id', ...reach.map((r, k) => sql<number>`sum(case when month >= ${r.first} and month <= ${r.last} then stamp else 0 end)`.as(`p${k}`))])
        .where('school_id', 'in', ids)
        .where('month', '>=', first)
        .where('month', '<=', last)
        .groupBy('school_id')
        .execute(),
    ]);
    for (const id of ids) out.set(id, new Array(periods.length).fill(0));
    for (const r of own) (out.get(r.school_id) as number[]).fill(Number(r.stamp));
    for (const r of months) {
      const row = r as unknown as Record<string, unknown>;
      const list = out.get(r.school_id) as number[];
      for (let k = 0; k < periods.length; k++) list[k] = (list[k] as number) + Number(row[`p${k}`] ?? 0);
    }
  }
  return out;
}

/**
 * Run `write`, many rows of one school inside the caller's transaction, with the school's change
 * stamp bumped once instead of by every row (SQLite) or statement (PostgreSQL): the stamp is bumped and
 * held first, the triggers leave a held stamp alone, and the hold is released before the transaction
 * commits (if `write` throws, the caller's rollback releases it), so no reader ever sees it held. A
 * roster import of 10,000 children spent ≈ 40 % of its children insert on SQLite bumping one stamp row.
 */
export async function withStampHeld<T>(tx: Tx, schoolId: string, at: string, write: () => Promise<T>): Promise<T> {
  if (!tx.isTransaction) throw new Error('withStampHeld runs inside a transaction');
  await tx
    .insertInto('compliance_stamps')
    .values({ school_id: schoolId, stamp: 1, changed_at: at, held: 1 })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ stamp: sql<number>`compliance_stamps.stamp + 1`, changed_at: at, held: 1 }))
    .execute();
  const out = await write();
  await tx.updateTable('compliance_stamps').set({ held: 0 }).where('school_id', '=', schoolId).execute();
  return out;
}

/**
 * SQLite: run `insert`, rows of the school `schoolId` whose stamp `withStampHeld` holds, with the
 * table's row trigger of change stamps dropped, and put the trigger back as it was (its own SQL from
 * `sqlite_master`). Both happen in the caller's transaction (nothing else runs on its connection
 * meanwhile), so a rollback keeps the trigger whatever happened. The trigger would leave the held
 * school's rows alone anyway, but finding that out costs it ≈ 20 µs a row: a third to a half of a
 * 10,000-row import's children insert. PostgreSQL's statement trigger runs once per insert; dropping it
 * there would lock the table, so it stays.
 */
export async function withoutStampTrigger<T>(tx: Tx, bulk: BulkHandles, schoolId: string, table: 'children', insert: () => Promise<T>): Promise<T> {
  const sqlite = bulk.sqlite;
  if (!sqlite) return insert();
  if (!tx.isTransaction || !sqlite.inTransaction) throw new Error('withoutStampTrigger runs inside a transaction');
  const held = await tx.selectFrom('compliance_stamps').select('held').where('school_id', '=', schoolId).executeTakeFirst();
  if (held?.held !== 1) throw new Error("withoutStampTrigger needs the school's stamp held");
  const name = `${table}_stamp_ins`;
  const trigger = sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").get(name) as { sql: string } | undefined;
  if (!trigger) return insert();
  sqlite.exec(`drop trigger "${name}"`);
  try {
    return await insert();
  } finally {
    sqlite.exec(trigger.sql);
  }
}

import { type Auth, systemAuth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { seesWholeSchool } from '../children/child.policy.ts';
import { termStartOf } from '../reporting/scope.ts';
import { mergeTallies, periodStamps, type SchoolTally, TallyCache, tallySchool } from './cache.ts';
import { minDate, monthEnd, monthSegments } from './dates.ts';
import { versionsBy } from './engine.ts';
import type { SchoolRef } from './load.ts';
import { loadForTally, type ReachMemo, type TallyLoaded } from './load-tally.ts';
import { PolicyService as Policies, type PolicyChange, type PolicyService, type ResolvedPolicy } from './policy.service.ts';
import { periodKey, pruneStored, readStored, type StoredWant, storedAsOf, storedVersion, writeStored } from './stored-tallies.ts';
import type { TallyInput } from './tally.ts';

/** Up to this many schools warmed, their running terms are read by id (inside both dialects' parameter limits). */
const BY_ID = 500;
/** Months counted per write of stored tallies during the pre-warm (a few hundred schools' worth). */
const STORE_BATCH = 2_000;

/** Each school's compliance counts of a period, from the cache where they are still valid (cache.ts). */
export class SchoolTallies {
  /** Per-school tallies of recent reports; valid while the school's change stamp and policy are. */
  readonly cache = new TallyCache();
  /** Months counted and not yet stored in the database (stored-tallies.ts). */
  private unstored: Parameters<typeof writeStored>[1] = [];
  private prewarming = false;
  /**
   * Schools loaded and counted together when many are missing (a county counted cold, the pre-warm):
   * on PostgreSQL eight, so that a county costs a few rounds of queries instead of one per school;
   * on SQLite one, whose reads cost no round trip, so that less is alive for the collector to copy
   * (a county's pre-warm took ≈ 20 % longer in batches of eight, bench/RESULTS.md). Either way a
   * county's records are never all in memory at once, nor the event loop held for long.
   */
  countBatch: number;

  constructor(
    private readonly ctx: Ctx,
    private readonly policies: PolicyService,
  ) {
    this.countBatch = ctx.sqlite ? 1 : 8;
  }

  /**
   * Counting only (tally.ts), school by school, each school's counts cached until something it
   * reads changes: change stamps (kept by database triggers, read first, so data loaded after them
   * is never older than the stamp it is filed under) and the school's policy as read now (for each
   * month, the versions its windows are judged under: a new version leaves earlier months). A period
   * longer than a month is counted month by month (`monthSegments`) and the months added up, so
   * that a year, a term or any range shares the months it spans with every other report: a month
   * over is judged the same until its school changes, and only the months missing are counted (from
   * one load of the school for all of them). Months this process has not counted come from the
   * database's stored tallies where still valid, and months it counts are stored (stored-tallies.ts),
   * so a new process does not count them again.
   */
  async of(auth: Auth, schools: SchoolRef[], from: string, to: string, today: string): Promise<Map<string, SchoolTally>> {
    const segments = monthSegments(from, to);
    // Each month's stamp: the school's own, and its records' of the months the month's windows reach.
    const stampOf = await periodStamps(
      this.ctx.db,
      schools.map((s) => s.id),
      segments,
    );
    const stamp = (schoolId: string, i: number) => stampOf.get(schoolId)?.[i] ?? 0;
    const resolved = await this.policies.resolveMany(this.ctx.db, schools);
    // Each month's counts hold under the policy versions its windows are judged under (`versionsBy`):
    // a new version, never in the past, leaves the months before it as they were.
    const policyKeys = (id: string) => {
      const versions = Policies.forEngine(resolved.get(id) as ResolvedPolicy);
      const byCount = new Map<number, string>();
      return segments.map((p) => {
        const upTo = versionsBy(versions, p.to);
        let key = byCount.get(upTo.length);
        if (key === undefined) {
          key = JSON.stringify(upTo);
          byCount.set(upTo.length, key);
        }
        return key;
      });
    };
    const tallied = new Map<string, SchoolTally>();
    const missing: { s: SchoolRef; parts: (SchoolTally | undefined)[]; keys: string[]; shared: boolean }[] = [];
    for (const s of schools) {
      // Only tallies of whole schools are shared between callers.
      const shared = seesWholeSchool(auth, s);
      const keys = policyKeys(s.id);
      const parts = segments.map((p, i) => (shared ? this.cache.get(s.id, p.from, p.to, today, stamp(s.id, i), keys[i] as string) : undefined));
      if (parts.every(Boolean)) {
        this.cache.hits++;
        tallied.set(s.id, mergeTallies(parts as SchoolTally[]));
        continue;
      }
      missing.push({ s, parts, keys, shared });
    }
    // Months this process has not counted yet: from the database where still valid (stored-tallies.ts).
    const wants: StoredWant[] = [];
    for (const m of missing)
      segments.forEach((p, i) => {
        const asOf = storedAsOf(p.from, p.to, today);
        const version = m.shared ? storedVersion(m.keys[i] as string) : null;
        if (version && !m.parts[i] && asOf !== null) wants.push({ schoolId: m.s.id, period: periodKey(p.from, p.to), asOf, stamp: stamp(m.s.id, i), version });
      });
    const stored = await readStored(this.ctx.db, wants);
    const toCount: typeof missing = [];
    let loadFrom = to;
    for (const m of missing) {
      segments.forEach((p, i) => {
        const t = m.parts[i] ? undefined : stored.get(`${m.s.id}|${periodKey(p.from, p.to)}`);
        if (!t) return;
        m.parts[i] = t;
        this.cache.storedParts++;
        this.cache.set(m.s.id, p.from, p.to, today, stamp(m.s.id, i), m.keys[i] as string, t);
      });
      const first = m.parts.findIndex((t) => !t);
      if (first < 0) {
        this.cache.hits++;
        tallied.set(m.s.id, mergeTallies(m.parts as SchoolTally[]));
        continue;
      }
      this.cache.misses++;
      toCount.push(m);
      loadFrom = minDate(loadFrom, (segments[first] as { from: string }).from);
    }
    if (toCount.length) {
      const toStore: Parameters<typeof writeStored>[1] = [];
      const reach: ReachMemo = new Map();
      const load = (batch: typeof toCount) =>
        loadForTally(
          this.ctx.db,
          this.ctx.sqlite,
          auth,
          this.policies,
          batch.map((m) => m.s),
          loadFrom,
          to,
          resolved,
          reach,
        );
      // A batch of schools loaded at a time (`countBatch`): while one batch is counted the next is read
      // (on PostgreSQL the server reads it meanwhile), and a county's records are never all in memory at once.
      const batches = chunks(toCount, this.countBatch);
      // The rules' windows worked out once per calendar for every part counted: schools with the same
      // terms (a county's usually) share them, as the policy objects of one region are shared.
      const windowMemos = new Map<string, NonNullable<TallyInput['windowMemo']>>();
      let next = load(batches[0] as typeof toCount);
      for (const [b, batch] of batches.entries()) {
        const loaded = await next;
        if (b + 1 < batches.length) {
          next = load(batches[b + 1] as typeof toCount);
          // Awaited when its turn comes; until then a failure is not unhandled.
          next.catch(() => undefined);
        }
        for (const { s, parts, keys, shared } of batch) {
          // The event loop free between schools: the next batch's queries go out, other requests are served.
          await new Promise((resolve) => setImmediate(resolve));
          const l = loaded.get(s.id) as TallyLoaded;
          const calendar = l.terms.map((t) => `${t.start}${t.end}`).join();
          let windowMemo = windowMemos.get(calendar);
          if (!windowMemo) {
            windowMemo = { widest: { from: loadFrom, to }, byRule: new Map() };
            windowMemos.set(calendar, windowMemo);
          }
          segments.forEach((p, i) => {
            if (parts[i]) return;
            const t = tallySchool(l, today, p.from, p.to, windowMemo);
            parts[i] = t;
            this.cache.countedParts++;
            if (!shared) return;
            const policy = keys[i] as string;
            this.cache.set(s.id, p.from, p.to, today, stamp(s.id, i), policy, t);
            const asOf = storedAsOf(p.from, p.to, today);
            const version = storedVersion(policy);
            if (version && asOf !== null) toStore.push({ schoolId: s.id, period: periodKey(p.from, p.to), asOf, stamp: stamp(s.id, i), version, tally: t });
          });
          tallied.set(s.id, mergeTallies(parts as SchoolTally[]));
        }
      }
      this.unstored.push(...toStore);
      // While the pre-warm runs, months (its own and those of requests answered meanwhile) are stored a few hundred schools at a time.
      if (!this.prewarming || this.unstored.length >= STORE_BATCH) await this.store();
    }
    return tallied;
  }

  /** Store the months counted since the last call; a cache, so a failed write (a school deleted meanwhile) is dropped. */
  private async store() {
    const rows = this.unstored;
    this.unstored = [];
    if (rows.length) await writeStored(this.ctx.db, rows, this.ctx.clock().toISOString()).catch(() => undefined);
  }

  /**
   * Counts every school's items for the periods people open first (this month and the eleven before
   * it, on the compliance page and in year or term reports; this term so far, on the dashboards: the
   * calendar's for a region, the school's own term where one runs today) into the cache, a batch of schools at a time
   * (`countBatch`) with the event loop free between schools, so that the first report of the day is as fast as the second. Run at
   * start-up and after each Shanghai midnight (when "today", and with it every open period's
   * due and overdue, changes).
   */
  async prewarm(today: string, signal?: AbortSignal): Promise<{ schools: number; periods: number; ms: number }> {
    const t0 = performance.now();
    const schools = await this.ctx.db.selectFrom('schools').select(['id', 'name', 'region_path']).orderBy('name').execute();
    // Stored counts of months not over that held for an earlier day are never read again.
    await pruneStored(this.ctx.db, today);
    this.prewarming = true;
    try {
      const periods = await this.warm(schools, today, signal);
      return { schools: schools.length, periods, ms: Math.round(performance.now() - t0) };
    } finally {
      this.prewarming = false;
      await this.store();
    }
  }

  /**
   * The same periods counted again for the schools the saved policy versions reach, in the background
   * after the save: the version starts today or later, so of each school's months only those from its
   * first day are counted (the others are still cached), and the compliance page opened next reads
   * them ready.
   */
  async rewarm(changes: PolicyChange[], today: string, signal?: AbortSignal): Promise<{ schools: number; ms: number }> {
    // Asked before the app closed, started after: the database may be closed already.
    if (signal?.aborted || !changes.length) return { schools: 0, ms: 0 };
    const t0 = performance.now();
    // Every school any of the saved versions reaches, once.
    const schools = await this.ctx.db
      .selectFrom('schools')
      .select(['id', 'name', 'region_path'])
      .where((eb) => eb.or(changes.map((c) => ('schoolId' in c ? eb('id', '=', c.schoolId) : pathUnder(c.regionPath, 'region_path')))))
      .orderBy('name')
      .execute();
    await this.warm(schools, today, signal);
    return { schools: schools.length, ms: Math.round(performance.now() - t0) };
  }

  /** Count `schools`' usual periods (see `prewarm`) a batch of schools at a time, the event loop free between schools; the number of periods. */
  private async warm(schools: SchoolRef[], today: string, signal?: AbortSignal): Promise<number> {
    const month = `${today.slice(0, 7)}-01`;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const yearAgo = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
    // The twelve months to the end of this one (month by month: this month's page, and the months of
    // any year, term or range report within them); the term so far, where a region's dashboard starts;
    // a school's own term running today, where its dashboard starts.
    const periods = [
      { from: yearAgo, to: monthEnd(month) },
      { from: termStartOf(today), to: today },
    ];
    // The term running today of each school warmed: by id when they are a few (a policy change's), else every school's.
    let running = this.ctx.db.selectFrom('terms').select(['school_id', 'start_date']).where('start_date', '<=', today).where('end_date', '>=', today);
    if (schools.length <= BY_ID)
      running = running.where(
        'school_id',
        'in',
        schools.map((s) => s.id),
      );
    const ownTerm = new Map((await running.execute()).map((t) => [t.school_id, t.start_date]));
    // Twelve months, the term's open part, a school's own term start and room for other reports.
    this.cache.reserve(schools.length * 18);
    const auth = systemAuth('compliance-prewarm');
    // A batch of schools at a time (`of` lets the event loop go between its schools): one load of the
    // batch per period instead of one per school and period.
    for (const batch of chunks(schools, this.countBatch)) {
      if (signal?.aborted) break;
      for (const p of periods) await this.of(auth, batch, p.from, p.to, today);
      const byOwnTerm = new Map<string, SchoolRef[]>();
      for (const s of batch) {
        const own = ownTerm.get(s.id);
        if (!own || own === periods[1]?.from) continue;
        const list = byOwnTerm.get(own);
        if (list) list.push(s);
        else byOwnTerm.set(own, [s]);
      }
      for (const [own, list] of byOwnTerm) await this.of(auth, list, own, today, today);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return periods.length;
  }
}

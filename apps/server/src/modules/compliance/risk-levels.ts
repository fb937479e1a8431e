import { createHash } from 'node:crypto';
import { isForeignKeyViolation } from '@carebridge/db';
import { systemAuth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { stamps } from './cache.ts';
import type { ComplianceService } from './compliance.service.ts';
import { addDays } from './dates.ts';
import type { SchoolRef } from './load.ts';
import type { PolicyService } from './policy.service.ts';
import type { RiskLevel } from './risk.ts';
import { type Assessed, RISK_DAYS, recentIncidents } from './risk-assess.ts';
import { COUNTING_VERSION } from './stored-tallies.ts';

/** A school's current children per early-warning level. */
export type LevelCounts = Record<RiskLevel, number>;

/** Schools whose stored levels are checked per round of queries. */
const BATCH = 500;
/** Rows per insert (four values each: inside both dialects' parameter limits). */
const ROWS = 1_000;

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };

/**
 * Children's early-warning levels, stored so that the dashboards count them (`school_risks`: a
 * school's children per level) and the children list filters by them (`child_risks`), and kept equal
 * to what the workbench computes live (`ComplianceService.assessRisks`) for the same children and
 * day. A school's stored levels hold while everything they were computed from still holds:
 * - its change stamp (`compliance_stamps`, moved by database triggers on every write to children,
 *   care-record links, pairings, terms, classes, excuses, attendance — API, imports, demo seed, SQL);
 * - the day (Asia/Shanghai): "no talk for 35 days" changes with the date, not with a write;
 * - its `inputs`: the policy versions it is judged by, its incidents of the last 90 days (neither is
 *   under the stamp) and the code (`COUNTING_VERSION`).
 * `current()` checks that with a few queries per 500 schools and computes again only the schools
 * where it does not hold; the dashboards' pre-warm (start-up and after each Shanghai midnight) and the
 * notification pass call it for every school, so the first dashboard of a day reads stored levels,
 * and a write recomputes its school only. These tables have no stamp triggers: storing levels never
 * makes the compliance tallies or the dashboards' figures stale.
 */
export class RiskLevels {
  /** Computations under way, so that two readers of a stale school compute it once. */
  private readonly running = new Map<string, Promise<LevelCounts>>();
  /** Schools whose levels were computed (not read as stored), for tests and benchmarks. */
  computed = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly compliance: ComplianceService,
    private readonly policies: PolicyService,
  ) {}

  /**
   * Each school's current children per level today, its stored levels brought up to date first where
   * they no longer hold. Once `signal` is aborted no school is computed any more (those left out are
   * missing from the map).
   */
  async current(schoolIds: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<Map<string, LevelCounts>> {
    const { db } = this.ctx;
    const today = this.compliance.today();
    const out = new Map<string, LevelCounts>();
    for (const ids of chunks(schoolIds, BATCH)) {
      // What the levels depend on is read before the data (as the tallies read stamps first): a
      // write in between leaves levels filed under an older stamp, computed again next time.
      const stampOf = await stamps(db, ids);
      const schools = await db.selectFrom('schools').select(['id', 'name', 'region_path']).where('id', 'in', ids).execute();
      const inputs = await this.inputsOf(schools, today);
      const stored = new Map(
        (
          await db.selectFrom('school_risks').select(['school_id', 'stamp', 'as_of', 'inputs', 'high', 'medium', 'low']).where('school_id', 'in', ids).execute()
        ).map((r) => [r.school_id, r]),
      );
      for (const s of schools) {
        const stamp = stampOf.get(s.id) ?? 0;
        const key = inputs.get(s.id) as string;
        const row = stored.get(s.id);
        if (row && Number(row.stamp) === stamp && row.as_of === today && row.inputs === key) {
          out.set(s.id, { high: Number(row.high), medium: Number(row.medium), low: Number(row.low) });
          continue;
        }
        if (opts.signal?.aborted) return out;
        out.set(s.id, await this.compute(s, stamp, key, today));
      }
    }
    return out;
  }

  /**
   * The school's children whose level is not the one their leaders and mentor were last told of
   * (nothing told counts as low), its levels brought up to date first.
   */
  async untold(schoolId: string): Promise<{ childId: string; level: RiskLevel; told: RiskLevel | null; rise: boolean }[]> {
    await this.current([schoolId]);
    const rows = await this.ctx.db
      .selectFrom('child_risks')
      .select(['child_id', 'level', 'told_level'])
      .where('school_id', '=', schoolId)
      .where((eb) => eb.or([eb('told_level', 'is', null), eb('told_level', '!=', eb.ref('level'))]))
      .orderBy('child_id')
      .execute();
    return rows.map((r) => ({
      childId: r.child_id,
      level: r.level as RiskLevel,
      told: r.told_level as RiskLevel | null,
      rise: (RANK[r.level] ?? 0) > (RANK[r.told_level ?? 'low'] ?? 0),
    }));
  }

  /** Remember these levels as told (a level computed since stays untold). */
  async told(rows: readonly { childId: string; level: RiskLevel }[]): Promise<void> {
    for (const level of ['low', 'medium', 'high'] as const)
      for (const ids of chunks(rows.filter((r) => r.level === level).map((r) => r.childId)))
        await this.ctx.db.updateTable('child_risks').set({ told_level: level }).where('child_id', 'in', ids).where('level', '=', level).execute();
  }

  /** Per school, a hash of what its levels depend on beyond its change stamp and the day. */
  private async inputsOf(schools: SchoolRef[], today: string): Promise<Map<string, string>> {
    const policies = await this.policies.resolveMany(this.ctx.db, schools);
    const incidents = await recentIncidents(
      this.ctx.db,
      schools.map((s) => s.id),
      addDays(today, -RISK_DAYS),
    );
    const out = new Map<string, string>();
    for (const s of schools) {
      // Versions are never changed once saved: their ids (and the derived ids of floored ones) name them.
      const hash = createHash('sha256').update(`${COUNTING_VERSION ?? ''}\n`);
      for (const v of policies.get(s.id)?.timeline ?? []) hash.update(`${v.id}|${v.effectiveFrom}\n`);
      hash.update('incidents\n');
      for (const [child, n] of [...(incidents.get(s.id) ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(`${child}:${n}\n`);
      out.set(s.id, hash.digest('hex'));
    }
    return out;
  }

  private compute(s: SchoolRef, stamp: number, inputs: string, today: string): Promise<LevelCounts> {
    const key = `${s.id}|${stamp}|${inputs}|${today}`;
    let p = this.running.get(key);
    if (!p) {
      p = this.store(s, stamp, inputs, today).finally(() => this.running.delete(key));
      this.running.set(key, p);
    }
    return p;
  }

  /** Compute a school's levels and store the changed ones with what they were computed under, in one transaction. */
  private async store(s: SchoolRef, stamp: number, inputs: string, today: string): Promise<LevelCounts> {
    this.computed++;
    const assessed = await this.compliance.assessRisks(systemAuth('risk-levels'), s);
    const counts: LevelCounts = { high: 0, medium: 0, low: 0 };
    for (const a of assessed) counts[a.level]++;
    try {
      await this.ctx.db.transaction().execute((tx) => this.write(tx, s.id, assessed, { stamp, inputs, today, counts }));
    } catch (err) {
      // A child erased meanwhile: the answer stands, the levels are computed again next time.
      if (!isForeignKeyViolation(err)) throw err;
    }
    return counts;
  }

  private async write(
    tx: Tx,
    schoolId: string,
    assessed: Assessed[],
    under: { stamp: number; inputs: string; today: string; counts: LevelCounts },
  ): Promise<void> {
    // The school's row first: it locks the school, so that two writers of its levels (another process) take turns.
    const row = { stamp: under.stamp, as_of: under.today, inputs: under.inputs, ...under.counts, computed_at: this.ctx.clock().toISOString() };
    await tx
      .insertInto('school_risks')
      .values({ school_id: schoolId, ...row })
      .onConflict((oc) => oc.column('school_id').doUpdateSet(row))
      .execute();
    const before = new Map(
      (await tx.selectFrom('child_risks').select(['child_id', 'level']).where('school_id', '=', schoolId).execute()).map((r) => [r.child_id, r.level]),
    );
    const now = new Set(assessed.map((a) => a.childId));
    // Children no longer in the school's archive (left, transferred away) have no level here.
    for (const ids of chunks([...before.keys()].filter((id) => !now.has(id)).sort())) await tx.deleteFrom('child_risks').where('child_id', 'in', ids).execute();
    // New and changed levels (a child transferred in has its row moved to this school).
    const changed = assessed
      .filter((a) => before.get(a.childId) !== a.level)
      .map((a) => ({ child_id: a.childId, school_id: schoolId, level: a.level, told_level: null }))
      .sort((a, b) => (a.child_id < b.child_id ? -1 : 1));
    for (const rows of chunks(changed, ROWS))
      await tx
        .insertInto('child_risks')
        .values(rows)
        .onConflict((oc) => oc.column('child_id').doUpdateSet((eb) => ({ level: eb.ref('excluded.level'), school_id: eb.ref('excluded.school_id') })))
        .execute();
  }
}

import { newId } from '@carebridge/db';
import {
  type ComplianceCounts,
  type ComplianceReport,
  type DueItemQuery,
  type DueItemView,
  describeRule,
  type Lang,
  type RiskView,
  translate,
} from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, checkPeriodLength, forbidden, monthOrRange, notFound } from '../../errors.ts';
import { chunks } from '../../lib/chunks.ts';
import { byChinese, byCodePoint, chineseRanks } from '../../lib/collate.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { addCounts, count, EARLY, type SchoolTally, SLOTS, type TallyCache, TOTAL } from './cache.ts';
import { addDays, monthEnd } from './dates.ts';
import { type DueItem, dueItems, tallyItems } from './engine.ts';
import { type Loaded, loadSchools, type SchoolRef } from './load.ts';
import { PolicyService as Policies, type PolicyChange, type PolicyService } from './policy.service.ts';
import { type Assessed, assess, RISK_DAYS } from './risk-assess.ts';
import { RiskLevels } from './risk-levels.ts';
import { SchoolTallies } from './school-tallies.ts';
import { DONE_EARLY, STATUS_CODES } from './tally.ts';

/** Counts kept by status code (STATUS_CODES order), the total and the done early (cache.ts `SLOTS`), as the report's counts. */
const counted = (n: Float64Array): ComplianceCounts => ({
  total: n[TOTAL] as number,
  done: n[0] as number,
  doneEarly: n[EARLY] as number,
  due: n[1] as number,
  overdue: n[2] as number,
  excused: n[4] as number,
  upcoming: n[3] as number,
  rate: null,
});
/**
 * The rate of what has fallen due: done / (done + overdue) of the items whose window has ended. An
 * item falls due the day after its window ends; one done while its window is still open (`doneEarly`)
 * is not judged yet — a rate of those alone would read 100 % on the 2nd of a month with everything
 * still to do — so there is none while nothing in the period has fallen due (a period not begun, its
 * first day, this month before its windows end).
 */
const finish = (c: ComplianceCounts): ComplianceCounts => {
  const judged = c.done - c.doneEarly;
  return { ...c, rate: judged + c.overdue ? Math.round((judged / (judged + c.overdue)) * 1000) / 1000 : null };
};

export class ComplianceService {
  /** Each school's counts of a period, cached (school-tallies.ts). */
  private readonly schoolTallies: SchoolTallies;
  /** Each child's level as of today, stored for the dashboards and the notifications (risk-levels.ts). */
  readonly riskLevels: RiskLevels;

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly policies: PolicyService,
  ) {
    this.schoolTallies = new SchoolTallies(ctx, policies);
    this.riskLevels = new RiskLevels(ctx, this, policies);
  }

  /** Per-school tallies of recent reports (see cache.ts); valid while the school's change stamp is. */
  get tallies(): TallyCache {
    return this.schoolTallies.cache;
  }

  today() {
    return shanghaiDate(this.ctx.clock());
  }

  private async school(auth: Auth, schoolId: string) {
    const s =
      (await this.ctx.db.selectFrom('schools').select(['id', 'name', 'region_path']).where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    if (!seesPlace(auth, { schoolId, regionPath: s.region_path })) notFound('school');
    return s;
  }

  /** Everything the engine needs for the children of one school the caller sees. */
  async load(db: Tx, auth: Auth, school: SchoolRef, from: string, filter: { classId?: string; childId?: string } = {}): Promise<Loaded> {
    return (await loadSchools(db, db === this.ctx.db ? this.ctx.sqlite : undefined, auth, this.policies, [school], from, filter)).get(school.id) as Loaded;
  }

  private run(l: Loaded, from: string, to: string, onItem?: (i: DueItem) => void) {
    return dueItems(
      { policies: Policies.forEngine(l.policy), children: l.children, records: l.records, terms: l.terms, today: this.today(), from, to, excuses: l.excuses },
      onItem,
    );
  }

  /** Schools the caller works in, for "my" lists without a school. */
  private ownSchools(auth: Auth): string[] {
    return [...new Set(auth.roles.map((a) => a.schoolId).filter((s): s is string => !!s))];
  }

  async dueItems(auth: Auth, q: DueItemQuery, lang: Lang): Promise<{ items: DueItemView[] }> {
    const today = this.today();
    const from = q.from ?? addDays(today, -90);
    const to = q.to ?? addDays(today, 30);
    if (to < from) throw new AppError('validation_failed', 400, {}, [{ path: q.to ? 'to' : 'from', message: 'validation.date_order' }]);
    checkPeriodLength(from, to, q.to ? 'to' : 'from');
    let schoolIds = q.schoolId ? [q.schoolId] : this.ownSchools(auth);
    if (q.childId) {
      const c =
        (await this.ctx.db.selectFrom('children as c').select('c.school_id').where('c.id', '=', q.childId).where(childVisible(auth, 'c')).executeTakeFirst()) ??
        notFound('child');
      schoolIds = [c.school_id];
    }
    if (!schoolIds.length) throw new AppError('missing_scope', 422, {}, [{ path: 'schoolId', message: 'errors.missing_scope' }]);
    const out: (DueItem & { l: Loaded })[] = [];
    for (const id of schoolIds) {
      const school = await this.school(auth, id);
      const l = await this.load(this.ctx.db, auth, school, from, {
        ...(q.classId ? { classId: q.classId } : {}),
        ...(q.childId ? { childId: q.childId } : {}),
      });
      this.run(l, from, to, (i) => {
        if (q.mine === 'true' && i.responsibleUserId !== auth.userId) return;
        if (q.responsibleId && i.responsibleUserId !== q.responsibleId) return;
        if (q.ruleKey && i.ruleKey !== q.ruleKey) return;
        if (q.status === 'open' ? i.status !== 'due' && i.status !== 'overdue' : q.status && i.status !== q.status) return;
        out.push({ ...i, l });
      });
    }
    // Overdue first (oldest first), then due by deadline, then the rest.
    const rank = { overdue: 0, due: 1, upcoming: 2, excused: 3, done: 4 } as const;
    out.sort((a, b) => rank[a.status] - rank[b.status] || (a.windowEnd < b.windowEnd ? -1 : a.windowEnd > b.windowEnd ? 1 : 0));
    const page = out.slice(0, q.limit);
    const names = await this.userNames(page.map((i) => i.responsibleUserId));
    const descriptions = new Map<string, string>();
    return {
      items: page.map((i) => {
        const info = i.l.info.get(i.childId);
        const dkey = JSON.stringify(i.rule);
        if (!descriptions.has(dkey)) descriptions.set(dkey, describeRule(i.rule, lang));
        return {
          childId: i.childId,
          childName: info?.name ?? '',
          className: info?.className ?? null,
          schoolId: i.l.schoolId,
          ruleKey: i.ruleKey,
          kinds: i.rule.kinds,
          description: descriptions.get(dkey) ?? '',
          windowStart: i.windowStart,
          windowEnd: i.windowEnd,
          responsible: i.responsible,
          responsibleUserId: i.responsibleUserId,
          responsibleName: i.responsibleUserId ? (names.get(i.responsibleUserId) ?? null) : null,
          required: i.required,
          count: i.count,
          status: i.status,
          satisfiedBy: i.satisfiedBy,
          excuse: i.excuse,
        };
      }),
    };
  }

  private async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const names = new Map<string, string>();
    for (const part of chunks(unique))
      for (const r of await this.ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).execute()) names.set(r.id, r.name);
    return names;
  }

  /** The period asked: a month "2026-11", "term:<id>" (of the school, or of a school of the region), or "from..to"; this month by default. */
  private async period(p: string | undefined, schoolId: string | undefined, regionPath?: string): Promise<{ from: string; to: string }> {
    const today = this.today();
    if (!p) return { from: `${today.slice(0, 7)}-01`, to: monthEnd(`${today.slice(0, 7)}-01`) };
    const days = monthOrRange(p);
    if (days) return days;
    if (p.startsWith('term:')) {
      const t = await this.ctx.db
        .selectFrom('terms')
        .innerJoin('schools', 'schools.id', 'terms.school_id')
        .select(['terms.start_date', 'terms.end_date', 'terms.school_id', 'schools.region_path'])
        .where('terms.id', '=', p.slice(5))
        .executeTakeFirst();
      const ours = t && (schoolId ? t.school_id === schoolId : !regionPath || t.region_path.startsWith(regionPath));
      if (t && ours) return { from: t.start_date, to: t.end_date };
    }
    throw new AppError('validation_failed', 400, {}, [{ path: 'period', message: 'validation.period' }]);
  }

  /** Rates by rule, class, mentor (and school for a region) for items falling due in the period. */
  async compliance(
    auth: Auth,
    q: { schoolId?: string | undefined; regionId?: string | undefined; period?: string | undefined; ruleKey?: string | undefined },
    lang: Lang,
    /**
     * `reference`: judge every item with the engine (tests, benchmarks). `byRuleOnly`: the overall,
     * by-rule and by-school rates only (dashboards): a province's by-class and by-mentor lists are
     * tens of thousands of rows, their names sorted in Chinese order.
     */
    opts: { reference?: boolean; byRuleOnly?: boolean } = {},
  ): Promise<ComplianceReport> {
    let schools: { id: string; name: string; region_path: string }[];
    /** A region's path: a term asked as its period is one of the region's schools'. */
    let regionPath: string | undefined;
    if (q.schoolId) {
      schools = [await this.school(auth, q.schoolId)];
      // Rates of colleagues are for the school's leadership and the bureau, not for every teacher.
      if (
        !auth.scope.global &&
        !auth.roles.some((a) => a.role === 'bureau_officer' || ((a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === q.schoolId))
      )
        forbidden();
    } else if (q.regionId) {
      const r = (await this.ctx.db.selectFrom('regions').select(['path']).where('id', '=', q.regionId).executeTakeFirst()) ?? notFound('region');
      if (!seesPlace(auth, { regionPath: r.path })) notFound('region');
      if (!auth.scope.global && !auth.roles.some((a) => a.role === 'bureau_officer')) forbidden();
      regionPath = r.path;
      schools = await this.ctx.db.selectFrom('schools').select(['id', 'name', 'region_path']).where(pathUnder(r.path, 'region_path')).orderBy('name').execute();
    } else throw new AppError('missing_scope', 422, {}, [{ path: 'schoolId', message: 'errors.missing_scope' }]);
    const { from, to } = await this.period(q.period, q.schoolId, regionPath);
    // Counts by status code (STATUS_CODES order), the total, the done early; groups keep the order of their first item.
    type Acc = { name: string; n: Float64Array };
    const overall = new Float64Array(SLOTS);
    const groups = { rule: new Map<string, Acc>(), class: new Map<string, Acc>(), mentor: new Map<string, Acc>(), school: new Map<string, Acc>() };
    /** The group `id`; its name (a string, or made only when the group is new) is the first one given. */
    const group = (g: keyof typeof groups, id: string, name: string | (() => string)): Acc => {
      let a = groups[g].get(id);
      if (!a) {
        a = { name: typeof name === 'function' ? name() : name, n: new Float64Array(SLOTS) };
        groups[g].set(id, a);
      }
      return a;
    };
    const described = new Map<object, string>();
    const describe = (rule: DueItem['rule']) => {
      let text = described.get(rule);
      if (text === undefined) {
        text = describeRule(rule, lang);
        described.set(rule, text);
      }
      return text;
    };
    const today = this.today();
    const noClass = translate(lang, 'policy.noClass');
    // In a region's report, children without a class and items without a mentor are one row per
    // school ("\0" + the school's id), not one for the whole region: each school has its own to fix.
    const none = (schoolId: string) => (q.regionId ? `\0${schoolId}` : '');
    if (opts.reference) {
      // The engine's own judgement of every item (tests and the benchmark check the fast path against it).
      const loaded = await loadSchools(this.ctx.db, this.ctx.sqlite, auth, this.policies, schools, from);
      for (const s of schools) {
        const l = loaded.get(s.id) as Loaded;
        tallyItems(
          { policies: Policies.forEngine(l.policy), children: l.children, records: l.records, terms: l.terms, today, from, to, excuses: l.excuses },
          (rule, child, windowEnd, responsibleUserId, status) => {
            // Each item belongs to the period its window ends in.
            if (windowEnd < from || windowEnd > to || (q.ruleKey && rule.key !== q.ruleKey)) return;
            const info = l.info.get(child.id);
            // Done while its window is open: done early, not judged yet (as `tally` counts it).
            const code = status === 'done' && windowEnd >= today ? DONE_EARLY : STATUS_CODES.indexOf(status);
            count(overall, code);
            count(group('rule', rule.key, () => describe(rule)).n, code);
            count(group('class', info?.classId ?? none(s.id), info?.className ?? noClass).n, code);
            count(group('mentor', responsibleUserId ?? none(s.id), '').n, code);
            count(group('school', s.id, s.name).n, code);
          },
        );
        // Every school of a region has its row, one with nothing due in the period too (no archives
        // yet, no rule that reaches its children, or not the rule asked): the bureau sees who has not begun.
        if (q.regionId) group('school', s.id, s.name);
      }
    } else {
      const tallied = await this.schoolTallies.of(auth, schools, from, to, today);
      // Merged in report order, each school's groups in the order of their first item: the groups
      // and order of counting every school in one pass.
      for (const s of schools) {
        const t = tallied.get(s.id) as SchoolTally;
        if (q.regionId) group('school', s.id, s.name);
        if (!t.counts[TOTAL]) continue;
        if (q.ruleKey) {
          // One rule: its counts alone, in the overall, its row and the school's.
          for (const r of t.rules) {
            if (r.key !== q.ruleKey) continue;
            addCounts(overall, t.counts, r.at);
            addCounts(group('rule', r.key, () => describe(r.rule)).n, t.counts, r.at);
            if (q.regionId) addCounts(group('school', s.id, s.name).n, t.counts, r.at);
          }
          continue;
        }
        addCounts(overall, t.counts, 0);
        for (const r of t.rules) addCounts(group('rule', r.key, () => describe(r.rule)).n, t.counts, r.at);
        for (const k of t.classes) addCounts(group('class', k.id || none(s.id), k.name || noClass).n, t.counts, k.at);
        for (const m of t.mentors) addCounts(group('mentor', m.id || none(s.id), '').n, t.counts, m.at);
        if (q.regionId) addCounts(group('school', s.id, s.name).n, t.counts, 0);
      }
    }
    const names =
      opts.byRuleOnly || q.ruleKey ? new Map<string, string>() : await this.userNames([...groups.mentor.keys()].filter((id) => id && !id.startsWith('\0')));
    const list = (g: keyof typeof groups, nameOf?: (id: string, name: string) => string) => {
      const rows = [...groups[g].entries()].map(([key, a]) => {
        const id = key.startsWith('\0') || !key ? null : key;
        return {
          ...finish(counted(a.n)),
          id,
          name: nameOf ? nameOf(key, a.name) : a.name,
          ...(key.startsWith('\0') ? { schoolId: key.slice(1) } : {}),
        };
      });
      // Lowest rate first; equal rates by name (Chinese order; 没有班级 and 没有帮扶教师 after the named rows,
      // in every language), then id, so that the order never depends on how the counts were gathered.
      const rank = chineseRanks(rows.map((r) => r.name));
      return rows.sort(
        (a, b) =>
          (a.rate ?? 2) - (b.rate ?? 2) ||
          Number(a.id === null) - Number(b.id === null) ||
          (rank.get(a.name) as number) - (rank.get(b.name) as number) ||
          byCodePoint(a.id ?? a.schoolId ?? '', b.id ?? b.schoolId ?? ''),
      );
    };
    return {
      from,
      to,
      overall: finish(counted(overall)),
      byRule: list('rule'),
      byClass: opts.byRuleOnly || q.ruleKey ? [] : list('class'),
      byMentor: opts.byRuleOnly || q.ruleKey ? [] : list('mentor', (id) => names.get(id) ?? translate(lang, 'policy.signals.noMentor')),
      bySchool: q.regionId ? list('school') : [],
    };
  }

  /** Counts every school's usual periods into the cache (see `SchoolTallies.prewarm`). */
  prewarm(signal?: AbortSignal): Promise<{ schools: number; periods: number; ms: number }> {
    return this.schoolTallies.prewarm(this.today(), signal);
  }

  private rewarming: Promise<unknown> = Promise.resolve();
  /** The re-warm asked for and not started yet: versions saved meanwhile join it instead of queueing their own. */
  private waiting: { changes: PolicyChange[]; done: Promise<{ schools: number; ms: number }> } | null = null;

  /**
   * After a policy version is saved: count the usual periods of the schools it reaches again (see
   * `SchoolTallies.rewarm`), after any re-warm still running (one at a time). Saves made while one
   * runs are counted together once it ends (a leader saving three times recounts twice, not three
   * times). Resolves with what was counted; `rewarmed()` waits for every re-warm asked so far.
   */
  rewarm(change: PolicyChange, signal?: AbortSignal): Promise<{ schools: number; ms: number }> {
    if (this.waiting) {
      this.waiting.changes.push(change);
      return this.waiting.done;
    }
    const changes = [change];
    const done = this.rewarming.then(() => {
      this.waiting = null;
      return this.schoolTallies.rewarm(changes, this.today(), signal);
    });
    this.waiting = { changes, done };
    this.rewarming = done.catch(() => undefined);
    return done;
  }

  rewarmed(): Promise<unknown> {
    return this.rewarming;
  }

  /** Leaders excuse an item with a reason (a child in hospital, a family moved away for the holidays). */
  async excuse(auth: Auth, body: { childId: string; ruleKey: string; windowStart: string; reason: string }): Promise<void> {
    const c =
      (await this.ctx.db
        .selectFrom('children as c')
        .innerJoin('schools as s', 's.id', 'c.school_id')
        .select(['c.school_id', 's.name', 's.region_path'])
        .where('c.id', '=', body.childId)
        .where(childVisible(auth, 'c'))
        .executeTakeFirst()) ?? notFound('child');
    if (!auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === c.school_id)) forbidden();
    // Only an item the child has is excused: a rule of the school's policy, a window of that rule (not the 17th of a month, nor 9999).
    const l = await this.load(this.ctx.db, auth, { id: c.school_id, name: c.name, region_path: c.region_path }, body.windowStart, { childId: body.childId });
    if (!Policies.forEngine(l.policy).some((v) => v.rules.some((r) => r.key === body.ruleKey)))
      throw new AppError('validation_failed', 422, {}, [{ path: 'ruleKey', message: 'errors.excuse_no_rule' }]);
    let found = false;
    this.run(l, body.windowStart, addDays(body.windowStart, 366), (i) => {
      if (i.ruleKey === body.ruleKey && i.windowStart === body.windowStart) found = true;
    });
    if (!found) throw new AppError('validation_failed', 422, {}, [{ path: 'windowStart', message: 'errors.excuse_no_window' }]);
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('due_excuses')
        .where('child_id', '=', body.childId)
        .where('rule_key', '=', body.ruleKey)
        .where('window_start', '=', body.windowStart)
        .execute();
      await tx
        .insertInto('due_excuses')
        .values({
          id: newId(),
          school_id: c.school_id,
          child_id: body.childId,
          rule_key: body.ruleKey,
          window_start: body.windowStart,
          reason: body.reason,
          created_by: auth.userId || null,
          created_at: this.ctx.clock().toISOString(),
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'due.excuse',
        entity: 'child',
        entityId: body.childId,
        schoolId: c.school_id,
        regionPath: c.region_path,
        summary: { ruleKey: body.ruleKey, windowStart: body.windowStart },
      });
    });
  }

  /**
   * Today's early-warning level of each current child of `school` the caller sees (or of one child):
   * the one computation behind the workbench, the child's page and the dashboards' stored levels.
   */
  async assessRisks(auth: Auth, school: SchoolRef, childId?: string): Promise<Assessed[]> {
    const today = this.today();
    const from = addDays(today, -RISK_DAYS);
    const l = await this.load(this.ctx.db, auth, school, from, childId ? { childId } : {});
    const overdue = new Map<string, number>();
    this.run(l, from, today, (i) => {
      if (i.status === 'overdue') overdue.set(i.childId, (overdue.get(i.childId) ?? 0) + 1);
    });
    return assess(this.ctx.db, l, today, overdue, childId);
  }

  /** Early-warning levels of a school's children (or one child), highest first; the unpaired high-risk at the top. */
  async risks(auth: Auth, q: { schoolId?: string; childId?: string }, lang: Lang): Promise<RiskView[]> {
    let schoolId = q.schoolId;
    if (q.childId) {
      const c =
        (await this.ctx.db.selectFrom('children as c').select('c.school_id').where('c.id', '=', q.childId).where(childVisible(auth, 'c')).executeTakeFirst()) ??
        notFound('child');
      schoolId = c.school_id;
    }
    if (!schoolId) throw new AppError('missing_scope', 422, {}, [{ path: 'schoolId', message: 'errors.missing_scope' }]);
    const assessed = await this.assessRisks(auth, await this.school(auth, schoolId), q.childId);
    const out: RiskView[] = assessed.map((r) => ({
      childId: r.childId,
      name: r.name,
      className: r.className,
      level: r.level,
      score: r.score,
      keySupport: r.keySupport,
      hasMentor: r.hasMentor,
      reasons: r.reasons.map((x) => ({
        signal: x.signal,
        weight: x.weight,
        text: translate(lang, `policy.signals.${x.signal}${x.params.never ? 'Never' : ''}`, {
          ...x.params,
          ...(x.signal === 'weakCustody' ? { custody: translate(lang, `codes.custodyQuality.${x.params.custody}`) } : {}),
          ...(x.signal === 'seriousDimension' ? { dimension: translate(lang, `codes.dimension.${x.params.dimension}`) } : {}),
        }),
      })),
    }));
    const order = { high: 0, medium: 1, low: 2 } as const;
    out.sort((a, b) => order[a.level] - order[b.level] || Number(a.hasMentor) - Number(b.hasMentor) || b.score - a.score || byChinese(a.name, b.name));
    return out;
  }
}

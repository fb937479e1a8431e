import { newId } from '@carebridge/db';
import {
  type CareRule,
  DEFAULT_RULES,
  describeRule,
  type HomeVisitWindows,
  type Lang,
  type PolicyBody,
  type PolicyVersion,
  type PolicyView,
  RiskConfig,
} from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type PolicyInForce, termPointWindow } from './engine.ts';

type Row = { id: string; version: number; effective_from: string; rules: string; risk: string; created_by: string | null; created_at: string };

const toVersion = (r: Row): PolicyVersion => ({
  id: r.id,
  version: r.version,
  effectiveFrom: r.effective_from,
  rules: JSON.parse(r.rules) as CareRule[],
  risk: RiskConfig.parse(JSON.parse(r.risk)),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** `own` versions over `base`: the base's judge only the periods before the first day of `own`'s earliest. */
function layer(base: PolicyVersion[], own: PolicyVersion[]): PolicyVersion[] {
  if (!own.length) return base;
  let first = (own[0] as PolicyVersion).effectiveFrom;
  for (const v of own) if (v.effectiveFrom < first) first = v.effectiveFrom;
  return [...base.filter((v) => v.effectiveFrom < first), ...own];
}

/**
 * The version that judges `day`, as the engine reads a timeline: of those begun by then, the one
 * effective last; of several effective the same day, the last in the list (the last saved).
 */
export function versionOn<V extends { effectiveFrom: string }>(versions: readonly V[], day: string): V | undefined {
  let found: V | undefined;
  for (const v of versions) if (v.effectiveFrom <= day && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
  return found;
}

/** The versions that will judge after `day`, in the order they begin: of several for one day, only the last saved. */
export function versionsAfter<V extends { effectiveFrom: string }>(versions: readonly V[], day: string): V[] {
  const byDay = new Map<string, V>();
  for (const v of versions) if (v.effectiveFrom > day) byDay.set(v.effectiveFrom, v);
  return [...byDay.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** Whether every child `base` asks about is asked about by `mine` too (the same children or more). */
function coversChildren(mine: CareRule, base: CareRule): boolean {
  if (mine.appliesTo.scope === 'all') return true;
  return mine.appliesTo.scope === base.appliesTo.scope && (mine.appliesTo.value ?? null) === (base.appliesTo.value ?? null);
}

/**
 * Whether `mine` asks at least as often as `base`: the same cadence no wider, or a shorter one that
 * fits whole inside each of the base's windows (any span of 2d − 1 days holds a whole d-day window:
 * every 14 days inside any month, every 45 days inside any term).
 */
function asksAsOften(mine: CareRule['cadence'], base: CareRule['cadence']): boolean {
  switch (base.type) {
    case 'month':
      return mine.type === 'month' || (mine.type === 'every_days' && mine.days <= 14);
    case 'every_days':
      return mine.type === 'every_days' && mine.days <= base.days;
    case 'term':
      return mine.type === 'term' || mine.type === 'term_windows' || mine.type === 'month' || (mine.type === 'every_days' && mine.days <= 45);
    case 'term_windows':
      return mine.type === 'term_windows' && base.windows.every((w) => mine.windows.some((m) => m.point === w.point && m.days <= w.days));
    case 'dates':
      return mine.type === 'dates' && base.dates.every((d) => mine.dates.some((m) => m.date === d.date && m.daysBefore <= d.daysBefore));
  }
}

/**
 * A school's rule in place of the region's rule of the same key: not looser on any count — as many
 * records, of no other kinds, as often, for the same children or more, and switched on.
 */
export function notLooser(mine: CareRule | undefined, base: CareRule): boolean {
  return (
    !!mine &&
    mine.active !== false &&
    mine.min >= base.min &&
    // Counting more kinds of record than the region does would be looser.
    mine.kinds.every((k) => base.kinds.includes(k)) &&
    coversChildren(mine, base) &&
    asksAsOften(mine.cadence, base.cadence)
  );
}

/** A school's rules with the region's as their floor: each region rule the school's would loosen (or drops) judges instead. */
function withFloor(rules: CareRule[], floor: CareRule[]): CareRule[] {
  const mine = new Map(rules.map((r) => [r.key, r]));
  const replaced = floor.filter((base) => base.active !== false && !notLooser(mine.get(base.key), base));
  if (!replaced.length) return rules;
  const byKey = new Map(replaced.map((r) => [r.key, r]));
  return [...rules.map((r) => byKey.get(r.key) ?? r), ...replaced.filter((r) => !mine.has(r.key))];
}

/**
 * The versions that judge a school's periods: the regions' until the school's own begin, then the
 * school's own, each under the region's rules in force at the time. A school version saved under
 * the county's old rules never judges more loosely than rules the county set later: from the day a
 * county's version starts, its rules are the floor (the saved check, `checkTighter`, sees only the
 * rules of its day).
 */
function floored(own: PolicyVersion[], region: PolicyVersion[]): PolicyVersion[] {
  const base = [DEFAULT_VERSION, ...region];
  const plain = layer(base, own);
  if (!own.length || !region.length) return plain.length ? plain : [DEFAULT_VERSION];
  let first = (own[0] as PolicyVersion).effectiveFrom;
  for (const v of own) if (v.effectiveFrom < first) first = v.effectiveFrom;
  const out = plain.filter((v) => v.effectiveFrom < first);
  // Each school version from its day, and each later region version from its own.
  const starts = [
    ...own.map((v) => ({ day: v.effectiveFrom, own: v })),
    ...region.filter((v) => v.effectiveFrom > first).map((v) => ({ day: v.effectiveFrom, own: undefined })),
  ].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const start of starts) {
    // Same-day school versions each in turn (the engine takes the last); on a region's day, the school version then in force.
    const mine = start.own ?? (versionOn(own, start.day) as PolicyVersion);
    const floor = versionOn(region, start.day);
    const rules = floor ? withFloor(mine.rules, floor.rules) : mine.rules;
    // A region's new version that changes nothing the school is judged by adds nothing.
    if (!start.own && out[out.length - 1]?.rules === rules) continue;
    out.push(start.own && rules === mine.rules ? mine : { ...mine, id: `${mine.id}+${floor?.id ?? ''}`, effectiveFrom: start.day, rules });
  }
  return out;
}

/** The built-in policy: the seed schools' rules, in force since ever. */
export const DEFAULT_VERSION: PolicyVersion = {
  id: 'default',
  version: 0,
  effectiveFrom: '2000-01-01',
  rules: DEFAULT_RULES,
  risk: RiskConfig.parse({}),
  createdBy: null,
  createdAt: '2000-01-01T00:00:00.000Z',
};

export interface ResolvedPolicy {
  source: 'school' | 'region' | 'default';
  /**
   * What judges each period, oldest first: inherited versions until the school's own begin, then the
   * school's, each with the region's rules in force as its floor (`floored`).
   */
  timeline: PolicyVersion[];
  /** The versions as saved, newest last, for people to read: inherited ones until the school's own begin. */
  history: PolicyVersion[];
  own: PolicyVersion[];
  /** The nearest region's current rules: a school may tighten them, not loosen or drop them. */
  inherited: CareRule[];
}

/** Where a saved version applies: one school, or every school under a region (`regionPath`). */
export type PolicyChange = { schoolId: string } | { regionPath: string };

export class PolicyService {
  private readonly listeners: ((change: PolicyChange) => void)[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  /** Call `listener` after each saved version (committed); it must not block (start background work, not await it). */
  onChange(listener: (change: PolicyChange) => void) {
    this.listeners.push(listener);
  }

  private async versions(db: Tx, where: { schoolId?: string; regionId?: string }): Promise<PolicyVersion[]> {
    let q = db.selectFrom('care_policies').select(['id', 'version', 'effective_from', 'rules', 'risk', 'created_by', 'created_at']);
    q = where.schoolId ? q.where('school_id', '=', where.schoolId) : q.where('region_id', '=', where.regionId as string);
    return (await q.orderBy('version').execute()).map(toVersion);
  }

  /**
   * The regions' versions above a region path, the province's first: each region's own judge from
   * their first day, the region above it the periods before (a county's first rules do not rewrite
   * the months its province's judged).
   */
  private async regionTimeline(db: Tx, regionPath: string): Promise<PolicyVersion[]> {
    const ids = regionPath.split('/').filter(Boolean);
    if (!ids.length) return [];
    const rows = await db
      .selectFrom('care_policies')
      .select(['id', 'region_id', 'version', 'effective_from', 'rules', 'risk', 'created_by', 'created_at'])
      .where('region_id', 'in', ids)
      .orderBy('version')
      .execute();
    let timeline: PolicyVersion[] = [];
    for (const id of ids) timeline = layer(timeline, rows.filter((r) => r.region_id === id).map(toVersion));
    return timeline;
  }

  async resolve(db: Tx, schoolId: string, regionPath: string): Promise<ResolvedPolicy> {
    return this.combine(await this.versions(db, { schoolId }), await this.regionTimeline(db, regionPath));
  }

  /** The same for many schools: one query for their own versions, one look-up per distinct region path. */
  async resolveMany(db: Tx, schools: { id: string; region_path: string }[]): Promise<Map<string, ResolvedPolicy>> {
    const out = new Map<string, ResolvedPolicy>();
    if (!schools.length) return out;
    const rows = await db
      .selectFrom('care_policies')
      .select(['id', 'school_id', 'version', 'effective_from', 'rules', 'risk', 'created_by', 'created_at'])
      .where(
        'school_id',
        'in',
        schools.map((s) => s.id),
      )
      .orderBy('version')
      .execute();
    const regions = new Map<string, PolicyVersion[]>();
    for (const s of schools) {
      let region = regions.get(s.region_path);
      if (!region) {
        region = await this.regionTimeline(db, s.region_path);
        regions.set(s.region_path, region);
      }
      const own = rows.filter((r) => r.school_id === s.id).map(toVersion);
      out.set(s.id, this.combine(own, region));
    }
    return out;
  }

  private combine(own: PolicyVersion[], region: PolicyVersion[]): ResolvedPolicy {
    // The built-in rules judge every period before the first region or school version.
    const history = layer([DEFAULT_VERSION, ...region], own);
    return {
      source: own.length ? 'school' : region.length ? 'region' : 'default',
      timeline: floored(own, region),
      history: history.length ? history : [DEFAULT_VERSION],
      own,
      inherited: region.length ? (region[region.length - 1] as PolicyVersion).rules.filter((r) => r.active !== false) : [],
    };
  }

  /** Engine input: versions in order (ties keep the later version last). */
  static forEngine(p: ResolvedPolicy): PolicyInForce[] {
    return p.timeline.map((v) => ({ effectiveFrom: v.effectiveFrom, rules: v.rules }));
  }

  private async school(auth: Auth, schoolId: string) {
    const s = (await this.ctx.db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    if (!seesPlace(auth, { schoolId, regionPath: s.region_path })) notFound('school');
    return s;
  }

  private editsSchool(auth: Auth, schoolId: string) {
    return auth.scope.global || auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === schoolId);
  }

  async view(auth: Auth, schoolId: string, lang: Lang): Promise<PolicyView> {
    const s = await this.school(auth, schoolId);
    const p = await this.resolve(this.ctx.db, schoolId, s.region_path);
    return {
      source: p.source,
      ...this.inForceToday(p.timeline, lang),
      inherited: p.inherited,
      versions: [...p.history].reverse(),
      canEdit: this.editsSchool(auth, schoolId),
    };
  }

  /**
   * What a timeline asks today and what it will ask: the version in force (`current`) with its rules
   * in plain words, and each version already saved to begin later (`pending`), in the order they begin.
   */
  private inForceToday(timeline: PolicyVersion[], lang: Lang): Pick<PolicyView, 'current' | 'descriptions' | 'pending'> {
    const today = shanghaiDate(this.ctx.clock());
    const words = (v: PolicyVersion) => Object.fromEntries(v.rules.map((r) => [r.key, describeRule(r, lang)]));
    const current = versionOn(timeline, today) ?? DEFAULT_VERSION;
    return {
      current,
      descriptions: words(current),
      pending: versionsAfter(timeline, today).map((v) => ({ ...v, descriptions: words(v) })),
    };
  }

  /**
   * The windows a home visit on `date` can count towards: the term it falls in, and the points (期初,
   * 期中, 期末) of the home-visit rule in force that day, as the engine cuts them (`termPointWindow`).
   * The forms show them beside 家访时段 and say when the date is outside the point chosen.
   */
  async homeVisitWindows(auth: Auth, schoolId: string, date: string): Promise<HomeVisitWindows> {
    const s = await this.school(auth, schoolId);
    const t = await this.ctx.db
      .selectFrom('terms')
      .select(['start_date', 'end_date'])
      .where('school_id', '=', schoolId)
      .where('start_date', '<=', date)
      .where('end_date', '>=', date)
      .orderBy('start_date', 'desc')
      .executeTakeFirst();
    if (!t) return { term: null, windows: [] };
    const term = { start: t.start_date, end: t.end_date };
    const p = await this.resolve(this.ctx.db, schoolId, s.region_path);
    // The version judging that day: the last begun by then (of one day's, the last saved), as the engine reads them.
    const inForce = versionOn(p.timeline, date) ?? DEFAULT_VERSION;
    const rule = inForce.rules.find((r) => r.active !== false && r.kinds.includes('home_visit') && r.cadence.type === 'term_windows');
    if (rule?.cadence.type !== 'term_windows') return { term, windows: [] };
    return { term, windows: rule.cadence.windows.map((w) => ({ point: w.point, ...termPointWindow(term, w) })) };
  }

  /** A new version of the school's policy; it judges periods from its effective date on. */
  async put(auth: Auth, schoolId: string, body: PolicyBody, lang: Lang): Promise<PolicyView> {
    const s = await this.school(auth, schoolId);
    if (!this.editsSchool(auth, schoolId)) forbidden();
    const p = await this.resolve(this.ctx.db, schoolId, s.region_path);
    this.checkTighter(body.rules, p.inherited, lang);
    await this.save(auth, { schoolId }, body, s.region_path);
    return this.view(auth, schoolId, lang);
  }

  /** A region's default, inherited by its schools that have none of their own. */
  async putRegion(auth: Auth, regionId: string, body: PolicyBody, lang: Lang): Promise<PolicyView> {
    const r = (await this.ctx.db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst()) ?? notFound('region');
    if (!seesPlace(auth, { regionPath: r.path })) notFound('region');
    if (!auth.scope.global && !auth.roles.some((a) => a.role === 'bureau_officer' && a.regionPath && r.path.startsWith(a.regionPath))) forbidden();
    await this.save(auth, { regionId }, body, r.path);
    return this.viewRegion(auth, regionId, lang);
  }

  async viewRegion(auth: Auth, regionId: string, lang: Lang): Promise<PolicyView> {
    const r = (await this.ctx.db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst()) ?? notFound('region');
    if (!seesPlace(auth, { regionPath: r.path })) notFound('region');
    const own = await this.versions(this.ctx.db, { regionId });
    // The built-in rules judge until the region's first version begins, as under a school.
    const timeline = layer([DEFAULT_VERSION], own);
    return {
      source: own.length ? 'region' : 'default',
      ...this.inForceToday(timeline, lang),
      inherited: [],
      versions: [...timeline].reverse(),
      canEdit: auth.scope.global || auth.roles.some((a) => a.role === 'bureau_officer' && a.regionPath !== null && r.path.startsWith(a.regionPath)),
    };
  }

  private checkTighter(rules: CareRule[], inherited: CareRule[], lang: Lang) {
    const problems = [];
    const keys = new Set<string>();
    for (const [i, r] of rules.entries()) {
      if (keys.has(r.key)) problems.push({ path: `rules.${i}.key`, message: 'validation.rule_key_duplicate', params: { key: r.key } });
      keys.add(r.key);
    }
    for (const base of inherited)
      if (
        !notLooser(
          rules.find((r) => r.key === base.key),
          base,
        )
      )
        problems.push({ path: 'rules', message: 'validation.policy_looser', params: { rule: describeRule(base, lang) } });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
  }

  private async save(auth: Auth, owner: { schoolId?: string; regionId?: string }, body: PolicyBody, regionPath: string) {
    const today = shanghaiDate(this.ctx.clock());
    const effectiveFrom = body.effectiveFrom ?? today;
    // The past stays judged by the rules in force then.
    if (effectiveFrom < today) throw new AppError('validation_failed', 422, {}, [{ path: 'effectiveFrom', message: 'validation.policy_past' }]);
    await this.ctx.db.transaction().execute(async (tx) => {
      // Two saves at once are numbered one after the other: the second waits for the first on its school's
      // (or region's) row before reading the last number (PostgreSQL; SQLite writes one at a time).
      if (this.ctx.dialect === 'postgres') {
        const q = owner.schoolId
          ? tx.selectFrom('schools').select('id').where('id', '=', owner.schoolId)
          : tx
              .selectFrom('regions')
              .select('id')
              .where('id', '=', owner.regionId ?? '');
        await q.forNoKeyUpdate().execute();
      }
      const existing = await this.versions(tx, owner);
      const version = (existing[existing.length - 1]?.version ?? 0) + 1;
      const id = newId();
      await tx
        .insertInto('care_policies')
        .values({
          id,
          school_id: owner.schoolId ?? null,
          region_id: owner.regionId ?? null,
          version,
          effective_from: effectiveFrom,
          rules: JSON.stringify(body.rules),
          risk: JSON.stringify(body.risk),
          created_by: auth.name,
          created_at: this.ctx.clock().toISOString(),
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'policy.update',
        entity: 'care_policy',
        entityId: id,
        schoolId: owner.schoolId ?? null,
        regionPath,
        summary: { version, effectiveFrom, rules: body.rules.map((r) => `${r.key}:${r.min}`) },
      });
    });
    const change: PolicyChange = owner.schoolId ? { schoolId: owner.schoolId } : { regionPath };
    // The version is saved: what listeners do after cannot undo it, nor fail the request.
    for (const listener of this.listeners)
      try {
        listener(change);
      } catch (err) {
        console.error('care policy listener failed', err);
      }
  }
}

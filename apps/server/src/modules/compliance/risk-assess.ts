import { FAMILY_CONTACT_KINDS } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { addDays } from './dates.ts';
import type { ChildInfo, Loaded } from './load.ts';
import { DEFAULT_VERSION, type ResolvedPolicy, versionOn } from './policy.service.ts';
import { type RiskLevel, type RiskReason, riskOf } from './risk.ts';

/** How far back overdue items and closed incidents count towards a child's level. */
export const RISK_DAYS = 90;

/** One current child's early-warning level, its reasons untranslated. */
export interface Assessed {
  childId: string;
  name: string;
  className: string | null;
  keySupport: boolean;
  hasMentor: boolean;
  level: RiskLevel;
  score: number;
  reasons: RiskReason[];
}

/**
 * Per school and child: safety incidents still open, or not minor and that happened since `from`. One query for
 * many schools: the risk levels' inputs (risk-levels.ts) read exactly what the assessment reads.
 */
export async function recentIncidents(db: Tx, schoolIds: readonly string[], from: string, childId?: string): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const ids of chunks(schoolIds, 500)) {
    let q = db
      .selectFrom('incident_children as l')
      .innerJoin('incidents as i', 'i.id', 'l.incident_id')
      .select(['l.school_id', 'l.child_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('l.school_id', 'in', ids)
      // A minor one (轻微: a scraped knee) weighs while its case is open; a graver one for 90 days after.
      .where((eb) => eb.or([eb('i.status', '=', 'open'), eb.and([eb('i.occurred_at', '>=', from), eb('i.severity', '<>', 'minor')])]))
      .groupBy(['l.school_id', 'l.child_id']);
    if (childId) q = q.where('l.child_id', '=', childId);
    for (const r of await q.execute()) {
      const m = out.get(r.school_id) ?? new Map<string, number>();
      out.set(r.school_id, m);
      m.set(r.child_id, Number(r.n));
    }
  }
  return out;
}

/**
 * Per child, the last day of each kind of talk and family contact at the school, however long ago:
 * "days without a talk" counts from it (the records the engine loads reach back 90 days only).
 */
async function lastContacts(db: Tx, schoolId: string, childId?: string): Promise<Map<string, Map<string, string>>> {
  let q = db
    .selectFrom('care_record_children')
    .select(['child_id', 'kind', (eb) => eb.fn.max('date').as('last')])
    .where('school_id', '=', schoolId)
    .where('kind', 'in', ['talk', ...FAMILY_CONTACT_KINDS])
    .where('withdrawn', '=', 0)
    .groupBy(['child_id', 'kind']);
  if (childId) q = q.where('child_id', '=', childId);
  const out = new Map<string, Map<string, string>>();
  for (const r of await q.execute()) {
    const m = out.get(r.child_id) ?? new Map<string, string>();
    out.set(r.child_id, m);
    m.set(r.kind, r.last);
  }
  return out;
}

/** The risk settings a school's children are assessed by on `day`: those of the version in force then, not one still to begin. */
export const riskConfigOf = (policy: ResolvedPolicy, day: string) => (versionOn(policy.timeline, day) ?? DEFAULT_VERSION).risk;

/**
 * The level of each child of a loaded school still in its archive, on `today`, from its facts, its
 * last contacts, its overdue items (`overdue`, counted over the last 90 days) and its incidents.
 */
export async function assess(db: Tx, l: Loaded, today: string, overdue: Map<string, number>, childId?: string): Promise<Assessed[]> {
  const from = addDays(today, -RISK_DAYS);
  const cfg = riskConfigOf(l.policy, today);
  const incidents = (await recentIncidents(db, [l.schoolId], from, childId)).get(l.schoolId);
  const lastOf = await lastContacts(db, l.schoolId, childId);
  const out: Assessed[] = [];
  for (const c of l.children) {
    if (c.activeTo) continue;
    const info = l.info.get(c.id) as ChildInfo;
    const lasts = lastOf.get(c.id);
    const last = (kinds: readonly string[]) =>
      kinds.reduce<string | null>((m, k) => {
        const d = lasts?.get(k);
        return d && (!m || d > m) ? d : m;
      }, null);
    const hasMentor = c.pairings.some((p) => p.start <= today && (!p.end || p.end >= today));
    const r = riskOf(
      {
        custodyQuality: info.custody,
        boarding: info.boarding,
        levels: info.levels,
        since: info.since,
        parentAway: c.xuejiCode > 0,
        lastParentContact: last(FAMILY_CONTACT_KINDS),
        lastTalk: last(['talk']),
        overdue: overdue.get(c.id) ?? 0,
        hasMentor,
        incidents: incidents?.get(c.id) ?? 0,
      },
      cfg,
      today,
    );
    out.push({
      childId: c.id,
      name: info.name,
      className: info.className,
      keySupport: info.keySupport,
      hasMentor,
      level: r.level,
      score: r.score,
      reasons: r.reasons,
    });
  }
  return out;
}

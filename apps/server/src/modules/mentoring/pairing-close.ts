/**
 * Pairings the system ends: the child's archive ends (a transfer to another school, a status other
 * than active), or the mentor stops mentoring (the account deactivated, the mentor role taken away).
 */

import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import type { AuditService } from '../audit/audit.service.ts';

/**
 * Why the system ended a pairing, stored as `end_reason` beside the "carried" of a new term and shown
 * in the reader's language: the child moved to another school, or its archive is no longer active
 * (left school, parents back home).
 */
export type ChildEndReason = 'child_transferred' | 'child_inactive';

/** The mentor's account was deactivated, or the mentor role at the pairing's school was taken away. */
export type MentorEndReason = 'mentor_inactive' | 'mentor_role_removed';

interface OpenPairing {
  id: string;
  school_id: string;
  start_date: string;
  version: number;
  region_path: string;
}

/**
 * End open pairings today (a pairing not yet begun ends on its first day), each with an audit row,
 * inside the caller's transaction.
 */
async function endOpen(
  tx: Tx,
  audit: AuditService,
  auth: Auth,
  open: readonly OpenPairing[],
  reason: ChildEndReason | MentorEndReason,
  today: string,
  now: string,
): Promise<number> {
  const entries = [];
  for (const p of open) {
    const endDate = p.start_date > today ? p.start_date : today;
    await tx
      .updateTable('pairings')
      .set({ end_date: endDate, end_reason: reason, updated_at: now, version: p.version + 1 })
      .where('id', '=', p.id)
      .execute();
    entries.push({
      action: 'pairing.end',
      entity: 'pairing',
      entityId: p.id,
      schoolId: p.school_id,
      regionPath: p.region_path,
      summary: { endDate, reason },
    });
  }
  if (entries.length) await audit.recordMany(tx, auth, entries);
  return open.length;
}

/**
 * End the child's open pairings today, inside the caller's transaction: the mentor no longer carries
 * the child in its load, its "my children" list or its view of the archive.
 */
export async function endChildPairings(
  tx: Tx,
  audit: AuditService,
  auth: Auth,
  child: { id: string; schoolId: string; regionPath: string },
  reason: ChildEndReason,
  today: string,
  now: string,
): Promise<number> {
  const open = await tx
    .selectFrom('pairings')
    .select(['id', 'school_id', 'start_date', 'version'])
    .where('child_id', '=', child.id)
    .where('end_date', 'is', null)
    .execute();
  return endOpen(
    tx,
    audit,
    auth,
    open.map((p) => ({ ...p, region_path: child.regionPath })),
    reason,
    today,
    now,
  );
}

/**
 * End a mentor's open pairings today, inside the caller's transaction (the one that deactivates the
 * account or takes the role away, so that both are saved or neither): all of them, or those of the
 * schools given. The children wait for a mentor again; reactivating the account restores nothing.
 */
export async function endMentorPairings(
  tx: Tx,
  audit: AuditService,
  auth: Auth,
  mentor: { id: string; schoolIds?: readonly string[] },
  reason: MentorEndReason,
  today: string,
  now: string,
): Promise<number> {
  if (mentor.schoolIds?.length === 0) return 0;
  let q = tx
    .selectFrom('pairings as p')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .select(['p.id', 'p.school_id', 'p.start_date', 'p.version', 's.region_path'])
    .where('p.mentor_id', '=', mentor.id)
    .where('p.end_date', 'is', null);
  if (mentor.schoolIds) q = q.where('p.school_id', 'in', [...mentor.schoolIds]);
  return endOpen(tx, audit, auth, await q.orderBy('p.id').execute(), reason, today, now);
}

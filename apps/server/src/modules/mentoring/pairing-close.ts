/** Pairings that end because the child's archive does: a transfer to another school, or a status other than active. */

import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import type { AuditService } from '../audit/audit.service.ts';

/**
 * Why the system ended a pairing, stored as `end_reason` beside the "carried" of a new term and shown
 * in the reader's language: the child moved to another school, or its archive is no longer active
 * (left school, parents back home).
 */
export type ChildEndReason = 'child_transferred' | 'child_inactive';

/**
 * End the child's open pairings today (a pairing not yet begun ends on its first day), each with an
 * audit row, inside the caller's transaction: the mentor no longer carries the child in its load,
 * its "my children" list or its view of the archive.
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
  for (const p of open) {
    const endDate = p.start_date > today ? p.start_date : today;
    await tx
      .updateTable('pairings')
      .set({ end_date: endDate, end_reason: reason, updated_at: now, version: p.version + 1 })
      .where('id', '=', p.id)
      .execute();
    await audit.record(tx, auth, {
      action: 'pairing.end',
      entity: 'pairing',
      entityId: p.id,
      schoolId: p.school_id,
      regionPath: child.regionPath,
      summary: { endDate, reason },
    });
  }
  return open.length;
}

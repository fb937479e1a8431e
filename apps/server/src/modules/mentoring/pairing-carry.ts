/** A new term: every active pairing of a school carried into it. */

import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import type { AuditInput } from '../audit/audit.repository.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { newPairing } from './pairing.mapper.ts';
import { managesPairings } from './pairing.policy.ts';
import { pairingSchool, schoolTerm } from './pairing-school.ts';

/**
 * Carry every active pairing of a school into a new term: the old ones end the day before it starts.
 * Only children still active in the school are carried: the pairing of a child who left, whose
 * parents came home or who was transferred to another school is left as it is (not renewed).
 */
export async function carryPairings(ctx: Ctx, audit: AuditService, auth: Auth, input: { schoolId: string; toTermId: string }): Promise<{ carried: number }> {
  const school = await pairingSchool(ctx.db, auth, input.schoolId);
  if (!managesPairings(auth, input.schoolId)) forbidden();
  const term = await schoolTerm(ctx.db, input.toTermId, input.schoolId, 'toTermId');
  const dayBefore = new Date(`${term.start_date}T00:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  const end = dayBefore.toISOString().slice(0, 10);
  const now = ctx.clock().toISOString();
  let carried = 0;
  await ctx.db.transaction().execute(async (tx) => {
    const where = { entity: 'pairing', schoolId: input.schoolId, regionPath: school.region_path };
    // Each pairing ended and each made is named, as a pairing ended or made by hand is; then the carry itself.
    const entries: AuditInput[] = [];
    let q = tx
      .selectFrom('pairings as p')
      .innerJoin('children as c', 'c.id', 'p.child_id')
      .select(['p.id', 'p.child_id', 'p.mentor_id', 'p.start_date', 'p.note', 'p.version', 'p.term_id'])
      .where('p.school_id', '=', input.schoolId)
      .where('p.end_date', 'is', null)
      .where('c.status', '=', 'active')
      .whereRef('c.school_id', '=', 'p.school_id');
    // A transfer or a change of status running now locks the child and ends its pairings: the carry
    // waits for it and then reads the child as it left it (PostgreSQL; SQLite writes one at a time).
    // Child before pairing and in id order, as those paths take them, so that none deadlocks with it; no
    // stronger than their updates need (a record about the child may still be written meanwhile).
    if (ctx.dialect === 'postgres') q = q.orderBy('c.id').orderBy('p.id').forNoKeyUpdate(['c', 'p']);
    const active = await q.execute();
    for (const p of active) {
      if (p.term_id === term.id || p.start_date >= term.start_date) continue;
      // Only a pairing still open as read is carried: one ended meanwhile stays ended, and no new one is made.
      const ended = await tx
        .updateTable('pairings')
        .set({ end_date: end, end_reason: 'carried', updated_at: now, version: p.version + 1 })
        .where('id', '=', p.id)
        .where('version', '=', p.version)
        .where('end_date', 'is', null)
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) !== 1) continue;
      const row = newPairing(auth, {
        schoolId: input.schoolId,
        childId: p.child_id,
        mentorId: p.mentor_id,
        termId: term.id,
        start: term.start_date,
        note: p.note,
        now,
      });
      await tx.insertInto('pairings').values(row).execute();
      entries.push(
        { ...where, action: 'pairing.end', entityId: p.id, summary: { endDate: end, reason: 'carried' } },
        { ...where, action: 'pairing.create', entityId: row.id, summary: { childId: p.child_id, mentorId: p.mentor_id, termId: term.id } },
      );
      carried++;
    }
    await audit.recordMany(tx, auth, [{ ...where, action: 'pairing.carry', entityId: null, summary: { toTermId: term.id, carried } }, ...entries]);
  });
  return { carried };
}

/** The school pairings are made in: one the caller sees, its terms, its mentors and their load. */

import type { MentorLoad } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Tx } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';

/** The school with its region and mentor limit; 404 when the caller does not see it. */
export async function pairingSchool(db: Tx, auth: Auth, schoolId: string) {
  const s = (await db.selectFrom('schools').select(['id', 'region_path', 'mentor_limit']).where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
  if (!seesPlace(auth, { schoolId, regionPath: s.region_path })) notFound('school');
  return s;
}

/**
 * A term given with pairings must be one of the school's: another school's, or none, is refused naming
 * the field (`termId`, `toTermId`). Pairings that start (`start`) after the term has ended are refused
 * on `startDate`: they would belong to no day of it.
 */
export async function schoolTerm(db: Tx, termId: string, schoolId: string, path: string, start?: string) {
  const term = await db.selectFrom('terms').select(['id', 'start_date', 'end_date', 'school_id']).where('id', '=', termId).executeTakeFirst();
  if (!term || term.school_id !== schoolId) throw new AppError('pairing_term_school', 422, {}, [{ path, message: 'errors.pairing_term_school' }]);
  if (start && start > term.end_date)
    throw new AppError('pairing_start_after_term', 422, { end: term.end_date }, [
      { path: 'startDate', message: 'errors.pairing_start_after_term', params: { end: term.end_date } },
    ]);
  return term;
}

/** Mentors of a school (users holding the mentor role there) with their current load. */
export async function schoolMentors(db: Tx, schoolId: string, limit: number): Promise<MentorLoad[]> {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'u.id',
      'u.name',
      sql<number>`(select count(*) from pairings p where p.mentor_id = u.id and p.school_id = ${schoolId} and p.end_date is null)`.as('n'),
    ])
    .where('r.role', '=', 'mentor')
    .where('r.scope_id', '=', schoolId)
    .where('u.active', '=', 1)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n), limit, overloaded: Number(r.n) > limit }));
}

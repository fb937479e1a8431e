/** The school pairings are made in: one the caller sees, its terms, its mentors and their load. */

import type { Dialect } from '@carebridge/db';
import type { MentorLoad } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Tx } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { byChinese, byCodePoint } from '../../lib/collate.ts';

/** The school with its region and mentor limit; 404 when the caller does not see it. */
export async function pairingSchool(db: Tx, auth: Auth, schoolId: string) {
  const s =
    (await db.selectFrom('schools').select(['id', 'name', 'region_path', 'mentor_limit']).where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
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

/** Mentors of a school (active users holding the mentor role there) with their current load, in pinyin order of name. */
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
    .execute();
  // Neither database collates Chinese by pinyin: sorted here, as the pairing list and the people who read it do.
  rows.sort((a, b) => byChinese(a.name, b.name) || byCodePoint(a.id, b.id));
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n), limit, overloaded: Number(r.n) > limit }));
}

/**
 * Which of `ids` are, as read inside the transaction `tx`, active mentors of the school. On PostgreSQL
 * their accounts stay locked until the transaction ends, so that a deactivation or a role change made
 * meanwhile waits, then ends the pairings saved here (users.service.ts), and one made first is seen
 * here; SQLite runs one transaction at a time.
 */
export async function mentorsStanding(tx: Tx, dialect: Dialect, schoolId: string, ids: readonly string[]): Promise<Set<string>> {
  let accounts = tx
    .selectFrom('users')
    .select(['id', 'active'])
    .where('id', 'in', [...ids]);
  if (dialect === 'postgres') accounts = accounts.forShare();
  const active = (await accounts.execute()).filter((u) => u.active === 1).map((u) => u.id);
  if (!active.length) return new Set();
  const roles = await tx
    .selectFrom('role_assignments')
    .select('user_id')
    .where('role', '=', 'mentor')
    .where('scope_id', '=', schoolId)
    .where('user_id', 'in', active)
    .execute();
  return new Set(roles.map((r) => r.user_id));
}

import type { SetupProgress } from '@carebridge/shared';
import { sql } from 'kysely';
import { type Auth, scopeOf } from '../../access/auth.ts';
import { regionPathInScope, schoolInScope } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { visibleUsers } from '../users/user.repository.ts';

/** Who sets an area up: administrators, bureau officers (their region), school leaders and the moral-education office (their school). */
const SETS_UP = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education'];

/** Schools named in a step of the card: enough to act on, not a province's list. */
const NAMED = 20;

/**
 * How far the set-up of the caller's area has got (the workbench's 开始使用 card): regions, schools,
 * their terms and classes, accounts, children and pairings, each counted within the caller's scope.
 */
export async function setupProgress(ctx: Ctx, auth: Auth, today: string): Promise<SetupProgress> {
  if (!auth.scope.global && !auth.roles.some((a) => SETS_UP.includes(a.role))) forbidden();
  const db = ctx.db;
  // The area of the set-up roles only: a leader of one school who mentors at another sets up only the first.
  const roles = auth.roles.filter((a) => SETS_UP.includes(a.role));
  const scope = auth.scope.global ? auth.scope : scopeOf(roles);
  const setUp: Auth = { ...auth, roles, scope };
  const inScope = schoolInScope(scope, 's.id', { includeClassSchools: false });
  const schools = db.selectFrom('schools as s').where(inScope);
  const n = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);
  const [regions, schoolCount, withoutTerm, withoutClasses, users, children, unpaired] = await Promise.all([
    db.selectFrom('regions as r').select(sql<number>`count(*)`.as('n')).where(regionPathInScope(scope, 'r.path')).execute(),
    schools.select(sql<number>`count(*)`.as('n')).execute(),
    schools
      .select(['s.id', 's.name'])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('terms as t').select('t.id').whereRef('t.school_id', '=', 's.id').where('t.end_date', '>=', today))),
      )
      .orderBy('s.name')
      .limit(NAMED)
      .execute(),
    schools
      .select(['s.id', 's.name'])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('classes as k').select('k.id').whereRef('k.school_id', '=', 's.id').where('k.active', '=', 1))),
      )
      .orderBy('s.name')
      .limit(NAMED)
      .execute(),
    db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .where(visibleUsers(setUp))
      .where('users.id', '!=', auth.userId)
      .where(({ exists, selectFrom }) => exists(selectFrom('role_assignments as a').select('a.id').whereRef('a.user_id', '=', 'users.id')))
      .execute(),
    db
      .selectFrom('children as c')
      .select(sql<number>`count(*)`.as('n'))
      .where('c.status', '=', 'active')
      .where(schoolInScope(scope, 'c.school_id', { includeClassSchools: false }))
      .execute(),
    db
      .selectFrom('children as c')
      .select(sql<number>`count(*)`.as('n'))
      .where('c.status', '=', 'active')
      .where(schoolInScope(scope, 'c.school_id', { includeClassSchools: false }))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('pairings as p')
              .select('p.id')
              .whereRef('p.child_id', '=', 'c.id')
              .where('p.start_date', '<=', today)
              .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', today)])),
          ),
        ),
      )
      .execute(),
  ]);
  return {
    regions: n(regions),
    schools: n(schoolCount),
    schoolsWithoutTerm: withoutTerm,
    schoolsWithoutClasses: withoutClasses,
    users: n(users),
    children: n(children),
    unpaired: n(unpaired),
  };
}

import type { NewRow, Row, RowUpdate } from '@carebridge/db';
import { escapeLike } from '@carebridge/db';
import { type Expression, type SqlBool, sql } from 'kysely';
import { type Assignment, type Auth, toAssignment } from '../../access/auth.ts';
import { pathInRegion, regionPathInScope } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { forgetSessions } from '../auth/session-cache.ts';

export const userRepo = {
  /**
   * The account of a username, whatever its letter case ("Dh_Zhang" finds dh_zhang): usernames ignore
   * case, one account per name in any case (the unique index `users_username_lower_uq`, which this
   * look-up uses — the sign-in path).
   */
  findByUsername(tx: Tx, username: string) {
    return userRepo.findByUsernameQuery(tx, username).executeTakeFirst();
  },
  /** The look-up of `findByUsername` as a query, for its plan. */
  findByUsernameQuery(tx: Tx, username: string) {
    return tx.selectFrom('users').selectAll().where(sql<string>`lower(username)`, '=', sql<string>`lower(${username})`);
  },
  findById(tx: Tx, id: string) {
    return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  insert(tx: Tx, row: NewRow<'users'>) {
    return tx.insertInto('users').values(row).execute();
  },
  /** Update with optimistic concurrency; returns false when the version no longer matches. */
  async update(tx: Tx, id: string, version: number, set: RowUpdate<'users'>): Promise<boolean> {
    forgetSessions();
    const r = await tx
      .updateTable('users')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Counter updates for sign-in bookkeeping; they do not bump the edit version. */
  setLoginState(tx: Tx, id: string, set: Pick<RowUpdate<'users'>, 'failed_logins' | 'locked_until'>) {
    return tx.updateTable('users').set(set).where('id', '=', id).execute();
  },
  count(tx: Tx) {
    return tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
  async assignments(tx: Tx, userIds: string[]): Promise<Map<string, (Assignment & { userId: string })[]>> {
    const out = new Map<string, (Assignment & { userId: string })[]>();
    if (!userIds.length) return out;
    const rows = await tx.selectFrom('role_assignments').selectAll().where('user_id', 'in', userIds).orderBy('created_at').execute();
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      list.push({ ...toAssignment(r.id, r), userId: r.user_id });
      out.set(r.user_id, list);
    }
    return out;
  },
  replaceAssignments(tx: Tx, userId: string, rows: Row<'role_assignments'>[]) {
    forgetSessions();
    return tx
      .deleteFrom('role_assignments')
      .where('user_id', '=', userId)
      .execute()
      .then(() => (rows.length ? tx.insertInto('role_assignments').values(rows).execute() : undefined));
  },
  /**
   * Users the caller may see: admins all; others the users holding any role inside the caller's
   * region subtrees or schools (and themselves). `schoolId`, `regionId` and `role` keep those holding
   * one role that meets all of them; for `schoolId` and `regionId`, a role the caller sees: a role elsewhere, outside
   * the caller's area, neither lists a user nor confirms where it lies.
   */
  list(
    tx: Tx,
    auth: Auth,
    q: {
      search?: string | undefined;
      schoolId?: string | undefined;
      regionId?: string | undefined;
      role?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    let query = tx.selectFrom('users').selectAll();
    if (!auth.scope.global) query = query.where(visibleUsers(auth));
    if (q.search) {
      // LIKE takes no escape character unless told (SQLite), and ignores case on SQLite only: both said.
      const like = `%${escapeLike(q.search.toLowerCase())}%`;
      query = query.where(sql<SqlBool>`(lower(users.username) like ${like} escape '\\' or lower(users.name) like ${like} escape '\\')`);
    }
    // The role filters hold of one and the same role: "mentors of this school", not "a mentor somewhere
    // and some role here". A school's or region's is among the roles the caller sees with their place.
    if (q.schoolId || q.regionId || q.role)
      query = query.where('id', 'in', (eb) => {
        let roles = eb.selectFrom('role_assignments as ra').select('ra.user_id');
        if (q.schoolId) roles = roles.where('ra.school_id', '=', q.schoolId);
        if (q.regionId) roles = roles.where(pathInRegion(q.regionId, 'ra.region_path'));
        // A role placed by the filter must be one the caller sees with its place.
        if ((q.schoolId || q.regionId) && !auth.scope.global) roles = roles.where(seenAssignment(auth, 'ra'));
        if (q.role) roles = roles.where('ra.role', '=', q.role);
        return roles;
      });
    if (q.cursor) query = query.where('id', '>', q.cursor);
    return query
      .orderBy('id')
      .limit(q.limit + 1)
      .execute();
  },
};

/** A role assignment the caller sees with its place (the service's `seesAssignment`): its own, or one in the caller's schools or regions. */
function seenAssignment(auth: Auth, ra: string): Expression<SqlBool> {
  const s = auth.scope;
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`${sql.ref(`${ra}.user_id`)} = ${auth.userId}`];
  const schools = [...s.schoolIds, ...s.classSchoolIds];
  if (schools.length) parts.push(sql<SqlBool>`${sql.ref(`${ra}.school_id`)} in (${sql.join(schools)})`);
  if (s.regionPaths.length) parts.push(regionPathInScope(s, `${ra}.region_path`));
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The accounts the caller may see (`users`): an administrator all; others themselves and those holding
 * a role in the caller's schools or region subtrees. The users list's condition, and the audit log's
 * for the accounts its entries name.
 */
export function visibleUsers(auth: Auth): Expression<SqlBool> {
  const s = auth.scope;
  if (s.global) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`users.id = ${auth.userId}`];
  const schools = [...s.schoolIds, ...s.classSchoolIds];
  if (schools.length) {
    parts.push(sql<SqlBool>`users.id in (select ra.user_id from role_assignments ra where ra.school_id in (${sql.join(schools)}))`);
  }
  if (s.regionPaths.length) {
    parts.push(sql<SqlBool>`users.id in (select ra.user_id from role_assignments ra where ${regionPathInScope(s, 'ra.region_path')})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

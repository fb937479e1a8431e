import type { Row } from '@carebridge/db';
import type { Tx } from '../../context.ts';
import { forgetSessions } from './session-cache.ts';

export const sessionRepo = {
  insert(tx: Tx, row: Row<'sessions'>) {
    return tx.insertInto('sessions').values(row).execute();
  },
  find(tx: Tx, id: string) {
    return tx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** The session with its user and one row per role assignment (none: one row with null role columns). */
  findWithUser(tx: Tx, id: string) {
    return tx
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('role_assignments as r', 'r.user_id', 's.user_id')
      .select([
        's.user_id',
        's.expires_at',
        's.last_seen_at',
        's.csrf_token',
        'u.username',
        'u.name',
        'u.active',
        'u.must_change_password',
        'r.id as role_id',
        'r.role',
        'r.scope_kind',
        'r.scope_id',
        'r.school_id',
        'r.region_path',
        'r.created_at as role_created_at',
      ])
      .where('s.id', '=', id)
      .execute();
  },
  touch(tx: Tx, id: string, at: string) {
    return tx.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },
  delete(tx: Tx, id: string) {
    forgetSessions();
    return tx.deleteFrom('sessions').where('id', '=', id).execute();
  },
  /** End every session of a user (password change or reset, deactivation), optionally but one. */
  deleteForUser(tx: Tx, userId: string, exceptId?: string) {
    forgetSessions();
    let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.execute();
  },
  deleteExpired(tx: Tx, now: string) {
    return tx.deleteFrom('sessions').where('expires_at', '<', now).execute();
  },
};

export const attemptRepo = {
  insert(tx: Tx, row: Row<'login_attempts'>) {
    return tx.insertInto('login_attempts').values(row).execute();
  },
  async failuresByIpSince(tx: Tx, ip: string, since: string): Promise<number> {
    const r = await tx
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('at', '>=', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  pruneBefore(tx: Tx, before: string) {
    return tx.deleteFrom('login_attempts').where('at', '<', before).execute();
  },
};

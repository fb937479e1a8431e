/**
 * A class's head teacher (`classes.head_teacher_id`: the compliance engine's class teacher, the contact
 * card's, the pairing suggestions') and the class-teacher role agree. The class form names the head
 * teacher and gives the role (`ClassService`); the user form gives and takes the role, and these keep the
 * head teacher in step, inside the user change's transaction with an audit row per class:
 *
 * - a class-teacher role given for a class without a head teacher makes its holder the head teacher
 *   (an active account only); a class that has one keeps it, and the new holder sees the class as a
 *   co-teacher (a second 班主任 or a subject teacher), which the class form can change;
 * - the role taken from the head teacher, or the account deactivated, leaves the class without one
 *   (the role stays with a deactivated account, and reactivating it restores nothing — as pairings).
 *
 * So a head teacher, when set, is an active account holding the role; the role may have other holders.
 */

import type { Dialect } from '@carebridge/db';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import type { AuditService } from '../audit/audit.service.ts';

interface ClassRow {
  id: string;
  school_id: string;
  region_path: string;
}

/** One `class.update` row per class whose head teacher changed, as the class form writes it. */
function audited(audit: AuditService, tx: Tx, auth: Auth, rows: readonly ClassRow[], from: string | null, to: string | null) {
  if (!rows.length) return Promise.resolve();
  return audit.recordMany(
    tx,
    auth,
    rows.map((c) => ({
      action: 'class.update',
      entity: 'class',
      entityId: c.id,
      schoolId: c.school_id,
      regionPath: c.region_path,
      summary: { head_teacher_id: [from, to] },
    })),
  );
}

/**
 * Make the user head teacher of those of these classes that have none (the classes it was just given
 * the class-teacher role for). A class given a head teacher meanwhile keeps it: the update is
 * conditional. Returns the classes changed.
 */
export async function takeUpHeadTeacher(tx: Tx, audit: AuditService, auth: Auth, userId: string, classIds: readonly string[], now: string): Promise<number> {
  if (!classIds.length) return 0;
  const empty = await tx
    .selectFrom('classes as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .select(['c.id', 'c.school_id', 's.region_path'])
    .where('c.id', 'in', [...classIds])
    .where('c.head_teacher_id', 'is', null)
    .orderBy('c.id')
    .execute();
  const changed: ClassRow[] = [];
  for (const c of empty) {
    const r = await tx
      .updateTable('classes')
      .set((eb) => ({ head_teacher_id: userId, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', c.id)
      .where('head_teacher_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) changed.push(c);
  }
  await audited(audit, tx, auth, changed, null, userId);
  return changed.length;
}

/**
 * The user stops being head teacher: of every class when its account is deactivated (`all`), else of
 * the classes whose class-teacher role it no longer holds (read after the roles were replaced, in the
 * same transaction). Returns the classes changed.
 */
export async function leaveHeadTeacher(tx: Tx, audit: AuditService, auth: Auth, user: { id: string; all: boolean }, now: string): Promise<number> {
  let q = tx
    .selectFrom('classes as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .select(['c.id', 'c.school_id', 's.region_path'])
    .where('c.head_teacher_id', '=', user.id);
  if (!user.all)
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('role_assignments as a')
            .select('a.id')
            .where('a.user_id', '=', user.id)
            .where('a.role', '=', 'class_teacher')
            .whereRef('a.scope_id', '=', 'c.id'),
        ),
      ),
    );
  const headed = await q.orderBy('c.id').execute();
  const changed: ClassRow[] = [];
  for (const c of headed) {
    const r = await tx
      .updateTable('classes')
      .set((eb) => ({ head_teacher_id: null, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', c.id)
      .where('head_teacher_id', '=', user.id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) changed.push(c);
  }
  await audited(audit, tx, auth, changed, user.id, null);
  return changed.length;
}

/**
 * Hold these accounts until the transaction ends (PostgreSQL; SQLite runs one write transaction at a
 * time), before a class names or un-names them as head teacher: a deactivation or a role change of the
 * same account (which takes its row first, `userRepo.update`) runs before or after, never between, so it
 * sees the class as committed and the class sees the account as committed. Ids in order, so two such
 * transactions take them alike.
 */
export async function holdUsers(tx: Tx, dialect: Dialect, ids: readonly (string | null)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort();
  if (dialect !== 'postgres' || !wanted.length) return;
  await tx.selectFrom('users').select('id').where('id', 'in', wanted).orderBy('id').forShare().execute();
}

import { fromBool, isUniqueViolation, newId, type Row, toBool } from '@carebridge/db';
import type { PasswordReset, User, UserCreate, UserUpdate } from '@carebridge/shared';
import type { Assignment, Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { sessionRepo } from '../auth/session.repository.ts';
import { endMentorPairings } from '../mentoring/pairing-close.ts';
import { leaveHeadTeacher, takeUpHeadTeacher } from '../org/head-teacher.ts';
import { buildAssignments, canGrant, describeAssignments, homeOf } from './assignments.ts';
import { userRepo } from './user.repository.ts';

/** Where a user "lives" for the audit log: the school (or region) of its first scoped role. */

/** Schools where the user was a mentor before a role change and is not after it. */
function removedMentorSchools(before: readonly Assignment[], after: readonly Row<'role_assignments'>[]): string[] {
  const kept = new Set(after.filter((r) => r.role === 'mentor').map((r) => r.scope_id));
  return [...new Set(before.filter((a) => a.role === 'mentor' && a.scopeId && !kept.has(a.scopeId)).map((a) => a.scopeId as string))];
}

/** Classes the user is class teacher of after a role change and was not before: those it may head now. */
function addedClassTeacher(before: readonly Assignment[], after: readonly Row<'role_assignments'>[]): string[] {
  const had = new Set(before.filter((a) => a.role === 'class_teacher').map((a) => a.scopeId));
  return [...new Set(after.filter((r) => r.role === 'class_teacher' && r.scope_id && !had.has(r.scope_id)).map((r) => r.scope_id as string))];
}

/** A taken username, whatever its letter case: 409 on `username`, naming the other spelling when it differs only in case. */
function usernameTaken(username: string, other: string | undefined): never {
  const sameCase = !other || other === username;
  throw new AppError('username_taken', 409, { username }, [
    sameCase
      ? { path: 'username', message: 'errors.username_taken', params: { username } }
      : { path: 'username', message: 'errors.username_taken_case', params: { username: other } },
  ]);
}

/** Whether the caller's scope reaches the school or region of a role (what makes the user visible). */
function seesAssignment(auth: Auth, a: Pick<Assignment, 'schoolId' | 'regionPath'>): boolean {
  const s = auth.scope;
  if (s.global) return true;
  return (
    (!!a.schoolId && (s.schoolIds.includes(a.schoolId) || s.classSchoolIds.includes(a.schoolId))) ||
    (!!a.regionPath && s.regionPaths.some((p) => a.regionPath?.startsWith(p)))
  );
}

export class UserService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private canManageUser(auth: Auth, roles: Assignment[]): boolean {
    if (auth.scope.global) return true;
    return roles.length > 0 && roles.every((a) => canGrant(auth, a));
  }

  /**
   * Users as the caller sees them: a role outside the caller's area (a teacher who also mentors in
   * another county) keeps its role and kind, without the name or ids of its place.
   */
  private async view(tx: Tx, auth: Auth, rows: Row<'users'>[]): Promise<User[]> {
    const assignments = await userRepo.assignments(
      tx,
      rows.map((r) => r.id),
    );
    const out: User[] = [];
    for (const r of rows) {
      const mine = r.id === auth.userId;
      const roles = (await describeAssignments(tx, assignments.get(r.id) ?? [])).map((v, i) =>
        mine || seesAssignment(auth, assignments.get(r.id)?.[i] as Assignment) ? v : { ...v, scopeId: null, scopeName: null, schoolId: null, regionId: null },
      );
      out.push({
        id: r.id,
        username: r.username,
        name: r.name,
        phone: r.phone,
        active: toBool(r.active),
        mustChangePassword: toBool(r.must_change_password),
        lockedUntil: r.locked_until && r.locked_until > this.ctx.clock().toISOString() ? r.locked_until : null,
        roles,
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      });
    }
    return out;
  }

  async list(
    auth: Auth,
    q: {
      q?: string | undefined;
      schoolId?: string | undefined;
      regionId?: string | undefined;
      role?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    const rows = await userRepo.list(this.ctx.db, auth, {
      search: q.q,
      schoolId: q.schoolId,
      regionId: q.regionId,
      role: q.role,
      cursor: q.cursor,
      limit: q.limit,
    });
    const page = rows.slice(0, q.limit);
    return { items: await this.view(this.ctx.db, auth, page), nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
  }

  /** A user the caller can see (same visibility as the list), or 404. */
  async get(auth: Auth, id: string): Promise<User> {
    const row = await this.visibleRow(auth, id);
    return (await this.view(this.ctx.db, auth, [row]))[0] as User;
  }

  private async visibleRow(auth: Auth, id: string): Promise<Row<'users'>> {
    const row = (await userRepo.findById(this.ctx.db, id)) ?? notFound('user');
    if (auth.scope.global || id === auth.userId) return row;
    const roles = (await userRepo.assignments(this.ctx.db, [id])).get(id) ?? [];
    if (!roles.some((a) => seesAssignment(auth, a))) notFound('user');
    return row;
  }

  async create(auth: Auth, input: UserCreate): Promise<User> {
    const { db } = this.ctx;
    if (!auth.scope.global && !auth.roles.some((r) => r.role === 'bureau_officer' || r.role === 'school_leader')) forbidden();
    const id = newId();
    const now = this.ctx.clock().toISOString();
    const hash = await hashPassword(input.password);
    try {
      await db.transaction().execute(async (tx) => {
        const rows = await buildAssignments(tx, this.ctx.dialect, auth, id, input.roles, now);
        const taken = await userRepo.findByUsername(tx, input.username);
        if (taken) usernameTaken(input.username, taken.username);
        await userRepo.insert(tx, {
          id,
          username: input.username,
          name: input.name,
          phone: input.phone ?? null,
          password_hash: hash,
          active: 1,
          // An account made by someone else starts with a password the person must replace.
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          password_changed_at: now,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        await userRepo.replaceAssignments(tx, id, rows);
        await takeUpHeadTeacher(tx, this.audit, auth, id, addedClassTeacher([], rows), now);
        const home = homeOf(rows.map((r) => ({ schoolId: r.school_id, regionPath: r.region_path })));
        await this.audit.record(tx, auth, {
          action: 'user.create',
          entity: 'user',
          entityId: id,
          ...home,
          summary: { username: input.username, name: input.name, roles: rows.map((r) => `${r.role}@${r.scope_id ?? 'global'}`) },
        });
      });
    } catch (err) {
      // Another request took the name meanwhile (the unique index on lower(username)).
      if (isUniqueViolation(err)) usernameTaken(input.username, (await userRepo.findByUsername(db, input.username))?.username);
      throw err;
    }
    return this.get(auth, id);
  }

  async update(auth: Auth, id: string, input: UserUpdate): Promise<User> {
    const { db } = this.ctx;
    const before = await this.visibleRow(auth, id);
    const current = (await userRepo.assignments(db, [id])).get(id) ?? [];
    if (!this.canManageUser(auth, current)) forbidden();
    if (input.active === false && id === auth.userId) throw new AppError('forbidden', 403);
    const now = this.ctx.clock().toISOString();
    await db.transaction().execute(async (tx) => {
      const set = defined({ name: input.name, phone: input.phone, active: input.active === undefined ? undefined : fromBool(input.active), updated_at: now });
      // Updating the row first also locks it: a pairing saved meanwhile with this mentor waits for the
      // change (pairing.service.ts), so that it is refused or ended below, never left open.
      if (!(await userRepo.update(tx, id, input.version, set))) versionConflict('user');
      const summary: Record<string, unknown> = changes(before, set);
      let mentorRoleGone: string[] = [];
      let classTeacherAdded: string[] = [];
      if (input.roles) {
        const rows = await buildAssignments(tx, this.ctx.dialect, auth, id, input.roles, now);
        await userRepo.replaceAssignments(tx, id, rows);
        summary.roles = [current.map((a) => `${a.role}@${a.scopeId ?? 'global'}`), rows.map((r) => `${r.role}@${r.scope_id ?? 'global'}`)];
        mentorRoleGone = removedMentorSchools(current, rows);
        classTeacherAdded = addedClassTeacher(current, rows);
      }
      // A mentor who stops mentoring strands no child: deactivated, all its open pairings end (also
      // those an earlier deactivation left open); its mentor role taken away, that school's end. The
      // children wait for a mentor again, and reactivating the account restores nothing.
      const today = shanghaiDate(this.ctx.clock());
      if (input.active === false) await endMentorPairings(tx, this.audit, auth, { id }, 'mentor_inactive', today, now);
      else if (mentorRoleGone.length) await endMentorPairings(tx, this.audit, auth, { id, schoolIds: mentorRoleGone }, 'mentor_role_removed', today, now);
      // Likewise a head teacher (org/head-teacher.ts): deactivated, no class's any more; its class-teacher
      // role taken away, not that class's. A role given for a class without one makes an active account its head teacher.
      const active = input.active ?? toBool(before.active);
      if (!active) await leaveHeadTeacher(tx, this.audit, auth, { id, all: true }, now);
      else if (input.roles) await leaveHeadTeacher(tx, this.audit, auth, { id, all: false }, now);
      if (active) await takeUpHeadTeacher(tx, this.audit, auth, id, classTeacherAdded, now);
      if (input.active === false) await sessionRepo.deleteForUser(tx, id);
      await this.audit.record(tx, auth, { action: 'user.update', entity: 'user', entityId: id, ...homeOf(current), summary });
    });
    return this.get(auth, id);
  }

  /** An administrator sets a new password; the person must change it at next sign-in, and the lock is lifted. */
  async resetPassword(auth: Auth, id: string, input: PasswordReset): Promise<void> {
    const { db } = this.ctx;
    await this.visibleRow(auth, id);
    const current = (await userRepo.assignments(db, [id])).get(id) ?? [];
    if (!this.canManageUser(auth, current)) forbidden();
    const hash = await hashPassword(input.newPassword);
    const now = this.ctx.clock().toISOString();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: 1, failed_logins: 0, locked_until: null, password_changed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      await sessionRepo.deleteForUser(tx, id);
      await this.audit.record(tx, auth, { action: 'user.password_reset', entity: 'user', entityId: id, ...homeOf(current) });
    });
  }

  /** Used by setup, the demo and the CLI: a user with the given roles, without caller checks (the caller audits). */
  async createUnchecked(
    tx: Tx,
    input: { username: string; name: string; password?: string; passwordHash?: string; phone?: string | null; mustChange?: boolean },
    roles: Omit<Row<'role_assignments'>, 'id' | 'user_id' | 'created_at'>[] = [],
  ): Promise<string> {
    const now = this.ctx.clock().toISOString();
    const id = newId();
    await userRepo.insert(tx, {
      id,
      username: input.username,
      name: input.name,
      phone: input.phone ?? null,
      password_hash: input.passwordHash ?? (await hashPassword(input.password ?? '')),
      active: 1,
      must_change_password: input.mustChange ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    if (roles.length)
      await userRepo.replaceAssignments(
        tx,
        id,
        roles.map((r) => ({ ...r, id: newId(), user_id: id, created_at: now })),
      );
    return id;
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId, toBool } from '@carebridge/db';
import type { ChangePasswordBody, Lang, LoginBody, MeResponse } from '@carebridge/shared';
import { type Auth, scopeOf, toAssignment } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { byCodePoint } from '../../lib/collate.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { describeAssignments, homeOfUser } from '../users/assignments.ts';
import { userRepo } from '../users/user.repository.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { attemptRepo, sessionRepo } from './session.repository.ts';
import { type CachedSession, sessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'cb_session';
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  lang: Lang;
}

export interface ResolvedSession {
  auth: Auth;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export class AuthService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private minutes(n: number) {
    return new Date(this.ctx.clock().getTime() + n * 60_000).toISOString();
  }

  /** Check the password, apply throttling and lockout, and open a session. Returns the cookie token. */
  async login(body: LoginBody, info: RequestInfo): Promise<{ token: string; expiresAt: string }> {
    const { db, config } = this.ctx;
    const now = this.ctx.clock().toISOString();
    const actor = { userId: '', username: body.username, ip: info.ip };
    const windowStart = this.minutes(-config.loginLockMinutes);

    if ((await attemptRepo.failuresByIpSince(db, info.ip, windowStart)) >= config.loginMaxFailuresPerIp) {
      await this.audit.record(db, actor, { action: 'auth.locked', entity: 'ip', entityId: info.ip, summary: { reason: 'ip' } });
      throw new AppError('too_many_attempts', 429, { minutes: config.loginLockMinutes }, undefined, {
        'retry-after': String(config.loginLockMinutes * 60),
      });
    }

    const user = await userRepo.findByUsername(db, body.username);
    if (user?.locked_until && user.locked_until > now) {
      await this.audit.record(
        db,
        { ...actor, userId: user.id },
        { action: 'auth.locked', entity: 'user', entityId: user.id, ...(await homeOfUser(db, user.id)), summary: { reason: 'account' } },
      );
      const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - Date.parse(now)) / 60_000));
      throw new AppError('account_locked', 429, { minutes }, undefined, { 'retry-after': String(minutes * 60) });
    }

    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), body.password);
    if (!user || !ok) {
      const failures = (user?.failed_logins ?? 0) + 1;
      const lock = !!user && failures >= config.loginMaxFailures;
      await db.transaction().execute(async (tx) => {
        await attemptRepo.insert(tx, { id: newId(), username: body.username, ip: info.ip, success: 0, at: now });
        // The user's school (or region) on its entries: its leaders and the bureau over it read them too.
        const home = user ? await homeOfUser(tx, user.id) : {};
        await this.audit.record(tx, { ...actor, userId: user?.id ?? '' }, { action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, ...home });
        if (!user) return;
        await userRepo.setLoginState(tx, user.id, { failed_logins: lock ? 0 : failures, locked_until: lock ? this.minutes(config.loginLockMinutes) : null });
        if (lock)
          await this.audit.record(
            tx,
            { ...actor, userId: user.id },
            { action: 'auth.locked', entity: 'user', entityId: user.id, ...home, summary: { reason: 'account', failures } },
          );
      });
      if (lock) {
        throw new AppError('account_locked', 429, { minutes: config.loginLockMinutes }, undefined, { 'retry-after': String(config.loginLockMinutes * 60) });
      }
      throw new AppError('login_failed', 401);
    }
    if (!toBool(user.active)) throw new AppError('account_disabled', 403);

    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.minutes(config.sessionAbsoluteHours * 60);
    await db.transaction().execute(async (tx) => {
      await sessionRepo.insert(tx, {
        id: hashToken(token),
        user_id: user.id,
        csrf_token: randomBytes(24).toString('base64url'),
        ip: info.ip,
        user_agent: info.userAgent?.slice(0, 300) ?? null,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
      });
      await attemptRepo.insert(tx, { id: newId(), username: body.username, ip: info.ip, success: 1, at: now });
      await userRepo.setLoginState(tx, user.id, { failed_logins: 0, locked_until: null });
      await this.audit.record(
        tx,
        { userId: user.id, username: user.username, ip: info.ip },
        { action: 'auth.login', entity: 'user', entityId: user.id, ...(await homeOfUser(tx, user.id)) },
      );
    });
    return { token, expiresAt };
  }

  /** Resolve a cookie token to the caller, enforcing idle and absolute expiry. */
  async resolve(token: string, info: RequestInfo): Promise<ResolvedSession | undefined> {
    const { db, config } = this.ctx;
    const id = hashToken(token);
    const readAt = performance.now();
    let session = sessionCache.get(id, config.sessionCacheMs);
    if (!session) {
      session = await this.read(id);
      if (!session) return undefined;
      if (config.sessionCacheMs > 0) sessionCache.set(id, session, readAt);
    }
    const now = this.ctx.clock().getTime();
    if (session.expiresAt <= now || session.lastSeenAt + config.sessionIdleMinutes * 60_000 <= now) {
      await sessionRepo.delete(db, id);
      return undefined;
    }
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
      await sessionRepo.touch(db, id, new Date(now).toISOString());
      session.lastSeenAt = now;
    }
    const { userId, username, name, roles } = session;
    return {
      sessionId: id,
      csrfToken: session.csrfToken,
      mustChangePassword: session.mustChangePassword,
      auth: { userId, username, name, roles, scope: scopeOf(roles), ip: info.ip, lang: info.lang },
    };
  }

  /** The session, its user and the user's roles in one query (on PostgreSQL each query is a round trip). */
  private async read(id: string): Promise<CachedSession | undefined> {
    const rows = await sessionRepo.findWithUser(this.ctx.db, id);
    const session = rows[0];
    if (!session || !toBool(session.active)) return undefined;
    const roles = rows
      .filter((r) => r.role_id !== null)
      .sort((a, b) => byCodePoint(String(a.role_created_at), String(b.role_created_at)))
      .map((r) => ({ ...toAssignment(r.role_id as string, r), userId: session.user_id }));
    return {
      userId: session.user_id,
      username: session.username,
      name: session.name,
      roles,
      csrfToken: session.csrf_token,
      mustChangePassword: toBool(session.must_change_password),
      expiresAt: Date.parse(session.expires_at),
      lastSeenAt: Date.parse(session.last_seen_at),
    };
  }

  checkCsrf(session: ResolvedSession, header: string | undefined): boolean {
    if (!header) return false;
    const a = Buffer.from(header);
    const b = Buffer.from(session.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async logout(session: ResolvedSession): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      await sessionRepo.delete(tx, session.sessionId);
      await this.audit.record(tx, session.auth, {
        action: 'auth.logout',
        entity: 'user',
        entityId: session.auth.userId,
        ...(await homeOfUser(tx, session.auth.userId)),
      });
    });
  }

  async me(session: ResolvedSession): Promise<MeResponse> {
    const user = await userRepo.findById(this.ctx.db, session.auth.userId);
    if (!user) throw new AppError('unauthenticated', 401);
    return {
      user: { id: user.id, username: user.username, name: user.name, phone: user.phone, mustChangePassword: toBool(user.must_change_password) },
      roles: await describeAssignments(this.ctx.db, session.auth.roles),
      csrfToken: session.csrfToken,
    };
  }

  /** Change one's own password; every other session of the user ends. */
  async changePassword(session: ResolvedSession, body: ChangePasswordBody): Promise<void> {
    const { db } = this.ctx;
    const user = await userRepo.findById(db, session.auth.userId);
    if (!user) throw new AppError('unauthenticated', 401);
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError('wrong_password', 422, {}, [{ path: 'currentPassword', message: 'errors.wrong_password' }]);
    }
    const hash = await hashPassword(body.newPassword);
    const now = this.ctx.clock().toISOString();
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: 0, password_changed_at: now, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      await sessionRepo.deleteForUser(tx, user.id, session.sessionId);
      await this.audit.record(tx, session.auth, {
        action: 'auth.password_changed',
        entity: 'user',
        entityId: user.id,
        ...(await homeOfUser(tx, session.auth.userId)),
      });
    });
  }
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildClass, buildSchoolWithStaff, buildTestApp, buildUser, login, TEST_PASSWORD, type TestApp } from '../../test/index.ts';
import { sessionRepo } from './session.repository.ts';

let app: TestApp;
afterEach(async () => app?.close());

const loginAs = (a: TestApp, username: string, password: string, ip = '10.0.0.1') =>
  a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sessions', () => {
  it('signs in with an HttpOnly SameSite=Strict cookie and returns user, roles, scopes and csrfToken', async () => {
    app = await buildTestApp();
    const { teacher, klass } = await buildSchoolWithStaff(app);
    const res = await loginAs(app, teacher.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/cb_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = res.json();
    expect(body.user.username).toBe(teacher.username);
    expect(body.roles).toEqual([expect.objectContaining({ role: 'class_teacher', scopeKind: 'class', scopeId: klass.id })]);
    expect(body.csrfToken).toHaveLength(32);
  });

  it('answers 401 without a session and 403 without the CSRF header on a change', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    expect((await app.inject({ method: 'GET', url: '/api/schools' })).statusCode).toBe(401);
    const c = await app.as(leader.username);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/terms', headers: { cookie: c.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error).toBe('csrf_failed');
    const ok = await c.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' });
    expect(ok.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    app = await buildTestApp();
    const { leader } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('session_expired');
  });

  it('reuses a session just resolved, and forgets it at once on sign-out, role changes and deactivation', async () => {
    app = await buildTestApp();
    const { school, klass, leader, teacher } = await buildSchoolWithStaff(app);
    const other = await buildClass(app, { schoolId: school.id, grade: 2, name: '二年级2班' });
    const l = await app.as(leader.username);
    const t = await app.as(teacher.username);
    const reads = vi.spyOn(sessionRepo, 'findWithUser');
    // A session read within a moment of a write to users or roles is not kept (see session-cache.ts).
    const settle = () => new Promise((r) => setTimeout(r, 1_100));
    await settle();
    const seen = async () => {
      const before = reads.mock.calls.length;
      const me = await t.get('/api/auth/me');
      return {
        status: me.statusCode,
        read: reads.mock.calls.length - before,
        classes: me.statusCode === 200 ? me.json().roles.map((r: { scopeId: string }) => r.scopeId) : [],
      };
    };
    expect(await seen()).toEqual({ status: 200, read: 1, classes: [klass.id] });
    expect(await seen()).toEqual({ status: 200, read: 0, classes: [klass.id] });
    // The leader moves the teacher to the other class: the teacher's very next request has the new scope.
    const u = (await l.get(`/api/users/${teacher.id}`)).json();
    expect((await l.patch(`/api/users/${teacher.id}`, { version: u.version, roles: [{ role: 'class_teacher', scopeId: other.id }] })).statusCode).toBe(200);
    expect(await seen()).toEqual({ status: 200, read: 1, classes: [other.id] });
    expect((await t.get(`/api/children?classId=${klass.id}`)).json().items).toEqual([]);
    await settle();
    expect((await seen()).read).toBe(1);
    expect((await seen()).read).toBe(0);
    // Deactivated: refused at once, though the session was cached.
    const v = (await l.get(`/api/users/${teacher.id}`)).json().version;
    expect((await l.patch(`/api/users/${teacher.id}`, { version: v, active: false })).statusCode).toBe(200);
    expect((await seen()).status).toBe(401);
    // Sign-out of a cached session.
    await settle();
    expect((await l.get('/api/auth/me')).statusCode).toBe(200);
    expect((await l.get('/api/auth/me')).statusCode).toBe(200);
    expect((await l.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await l.get('/api/auth/me')).statusCode).toBe(401);
    reads.mockRestore();
  });

  it('asks the database for every request with the session cache off', async () => {
    app = await buildTestApp({ env: { SESSION_CACHE_MS: '0' } });
    const { leader } = await buildSchoolWithStaff(app);
    const l = await app.as(leader.username);
    const reads = vi.spyOn(sessionRepo, 'findWithUser');
    await new Promise((r) => setTimeout(r, 1_100));
    for (let i = 0; i < 3; i++) expect((await l.get('/api/auth/me')).statusCode).toBe(200);
    expect(reads).toHaveBeenCalledTimes(3);
    reads.mockRestore();
  });

  it('expires idle sessions and sessions past their absolute lifetime', async () => {
    let now = Date.parse('2026-11-02T08:00:00Z');
    app = await buildTestApp({ clock: () => new Date(now), env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' } });
    const { leader } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    now += 29 * 60_000;
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    now += 29 * 60_000; // active within the idle window again
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    now += 31 * 60_000; // idle too long
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    const c2 = await app.as(leader.username);
    for (let i = 0; i < 5; i++) {
      now += 25 * 60_000;
      await c2.get('/api/auth/me');
    }
    expect((await c2.get('/api/auth/me')).statusCode).toBe(401); // past 2 h in all
  });

  it('changes the password, ending other sessions, and refuses a wrong current password on its field', async () => {
    app = await buildTestApp();
    const { leader } = await buildSchoolWithStaff(app);
    const a = await app.as(leader.username);
    const b = await app.as(leader.username);
    const wrong = await a.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'NewPass123' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().fields).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    expect((await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'NewPass123' })).statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(app, leader.username, 'NewPass123')).resolves.toBeTruthy();
  });
});

describe('throttling and lockout', () => {
  it('locks an account after repeated failures with a clear 429, audited, even for the right password', async () => {
    app = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
    const { leader, school } = await buildSchoolWithStaff(app);
    expect((await loginAs(app, leader.username, 'bad1')).statusCode).toBe(401);
    expect((await loginAs(app, leader.username, 'bad2')).json()).toMatchObject({ error: 'login_failed', message: '用户名或密码错误' });
    const third = await loginAs(app, leader.username, 'bad3');
    expect(third.statusCode).toBe(429);
    expect(third.json().message).toContain('15 分钟');
    expect(third.headers['retry-after']).toBe('900');
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: leader.username, password: TEST_PASSWORD },
      headers: { 'accept-language': 'en-US' },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toMatch(/locked/);
    const admin = await buildAdmin(app);
    const audit = (await admin.get(`/api/audit?username=${leader.username}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === 'auth.login_failed')).toHaveLength(3);
    expect(audit).toContain('auth.locked');
    // An administrator's reset lifts the lock.
    const u = (await admin.get(`/api/users?q=${leader.username}`)).json().items[0];
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Fresh1234' })).statusCode).toBe(204);
    expect((await loginAs(app, leader.username, 'Fresh1234')).statusCode).toBe(200);
    expect(school.id).toBeTruthy();
  });

  it("a school's leaders and the bureau over it see its staff's failed sign-ins and locks; another school's leader does not", async () => {
    app = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '2', LOGIN_LOCK_MINUTES: '15' } });
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchoolWithStaff(app);
    for (const pw of ['bad1', 'bad2']) await loginAs(app, s.teacher.username, pw);
    expect((await loginAs(app, s.teacher.username, TEST_PASSWORD)).statusCode).toBe(429);
    const seen = async (username: string) =>
      ((await (await app.as(username)).get(`/api/audit?username=${s.teacher.username}`)).json().items as { action: string }[]).map((e) => e.action);
    for (const reader of [s.leader.username, s.bureau.username]) {
      const actions = await seen(reader);
      expect(
        actions.filter((a) => a === 'auth.login_failed'),
        reader,
      ).toHaveLength(2);
      expect(
        actions.filter((a) => a === 'auth.locked'),
        reader,
      ).toHaveLength(2);
    }
    expect(await seen(other.leader.username)).toEqual([]);
  });

  it('throttles one address that tries many accounts', async () => {
    app = await buildTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '4' } });
    for (let i = 0; i < 4; i++) expect((await loginAs(app, `nobody${i}`, 'x', '10.9.9.9')).statusCode).toBe(401);
    const blocked = await loginAs(app, 'nobody9', 'x', '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('too_many_attempts');
    expect((await loginAs(app, 'nobody9', 'x', '10.9.9.8')).statusCode).toBe(401);
  });
});

async function buildAdmin(a: TestApp) {
  const admin = await buildUser(a, 'system_admin', null);
  return a.as(admin.username);
}

import type { AuditEntry } from '@carebridge/shared';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Auth } from '../../access/auth.ts';
import { buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp, testDialect } from '../../test/index.ts';
import { auditPage, insertAuditMany } from './audit.repository.ts';

let app: TestApp;
afterEach(async () => app?.close());

const entries = async (c: Client, query = '') => {
  const res = await c.get(`/api/audit?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as AuditEntry[];
};

describe('audit log: who acted', () => {
  it('names the actor beside the login, and the accounts the entry is about', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const leader = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const teacher = await buildUser(app, 'mentor', s.school.id, { username: 'wangfang', name: '王芳' });
    const la = await app.as(leader.username);
    expect((await la.patch(`/api/classes/${s.klass.id}`, { headTeacherId: teacher.id, version: 1 })).statusCode).toBe(200);

    const seen = await entries(await app.as(s.bureau.username), '&entity=user');
    const change = seen.find((e) => e.action === 'user.update' && e.summary?.classTeacher);
    expect(change).toMatchObject({ userId: leader.id, username: 'liyulan', name: '李玉兰', entityId: teacher.id });
    expect(change?.people).toEqual({ [teacher.id]: { name: '王芳', username: 'wangfang' } });
    // The system's own entries (the factories') keep their login and have no name.
    const made = seen.find((e) => e.action === 'user.create' && e.entityId === leader.id);
    expect(made).toMatchObject({ userId: null, username: 'system', name: null, people: { [leader.id]: { name: '李玉兰', username: 'liyulan' } } });
  });

  it('keeps what was typed at a failed login, with no name when no account has that login', async () => {
    app = await buildTestApp();
    const admin = await buildUser(app, 'system_admin', null, { username: 'admin1', name: '赵管理' });
    const leader = await buildUser(app, 'school_leader', (await buildSchoolWithStaff(app)).school.id, { username: 'liyulan', name: '李玉兰' });
    for (const username of ['nobody', 'liyulan'])
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong-1234' } })).statusCode).toBe(401);
    const failed = (await entries(await app.as(admin.username), '&action=auth.login_failed')).map((e) => [e.userId, e.username, e.name]);
    expect(failed.sort()).toEqual(
      [
        [null, 'nobody', null],
        [leader.id, 'liyulan', '李玉兰'],
      ].sort(),
    );
  });

  it('finds entries by a part of the actor’s name or login, case ignored, and by a whole login alone', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const li = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const zhao = await buildUser(app, 'school_leader', s.school.id, { username: 'zhaoyu', name: '赵玉' });
    await (await app.as(li.username)).patch(`/api/classes/${s.klass.id}`, { pupilCount: 41, version: 1 });
    await (await app.as(zhao.username)).patch(`/api/classes/${s.klass.id}`, { pupilCount: 42, version: 2 });
    const bureau = await app.as(s.bureau.username);
    const actors = async (query: string) => [...new Set((await entries(bureau, `&entity=class${query}`)).map((e) => e.username))].sort();

    expect(await actors(`&q=${encodeURIComponent('李玉兰')}`)).toEqual(['liyulan']);
    expect(await actors(`&q=${encodeURIComponent(' 玉兰 ')}`)).toEqual(['liyulan']);
    expect(await actors(`&q=${encodeURIComponent('玉')}`)).toEqual(['liyulan', 'zhaoyu']);
    expect(await actors('&q=LIYU')).toEqual(['liyulan']);
    expect(await actors('&q=system')).toEqual(['system']);
    // Wildcards are text, not patterns.
    expect(await actors(`&q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await actors('&q=_')).toEqual([]);
    // `username` stays an exact login.
    expect(await actors('&username=liyu')).toEqual([]);
    expect(await actors('&username=zhaoyu')).toEqual(['zhaoyu']);
  });
});

describe('audit log: reading a large log', () => {
  it('walks the primary key back to the page’s end when filtered by actor, on either database', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const li = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const others = await Promise.all([1, 2, 3].map((i) => buildUser(app, 'mentor', s.school.id, { name: `教师${i}` })));
    for (const [i, u] of [li, ...others].entries())
      await app.ctx.db.transaction().execute((tx) =>
        insertAuditMany(
          tx,
          { userId: u.id, username: u.username, ip: null },
          Array.from({ length: 1500 }, (_, n) => ({ action: n % 2 ? 'child.view' : 'care.create', entity: 'child', entityId: `c${n}`, schoolId: s.school.id })),
          `2026-11-0${i + 1}T08:00:00.000Z`,
          app.ctx,
        ),
      );
    await sql`analyze`.execute(app.ctx.db);
    const bureau = (
      await app.services.auth.resolve((await app.as(s.bureau.username)).cookie.split('=')[1] as string, { ip: '', userAgent: null, lang: 'zh-CN' })
    )?.auth as Auth;
    for (const q of [{ q: '玉兰' }, { q: 'liyulan', action: 'care.create' }]) {
      const c = auditPage(app.ctx.db, bureau, { limit: 50, ...q }).compile();
      const explain = testDialect === 'postgres' ? 'explain ' : 'explain query plan ';
      const rows = (await app.ctx.db.executeQuery(CompiledQuery.raw(explain + c.sql, [...c.parameters]))).rows as Record<string, string>[];
      const plan = rows.map((r) => r['QUERY PLAN'] ?? r.detail).join('\n');
      expect(plan, plan).toMatch(
        testDialect === 'postgres' ? /Index Scan Backward using audit_log_pkey on audit_log/ : /SCAN audit_log USING INDEX sqlite_autoindex_audit_log_1/,
      );
      expect(plan, plan).not.toMatch(/Sort|TEMP B-TREE|Seq Scan on audit_log/);
      const page = await auditPage(app.ctx.db, bureau, { limit: 50, ...q }).execute();
      expect(page).toHaveLength(51);
      expect(page.every((r) => r.username === li.username && r.name === '李玉兰')).toBe(true);
    }
  });
});

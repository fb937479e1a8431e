import { migrations } from '@carebridge/db';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, TEST_PASSWORD, type TestApp, testDialect } from '../../test/index.ts';
import { userRepo } from './user.repository.ts';

let app: TestApp;
afterEach(async () => app?.close());

const names = (res: { json(): { items: { username?: string; name: string }[] } }) =>
  res
    .json()
    .items.map((u) => u.username ?? u.name)
    .sort();

describe('searching with _ and %', () => {
  it('finds users by text holding "_" or "%" as typed, not as wildcards, and whatever the letter case', async () => {
    app = await buildTestApp();
    const { school } = await buildSchoolWithStaff(app);
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    for (const [username, name] of [
      ['dh_wangli', '王丽'],
      ['dhxwangli', '王力'],
      ['dh.zhao', '赵100%'],
      ['dh.qian', '钱1000'],
    ])
      await buildUser(app, 'mentor', school.id, { username: username as string, name: name as string });
    const find = async (q: string) => names(await admin.get(`/api/users?q=${encodeURIComponent(q)}`));
    expect(await find('dh_wangli')).toEqual(['dh_wangli']);
    expect(await find('h_w')).toEqual(['dh_wangli']);
    expect(await find('DH_WangLi')).toEqual(['dh_wangli']);
    expect(await find('wangli')).toEqual(['dh_wangli', 'dhxwangli']);
    expect(await find('100%')).toEqual(['dh.zhao']);
    expect(await find('_')).toEqual(['dh_wangli']);
  });

  it('finds schools by names holding "_" or "%" as typed', async () => {
    app = await buildTestApp();
    const county = await buildRegion(app, { level: 'county' });
    for (const name of ['一_小', '一x小', '希望100%小学', '希望1000小学']) await buildSchool(app, { regionId: county.id, name });
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const find = async (q: string) => names(await admin.get(`/api/schools?q=${encodeURIComponent(q)}`));
    expect(await find('一_小')).toEqual(['一_小']);
    expect(await find('100%')).toEqual(['希望100%小学']);
    expect(await find('小')).toHaveLength(4);
  });
});

describe('usernames ignore letter case', () => {
  it('refuses a username another account has in other letters, on the username field, in Chinese and English', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const body = (username: string) => ({ username, name: '张老师', password: 'Start1234', roles: [{ role: 'mentor', scopeId: school.id }] });
    expect((await c.post('/api/users', body('dh_zhang'))).statusCode).toBe(201);
    const zh = await c.post('/api/users', body('DH_ZHANG'));
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toMatchObject({
      error: 'username_taken',
      message: '用户名“DH_ZHANG”已被使用',
      fields: [{ path: 'username', message: '已有只是大小写不同的用户名“dh_zhang”；用户名不区分大小写，请换一个' }],
    });
    const en = await c.post('/api/users', body('Dh_Zhang'), { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([
      { path: 'username', message: 'The username “dh_zhang” differs from it only in letter case; usernames ignore case, so choose another' },
    ]);
    expect(names(await c.get('/api/users?q=zhang'))).toEqual(['dh_zhang']);
    // The database refuses it too (two requests at once, or a script).
    const raw = app.services.users.createUnchecked(app.ctx.db, { username: 'DH_Zhang', name: '张', password: 'Start1234' });
    await expect(raw).rejects.toThrow();
  });

  it('signs in whatever the letter case typed, into the one account, counting failures against it', async () => {
    app = await buildTestApp();
    const { school } = await buildSchoolWithStaff(app);
    const zhang = await buildUser(app, 'mentor', school.id, { username: 'dh_zhang' });
    const login = (username: string, password = TEST_PASSWORD) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const ok = await login('Dh_Zhang');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ id: zhang.id, username: 'dh_zhang' });
    expect((await login('DH_ZHANG', 'wrong-password')).statusCode).toBe(401);
    const row = await app.ctx.db.selectFrom('users').select('failed_logins').where('id', '=', zhang.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(1);
    expect((await login('nobody')).statusCode).toBe(401);
  });

  it('finds the account for sign-in by an index, not by reading every user', async () => {
    app = await buildTestApp();
    const db = app.ctx.db;
    const compiled = userRepo.findByUsernameQuery(db, 'Dh_Zhang').compile();
    if (testDialect === 'sqlite') {
      const plan = await sql.raw(`explain query plan ${compiled.sql.replace('?', "'Dh_Zhang'")}`).execute(db);
      expect(JSON.stringify(plan.rows)).toContain('users_username_lower_uq');
    } else {
      const plan = await db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        return sql.raw(`explain ${compiled.sql.replace('$1', "'Dh_Zhang'")}`).execute(tx);
      });
      expect(JSON.stringify(plan.rows)).toContain('users_username_lower_uq');
    }
  });
});

describe('migration 20261211T0900: usernames that differ only in letter case', () => {
  it('keeps the first account’s name, renames the later ones to a free name, and then refuses such duplicates', async () => {
    app = await buildTestApp();
    const { school } = await buildSchoolWithStaff(app);
    const db = app.ctx.db;
    // The data as earlier versions left it: no index on lower(username), three spellings of one name.
    await sql`drop index users_username_lower_uq`.execute(db);
    const role = { role: 'mentor', scope_kind: 'school', scope_id: school.id, school_id: school.id, region_path: null };
    const make = (username: string) => app.services.users.createUnchecked(db, { username, name: username, password: TEST_PASSWORD }, [role]);
    const first = { id: await make('dh_zhang') };
    const second = { id: await make('DH_ZHANG') };
    const third = { id: await make('Dh_Zhang') };
    // Someone already has the first name a rename would pick.
    await make('dh_zhang-2');
    await migrations['20261211T0900-username-ignore-case']?.up(db, app.ctx.dialect);
    const rows = await db.selectFrom('users').select(['id', 'username', 'version']).where('id', 'in', [first.id, second.id, third.id]).execute();
    const of = (id: string) => rows.find((r) => r.id === id);
    expect(of(first.id)).toMatchObject({ username: 'dh_zhang', version: 1 });
    expect(of(second.id)).toMatchObject({ username: 'DH_ZHANG-3', version: 2 });
    expect(of(third.id)).toMatchObject({ username: 'Dh_Zhang-4', version: 2 });
    // Each rename is in the audit log, by the system, where the account's school sees it.
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary', 'username', 'user_id', 'school_id'])
      .where('action', '=', 'user.update')
      .where('summary', 'like', '%username%')
      .execute();
    expect(audit.sort((a, b) => (a.entity_id as string).localeCompare(b.entity_id as string))).toEqual([
      { entity_id: second.id, summary: JSON.stringify({ username: ['DH_ZHANG', 'DH_ZHANG-3'] }), username: 'system', user_id: null, school_id: school.id },
      { entity_id: third.id, summary: JSON.stringify({ username: ['Dh_Zhang', 'Dh_Zhang-4'] }), username: 'system', user_id: null, school_id: school.id },
    ]);
    await expect(db.updateTable('users').set({ username: 'DH_ZHANG' }).where('id', '=', second.id).execute()).rejects.toThrow();
  });
});

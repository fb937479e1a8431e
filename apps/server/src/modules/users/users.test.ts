import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import {
  buildClass,
  buildRegion,
  buildSchool,
  buildSchoolWithStaff,
  buildTestApp,
  buildUser,
  type Client,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());

describe('users and role assignments', () => {
  it('lets a school leader create staff of its school, who must change the first password', async () => {
    app = await buildTestApp();
    const { leader, school, klass } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const res = await c.post('/api/users', {
      username: 'zhangsan',
      name: '张三',
      phone: '13912345678',
      password: 'Start1234',
      roles: [
        { role: 'mentor', scopeId: school.id },
        { role: 'class_teacher', scopeId: klass.id },
      ],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user.roles.map((r: { role: string; scopeName: string }) => r.role)).toEqual(['mentor', 'class_teacher']);
    expect(user.roles[0].scopeName).toBe(school.name);
    expect(user.mustChangePassword).toBe(true);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhangsan', password: 'Start1234' } });
    expect(login.json().user.mustChangePassword).toBe(true);
    // Until it is changed, the given password opens nothing but the change itself.
    const z = await app.as('zhangsan', 'Start1234');
    const refused = await z.get('/api/children');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'password_change_required', message: '请先修改初始密码，再继续使用' });
    expect((await z.get('/api/audit')).statusCode).toBe(403);
    expect((await z.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await z.post('/api/auth/password', { currentPassword: 'Start1234', newPassword: 'MyOwn2026x' })).statusCode).toBe(204);
    expect((await z.get('/api/children')).statusCode).toBe(200);
    const listed = (await c.get(`/api/users?schoolId=${school.id}`)).json().items.map((u: { username: string }) => u.username);
    expect(listed).toContain('zhangsan');
  });

  it('refuses roles beyond the granter, naming the role field', async () => {
    app = await buildTestApp();
    const { leader, county } = await buildSchoolWithStaff(app);
    const other = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const res = await c.post('/api/users', {
      username: 'lisi',
      name: '李四',
      password: 'Start1234',
      roles: [{ role: 'bureau_officer', scopeId: county.id }, { role: 'mentor', scopeId: other.school.id }, { role: 'counsellor' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['roles.0.scopeId', 'roles.1.scopeId', 'roles.2.scopeId']);
    expect(res.json().fields[2].message).toBe('该角色需要指定学校');
    expect((await c.get('/api/users?q=lisi')).json().items).toHaveLength(0);
  });

  it('names a wrong role scope in words in the message, in Chinese and English, keeping the path in fields', async () => {
    app = await buildTestApp();
    const { school } = await buildSchoolWithStaff(app);
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const body = {
      username: 'wangwu',
      name: '王五',
      password: 'Start1234',
      roles: [
        { role: 'mentor', scopeId: school.id },
        { role: 'counsellor', scopeId: '01900000-0000-7000-8000-0000000000ff' },
        { role: 'system_admin', scopeId: school.id },
      ],
    };
    const zh = await admin.post('/api/users', body);
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error).toBe('invalid_scope');
    expect(zh.json().message).toBe('角色与范围不匹配：第 2 个角色的范围、第 3 个角色的范围');
    expect(zh.json().fields).toEqual([
      { path: 'roles.1.scopeId', message: '所选学校不存在' },
      { path: 'roles.2.scopeId', message: '系统管理员不需要指定范围' },
    ]);
    const en = await admin.post('/api/users', body, { 'accept-language': 'en-US' });
    expect(en.json().message).toBe('Role and scope do not match: the scope of role 2, the scope of role 3');
    expect(en.json().fields.map((f: { message: string }) => f.message)).toEqual(['The chosen School does not exist', 'System administrator needs no scope']);
    expect(JSON.stringify([zh.json().message, en.json().message])).not.toContain('roles.');
    expect((await admin.get('/api/users?q=wangwu')).json().items).toHaveLength(0);
  });

  it('answers 409 on a taken username, on the username field', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const body = { username: leader.username, name: '重名', password: 'Start1234', roles: [{ role: 'mentor', scopeId: school.id }] };
    const res = await c.post('/api/users', body);
    expect(res.statusCode).toBe(409);
    expect(res.json().fields[0].path).toBe('username');
  });

  it('hides users of other schools (404) and lets a class teacher manage nobody', async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const leaderA = await app.as(a.leader.username);
    expect((await leaderA.get(`/api/users/${b.teacher.id}`)).statusCode).toBe(404);
    expect((await leaderA.patch(`/api/users/${b.teacher.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    const names = (await leaderA.get('/api/users')).json().items.map((u: { id: string }) => u.id);
    expect(names).not.toContain(b.leader.id);
    const t = await app.as(a.teacher.username);
    expect(
      (await t.post('/api/users', { username: 'newbie', name: 'N', password: 'Start1234', roles: [{ role: 'mentor', scopeId: a.school.id }] })).statusCode,
    ).toBe(403);
    expect((await t.post(`/api/users/${a.leader.id}/reset-password`, { newPassword: 'Hacked123' })).statusCode).toBe(403);
  });

  it('deactivates a user, ending its sessions, with optimistic concurrency', async () => {
    app = await buildTestApp();
    const { leader, teacher } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const t = await app.as(teacher.username);
    const u = (await c.get(`/api/users/${teacher.id}`)).json();
    expect((await c.patch(`/api/users/${teacher.id}`, { active: false, version: u.version })).json().active).toBe(false);
    expect((await c.patch(`/api/users/${teacher.id}`, { active: true, version: u.version })).statusCode).toBe(409);
    expect((await t.get('/api/auth/me')).statusCode).toBe(401);
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: teacher.username, password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error).toBe('account_disabled');
  });
});

describe('users seen from another county', () => {
  it("names only the roles inside the caller's area, and says the others are outside it", async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    // A teacher of school a also mentors in school b (another county).
    await app.services.users.update(systemAuth(), a.teacher.id, {
      roles: [
        { role: 'class_teacher', scopeId: a.klass.id },
        { role: 'mentor', scopeId: b.school.id },
      ],
      version: 1,
    });
    const bureauA = await app.as(a.bureau.username);
    const seen = (await bureauA.get(`/api/users/${a.teacher.id}`)).json().roles;
    expect(seen).toEqual([
      expect.objectContaining({ role: 'class_teacher', scopeId: a.klass.id, scopeName: `${a.school.name} ${a.klass.name}` }),
      { id: expect.any(String), role: 'mentor', scopeKind: 'school', scopeId: null, scopeName: null, schoolId: null, regionId: null },
    ]);
    const listed = (await bureauA.get(`/api/users?q=${encodeURIComponent(a.teacher.name)}`)).json().items[0].roles;
    expect(JSON.stringify(listed)).not.toContain(b.school.name);
    // The other county's officer the other way round; the user itself sees both.
    const names = async (who: string) =>
      (await (await app.as(who)).get(`/api/users/${a.teacher.id}`)).json().roles.map((r: { scopeName: string }) => r.scopeName);
    expect(await names(b.bureau.username)).toEqual([null, b.school.name]);
    expect(await names(a.teacher.username)).toEqual([`${a.school.name} ${a.klass.name}`, b.school.name]);
  });
});

describe('users of a region', () => {
  it('lists the users holding a role in the region (itself, its schools or classes), only among those the caller sees', async () => {
    app = await buildTestApp();
    const county = await buildRegion(app, { level: 'county' });
    const [east, west] = [
      await buildRegion(app, { parentId: county.id, level: 'township' }),
      await buildRegion(app, { parentId: county.id, level: 'township' }),
    ];
    const [s1, s2] = [await buildSchool(app, { regionId: east.id }), await buildSchool(app, { regionId: west.id })];
    const klass = await buildClass(app, { schoolId: s1.id });
    const officer = await buildUser(app, 'bureau_officer', county.id);
    const eastOfficer = await buildUser(app, 'bureau_officer', east.id);
    const leader1 = await buildUser(app, 'school_leader', s1.id);
    const teacher1 = await buildUser(app, 'class_teacher', klass.id);
    const leader2 = await buildUser(app, 'school_leader', s2.id);
    // Another county, and a teacher of the west school who also mentors there.
    const far = await buildSchoolWithStaff(app);
    const both = await buildUser(app, 'mentor', s2.id);
    await app.services.users.update(systemAuth(), both.id, {
      roles: [
        { role: 'mentor', scopeId: s2.id },
        { role: 'mentor', scopeId: far.school.id },
      ],
      version: both.version,
    });
    const names = async (c: Client, query: string) => {
      const res = await c.get(`/api/users?${query}`);
      expect(res.statusCode, query).toBe(200);
      return res
        .json()
        .items.map((u: { username: string }) => u.username)
        .sort();
    };
    const sorted = (...users: { username: string }[]) => users.map((u) => u.username).sort();
    const b = await app.as(officer.username);
    expect(await names(b, `regionId=${east.id}`)).toEqual(sorted(eastOfficer, leader1, teacher1));
    expect(await names(b, `regionId=${west.id}`)).toEqual(sorted(leader2, both));
    expect(await names(b, `regionId=${west.id}&role=school_leader`)).toEqual(sorted(leader2));
    expect(await names(b, `regionId=${county.id}`)).toEqual(sorted(officer, eastOfficer, leader1, teacher1, leader2, both));
    // Never wider than the caller's own scope: the other county's users stay out, and so does the role
    // there of a user the officer sees for another role (nor is that role's place confirmed).
    expect(await names(b, `regionId=${far.county.id}`)).toEqual([]);
    expect(await names(b, `regionId=${far.county.id}&q=${both.username}`)).toEqual([]);
    expect(await names(b, 'regionId=01900000-0000-7000-8000-0000000000ff')).toEqual([]);
    // Nor does a school outside the caller's area: its roles are not confirmed, by school or with a role.
    expect(await names(b, `schoolId=${far.school.id}`)).toEqual([]);
    expect(await names(b, `schoolId=${far.school.id}&role=mentor`)).toEqual([]);
    // A school leader asking for the whole county sees only its own school's users.
    expect(await names(await app.as(leader1.username), `regionId=${county.id}`)).toEqual(sorted(leader1, teacher1));
    const bad = await b.get(`/api/users?regionId=${'x'.repeat(65)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['regionId']);
  });
});

describe('users of a school by role', () => {
  it('lists with schoolId and role the users holding that role at that school, not that role elsewhere', async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const other = await buildSchool(app, { regionId: a.county.id });
    const mentorHere = await buildUser(app, 'mentor', a.school.id);
    // A class teacher here who mentors at the other school: a mentor, but not of this school.
    const mixed = await buildUser(app, 'class_teacher', a.klass.id);
    await app.services.users.update(systemAuth(), mixed.id, {
      roles: [
        { role: 'class_teacher', scopeId: a.klass.id },
        { role: 'mentor', scopeId: other.id },
      ],
      version: mixed.version,
    });
    const officer = await app.as(a.bureau.username);
    const res = await officer.get(`/api/users?schoolId=${a.school.id}&role=mentor`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual([mentorHere.username]);
    const teachers = (await officer.get(`/api/users?schoolId=${a.school.id}&role=class_teacher`)).json().items.map((u: { username: string }) => u.username);
    expect(teachers.sort()).toEqual([a.teacher.username, mixed.username].sort());
  });
});

describe('audit log', () => {
  it('shows school leaders their own school only, bureau officers their region, and others nothing', async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const la = await app.as(a.leader.username);
    // Version 2: the factory's teacher, given the class-teacher role, became the head teacher.
    expect((await la.patch(`/api/classes/${a.klass.id}`, { pupilCount: 44, version: 2 })).statusCode).toBe(200);
    const lb = await app.as(b.leader.username);
    expect((await lb.patch(`/api/classes/${b.klass.id}`, { pupilCount: 33, version: 2 })).statusCode).toBe(200);
    const mine = (await la.get('/api/audit?entity=class')).json().items;
    expect(mine.map((e: { entityId: string }) => e.entityId)).toEqual(expect.arrayContaining([a.klass.id]));
    expect(mine.map((e: { entityId: string }) => e.entityId)).not.toContain(b.klass.id);
    const update = mine.find((e: { action: string; username: string }) => e.action === 'class.update' && e.username === a.leader.username);
    expect(update.summary).toEqual({ pupil_count: [40, 44] });
    expect(update.username).toBe(a.leader.username);
    const bureauB = await app.as(b.bureau.username);
    const theirs = (await bureauB.get('/api/audit?entity=class')).json().items.map((e: { entityId: string }) => e.entityId);
    expect(theirs).toContain(b.klass.id);
    expect(theirs).not.toContain(a.klass.id);
    expect((await (await app.as(a.teacher.username)).get('/api/audit')).statusCode).toBe(403);
  });

  it('shows a bureau officer the exports of its region and of its schools, wherever they were made from', async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const bureau = await app.as(a.bureau.username);
    const leader = await app.as(a.leader.username);
    const period = 'period=2026-11';
    for (const [who, url] of [
      [bureau, `/api/stats/export.xlsx?regionId=${a.county.id}`],
      [bureau, `/api/compliance/export.xlsx?regionId=${a.county.id}&${period}`],
      [bureau, `/api/rosters/export.xlsx?schoolId=${a.school.id}`],
      [leader, `/api/stats/export.xlsx?schoolId=${a.school.id}`],
      [leader, `/api/compliance/export.xlsx?schoolId=${a.school.id}&${period}`],
    ] as const)
      expect((await who.get(url)).statusCode, url).toBe(200);
    await (await app.as(b.leader.username)).get(`/api/stats/export.xlsx?schoolId=${b.school.id}`);
    const seen = (await bureau.get('/api/audit?limit=100')).json().items.filter((e: { action: string }) => e.action.endsWith('.export'));
    expect(seen.map((e: { action: string; username: string }) => `${e.username} ${e.action}`).sort()).toEqual(
      [
        `${a.bureau.username} compliance.export`,
        `${a.bureau.username} roster.export`,
        `${a.bureau.username} stats.export`,
        `${a.leader.username} compliance.export`,
        `${a.leader.username} stats.export`,
      ].sort(),
    );
    // The school's leader sees its own school's, not the county's.
    const mine = (await leader.get('/api/audit?limit=100')).json().items.filter((e: { action: string }) => e.action.endsWith('.export'));
    expect(mine.map((e: { username: string }) => e.username).sort()).toEqual([a.bureau.username, a.leader.username, a.leader.username]);
  });

  it('pages with a cursor', async () => {
    app = await buildTestApp();
    const admin = await buildUser(app, 'system_admin', null);
    await buildSchoolWithStaff(app);
    const c = await app.as(admin.username);
    const first = (await c.get('/api/audit?limit=3')).json();
    expect(first.items).toHaveLength(3);
    const second = (await c.get(`/api/audit?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id < first.items[2].id).toBe(true);
  });
});

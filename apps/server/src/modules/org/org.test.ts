import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());

describe('scopes', () => {
  it('gives a class teacher of school A 404 for school B and its class', async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const t = await app.as(a.teacher.username);
    expect((await t.get(`/api/classes?schoolId=${b.school.id}`)).statusCode).toBe(404);
    expect((await t.get(`/api/schools/${b.school.id}`)).statusCode).toBe(404);
    const patch = await t.patch(`/api/classes/${b.klass.id}`, { name: '改名', version: 1 });
    expect(patch.statusCode).toBe(404);
    expect(patch.json()).toMatchObject({ error: 'not_found', message: '未找到班级' });
    // Its own class is visible, other classes of its school are not listed, and it cannot edit.
    const other = await buildClass(app, { schoolId: a.school.id });
    const list = (await t.get(`/api/classes?schoolId=${a.school.id}`)).json().items.map((c: { id: string }) => c.id);
    expect(list).toEqual([a.klass.id]);
    expect(list).not.toContain(other.id);
    expect((await t.patch(`/api/classes/${a.klass.id}`, { name: '改名', version: 1 })).statusCode).toBe(403);
  });

  it("lets a bureau officer of county X see X's schools and not Y's", async () => {
    app = await buildTestApp();
    const province = await buildRegion(app, { level: 'province' });
    const x = await buildRegion(app, { parentId: province.id, level: 'county', name: 'X县' });
    const y = await buildRegion(app, { parentId: province.id, level: 'county', name: 'Y县' });
    const township = await buildRegion(app, { parentId: x.id, level: 'township' });
    const sx = await buildSchool(app, { regionId: township.id, name: 'X小学' });
    const sy = await buildSchool(app, { regionId: y.id, name: 'Y小学' });
    const officer = await buildUser(app, 'bureau_officer', x.id);
    const c = await app.as(officer.username);
    const names = (await c.get('/api/schools')).json().items.map((s: { name: string }) => s.name);
    expect(names).toEqual(['X小学']);
    expect((await c.get(`/api/schools/${sy.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/schools/${sx.id}`)).statusCode).toBe(200);
    const regions = (await c.get('/api/regions')).json().items.map((r: { name: string }) => r.name);
    expect(regions).toContain('X县');
    expect(regions).not.toContain('Y县');
    // It manages its county: a new school there works, one in Y answers 404.
    expect((await c.post('/api/schools', { regionId: x.id, name: '新学校', kind: 'primary' })).statusCode).toBe(201);
    expect((await c.post('/api/schools', { regionId: y.id, name: '越权学校', kind: 'primary' })).statusCode).toBe(404);
    // The province above it is in its tree (for context), not in its charge: the field is named, in the reader's language.
    expect(regions).toContain(province.name);
    const above = await c.post('/api/schools', { regionId: province.id, name: '省直学校', kind: 'primary' });
    expect([above.statusCode, above.json().error, above.json().fields.map((f: { path: string }) => f.path)]).toEqual([403, 'region_not_managed', ['regionId']]);
    expect(above.json().message).toBe('所选区域不在您的管辖范围内，请选择您管辖的区域或其下级区域');
    const terms = await c.post('/api/terms/for-region', {
      regionId: province.id,
      academicYear: '2027-2028',
      semester: 1,
      startDate: '2027-09-01',
      endDate: '2028-01-20',
    });
    expect([terms.statusCode, terms.json().error, terms.json().fields?.map((f: { path: string }) => f.path)]).toEqual([
      403,
      'region_not_managed',
      ['regionId'],
    ]);
    expect(await app.ctx.db.selectFrom('schools').select('name').where('name', '=', '省直学校').execute()).toEqual([]);
  });

  it('lets a school leader manage its school but not create schools or regions', async () => {
    app = await buildTestApp();
    const { leader, school, county } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    expect((await c.post('/api/classes', { schoolId: school.id, grade: 1, name: '一年级1班', pupilCount: 45 })).statusCode).toBe(201);
    // The county lies outside a school leader's scope: 404, as for anything out of scope.
    expect((await c.post('/api/schools', { regionId: county.id, name: '新学校', kind: 'primary' })).statusCode).toBe(404);
    expect((await c.post('/api/regions', { parentId: county.id, level: 'township', name: '某镇' })).statusCode).toBe(404);
    expect((await c.post('/api/regions', { level: 'province', name: '某省' })).statusCode).toBe(403);
  });
});

describe('organisation data', () => {
  it('builds a county, school, term and class, each in the audit log', async () => {
    app = await buildTestApp();
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const province = (await admin.post('/api/regions', { level: 'province', name: '四川省' })).json();
    const county = (await admin.post('/api/regions', { parentId: province.id, level: 'county', name: '青山县' })).json();
    expect(county.path).toBe(`/${province.id}/${county.id}/`);
    const school = (await admin.post('/api/schools', { regionId: county.id, name: '青山小学', kind: 'primary', phone: '13812345678' })).json();
    const term = await admin.post('/api/terms', {
      schoolId: school.id,
      academicYear: '2026-2027',
      semester: 1,
      startDate: '2026-09-01',
      endDate: '2027-01-20',
    });
    expect(term.json().name).toBe('2026-2027 第一学期（秋季）');
    const klass = (await admin.post('/api/classes', { schoolId: school.id, grade: 3, name: '三年级2班', pupilCount: 42 })).json();
    expect(klass).toMatchObject({ grade: 3, pupilCount: 42, version: 1, active: true });
    const actions = (await admin.get('/api/audit')).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['region.create', 'school.create', 'term.create', 'class.create']));
    // A class without a class teacher changes no user.
    expect(actions).not.toContain('user.update');
    const org = (await admin.get(`/api/schools/${school.id}/organisation`)).json();
    expect(org.duties).toHaveLength(4);
  });

  it('rejects bad input with 4xx naming each field, and writes nothing', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const bad = await c.post('/api/classes', { schoolId: school.id, grade: 15, name: '', pupilCount: -1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['grade', 'name', 'pupilCount']);
    const term = await c.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2026-13-01' });
    expect(term.json().fields).toEqual([{ path: 'endDate', message: '请输入正确的日期（YYYY-MM-DD）' }]);
    const phone = await c.patch(`/api/schools/${school.id}`, { phone: '12345', version: 1 });
    expect(phone.json().fields[0]).toMatchObject({ path: 'phone' });
    expect((await c.get(`/api/classes?schoolId=${school.id}`)).json().items).toHaveLength(1);
  });

  it('answers 409 to a stale version and to duplicates', async () => {
    app = await buildTestApp();
    const { leader, school, klass } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    // Version 2: the factory's teacher, given the class-teacher role, became its head teacher.
    expect((await c.patch(`/api/classes/${klass.id}`, { pupilCount: 41, version: 2 })).json().version).toBe(3);
    const stale = await c.patch(`/api/classes/${klass.id}`, { pupilCount: 39, version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version_conflict', message: '该班级已被他人修改，请刷新后查看变化再保存' });
    const dup = await c.post('/api/classes', { schoolId: school.id, grade: 3, name: klass.name, pupilCount: 40 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('class_name_taken');
  });

  it('gives the class teacher named on a class the class-teacher role, and takes it from the previous one', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', school.id);
    const c = await app.as(leader.username);
    const klass = (await c.post('/api/classes', { schoolId: school.id, grade: 2, name: '二年级1班', pupilCount: 40, headTeacherId: mentor.id })).json();
    expect(klass.headTeacherName).toBe(mentor.name);
    const roles = (await c.get(`/api/users/${mentor.id}`)).json().roles.map((r: { role: string; scopeId: string }) => `${r.role}:${r.scopeId}`);
    expect(roles).toContain(`class_teacher:${klass.id}`);
    const other = await buildUser(app, 'mentor', school.id);
    await c.patch(`/api/classes/${klass.id}`, { headTeacherId: other.id, version: 1 });
    const after = (await c.get(`/api/users/${mentor.id}`)).json().roles.map((r: { role: string }) => r.role);
    expect(after).toEqual(['mentor']);
    // Someone who does not work at the school (another school's teacher) cannot be named, which would give them the class's children.
    const elsewhere = await buildSchoolWithStaff(app);
    for (const res of [
      await c.post('/api/classes', { schoolId: school.id, grade: 3, name: '三年级1班', pupilCount: 40, headTeacherId: elsewhere.teacher.id }),
      await c.patch(`/api/classes/${klass.id}`, { headTeacherId: elsewhere.teacher.id, version: 2 }),
    ]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'headTeacherId', message: '所选人员不是本校教职工' }]);
    }
    const roles2 = (await (await app.as(elsewhere.leader.username)).get(`/api/users/${elsewhere.teacher.id}`)).json().roles;
    expect(roles2.filter((r: { schoolId?: string; scopeId?: string }) => r.scopeId === klass.id || r.schoolId === school.id)).toEqual([]);
  });

  it('keeps the leadership group and duties, managed only by the school', async () => {
    app = await buildTestApp();
    const { leader, teacher, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const org = (await c.post(`/api/schools/${school.id}/leadership`, { userId: leader.id, position: 'leader', title: '校长' })).json();
    expect(org.members[0]).toMatchObject({ name: leader.name, position: 'leader' });
    const duty = org.duties[0];
    const edited = (await c.patch(`/api/duties/${duty.id}`, { userId: teacher.id, version: duty.version })).json();
    expect(edited.duties[0].userName).toBe(teacher.name);
    const t = await app.as(teacher.username);
    expect((await t.get(`/api/schools/${school.id}/organisation`)).statusCode).toBe(200);
    expect((await t.delete(`/api/duties/${duty.id}`)).statusCode).toBe(403);
    expect((await c.delete(`/api/leadership/${org.members[0].id}`)).statusCode).toBe(204);
  });
});

describe('the leadership group and duties of another school', () => {
  it("refuse a person who does not work at the school, naming userId, and keep nothing; the other school's staff stay unnamed", async () => {
    app = await buildTestApp();
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const c = await app.as(a.leader.username);
    const refused = (res: { statusCode: number; body: string; json: () => { fields: { path: string; message: string }[] } }) => {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'userId', message: '所选人员不是本校教职工' }]);
      expect(res.body).not.toContain(b.teacher.name);
    };
    refused(await c.post(`/api/schools/${a.school.id}/leadership`, { userId: b.teacher.id, position: 'member' }));
    refused(await c.post(`/api/schools/${a.school.id}/duties`, { office: 'political_education', duty: '值周', userId: b.teacher.id }));
    const org = (await c.get(`/api/schools/${a.school.id}/organisation`)).json();
    expect(org.members).toEqual([]);
    const duty = org.duties[0];
    refused(await c.patch(`/api/duties/${duty.id}`, { userId: b.leader.id, version: duty.version }));
    const member = (await c.post(`/api/schools/${a.school.id}/leadership`, { userId: a.teacher.id, position: 'member' })).json().members[0];
    refused(await c.patch(`/api/leadership/${member.id}`, { userId: b.leader.id, version: member.version }));
    const after = (await c.get(`/api/schools/${a.school.id}/organisation`)).json();
    expect(after.duties[0]).toMatchObject({ userId: duty.userId, version: duty.version });
    expect(after.members[0]).toMatchObject({ userId: a.teacher.id, version: member.version });
    // A person linked while at the school who has since left keeps the entry editable, the link as it was.
    const linked = (await c.patch(`/api/duties/${duty.id}`, { userId: a.teacher.id, version: duty.version })).json().duties[0];
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const teacher = (await admin.get(`/api/users/${a.teacher.id}`)).json();
    const moved = await admin.patch(`/api/users/${a.teacher.id}`, { roles: [{ role: 'class_teacher', scopeId: b.klass.id }], version: teacher.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const edited = await c.patch(`/api/duties/${duty.id}`, { duty: '负责留守儿童的安全教育', userId: a.teacher.id, version: linked.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const renamed = await c.patch(`/api/leadership/${member.id}`, { position: 'deputy', userId: a.teacher.id, version: member.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
});

describe('class names across the school', () => {
  it('refuses a name another grade already has, saying which grade and suggesting the full name, in Chinese and English', async () => {
    app = await buildTestApp();
    const { leader, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    expect((await c.post('/api/classes', { schoolId: school.id, grade: 1, name: '1班', pupilCount: 40 })).statusCode).toBe(201);
    const body = { schoolId: school.id, grade: 3, name: '1班', pupilCount: 40 };
    const zh = await c.post('/api/classes', body);
    expect(zh.statusCode).toBe(409);
    const text = '本校一年级已有名为“1班”的班级，班级名称全校不能重复；请写完整的名称，如“三年级1班”';
    expect(zh.json()).toMatchObject({ error: 'class_name_taken', message: text, fields: [{ path: 'name', message: text }] });
    const en = await c.post('/api/classes', body, { 'accept-language': 'en-US' });
    expect(en.json().message).toBe(
      'Grade 1 of this school already has a class named “1班”; class names must be unique across the school. Write the full name, such as “三年级1班”',
    );
    // Renaming another class to it: the same.
    const other = (await c.post('/api/classes', { ...body, name: '三年级1班' })).json();
    const renamed = await c.patch(`/api/classes/${other.id}`, { name: '1班', version: other.version });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().message).toBe(text);
    // A full name already taken needs no suggestion.
    const full = await c.post('/api/classes', { ...body, name: '三年级1班' });
    expect(full.json()).toMatchObject({ error: 'class_name_taken_full', message: '本校三年级已有名为“三年级1班”的班级，班级名称全校不能重复' });
  });
});

describe('deactivating a class', () => {
  it('is refused while it holds active children, naming the class and how many, until they are moved', async () => {
    app = await buildTestApp();
    const { leader, school, klass } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const kids = [await buildChild(app, { schoolId: school.id, classId: klass.id }), await buildChild(app, { schoolId: school.id, classId: klass.id })];
    const gone = await buildChild(app, { schoolId: school.id, classId: klass.id });
    await app.ctx.db.updateTable('children').set({ status: 'left' }).where('id', '=', gone.id).execute();
    const version = (await c.get(`/api/classes?schoolId=${school.id}`)).json().items[0].version;
    const res = await c.patch(`/api/classes/${klass.id}`, { active: false, version });
    expect(res.statusCode).toBe(409);
    const text = `班级“${klass.name}”还有 2 名在册儿童，请先把他们调到其他班级，再停用该班级`;
    expect(res.json()).toMatchObject({ error: 'class_has_children', message: text, fields: [{ path: 'active', message: text }] });
    const en = await c.patch(`/api/classes/${klass.id}`, { active: false, version }, { 'accept-language': 'en-US' });
    expect(en.json().message).toBe(`Class “${klass.name}” still holds 2 active children; move them to another class first, then deactivate it`);
    expect((await c.get(`/api/classes?schoolId=${school.id}`)).json().items[0]).toMatchObject({ active: true, version });
    // Moved to another class (the child left school is not counted): now it can be deactivated.
    const other = await buildClass(app, { schoolId: school.id });
    await app.ctx.db
      .updateTable('children')
      .set({ class_id: other.id })
      .where(
        'id',
        'in',
        kids.map((k) => k.id),
      )
      .execute();
    const ok = await c.patch(`/api/classes/${klass.id}`, { active: false, version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().active).toBe(false);
  });
});

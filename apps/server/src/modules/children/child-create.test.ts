import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

describe('guardian age out of range', () => {
  it('is refused on create and edit with a localised 400 naming the field, never changed to fit', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const base = { name: '赵小雨', gender: 'female', birthDate: '2016-05-06', schoolId: school.id, classId: klass.id };
    const old = await t.post('/api/children', { ...base, guardianAge: 300 });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ error: 'validation_failed', fields: [{ path: 'guardianAge', message: '不能大于 110' }] });
    expect(old.json().message).toContain('监护人年龄');
    const young = await t.post('/api/children', { ...base, guardianAge: 5 }, { 'accept-language': 'en-US' });
    expect(young.statusCode).toBe(400);
    expect(young.json().fields).toEqual([{ path: 'guardianAge', message: 'Must be 14 or more' }]);
    expect(young.json().message).toContain("Guardian's age");
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toHaveLength(0);

    const child = await buildChild(app, { schoolId: school.id, classId: klass.id, guardianAge: 66 });
    const edit = await t.patch(`/api/children/${child.id}`, { guardianAge: 300, version: 1 });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().fields).toEqual([{ path: 'guardianAge', message: '不能大于 110' }]);
    const row = await app.ctx.db.selectFrom('children').select(['guardian_age', 'version']).where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ guardian_age: 66, version: 1 });
    // The edges are accepted as typed.
    expect((await t.patch(`/api/children/${child.id}`, { guardianAge: 110, version: 1 })).json().guardianAge).toBe(110);
  });
});

/** A county with two schools (the first with two classes) and a school of another county. */
async function county() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const other = await buildClass(app, { schoolId: s.school.id, name: '四年级2班' });
  const otherTeacher = await buildUser(app, 'class_teacher', other.id);
  const neighbour = await buildSchool(app, { regionId: s.county.id, name: '邻校小学' });
  const far = await buildSchool(app, { regionId: (await buildRegion(app, { level: 'county' })).id, name: '外县小学' });
  const admin = await buildUser(app, 'system_admin', null);
  return { ...s, other, otherTeacher, neighbour, far, admin };
}

const newChild = (schoolId: string, classId: string | null, extra: { name?: string; birthDate?: string; gender?: 'male' | 'female' } = {}) => ({
  name: '王小花',
  gender: 'female' as 'male' | 'female',
  birthDate: '2016-05-06',
  schoolId,
  classId,
  ...extra,
});

describe('a likely duplicate archive', () => {
  it('is refused with a 409 naming the other archive before anything is saved, and created once the caller confirms', async () => {
    const s = await county();
    const existing = await buildChild(app, { ...newChild(s.school.id, s.klass.id), idNumber: undefined });
    const leader = await app.as(s.leader.username);
    const audited = () => app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'child.create').execute();
    const auditedBefore = (await audited()).length;
    const res = await leader.post('/api/children', newChild(s.school.id, s.other.id));
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body).toMatchObject({ error: 'possible_duplicate', status: 409 });
    expect(body.message).toContain('尚未保存');
    expect(body.message).toContain(s.klass.name);
    // The fields that make it look the same are named, as any refusal names its fields.
    expect(body.fields.map((f: { path: string }) => f.path)).toEqual(['name', 'birthDate']);
    expect(body.duplicates).toEqual([
      expect.objectContaining({ code: 'possible_duplicate', childId: existing.id, schoolName: s.school.name, className: s.klass.name, sameSchool: true }),
    ]);
    expect(body.duplicates[0].message).toContain('同名');
    // Nothing was written: no archive, no history, no audit row.
    expect(await app.ctx.db.selectFrom('children').select('id').where('name', '=', '王小花').execute()).toHaveLength(1);
    expect(await audited()).toHaveLength(auditedBefore);
    // In English too.
    const en = await leader.post('/api/children', newChild(s.school.id, s.other.id), { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(409);
    expect(en.json().message).toMatch(/not been saved/);
    expect(en.json().duplicates[0].message).toMatch(/same name and birth date/);
    // Confirmed (a namesake born the same day): created, with the duplicates it was confirmed over.
    const confirmed = await leader.post('/api/children', { ...newChild(s.school.id, s.other.id), confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json()).toMatchObject({ name: '王小花', classId: s.other.id, version: 1 });
    expect(confirmed.json().warnings).toEqual([expect.objectContaining({ childId: existing.id })]);
    expect(confirmed.json()).not.toHaveProperty('confirmDuplicate');
    expect(await app.ctx.db.selectFrom('children').select('id').where('name', '=', '王小花').execute()).toHaveLength(2);
    // The audit log keeps that the warning was confirmed over, and how many archives it named.
    const row = await app.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'child.create')
      .where('entity_id', '=', confirmed.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.summary as string)).toEqual({ duplicatesConfirmed: 1 });
  });

  it('is refused too when the new archive has an ID number the other lacks or differs from', async () => {
    const s = await county();
    await buildChild(app, { ...newChild(s.school.id, s.klass.id), idNumber: undefined });
    await buildChild(app, {
      ...newChild(s.school.id, s.klass.id, { name: '张小军', gender: 'male', birthDate: '2016-03-04' }),
      idNumber: '110105201603040014',
    });
    const leader = await app.as(s.leader.username);
    const withId = await leader.post('/api/children', { ...newChild(s.school.id, s.other.id), idNumber: '110105201605060027' });
    expect(withId.statusCode).toBe(409);
    expect(withId.json().error).toBe('possible_duplicate');
    const otherId = await leader.post('/api/children', {
      ...newChild(s.school.id, s.other.id, { name: '张小军', gender: 'male', birthDate: '2016-03-04' }),
      idNumber: '110105201603040030',
    });
    expect(otherId.statusCode).toBe(409);
    // The same ID number stays a refusal that no confirmation overrides.
    const sameId = await leader.post('/api/children', {
      ...newChild(s.school.id, s.other.id, { name: '张小军', gender: 'male', birthDate: '2016-03-04' }),
      idNumber: '110105201603040014',
      confirmDuplicate: true,
    });
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().error).toBe('id_number_taken');
  });

  it('names neither school nor class of an archive the caller may not see', async () => {
    const s = await county();
    await buildChild(app, { ...newChild(s.school.id, s.klass.id), idNumber: undefined });
    await buildChild(app, { ...newChild(s.neighbour.id, null, { name: '李明', birthDate: '2015-01-02', gender: 'male' }), idNumber: undefined });
    // Another class of the same school: the class teacher of 四年级2班 does not see the first class.
    const t = await app.as(s.otherTeacher.username);
    const same = await t.post('/api/children', newChild(s.school.id, s.other.id));
    expect(same.statusCode).toBe(409);
    expect(same.json().duplicates).toEqual([
      expect.objectContaining({ code: 'possible_duplicate', childId: null, schoolName: null, className: null, sameSchool: true }),
    ]);
    expect(JSON.stringify(same.json())).not.toContain(s.klass.name);
    // Another school of the county: said so, without its name.
    const leader = await app.as(s.leader.username);
    const other = await leader.post('/api/children', newChild(s.school.id, s.klass.id, { name: '李明', birthDate: '2015-01-02', gender: 'male' }));
    expect(other.statusCode).toBe(409);
    expect(other.json().duplicates).toEqual([expect.objectContaining({ childId: null, schoolName: null, className: null, sameSchool: false })]);
    expect(JSON.stringify(other.json())).not.toContain('邻校小学');
    // An administrator sees every archive, so is told where it is.
    const admin = await app.as(s.admin.username);
    const again = (await admin.post('/api/children', newChild(s.school.id, null, { name: '李明', birthDate: '2015-01-02', gender: 'male' }))).json();
    expect(again.duplicates.map((w: { schoolName: string }) => w.schoolName)).toEqual(['邻校小学']);
  });

  it('says nothing of another county, another birth date or another name', async () => {
    const s = await county();
    await buildChild(app, { ...newChild(s.far.id, null), idNumber: undefined });
    await buildChild(app, { ...newChild(s.school.id, s.klass.id, { birthDate: '2016-05-07' }), idNumber: undefined });
    await buildChild(app, { ...newChild(s.school.id, s.klass.id, { name: '王小华' }), idNumber: undefined });
    const leader = await app.as(s.leader.username);
    const res = await leader.post('/api/children', newChild(s.school.id, s.klass.id));
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([]);
  });
});

describe('phone numbers as people write them', () => {
  it('stores a mobile typed with spaces, dashes or +86 as its 11 digits, on create and edit, and keeps a landline', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const res = await t.post('/api/children', {
      ...newChild(school.id, klass.id),
      guardianPhone: '139 1234 5678',
      fatherPhone: '139-8765-4321',
      motherPhone: '+86 13987654320',
      hostPhone: '0838-6601234-12',
    });
    expect(res.statusCode).toBe(201);
    const row = await app.ctx.db
      .selectFrom('children')
      .select(['guardian_phone', 'father_phone', 'mother_phone', 'host_phone'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ guardian_phone: '13912345678', father_phone: '13987654321', mother_phone: '13987654320', host_phone: '0838-6601234-12' });
    // An edit that only writes the same number differently changes nothing.
    const same = await t.patch(`/api/children/${res.json().id}`, { guardianPhone: '0086 139-1234-5678', version: 1 });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ guardianPhone: '13912345678', version: 1 });
    const edit = await t.patch(`/api/children/${res.json().id}`, { guardianPhone: '+86 138 0013 8000', version: 1 });
    expect(edit.json()).toMatchObject({ guardianPhone: '13800138000', version: 2 });
    // A number that is still wrong is named, in both languages.
    const bad = await t.patch(`/api/children/${res.json().id}`, { guardianPhone: '139 1234 567', version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([{ path: 'guardianPhone', message: '请输入正确的手机号或带区号的固定电话' }]);
    const en = await t.patch(`/api/children/${res.json().id}`, { guardianPhone: '+1 415 555 0100', version: 2 }, { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(400);
    expect(en.json().fields[0].path).toBe('guardianPhone');
    expect(en.json().message).toContain("Guardian's phone");
  });

  it('stores a staff member’s mobile the same way', async () => {
    app = await buildTestApp({ clock });
    const { leader, school } = await buildSchoolWithStaff(app);
    const c = await app.as(leader.username);
    const res = await c.post('/api/users', {
      username: 'wangwu',
      name: '王五',
      phone: '+86 139-1234-5678',
      password: 'Start1234',
      roles: [{ role: 'mentor', scopeId: school.id }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().phone).toBe('13912345678');
    const edit = await c.patch(`/api/users/${res.json().id}`, { phone: '137 1234 5678', version: res.json().version });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().phone).toBe('13712345678');
  });
});

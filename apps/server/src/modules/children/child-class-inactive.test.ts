import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

// A deactivated class (停用) holds no active child: deactivating one with children is refused
// (org.test.ts), and no archive is put into one afterwards, by any path.

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

const ZH = '该班级已停用，请选择其他班级';
const EN = 'This class has been deactivated; choose another class';

async function deactivate(c: Client, classId: string, schoolId: string) {
  const version = (await c.get(`/api/classes?schoolId=${schoolId}`)).json().items.find((k: { id: string }) => k.id === classId).version;
  return c.patch(`/api/classes/${classId}`, { active: false, version });
}

async function setUp() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const closed = await buildClass(app, { schoolId: s.school.id, name: '停用班' });
  const leader = await app.as(s.leader.username);
  expect((await deactivate(leader, closed.id, s.school.id)).statusCode).toBe(200);
  return { ...s, closed, leader };
}

const classOf = async (id: string) => await app.ctx.db.selectFrom('children').select(['class_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

describe('a deactivated class', () => {
  it('takes no new archive: 409 naming classId, in both languages, nothing written', async () => {
    const s = await setUp();
    const body = { name: '王小花', gender: 'female', birthDate: '2016-05-06', schoolId: s.school.id, classId: s.closed.id };
    const res = await s.leader.post('/api/children', body);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'class_inactive', message: ZH, fields: [{ path: 'classId', message: ZH }] });
    const en = await s.leader.post('/api/children', body, { 'accept-language': 'en-US' });
    expect(en.json()).toMatchObject({ error: 'class_inactive', message: EN, fields: [{ path: 'classId', message: EN }] });
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toEqual([]);
    // An active class of the school still does.
    expect((await s.leader.post('/api/children', { ...body, classId: s.klass.id })).statusCode).toBe(201);
  });

  it('takes no child moved into it by an edit; other edits of the child go on', async () => {
    const s = await setUp();
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const res = await s.leader.patch(`/api/children/${child.id}`, { classId: s.closed.id, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'class_inactive', fields: [{ path: 'classId', message: ZH }] });
    expect(await classOf(child.id)).toEqual({ class_id: s.klass.id, version: 1 });
    expect((await s.leader.patch(`/api/children/${child.id}`, { remarks: '还在原班', version: 1 })).statusCode).toBe(200);
  });

  it('takes no child transferred into it from another school', async () => {
    const s = await setUp();
    const from = await buildSchool(app, { regionId: s.county.id });
    const child = await buildChild(app, { schoolId: from.id });
    const bureau = await app.as(s.bureau.username);
    const res = await bureau.post(`/api/children/${child.id}/transfer`, { schoolId: s.school.id, classId: s.closed.id, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'class_inactive', fields: [{ path: 'classId', message: ZH }] });
    const row = await app.ctx.db.selectFrom('children').select(['school_id', 'class_id']).where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ school_id: from.id, class_id: null });
    expect((await bureau.post(`/api/children/${child.id}/transfer`, { schoolId: s.school.id, classId: s.klass.id, version: 1 })).statusCode).toBe(204);
  });

  it('is not deactivated under a child being put into it, nor takes a child while being deactivated', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const body = { name: '王小花', gender: 'female', birthDate: '2016-05-06', schoolId: s.school.id };
    // The deactivation comes while the child is being written: it waits, then counts the child.
    const first = await buildClass(app, { schoolId: s.school.id });
    const closing = duringNextTransaction(app, () => deactivate(leader, first.id, s.school.id));
    expect((await leader.post('/api/children', { ...body, classId: first.id })).statusCode).toBe(201);
    expect((await closing()).json()).toMatchObject({ error: 'class_has_children' });
    // The child comes while the class is being deactivated: it waits, then finds the class closed.
    const second = await buildClass(app, { schoolId: s.school.id });
    const version = (await leader.get(`/api/classes?schoolId=${s.school.id}`)).json().items.find((k: { id: string }) => k.id === second.id).version;
    const adding = duringNextTransaction(app, () => leader.post('/api/children', { ...body, name: '李小草', classId: second.id }));
    expect((await leader.patch(`/api/classes/${second.id}`, { active: false, version })).statusCode).toBe(200);
    expect((await adding()).json()).toMatchObject({ error: 'class_inactive' });
    expect(await app.ctx.db.selectFrom('children').select('id').where('class_id', '=', second.id).execute()).toEqual([]);
  });
});

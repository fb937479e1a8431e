import { migrations } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

type ClassView = { id: string; headTeacherId: string | null; headTeacherName: string | null; version: number };

async function setUp() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  // A class of its own, no head teacher yet: the 班级 page's 编辑 was never used for it.
  const klass = await buildClass(app, { schoolId: s.school.id, grade: 2, name: '二年级1班' });
  const leader = await app.as(s.leader.username);
  const classOf = async (id = klass.id): Promise<ClassView> =>
    (await leader.get(`/api/classes?schoolId=${s.school.id}`)).json().items.find((c: ClassView) => c.id === id);
  return { ...s, leaderUser: s.leader, klass2: klass, leader, classOf };
}

const classAudits = (classId: string) =>
  app.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'summary', 'user_id', 'school_id'])
    .where('entity', '=', 'class')
    .where('entity_id', '=', classId)
    .where('action', '=', 'class.update')
    // Those of people: the factory's teacher became the first class's head teacher as the system.
    .where('user_id', 'is not', null)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, summary: JSON.parse(r.summary ?? 'null') })));

async function rolesOf(c: Client, userId: string): Promise<string[]> {
  return (await c.get(`/api/users/${userId}`)).json().roles.map((r: { role: string; scopeId: string }) => `${r.role}:${r.scopeId}`);
}

describe('the class-teacher role given in the user form and the class’s head teacher agree', () => {
  it('a new user made class teacher of a class without one becomes its head teacher: the contact cards and the audit log name them', async () => {
    const s = await setUp();
    const res = await s.leader.post('/api/users', {
      username: 'wangli',
      name: '王丽',
      phone: '13712345678',
      password: 'Start1234',
      roles: [{ role: 'class_teacher', scopeId: s.klass2.id }],
    });
    expect(res.statusCode).toBe(201);
    const wang = res.json();
    expect(await s.classOf()).toMatchObject({ headTeacherId: wang.id, headTeacherName: '王丽', version: 2 });
    expect(await classAudits(s.klass2.id)).toEqual([
      { action: 'class.update', summary: { head_teacher_id: [null, wang.id] }, user_id: s.leaderUser.id, school_id: s.school.id },
    ]);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass2.id });
    const card = (await s.leader.get(`/api/children/print?ids=${child.id}`)).json().items[0];
    expect(card.classTeacher).toEqual({ name: '王丽', phone: '13712345678' });
  });

  it('a role added in 编辑用户 sets an empty head teacher, and leaves another one in place (the user then only sees the class)', async () => {
    const s = await setUp();
    const mentor = await buildUser(app, 'mentor', s.school.id, { name: '李老师' });
    const res = await s.leader.patch(`/api/users/${mentor.id}`, {
      roles: [
        { role: 'mentor', scopeId: s.school.id },
        { role: 'class_teacher', scopeId: s.klass2.id },
        // The school's first class has its head teacher already (the factory's teacher).
        { role: 'class_teacher', scopeId: s.klass.id },
      ],
      version: mentor.version,
    });
    expect(res.statusCode).toBe(200);
    expect(await s.classOf()).toMatchObject({ headTeacherId: mentor.id, headTeacherName: '李老师' });
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: s.teacher.id });
    expect(await classAudits(s.klass.id)).toEqual([]);
    expect(await rolesOf(s.leader, mentor.id)).toEqual([`mentor:${s.school.id}`, `class_teacher:${s.klass2.id}`, `class_teacher:${s.klass.id}`]);
    // Saved again unchanged: nothing moves.
    const again = await s.leader.patch(`/api/users/${mentor.id}`, { name: '李老师', version: res.json().version });
    expect(again.statusCode).toBe(200);
    expect((await classAudits(s.klass2.id)).length).toBe(1);
  });

  it('the role taken from the head teacher clears the head teacher, audited; a co-teacher losing it changes nothing', async () => {
    const s = await setUp();
    const t = (await s.leader.get(`/api/users/${s.teacher.id}`)).json();
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: s.teacher.id });
    const before = (await s.classOf(s.klass.id)).version;
    const res = await s.leader.patch(`/api/users/${s.teacher.id}`, { roles: [{ role: 'mentor', scopeId: s.school.id }], version: t.version });
    expect(res.statusCode).toBe(200);
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: null, headTeacherName: null, version: before + 1 });
    expect((await classAudits(s.klass.id)).at(-1)).toEqual({
      action: 'class.update',
      summary: { head_teacher_id: [s.teacher.id, null] },
      user_id: s.leaderUser.id,
      school_id: s.school.id,
    });
  });

  it('a deactivated head teacher is no class’s head teacher any more (as a mentor’s pairings end), and reactivating restores nothing', async () => {
    const s = await setUp();
    const t = (await s.leader.get(`/api/users/${s.teacher.id}`)).json();
    const off = await s.leader.patch(`/api/users/${s.teacher.id}`, { active: false, version: t.version });
    expect(off.statusCode).toBe(200);
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: null });
    expect((await classAudits(s.klass.id)).at(-1)?.summary).toEqual({ head_teacher_id: [s.teacher.id, null] });
    // The role stays with the account, as a mentor's role does; only the head teacher is cleared.
    expect(await rolesOf(s.leader, s.teacher.id)).toEqual([`class_teacher:${s.klass.id}`]);
    const on = await s.leader.patch(`/api/users/${s.teacher.id}`, { active: true, version: off.json().version });
    expect(on.statusCode).toBe(200);
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: null });
  });

  it('changes nothing when a later step of the change fails', async () => {
    const s = await setUp();
    const { audit } = app.services;
    const record = audit.record.bind(audit);
    audit.record = (async (tx, auth, entry) => {
      if (entry.action === 'user.update') throw new Error('audit failed');
      return record(tx, auth, entry);
    }) as typeof audit.record;
    const t = (await s.leader.get(`/api/users/${s.teacher.id}`)).json();
    expect((await s.leader.patch(`/api/users/${s.teacher.id}`, { active: false, version: t.version })).statusCode).toBe(500);
    audit.record = record;
    expect(await s.classOf(s.klass.id)).toMatchObject({ headTeacherId: s.teacher.id });
    expect(await classAudits(s.klass.id)).toEqual([]);
  });

  it('naming a head teacher in the class form still gives the role (and takes it from the previous one)', async () => {
    const s = await setUp();
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const res = await s.leader.patch(`/api/classes/${s.klass2.id}`, { headTeacherId: mentor.id, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(await rolesOf(s.leader, mentor.id)).toEqual([`mentor:${s.school.id}`, `class_teacher:${s.klass2.id}`]);
  });
});

describe('a deactivated account as head teacher', () => {
  it('is refused on the class form with 422 on headTeacherId, in Chinese and English', async () => {
    const s = await setUp();
    const gone = await buildUser(app, 'mentor', s.school.id, { name: '已离职' });
    expect((await s.leader.patch(`/api/users/${gone.id}`, { active: false, version: gone.version })).statusCode).toBe(200);
    const create = { schoolId: s.school.id, grade: 3, name: '三年级1班', pupilCount: 40, headTeacherId: gone.id };
    for (const res of [
      await s.leader.post('/api/classes', create),
      await s.leader.patch(`/api/classes/${s.klass2.id}`, { headTeacherId: gone.id, version: 1 }),
    ]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'headTeacherId', message: '该账号已停用，不能担任班主任' }]);
    }
    const en = await s.leader.patch(`/api/classes/${s.klass2.id}`, { headTeacherId: gone.id, version: 1 }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([{ path: 'headTeacherId', message: 'This account is deactivated and cannot be a class teacher' }]);
    expect(await s.classOf()).toMatchObject({ headTeacherId: null, version: 1 });
    expect(await rolesOf(s.leader, gone.id)).toEqual([`mentor:${s.school.id}`]);
  });

  it('is not made head teacher by a class-teacher role given to the deactivated account', async () => {
    const s = await setUp();
    const gone = await buildUser(app, 'mentor', s.school.id);
    const off = (await s.leader.patch(`/api/users/${gone.id}`, { active: false, version: gone.version })).json();
    const res = await s.leader.patch(`/api/users/${gone.id}`, { roles: [{ role: 'class_teacher', scopeId: s.klass2.id }], version: off.version });
    expect(res.statusCode).toBe(200);
    expect(await s.classOf()).toMatchObject({ headTeacherId: null });
  });

  it('a class saved with its earlier (now deactivated) head teacher unchanged is not refused for it', async () => {
    const s = await setUp();
    // Data of an earlier release: the head teacher's account deactivated, the class still naming it.
    await app.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', s.teacher.id).execute();
    const res = await s.leader.patch(`/api/classes/${s.klass.id}`, {
      headTeacherId: s.teacher.id,
      pupilCount: 41,
      version: (await s.classOf(s.klass.id)).version,
    });
    expect(res.statusCode).toBe(200);
  });

  it('a deactivation and a class naming that user at once: whichever commits first, no class keeps a deactivated head teacher', async () => {
    const s = await setUp();
    const mentor = await buildUser(app, 'mentor', s.school.id);
    const setActive = async (active: boolean) => {
      const user = (await s.leader.get(`/api/users/${mentor.id}`)).json();
      return () => s.leader.patch(`/api/users/${mentor.id}`, { active, version: user.version });
    };
    const name = async () => {
      const v = (await s.classOf()).version;
      return () => s.leader.patch(`/api/classes/${s.klass2.id}`, { headTeacherId: mentor.id, version: v });
    };
    // The deactivation first: the class waits for it, then finds the account deactivated.
    const deactivate = await setActive(false);
    const named = duringNextTransaction(app, await name());
    expect((await deactivate()).statusCode).toBe(200);
    expect((await named()).statusCode).toBe(422);
    expect(await s.classOf()).toMatchObject({ headTeacherId: null });

    // The class first: the deactivation waits for it, then clears it.
    expect((await (await setActive(true))()).statusCode).toBe(200);
    const deactivated = duringNextTransaction(app, await setActive(false));
    expect((await (await name())()).statusCode).toBe(200);
    expect((await deactivated()).statusCode).toBe(200);
    expect(await s.classOf()).toMatchObject({ headTeacherId: null });
  });
});

describe('migration 20261211T0910: head teachers and class-teacher roles that earlier releases let part', () => {
  it('clears a deactivated or role-less head teacher, gives a class without one its earliest active class teacher, and leaves the rest', async () => {
    const s = await setUp();
    const db = app.ctx.db;
    const gone = await buildClass(app, { schoolId: s.school.id, grade: 2, name: '二年级2班' });
    const roleless = await buildClass(app, { schoolId: s.school.id, grade: 2, name: '二年级3班' });
    const kept = await buildClass(app, { schoolId: s.school.id, grade: 2, name: '二年级4班' });
    const users = [];
    for (const name of ['停用的', '没角色的', '先来的停用', '先来的', '后来的', '照旧的']) users.push(await buildUser(app, 'mentor', s.school.id, { name }));
    const [inactive, noRole, earlyInactive, early, late, stays] = users.map((u) => u.id) as string[];
    // The data as earlier versions left it, written directly: heads and roles apart.
    const role = (userId: string, classId: string, at: string) =>
      db
        .insertInto('role_assignments')
        .values({
          id: `${userId.slice(0, 30)}-${classId.slice(-8)}`,
          user_id: userId,
          role: 'class_teacher',
          scope_kind: 'class',
          scope_id: classId,
          school_id: s.school.id,
          region_path: null,
          created_at: at,
        })
        .execute();
    const head = (classId: string, userId: string | null) => db.updateTable('classes').set({ head_teacher_id: userId }).where('id', '=', classId).execute();
    await role(inactive as string, gone.id, '2026-09-01T00:00:00.000Z');
    await head(gone.id, inactive as string);
    await db
      .updateTable('users')
      .set({ active: 0 })
      .where('id', '=', inactive as string)
      .execute();
    await head(roleless.id, noRole as string);
    await role(earlyInactive as string, s.klass2.id, '2026-09-01T00:00:00.000Z');
    await db
      .updateTable('users')
      .set({ active: 0 })
      .where('id', '=', earlyInactive as string)
      .execute();
    await role(late as string, s.klass2.id, '2026-09-03T00:00:00.000Z');
    await role(early as string, s.klass2.id, '2026-09-02T00:00:00.000Z');
    await role(stays as string, kept.id, '2026-09-01T00:00:00.000Z');
    await head(kept.id, stays as string);
    const versions = new Map((await db.selectFrom('classes').select(['id', 'version']).execute()).map((c) => [c.id, c.version]));

    await migrations['20261211T0910-head-teachers-agree']?.up(db, app.ctx.dialect);
    const after = new Map((await db.selectFrom('classes').select(['id', 'head_teacher_id', 'version']).execute()).map((c) => [c.id, c]));
    const changed = (id: string, head: string | null) => expect(after.get(id)).toEqual({ id, head_teacher_id: head, version: (versions.get(id) ?? 0) + 1 });
    changed(gone.id, null);
    changed(roleless.id, null);
    changed(s.klass2.id, early as string);
    expect(after.get(kept.id)).toEqual({ id: kept.id, head_teacher_id: stays, version: versions.get(kept.id) });
    expect(after.get(s.klass.id)).toMatchObject({ head_teacher_id: s.teacher.id, version: versions.get(s.klass.id) });
    const audits = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary', 'username', 'school_id'])
      .where('action', '=', 'class.update')
      .where('user_id', 'is', null)
      .execute();
    const bySystem = audits.filter((a) => a.entity_id !== s.klass.id).map((a) => [a.entity_id, JSON.parse(a.summary ?? '{}'), a.username, a.school_id]);
    expect(bySystem.sort()).toEqual(
      [
        [gone.id, { head_teacher_id: [inactive, null] }, 'system', s.school.id],
        [roleless.id, { head_teacher_id: [noRole, null] }, 'system', s.school.id],
        [s.klass2.id, { head_teacher_id: [null, early] }, 'system', s.school.id],
      ].sort(),
    );
  });
});

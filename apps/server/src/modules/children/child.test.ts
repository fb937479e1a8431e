import { makeIdNumber } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());

const clock = () => new Date('2026-11-20T02:00:00Z');

describe('child archives: create, view, edit', () => {
  it('creates an archive with derived flags and answers the full view with an audit row', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const res = await t.post('/api/children', {
      name: '张小明',
      gender: 'male',
      birthDate: '2016-03-04',
      idNumber: makeIdNumber('530102', '2016-03-04', 7, 'male'),
      schoolId: school.id,
      classId: klass.id,
      address: '石桥村 3 组',
      fatherStatus: 'away',
      fatherWorkProvince: '广东省',
      fatherWorkCity: '东莞市',
      fatherPhone: '13912345678',
      motherStatus: 'away',
      motherWorkProvince: '浙江省',
      motherWorkCity: '宁波市',
      motherPhone: '13712345678',
      guardianRelation: 'paternal_grandparents',
      guardianName: '张奶奶',
      guardianAddress: '石桥村 3 组',
      guardianPhone: '13800138000',
      hukouRural: true,
      studyLevel: 'good',
      psychologyLevel: 'attention',
      safetyLevel: 'good',
      conductLevel: 'good',
      lifeLevel: 'fair',
      incomeSources: ['migrant_work', 'farming'],
      assistance: ['dibao'],
    });
    expect(res.statusCode).toBe(201);
    const child = res.json();
    expect(child.derived).toMatchObject({ age: 10, ageBand: '6-13', leftBehindType: 'both', xuejiCode: 2, narrow: true, difficulty: ['poverty'] });
    expect(child.derived.threeClear).toEqual({ child: true, parents: true, guardian: true, complete: true });
    expect(child.incomeSources).toEqual(['migrant_work', 'farming']);
    expect(child.revealed).toEqual({ idNumbers: true, phones: true });
    const view = await t.get(`/api/children/${child.id}`);
    expect(view.statusCode).toBe(200);
    const audit = await app.ctx.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', child.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['child.create', 'child.view']);
  });

  it('rejects an ID number whose birth date or gender disagrees, naming the field in Chinese', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const res = await t.post('/api/children', {
      name: '李四',
      gender: 'female',
      birthDate: '2016-03-05',
      idNumber: makeIdNumber('530102', '2016-03-04', 7, 'male'),
      schoolId: school.id,
      classId: klass.id,
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.fields.map((f: { path: string }) => f.path)).toEqual(['idNumber', 'idNumber']);
    expect(body.message).toContain('公民身份号码');
    expect(body.fields[0].message).toContain('2016-03-04');
    const bad = await t.post('/api/children', { name: '', gender: 'x', birthDate: '2016-02-30', idNumber: '123', guardianPhone: '12', schoolId: school.id });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'gender', 'birthDate', 'idNumber', 'guardianPhone']));
    expect(bad.json().message).toContain('姓名');
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toHaveLength(0);
  });

  it('keeps history of every change and answers a stale save with 409', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: school.id, classId: klass.id });
    const t = await app.as(teacher.username);
    const ok = await t.patch(`/api/children/${child.id}`, { guardianName: '张爷爷', guardianRelation: 'paternal_grandparents', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ guardianName: '张爷爷', version: 2 });
    // One archive per child: the ID number of another archive is refused, naming the field.
    const other = await buildChild(app, { schoolId: school.id, classId: klass.id });
    const taken = await t.post('/api/children', {
      name: '重复',
      gender: 'male',
      birthDate: '2016-01-01',
      schoolId: school.id,
      classId: klass.id,
      idNumber: undefined,
    });
    expect(taken.statusCode).toBe(201);
    const dupId = (await app.ctx.db.selectFrom('children').select('id_number').where('id', '=', other.id).executeTakeFirstOrThrow()).id_number;
    const dup = await t.patch(`/api/children/${child.id}`, { idNumber: dupId, birthDate: other.birthDate, gender: other.gender, version: 2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'id_number_taken', fields: [{ path: 'idNumber' }] });
    const stale = await t.patch(`/api/children/${child.id}`, { guardianName: '李外婆', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version_conflict' });
    const history = (await t.get(`/api/children/${child.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'update', changes: [{ field: 'guardianName', old: '王奶奶', new: '张爷爷' }] });
    expect(history[1].action).toBe('create');
    // Its old and new values are a view of the archive, audited as one.
    const viewed = await app.ctx.db.selectFrom('audit_log').select(['entity', 'entity_id']).where('action', '=', 'child.history').execute();
    expect(viewed).toEqual([{ entity: 'child', entity_id: child.id }]);
    // History names the class, not its id.
    expect(history[1].changes.find((c: { field: string }) => c.field === 'classId').new).toBe(klass.name);
    // Changing parents' status re-derives the flags.
    const back = await t.patch(`/api/children/${child.id}`, { fatherStatus: 'home', version: 2 });
    expect(back.json().derived).toMatchObject({ leftBehindType: 'mother', xuejiCode: 1, narrow: false });
  });

  it('moves to "no longer left-behind", refuses edits then, and restores', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: school.id, classId: klass.id });
    const t = await app.as(teacher.username);
    const r = await t.post(`/api/children/${child.id}/status`, { status: 'returned', note: '父母返乡', version: 1 });
    expect(r.json()).toMatchObject({ status: 'returned', statusNote: '父母返乡' });
    expect((await t.patch(`/api/children/${child.id}`, { guardianName: 'x', version: 2 })).statusCode).toBe(409);
    expect((await t.get('/api/children')).json().items).toHaveLength(0);
    expect((await t.get('/api/children?status=returned')).json().items).toHaveLength(1);
    expect((await t.post(`/api/children/${child.id}/status`, { status: 'active', version: 2 })).json().status).toBe('active');
  });
});

describe('child archives: scope and masking', () => {
  it('shows a class teacher only its class, and 404 for other classes and schools', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const other = await buildClass(app, { schoolId: a.school.id });
    const mine = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    const sameSchool = await buildChild(app, { schoolId: a.school.id, classId: other.id });
    const otherSchool = await buildChild(app, { schoolId: b.school.id, classId: b.klass.id });
    const t = await app.as(a.teacher.username);
    expect((await t.get('/api/children')).json().items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    for (const c of [sameSchool, otherSchool]) {
      expect((await t.get(`/api/children/${c.id}`)).statusCode).toBe(404);
      expect((await t.get(`/api/children/${c.id}/history`)).statusCode).toBe(404);
      expect((await t.patch(`/api/children/${c.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    }
    // It cannot create a child in another class, nor move its child out of its classes.
    expect(
      (await t.post('/api/children', { name: '新生', gender: 'male', birthDate: '2016-01-01', schoolId: a.school.id, classId: other.id })).statusCode,
    ).toBe(403);
    expect((await t.patch(`/api/children/${mine.id}`, { classId: other.id, version: 1 })).statusCode).toBe(403);
    // The leader sees both children of its school, the bureau all three in its counties.
    const leader = await app.as(a.leader.username);
    expect((await leader.get('/api/children')).json().items).toHaveLength(2);
    const bureau = await app.as(a.bureau.username);
    const seen = (await bureau.get('/api/children')).json().items;
    expect(seen).toHaveLength(2);
    expect((await bureau.patch(`/api/children/${mine.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
    // Without a class, it is told to choose one (its own), on the class field.
    const noClass = await t.post('/api/children', { name: '新生', gender: 'male', birthDate: '2016-01-01', schoolId: a.school.id });
    expect(noClass.statusCode).toBe(422);
    expect(noClass.json()).toMatchObject({ error: 'class_required', fields: [{ path: 'classId', message: expect.stringContaining('请选择班级') }] });
    expect(
      (await t.post('/api/children', { name: '新生', gender: 'male', birthDate: '2016-01-01', schoolId: a.school.id, classId: a.klass.id })).statusCode,
    ).toBe(201);
  });

  it('sees no child as a mentor or volunteer without pairings', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    for (const role of ['mentor', 'volunteer'] as const) {
      const u = await buildUser(app, role, a.school.id);
      const c = await app.as(u.username);
      expect((await c.get('/api/children')).json().items).toHaveLength(0);
      expect((await c.get(`/api/children/${child.id}`)).statusCode).toBe(404);
    }
  });

  it('masks ID numbers and phones in lists for every role, and phones in the full view for roles that do not call families', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    const t = await app.as(a.teacher.username);
    const item = (await t.get('/api/children')).json().items[0];
    expect(item.idNumber).toMatch(/^530\*+\d{3}[\dX]$/);
    // A list masks the phone even for the class teacher, who calls families: the full view and the audited reveal show it.
    expect(item.guardianPhone).toBe('138****8000');
    const bureau = await app.as(a.bureau.username);
    const b = (await bureau.get('/api/children')).json().items[0];
    expect(b.guardianPhone).toBe('138****8000');
    // The bureau opens a child's details only with a reason, which the audit log keeps.
    const refused = await bureau.get(`/api/children/${child.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'view_reason_required', fields: [{ path: 'reason', message: expect.stringContaining('查看事由') }] });
    for (const path of ['history', 'timeline']) expect((await bureau.get(`/api/children/${child.id}/${path}`)).statusCode, path).toBe(403);
    expect((await bureau.get(`/api/children/print?ids=${child.id}`)).statusCode).toBe(403);
    expect((await bureau.post(`/api/children/${child.id}/view-reason`, { reason: '' })).json().fields[0].path).toBe('reason');
    expect((await bureau.post(`/api/children/${child.id}/view-reason`, { reason: '核查监护人反映的情况' })).statusCode).toBe(204);
    const full = (await bureau.get(`/api/children/${child.id}`)).json();
    for (const path of ['history', 'timeline']) expect((await bureau.get(`/api/children/${child.id}/${path}`)).statusCode, path).toBe(200);
    const logged = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', child.id)
      .where('username', '=', a.bureau.username)
      .execute();
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['child.view_reason', 'child.view']));
    expect(logged.find((l) => l.action === 'child.view_reason')?.summary).toBe(JSON.stringify({ reason: '核查监护人反映的情况' }));
    // The school's own staff need none.
    expect((await (await app.as(a.leader.username)).get(`/api/children/${child.id}`)).statusCode).toBe(200);
    expect(full.idNumber).toContain('*');
    expect(full.guardianPhone).toBe('138****8000');
    expect(full.revealed).toEqual({ idNumbers: false, phones: false });
    expect(full.canEdit).toBe(false);
  });
});

describe('transfer and erasure', () => {
  it('moves a child to another school of the county with its history; the old school loses access', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const { buildSchool } = await import('../../test/index.ts');
    const target = await buildSchool(app, { regionId: a.county.id, name: '新学校' });
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    const leader = await app.as(a.leader.username);
    const targets = (await leader.get(`/api/children/${child.id}/transfer-targets`)).json();
    expect(targets.map((s: { name: string }) => s.name)).toEqual(['新学校']);
    expect((await leader.post(`/api/children/${child.id}/transfer`, { schoolId: target.id, note: '随父母迁居', version: 1 })).statusCode).toBe(204);
    expect((await leader.get(`/api/children/${child.id}`)).statusCode).toBe(404);
    const newLeader = await buildUser(app, 'school_leader', target.id);
    const nl = await app.as(newLeader.username);
    const got = (await nl.get(`/api/children/${child.id}`)).json();
    expect(got.schoolName).toBe('新学校');
    const history = (await nl.get(`/api/children/${child.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['transfer', 'create']);
  });

  it("records the class the child joins in the new school in the transfer's history", async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const { buildSchool } = await import('../../test/index.ts');
    const target = await buildSchool(app, { regionId: a.county.id, name: '新学校' });
    const joins = await buildClass(app, { schoolId: target.id, name: '三年级2班', grade: 3 });
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    const leader = await app.as(a.leader.username);
    const moved = await leader.post(`/api/children/${child.id}/transfer`, { schoolId: target.id, classId: joins.id, version: 1 });
    expect(moved.statusCode).toBe(204);
    const nl = await app.as((await buildUser(app, 'school_leader', target.id)).username);
    const [transfer] = (await nl.get(`/api/children/${child.id}/history`)).json().items as { changes: { field: string; old: unknown; new: unknown }[] }[];
    expect(transfer?.changes).toContainEqual({ field: 'classId', old: a.klass.name, new: '三年级2班' });
  });

  it("ends the child's pairings when it is transferred or leaves, and the old school's mentor no longer sees it", async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const { buildSchool } = await import('../../test/index.ts');
    const target = await buildSchool(app, { regionId: a.county.id, name: '新学校' });
    const moving = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '转走的' });
    const leaving = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '离校的' });
    const staying = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '留下的' });
    const mentor = await buildUser(app, 'mentor', a.school.id);
    const leader = await app.as(a.leader.username);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [moving.id, leaving.id, staying.id] })).statusCode).toBe(201);
    const m = await app.as(mentor.username);
    expect((await m.get('/api/mentoring/mine')).json().items).toHaveLength(3);

    expect((await leader.post(`/api/children/${moving.id}/transfer`, { schoolId: target.id, version: 1 })).statusCode).toBe(204);
    expect((await leader.post(`/api/children/${leaving.id}/status`, { status: 'left', version: 1 })).statusCode).toBe(200);

    // The mentor keeps only the child still in the school: no archive, no guardian's phone of the others.
    expect((await m.get(`/api/children/${moving.id}`)).statusCode).toBe(404);
    expect((await m.get('/api/mentoring/mine')).json().items.map((c: { name: string }) => c.name)).toEqual(['留下的']);
    // Their pairings ended today, each with why, audited; the mentor's load counts one child.
    const pairings = await app.ctx.db.selectFrom('pairings').select(['child_id', 'end_date', 'end_reason']).orderBy('child_id').execute();
    const byChild = new Map(pairings.map((p) => [p.child_id, p]));
    expect(byChild.get(moving.id)).toMatchObject({ end_date: '2026-11-20', end_reason: 'child_transferred' });
    expect(byChild.get(leaving.id)).toMatchObject({ end_date: '2026-11-20', end_reason: 'child_inactive' });
    expect(byChild.get(staying.id)).toMatchObject({ end_date: null, end_reason: null });
    const audit = await app.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'pairing.end').execute();
    expect(audit.map((r) => JSON.parse(r.summary as string).reason).sort()).toEqual(['child_inactive', 'child_transferred']);
    const overview = (await leader.get(`/api/pairings/overview?schoolId=${a.school.id}`)).json();
    expect(overview.mentors.find((x: { id: string }) => x.id === mentor.id)).toMatchObject({ count: 1 });
  });

  it('erases on request only by an administrator, removing the personal data', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '要删除' });
    const leader = await app.as(a.leader.username);
    const incident = await leader.post('/api/incidents', {
      childIds: [child.id],
      kind: 'injury',
      severity: 'minor',
      occurredAt: '2026-11-01T01:00:00.000Z',
      description: '要删除在操场摔倒',
    });
    expect(incident.statusCode).toBe(201);
    // A mentor's notice about the child (the notifier's overdue message names it); another child's stays.
    const other = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '留下的' });
    for (const [c, key] of [
      [child, 'a'],
      [other, 'b'],
    ] as const)
      await app.services.notifications.notify(
        a.leader.id,
        a.school.id,
        'overdue',
        `overdue|${key}`,
        'notifications.overdue',
        { child: c.name ?? '', rule: '每月谈心', end: '2026-11-30' },
        `/children/${c.id}`,
      );
    expect((await leader.delete(`/api/children/${child.id}`, { reason: '监护人申请删除' })).statusCode).toBe(403);
    const admin = await buildUser(app, 'system_admin', null);
    const c = await app.as(admin.username);
    expect((await c.delete(`/api/children/${child.id}`, {})).statusCode).toBe(400);
    expect((await c.delete(`/api/children/${child.id}`, { reason: '监护人书面申请删除' })).statusCode).toBe(204);
    expect((await app.ctx.db.selectFrom('children').select('id').execute()).map((r) => r.id)).toEqual([other.id]);
    expect(await app.ctx.db.selectFrom('child_history').select('id').where('child_id', '=', child.id).execute()).toHaveLength(0);
    // No notice names the child or leads to it or to its incident any more.
    const notices = await app.ctx.db.selectFrom('notifications').selectAll().execute();
    expect(notices.map((n) => n.link)).toEqual([`/children/${other.id}`]);
    expect(await app.ctx.db.selectFrom('incidents').select('id').execute()).toHaveLength(0);
    expect(await app.ctx.db.selectFrom('incident_notices').select('id').execute()).toHaveLength(0);
    const audit = await app.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_id', '=', child.id).execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['child.create', 'child.erase']);
    expect(JSON.stringify(audit)).not.toContain('要删除');
  });
});

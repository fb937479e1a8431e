import { makeIdNumber } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { authOf, buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { demoChild, rng } from '../setup/demo-children.ts';
import { type ChildRowView, toSummary } from './child.mapper.ts';
import { childRepo } from './child.repository.ts';

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

describe('child list: filters, search, cursor', () => {
  it('finds 张小明 by fragment, pinyin, initials and ID number; filters; pages with a cursor', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const base = { schoolId: a.school.id, classId: a.klass.id };
    const zxmId = makeIdNumber('530102', '2015-05-06', 3, 'male');
    await buildChild(app, { ...base, name: '张小明', birthDate: '2015-05-06', gender: 'male', idNumber: zxmId });
    await buildChild(app, { ...base, name: '李华', boarding: 'boarding', motherStatus: 'home', keySupport: true });
    await buildChild(app, { ...base, name: '王芳', birthDate: '2011-01-01', gender: 'female', idNumber: null, guardianRelation: 'maternal_grandparents' });
    const t = await app.as(a.teacher.username);
    const names = async (qs: string) => (await t.get(`/api/children?${qs}`)).json().items.map((c: { name: string }) => c.name);
    for (const q of ['小明', 'xiaoming', 'zxm', 'ZXM', zxmId.slice(0, 10)]) expect(await names(`q=${encodeURIComponent(q)}`)).toContain('张小明');
    expect(await names(`q=${zxmId}`)).toEqual(['张小明']);
    expect(await names('boarding=boarding')).toEqual(['李华']);
    expect(await names('leftBehindType=father')).toEqual(['李华']);
    expect(await names('keySupport=true')).toEqual(['李华']);
    expect(await names('guardianRelation=maternal_grandparents')).toEqual(['王芳']);
    expect(await names('ageBand=14-16')).toEqual(['王芳']);
    expect(await names('narrow=true')).toEqual(['王芳', '张小明']);
    expect(await names('narrow=false')).toEqual(['李华']);
    expect(await names('sort=name')).toEqual(['李华', '王芳', '张小明']);
    expect((await names('sort=birthDate&order=desc'))[2]).toBe('王芳');
    const p1 = (await t.get('/api/children?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await t.get(`/api/children?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((c: { name: string }) => c.name)).toEqual(['张小明']);
    expect(p2.nextCursor).toBeNull();
    // Summaries by id, without a full view.
    const two = (await t.get(`/api/children?ids=${p1.items.map((c: { id: string }) => c.id).join(',')}`)).json().items;
    expect(two).toHaveLength(2);
    const bad = await t.get('/api/children?boarding=hotel');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('寄宿情况');
  });

  it('counts the children that match with the first page when asked (共 N 名), within the caller’s scope', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    for (let i = 0; i < 5; i++) await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, keySupport: i < 2 });
    await buildChild(app, { schoolId: b.school.id, classId: b.klass.id, keySupport: true });
    const t = await app.as(a.teacher.username);
    const firstRes = await t.get('/api/children?limit=2&total=true');
    expect(firstRes.statusCode, firstRes.body).toBe(200);
    const first = firstRes.json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(5);
    // A filter is counted as listed; the other school's child is not the caller's.
    expect((await t.get('/api/children?keySupport=true&total=true')).json().total).toBe(2);
    // Not asked, not counted; a later page does not count again.
    expect((await t.get('/api/children?limit=2')).json().total).toBeUndefined();
    expect((await t.get(`/api/children?limit=2&total=true&cursor=${first.nextCursor}`)).json().total).toBeUndefined();
    // Past the cap (10,000; 3 here) it counts no further and says so.
    const auth = await authOf(app, await app.as(a.leader.username));
    const countTo = async (totalCap: number) => {
      const page = await childRepo.list(app.ctx.db, auth, {
        status: 'active',
        sort: 'name',
        order: 'asc',
        limit: 2,
        total: true,
        today: '2026-11-20',
        totalCap,
      });
      return [page.total, page.totalCapped];
    };
    expect(await countTo(3)).toEqual([3, true]);
    expect(await countTo(5)).toEqual([5, undefined]);
    const bad = await t.get('/api/children?total=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('统计总数');
  });
});

describe('child list: the plan on PostgreSQL', () => {
  it("estimates a class's children as its class, not as a fraction of it (a class lies in one school)", async () => {
    app = await buildTestApp({ clock });
    if (app.ctx.dialect !== 'postgres') return;
    const classes: { schoolId: string; classId: string }[] = [];
    for (let s = 0; s < 3; s++) {
      const { school, klass } = await buildSchoolWithStaff(app);
      classes.push({ schoolId: school.id, classId: klass.id });
      for (let k = 0; k < 2; k++) classes.push({ schoolId: school.id, classId: (await buildClass(app, { schoolId: school.id, name: `${k + 2}班` })).id });
    }
    for (const c of classes) for (let i = 0; i < 12; i++) await buildChild(app, c);
    const estimate = async () => {
      await sql`analyze children`.execute(app.ctx.db);
      const c = classes[4] as { schoolId: string; classId: string };
      const { rows } = await sql<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>`explain (format json)
        select id from children where school_id = ${c.schoolId} and class_id = ${c.classId}`.execute(app.ctx.db);
      return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] as number;
    };
    const known = await estimate();
    expect(known).toBeGreaterThanOrEqual(9);
    // Without the statistics the two filters multiply: 108 × 1/3 × 1/9 ≈ 4 rows.
    await sql`drop statistics children_school_class`.execute(app.ctx.db);
    expect(await estimate()).toBeLessThan(known / 2);
  });
});

describe('child list: summaries from the list columns', () => {
  it('answers each summary as the full archive row would, for children of every kind', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const r = rng(11);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const v = demoChild(r, { schoolId: a.school.id, classId: a.klass.id, grade: 3, area: '530102', kind: 'village', year: 2026 }, i);
      ids.push((await buildChild(app, { ...v, schoolId: a.school.id, classId: a.klass.id } as never)).id);
    }
    const auth = await authOf(app, await app.as(a.leader.username));
    const listed = (await app.services.children.list(auth, { sort: 'name', order: 'asc', status: 'all', limit: 100 } as never)).items;
    expect(listed).toHaveLength(40);
    const today = app.services.children.today();
    for (const item of listed) {
      const full = (await childRepo.findById(app.ctx.db, auth, item.id)) as ChildRowView;
      expect(item).toEqual(toSummary(full, today));
    }
    // The demo children differ in what is derived from the facts.
    expect(new Set(listed.map((c) => c.derived.leftBehindType)).size).toBeGreaterThan(1);
    expect(listed.some((c) => c.derived.difficulty.length > 0)).toBe(true);
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

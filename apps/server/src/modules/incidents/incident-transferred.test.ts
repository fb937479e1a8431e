import { migrations } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** Two schools of one county; a girl of 三年级1班 at 甲小学, the class teacher of another class there, and the new school's staff. */
async function setup() {
  app = await buildTestApp({ clock });
  const county = await buildRegion(app, { level: 'county' });
  const schoolA = await buildSchool(app, { regionId: county.id, name: '甲小学' });
  const schoolB = await buildSchool(app, { regionId: county.id, name: '乙小学' });
  const classA = await buildClass(app, { schoolId: schoolA.id, name: '三年级1班' });
  const otherA = await buildClass(app, { schoolId: schoolA.id, name: '三年级2班' });
  const classB = await buildClass(app, { schoolId: schoolB.id, name: '四年级3班' });
  return {
    schoolA,
    schoolB,
    classA,
    classB,
    leaderA: await buildUser(app, 'school_leader', schoolA.id),
    teacherA: await buildUser(app, 'class_teacher', classA.id),
    otherTeacherA: await buildUser(app, 'class_teacher', otherA.id),
    leaderB: await buildUser(app, 'school_leader', schoolB.id),
    teacherB: await buildUser(app, 'class_teacher', classB.id),
    child: await buildChild(app, { schoolId: schoolA.id, classId: classA.id, name: '李小花', gender: 'female', birthDate: '2015-03-01' }),
  };
}

const report = (childId: string) => ({
  childIds: [childId],
  kind: 'bullying',
  severity: 'moderate',
  occurredAt: '2026-11-20T01:30:00.000Z',
  description: '被高年级学生推倒，膝盖擦伤',
  answers: {},
});

type Listed = { id: string; restricted: boolean; children: unknown[] };

describe('the children of a case after a transfer', () => {
  it('those who keep the case see each child as it was named in the case, marked transferred and without a link; its old class teacher keeps the case', async () => {
    const s = await setup();
    const leaderA = await app.as(s.leaderA.username);
    const inc = (await (await app.as(s.teacherA.username)).post('/api/incidents', report(s.child.id))).json();
    // Before the move: the school names the child, with its class, and may open its archive.
    expect((await leaderA.get(`/api/incidents/${inc.id}`)).json().children).toEqual([
      { id: s.child.id, name: '李小花', className: '三年级1班', transferred: false, visible: true },
    ]);
    // What the new school and an unrelated teacher of the old school get before the move.
    const leaderB = await app.as(s.leaderB.username);
    const teacherB = await app.as(s.teacherB.username);
    const otherTeacherA = await app.as(s.otherTeacherA.username);
    expect((await leaderB.get('/api/incidents')).json().items).toEqual([]);
    expect((await otherTeacherA.get(`/api/incidents/${inc.id}`)).statusCode).toBe(404);

    expect(
      (await leaderA.post(`/api/children/${s.child.id}/transfer`, { schoolId: s.schoolB.id, classId: s.classB.id, note: '随父母迁居', version: 1 })).statusCode,
    ).toBe(204);
    // Renamed at the new school: the old school's case keeps the name it was reported under.
    await app.ctx.db.updateTable('children').set({ name: '李晓华' }).where('id', '=', s.child.id).execute();

    const named = [{ id: s.child.id, name: '李小花', className: '三年级1班', transferred: true, visible: false }];
    for (const user of [s.leaderA, s.teacherA]) {
      const c = await app.as(user.username);
      const read = await c.get(`/api/incidents/${inc.id}`);
      expect(read.statusCode, user.username).toBe(200);
      expect(read.json().children, user.username).toEqual(named);
      expect(
        (await c.get('/api/incidents')).json().items.map((i: Listed) => [i.id, i.restricted, i.children]),
        user.username,
      ).toEqual([[inc.id, false, named]]);
      // Still no way into the archive.
      expect((await c.get(`/api/children/${s.child.id}`)).statusCode, user.username).toBe(404);
    }
    // The old class teacher still acts on the case as its first responder: records a notification and an action; closes nothing.
    const teacherA = await app.as(s.teacherA.username);
    const guardian = inc.notifications.find((n: { target: string }) => n.target === 'guardian');
    expect(
      (
        await teacherA.post(`/api/incidents/${inc.id}/notifications`, {
          stepId: guardian.id,
          target: 'guardian',
          method: 'phone',
          notifiedAt: '2026-11-20T01:50:00.000Z',
        })
      ).statusCode,
    ).toBe(201);
    expect((await teacherA.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '已与乙小学班主任交接' })).statusCode).toBe(201);
    expect((await teacherA.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '结案' })).statusCode).toBe(403);

    // The new school sees the child as its own pupil, as before: the current name and class, never the old class; the case restricted.
    for (const c of [leaderB, teacherB]) {
      const listed = (await c.get('/api/incidents')).json();
      expect(listed.items).toEqual([
        expect.objectContaining({
          id: inc.id,
          restricted: true,
          kind: null,
          children: [{ id: s.child.id, name: '李晓华', className: '四年级3班', transferred: true, visible: true }],
        }),
      ]);
      expect(JSON.stringify(listed)).not.toContain('三年级1班');
      expect(JSON.stringify(listed)).not.toContain('李小花');
      expect((await c.get(`/api/incidents/${inc.id}`)).statusCode).toBe(403);
    }
    // The other class's teacher at the old school finds nothing, as before.
    expect((await otherTeacherA.get('/api/incidents')).json().items).toEqual([]);
    expect((await otherTeacherA.get(`/api/incidents/${inc.id}`)).statusCode).toBe(404);
  });

  it('a reporter who only reported it keeps the details but is not named a child it can no longer see', async () => {
    const s = await setup();
    const counsellor = await buildUser(app, 'counsellor', s.schoolA.id);
    const inc = (await (await app.as(counsellor.username)).post('/api/incidents', report(s.child.id))).json();
    const leaderA = await app.as(s.leaderA.username);
    await leaderA.post(`/api/children/${s.child.id}/transfer`, { schoolId: s.schoolB.id, classId: s.classB.id, note: '随父母迁居', version: 1 });
    const read = await (await app.as(counsellor.username)).get(`/api/incidents/${inc.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().children).toEqual([]);
  });

  it('migration 20261208T1000: links made before it are named by the child’s name and class of the day', async () => {
    const s = await setup();
    const inc = (await (await app.as(s.teacherA.username)).post('/api/incidents', report(s.child.id))).json();
    const db = app.ctx.db;
    // As the schema stood before: no snapshot on the link, no outcome on the notices.
    for (const column of ['child_name', 'class_id', 'class_name']) await db.schema.alterTable('incident_children').dropColumn(column).execute();
    for (const column of ['reach', 'step_id']) await db.schema.alterTable('incident_notices').dropColumn(column).execute();
    await migrations['20261208T1000-incident-reach-and-links']?.up(db, app.ctx.dialect);
    expect(await db.selectFrom('incident_children').select(['child_name', 'class_id', 'class_name']).where('incident_id', '=', inc.id).execute()).toEqual([
      { child_name: '李小花', class_id: s.classA.id, class_name: '三年级1班' },
    ]);
    const notices = await db.selectFrom('incident_notices').select(['reach', 'step_id']).where('incident_id', '=', inc.id).execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.reach === 'reached' && n.step_id === null)).toBe(true);
  });
});

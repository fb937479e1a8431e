import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

/**
 * A county with two townships, each with a school and a township bureau officer. A transfer moves a
 * child only within its county (children module), so "the bureau over the old school" that loses the
 * child is the old township's officer; the county's officer is over both schools.
 */
async function setup() {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const county = await buildRegion(app, { level: 'county' });
  const townA = await buildRegion(app, { parentId: county.id, level: 'township' });
  const townB = await buildRegion(app, { parentId: county.id, level: 'township' });
  const schoolA = await buildSchool(app, { regionId: townA.id, name: '甲小学' });
  const schoolB = await buildSchool(app, { regionId: townB.id, name: '乙小学' });
  const classA = await buildClass(app, { schoolId: schoolA.id });
  const classB = await buildClass(app, { schoolId: schoolB.id });
  return {
    schoolA,
    schoolB,
    classB,
    leaderA: await buildUser(app, 'school_leader', schoolA.id),
    moralA: await buildUser(app, 'moral_education', schoolA.id),
    teacherA: await buildUser(app, 'class_teacher', classA.id),
    bureauA: await buildUser(app, 'bureau_officer', townA.id),
    leaderB: await buildUser(app, 'school_leader', schoolB.id),
    teacherB: await buildUser(app, 'class_teacher', classB.id),
    bureauB: await buildUser(app, 'bureau_officer', townB.id),
    child: await buildChild(app, { schoolId: schoolA.id, classId: classA.id, gender: 'female', birthDate: '2015-03-01' }),
  };
}

const report = (childId: string) => ({
  childIds: [childId],
  kind: 'abuse_neglect',
  severity: 'serious',
  occurredAt: '2026-11-20T01:30:00.000Z',
  place: '学校门口',
  description: '孩子手臂和背上有多处淤青，说是家里人打的',
  immediateActions: '带到校医室检查，安抚情绪',
  answers: { multipleInjuries: true, suspectedViolence: true },
});

describe('a case stays with the school where it happened', () => {
  it('after the child moves to a school of another township, the old school and the bureau over it keep the case; the new school learns only that it exists', async () => {
    const s = await setup();
    const teacher = await app.as(s.teacherA.username);
    const inc = (await teacher.post('/api/incidents', report(s.child.id))).json();
    // The old school tells the bureau (its township's officer is asked to 签收).
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau');
    expect(
      (
        await teacher.post(`/api/incidents/${inc.id}/notifications`, {
          stepId: step.id,
          target: 'bureau',
          method: 'phone',
          notifiedAt: '2026-11-20T01:50:00.000Z',
        })
      ).statusCode,
    ).toBe(201);
    const leaderA = await app.as(s.leaderA.username);
    const moved = await leaderA.post(`/api/children/${s.child.id}/transfer`, { schoolId: s.schoolB.id, classId: s.classB.id, note: '随父母迁居', version: 1 });
    expect(moved.statusCode).toBe(204);
    expect((await leaderA.get(`/api/children/${s.child.id}`)).statusCode).toBe(404);

    // The old school's leader, its moral-education office and the bureau over it still list and open the case, with details.
    for (const user of [s.leaderA, s.moralA, s.bureauA]) {
      const c = await app.as(user.username);
      const listed = (await c.get('/api/incidents')).json().items;
      expect(listed, user.username).toEqual([expect.objectContaining({ id: inc.id, schoolId: s.schoolA.id, restricted: false, kind: 'abuse_neglect' })]);
      expect(
        (await c.get(`/api/incidents?schoolId=${s.schoolA.id}&attention=true`)).json().items.map((i: { id: string }) => i.id),
        user.username,
      ).toEqual([inc.id]);
      const read = await c.get(`/api/incidents/${inc.id}`);
      expect(read.statusCode, user.username).toBe(200);
      expect(read.json(), user.username).toMatchObject({ description: inc.description, restricted: false });
      expect((await c.get(`/api/incidents/${inc.id}/actions`)).statusCode, user.username).toBe(200);
    }
    // The reporter keeps it too.
    expect((await teacher.get(`/api/incidents/${inc.id}`)).statusCode).toBe(200);

    // The old school keeps handling it: the police report, a note; the bureau over it acknowledges.
    expect(
      (await leaderA.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T02:00:00.000Z', unit: '城关派出所', method: 'call_110' }))
        .statusCode,
    ).toBe(201);
    expect((await leaderA.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '孩子已随父母转学，已告知乙小学' })).statusCode).toBe(201);
    const bureauA = await app.as(s.bureauA.username);
    expect((await bureauA.get(`/api/incidents?acknowledgement=awaiting`)).json().items.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    expect((await bureauA.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请与乙小学做好交接' })).statusCode).toBe(201);

    // The new school's leader and the bureau over the new school see the child: they learn that the case exists, nothing more.
    for (const user of [s.leaderB, s.bureauB]) {
      const c = await app.as(user.username);
      const listed = (await c.get(`/api/incidents?childId=${s.child.id}`)).json().items;
      expect(listed, user.username).toEqual([
        expect.objectContaining({ id: inc.id, restricted: true, kind: null, severity: null, acknowledgement: null, occurredAt: '2026-11-20' }),
      ]);
      const read = await c.get(`/api/incidents/${inc.id}`);
      expect(read.statusCode, user.username).toBe(403);
      expect(read.json().error, user.username).toBe('incident_restricted');
    }
    // The new class's teacher neither reads nor writes the old school's case: its class is not where the case happened.
    const teacherB = await app.as(s.teacherB.username);
    expect((await teacherB.get('/api/incidents')).json().items).toEqual([expect.objectContaining({ id: inc.id, restricted: true })]);
    expect((await teacherB.get(`/api/incidents/${inc.id}`)).json().error).toBe('incident_restricted');
    expect((await teacherB.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: 'x' })).statusCode).toBe(403);

    // The bell: the old school's leaders and the bureau over it were told, and each link opens the case.
    for (const user of [s.leaderA, s.bureauA]) {
      const c = await app.as(user.username);
      const links = ((await c.get('/api/notifications')).json().items as { link: string }[]).map((n) => n.link);
      expect(links, user.username).toContain(`/incidents/${inc.id}`);
      expect((await c.get(`/api/incidents/${inc.id}`)).statusCode, user.username).toBe(200);
    }
    // Nobody at the new school was told of it.
    for (const user of [s.leaderB, s.teacherB, s.bureauB])
      expect(
        ((await (await app.as(user.username)).get('/api/notifications')).json().items as { link: string }[]).map((n) => n.link),
        user.username,
      ).not.toContain(`/incidents/${inc.id}`);
  });

  it('another county’s bureau and another school’s leader still find nothing', async () => {
    const s = await setup();
    const inc = (await (await app.as(s.teacherA.username)).post('/api/incidents', report(s.child.id))).json();
    const otherCounty = await buildRegion(app, { level: 'county' });
    const otherSchool = await buildSchool(app, { regionId: otherCounty.id });
    for (const user of [await buildUser(app, 'bureau_officer', otherCounty.id), await buildUser(app, 'school_leader', otherSchool.id), s.leaderB]) {
      const c = await app.as(user.username);
      expect((await c.get('/api/incidents')).json().items, user.username).toEqual([]);
      expect((await c.get(`/api/incidents/${inc.id}`)).statusCode, user.username).toBe(404);
    }
  });
});

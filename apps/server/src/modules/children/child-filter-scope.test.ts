import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

describe('lists filtered by a child', () => {
  it('answer nothing for a child the caller does not see, though it shares a record with one it does', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const otherClass = await buildClass(app, { schoolId: s.school.id, grade: 6 });
    const mine = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '本班孩子' });
    const theirs = await buildChild(app, { schoolId: s.school.id, classId: otherClass.id, name: '别班孩子' });
    const leader = await app.as(s.leader.username);
    const both = [mine.id, theirs.id];
    expect((await leader.post('/api/care-records', { kind: 'talk', childIds: both, date: '2026-11-18', summary: '一起谈心', details: {} })).statusCode).toBe(
      201,
    );
    const incident = await leader.post('/api/incidents', {
      childIds: both,
      kind: 'injury',
      severity: 'minor',
      occurredAt: '2026-11-18T02:00:00.000Z',
      description: '两人在操场相撞擦伤',
    });
    expect(incident.statusCode).toBe(201);
    const act = (
      await leader.post('/api/activities', {
        schoolId: s.school.id,
        kind: 'discussion',
        title: '座谈会',
        date: '2026-11-18',
        startTime: '15:00',
        endTime: '16:00',
        target: { scope: 'all' },
      })
    ).json();
    const sheet = await leader.put(`/api/activities/${act.id}/attendance`, {
      version: act.version,
      children: [
        { childId: mine.id, present: true },
        { childId: theirs.id, present: true },
      ],
      others: [],
    });
    expect(sheet.statusCode).toBe(200);
    const teacher = await app.as(s.teacher.username);
    expect((await teacher.get(`/api/children/${theirs.id}`)).statusCode).toBe(404);
    const count = async (url: string) => {
      const res = await teacher.get(url);
      expect(res.statusCode, url).toBe(200);
      return (res.json().items as unknown[]).length;
    };
    for (const list of ['/api/care-records', '/api/incidents', '/api/activities']) {
      expect(await count(`${list}?childId=${mine.id}`), list).toBe(1);
      expect(await count(`${list}?childId=${theirs.id}`), list).toBe(0);
    }
    // The school's leader sees both children, and so both filters.
    for (const list of ['/api/care-records', '/api/incidents', '/api/activities'])
      expect(((await leader.get(`${list}?childId=${theirs.id}`)).json().items as unknown[]).length, list).toBe(1);
  });
});

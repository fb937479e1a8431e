import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { docText, docXml } from './reporting.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/**
 * A briefing names children only in its follow-ups, and a child since moved to another school is no
 * longer the old school's to name: not in a draft made after the move, masked in the Word file of one
 * made before it when naming is off, and masked always once it is in an incident wherever it is now.
 */

/** A school with 林晓雯, whose talk's follow-up was done in November, and a neighbouring school. */
async function setup() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const neighbour = await buildSchool(app, { regionId: s.county.id });
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '林晓雯' });
  const leader = await app.as(s.leader.username);
  const talk = await leader.post('/api/care-records', {
    kind: 'talk',
    childIds: [child.id],
    date: '2026-11-10',
    summary: '谈心',
    details: { topics: ['study'] },
    followUpNeeded: true,
  });
  expect(talk.statusCode, talk.body).toBe(201);
  expect((await leader.patch(`/api/care-records/${talk.json().id}`, { followUpDone: true, version: talk.json().version })).statusCode).toBe(200);
  const transfer = async () =>
    expect((await leader.post(`/api/children/${child.id}/transfer`, { schoolId: neighbour.id, version: child.version })).statusCode).toBe(204);
  return { ...s, neighbour, child, leader, transfer };
}

describe('briefings and a child who moved away', () => {
  it('a briefing drafted after the move does not name the child the old school no longer sees', async () => {
    const s = await setup();
    await s.transfer();
    // The old school's leader no longer sees the child nor the records about it.
    expect((await s.leader.get(`/api/children/${s.child.id}`)).statusCode).toBe(404);
    expect((await s.leader.get('/api/care-records')).json().items).toEqual([]);
    const b = await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' });
    expect(b.statusCode, b.body).toBe(201);
    expect(JSON.stringify(b.json().sections)).not.toContain('林晓雯');
  });

  it('the Word file of a briefing drafted before the move masks the child with naming off', async () => {
    const s = await setup();
    const b = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' })).json();
    expect(JSON.stringify(b.sections)).toContain('林晓雯');
    expect(b.nameChildren).toBe(false);
    expect(docText(await docXml(s.leader, b.id))).not.toContain('林晓雯');
    await s.transfer();
    // Naming is still off, yet the file now prints the full name.
    expect(docText(await docXml(s.leader, b.id))).not.toContain('林晓雯');
  });

  it('the Word file never names a child in an incident, even one reported at the school it moved to', async () => {
    const s = await setup();
    const b = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' })).json();
    const named = await s.leader.put(`/api/briefings/${b.id}`, { version: b.version, nameChildren: true });
    expect(named.statusCode, named.body).toBe(200);
    await s.transfer();
    const nLeader = await buildUser(app, 'school_leader', s.neighbour.id);
    const nl = await app.as(nLeader.username);
    const inc = await nl.post('/api/incidents', {
      childIds: [s.child.id],
      kind: 'bullying',
      severity: 'serious',
      occurredAt: '2026-11-19T02:00:00.000Z',
      description: '在新学校被欺凌',
    });
    expect(inc.statusCode, inc.body).toBe(201);
    expect(docText(await docXml(s.leader, b.id))).not.toContain('林晓雯');
  });

  it('the Word file with naming on names neither the award nor the follow-up of a child since moved away', async () => {
    const s = await setup();
    const stays = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '周留守' });
    const base = { schoolId: s.school.id, date: '2026-11-16', startTime: '15:00', endTime: '16:00', place: '礼堂', target: { scope: 'all' } };
    const contest = (await s.leader.post('/api/activities', { ...base, kind: 'essay_contest', title: '读书征文' })).json();
    for (const child of [s.child, stays]) {
      const entry = await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: child.id, title: '我读《草房子》', consent: false });
      expect(entry.statusCode, entry.body).toBe(201);
      const id = (entry.json().entries as { id: string; childId: string }[]).find((e) => e.childId === child.id)?.id;
      expect((await s.leader.patch(`/api/activities/${contest.id}/entries/${id}`, { award: '一等奖' })).statusCode).toBe(200);
    }
    const b = (await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' })).json();
    const named = await s.leader.put(`/api/briefings/${b.id}`, { version: b.version, nameChildren: true });
    expect(named.statusCode, named.body).toBe(200);
    expect(docText(await docXml(s.leader, b.id))).toContain('林晓雯');
    await s.transfer();
    const text = docText(await docXml(s.leader, b.id));
    expect(text).toContain('周留守');
    expect(text).not.toContain('林晓雯');
  });

  it('tells no follow-up shared with a child in an incident, though that child has since moved away', async () => {
    const s = await setup();
    const sibling = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '林晓雨' });
    const visit = await s.leader.post('/api/care-records', {
      kind: 'home_visit',
      childIds: [s.child.id, sibling.id],
      date: '2026-11-12',
      summary: '家访',
      details: {},
      followUpNeeded: true,
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect((await s.leader.patch(`/api/care-records/${visit.json().id}`, { followUpDone: true, version: visit.json().version })).statusCode).toBe(200);
    const inc = await s.leader.post('/api/incidents', {
      childIds: [s.child.id],
      kind: 'bullying',
      severity: 'serious',
      occurredAt: '2026-11-13T02:00:00.000Z',
      description: '在校被欺凌',
    });
    expect(inc.statusCode, inc.body).toBe(201);
    await s.transfer();
    const b = await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' });
    expect(b.statusCode, b.body).toBe(201);
    expect(JSON.stringify(b.json().sections)).not.toContain('林晓雨');
  });
});

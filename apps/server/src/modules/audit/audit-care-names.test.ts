import type { AuditEntry } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { seedCampThroughApi } from '../camps/camp.test-helpers.ts';

/** The audit log names a pairing, a care record, a camp, the care organisation's members and duties and a safety duty by what they are, not by a part of their id. */

let app: TestApp;
afterEach(async () => app?.close());

const clock = () => new Date('2026-11-20T02:00:00Z');
const entries = async (c: Client, action: string) => {
  const res = await c.get(`/api/audit?limit=200&action=${action}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as AuditEntry[];
};

describe('audit log: pairings and care records by name', () => {
  it('names a pairing by its child and mentor, and a care record by its kind and day, to readers of the school only', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const mentor = await buildUser(app, 'mentor', s.school.id, { name: '李芳' });
    const leader = await app.as(s.leader.username);
    const paired = await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id] });
    expect(paired.statusCode, paired.body).toBe(201);
    const pairing = paired.json().items[0] as { id: string; version: number };
    expect((await leader.post(`/api/pairings/${pairing.id}/end`, { reason: '调整', version: pairing.version })).statusCode).toBe(200);
    const made = await leader.post('/api/care-records', { kind: 'home_visit', childIds: [child.id], date: '2026-11-18', summary: '家访', details: {} });
    expect(made.statusCode, made.body).toBe(201);
    const record = (made.json() as { id: string }).id;
    expect((await leader.delete(`/api/care-records/${record}`)).statusCode).toBeLessThan(300);

    const ofPairing = { kind: 'pairing', name: '王小明', mentor: '李芳', school: s.school.name, semester: null };
    const ofRecord = { kind: 'care_record', name: 'home_visit', date: '2026-11-18', school: s.school.name, semester: null };
    for (const reader of [s.leader.username, s.bureau.username]) {
      const c = await app.as(reader);
      expect((await entries(c, 'pairing.end'))[0]?.names[pairing.id], reader).toEqual(ofPairing);
      // The record is gone; its entries still say what it was.
      for (const action of ['care.create', 'care.delete']) expect((await entries(c, action))[0]?.names[record], `${reader} ${action}`).toEqual(ofRecord);
    }
    // Another school's leader reads none of these entries; nor does the name leak through an entry she reads.
    const stranger = await buildUser(app, 'school_leader', (await buildSchool(app, { regionId: s.county.id })).id);
    const theirs = await app.as(stranger.username);
    for (const action of ['pairing.end', 'care.create']) expect(await entries(theirs, action)).toEqual([]);
  });

  it("names the care organisation's members and duties and the school's safety duties, to readers of the school only", async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const org = (await leader.post(`/api/schools/${s.school.id}/leadership`, { name: '张校长', position: 'leader' })).json();
    const member = org.members[0] as { id: string };
    const duty = org.duties[0] as { id: string; duty: string; version: number };
    expect((await leader.patch(`/api/duties/${duty.id}`, { userId: s.teacher.id, version: duty.version })).statusCode).toBe(200);
    const safety = await leader.post('/api/safety/duties', { schoolId: s.school.id, userId: s.teacher.id, area: 'class', classId: s.klass.id });
    expect(safety.statusCode, safety.body).toBe(201);
    const held = (safety.json() as { items: { id: string; name: string }[] }).items[0] as { id: string; name: string };
    const named = (kind: string, name: string) => ({ kind, name, school: s.school.name, semester: null });
    for (const reader of [s.leader.username, s.bureau.username]) {
      const c = await app.as(reader);
      expect((await entries(c, 'leadership.create'))[0]?.names[member.id], reader).toEqual(named('leadership_member', '张校长'));
      expect((await entries(c, 'duty.update'))[0]?.names[duty.id], reader).toEqual(named('duty', duty.duty));
      expect((await entries(c, 'safety.duty'))[0]?.names[held.id], reader).toEqual(named('safety_duty', s.klass.name));
    }
    const stranger = await buildUser(app, 'school_leader', (await buildSchool(app, { regionId: s.county.id })).id);
    const theirs = await app.as(stranger.username);
    for (const action of ['leadership.create', 'duty.update', 'safety.duty']) expect(await entries(theirs, action)).toEqual([]);
  });

  it('names a camp by its title, to readers of the school only', async () => {
    app = await buildTestApp({ clock });
    const s = await seedCampThroughApi(app);
    const named = { kind: 'camp', name: '2026 暑期支教夏令营', school: s.school.name, semester: null };
    for (const reader of [s.leader.username, s.bureau.username]) {
      const c = await app.as(reader);
      expect((await entries(c, 'camp.create'))[0]?.names[s.camp.id], reader).toEqual(named);
    }
    const stranger = await buildUser(app, 'school_leader', (await buildSchool(app, { regionId: s.county.id })).id);
    expect(await entries(await app.as(stranger.username), 'camp.create')).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp, testDialect } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/**
 * A child transferred while its school's pairings are carried into a new term keeps no pairing open at
 * the old school: otherwise its old mentor is told of its risk at the new school, by name, and the new
 * school cannot pair it. And a risk notice goes only to mentors of the child's own school.
 */

/** A school whose mentor is paired with a child since September, a next term, and a neighbouring school with its leader. */
async function setup() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const neighbour = await buildSchool(app, { regionId: s.county.id });
  const nLeader = await buildUser(app, 'school_leader', neighbour.id);
  const mentor = await buildUser(app, 'mentor', s.school.id, { name: '旧校导师' });
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '转走的孩子', custodyQuality: 'good', psychologyLevel: 'fair' });
  const leader = await app.as(s.leader.username);
  expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-09-01' })).statusCode).toBe(201);
  const term = (
    await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' })
  ).json();
  return { ...s, neighbour, nLeader, mentor, child, leader, term };
}

describe.skipIf(testDialect !== 'postgres')('carrying pairings into a new term while a child is transferred (PostgreSQL)', () => {
  for (const first of ['carry', 'transfer'] as const)
    it(`leaves no open pairing at the old school after a transfer (${first} transaction first)`, async () => {
      const s = await setup();
      const carry = () => s.leader.post('/api/pairings/carry', { schoolId: s.school.id, toTermId: s.term.id });
      const transfer = () => s.leader.post(`/api/children/${s.child.id}/transfer`, { schoolId: s.neighbour.id, version: s.child.version });
      if (first === 'carry') {
        const moved = duringNextTransaction(app, transfer);
        expect((await carry()).statusCode).toBe(200);
        expect((await moved()).statusCode).toBe(204);
      } else {
        const carried = duringNextTransaction(app, carry);
        expect((await transfer()).statusCode).toBe(204);
        expect((await carried()).statusCode).toBe(200);
      }
      const child = await app.ctx.db.selectFrom('children').select(['school_id']).where('id', '=', s.child.id).executeTakeFirstOrThrow();
      expect(child.school_id).toBe(s.neighbour.id);
      const open = await app.ctx.db
        .selectFrom('pairings')
        .select(['school_id', 'mentor_id', 'end_date'])
        .where('child_id', '=', s.child.id)
        .where('end_date', 'is', null)
        .execute();
      // Consequence 1: the risk notice of the new school goes to the old school's mentor, naming the child.
      await app.services.notifications.refresh();
      const nl = await app.as(s.nLeader.username);
      const now = (await nl.get(`/api/children/${s.child.id}`)).json();
      expect((await nl.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: now.version })).statusCode).toBe(200);
      await app.services.notifications.refresh();
      const m = await app.as(s.mentor.username);
      const bell = (await m.get('/api/notifications')).json().items as { title: string; link: string }[];
      const naming = bell.filter((n) => n.title.includes('转走的孩子'));
      // Consequence 2: the new school cannot pair the child (already paired).
      const nm = await buildUser(app, 'mentor', s.neighbour.id);
      const pairHere = await nl.post('/api/pairings', { mentorId: nm.id, childIds: [s.child.id] });
      expect({ open, naming, pairHere: pairHere.statusCode }).toEqual({ open: [], naming: [], pairHere: 201 });
    });
});

describe('risk-rise notices', () => {
  it("reach no mentor of a pairing left open at another school (one a database kept from before the carry's lock)", async () => {
    const s = await setup();
    expect((await s.leader.post(`/api/children/${s.child.id}/transfer`, { schoolId: s.neighbour.id, version: s.child.version })).statusCode).toBe(204);
    // What the race used to leave: the old school's pairing open again.
    await app.ctx.db.updateTable('pairings').set({ end_date: null, end_reason: null }).where('child_id', '=', s.child.id).execute();
    await app.services.notifications.refresh();
    const nl = await app.as(s.nLeader.username);
    const now = (await nl.get(`/api/children/${s.child.id}`)).json();
    expect((await nl.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: now.version })).statusCode).toBe(200);
    await app.services.notifications.refresh();
    const told = async (username: string) =>
      ((await (await app.as(username)).get('/api/notifications')).json().items as { title: string }[]).filter((n) => n.title.includes('转走的孩子'));
    expect(await told(s.nLeader.username)).toHaveLength(1);
    expect(await told(s.mentor.username)).toEqual([]);
  });
});

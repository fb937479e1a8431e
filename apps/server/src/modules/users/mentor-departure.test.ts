import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

/**
 * A school whose mentor 杨桂花 has four open pairings (one starting next month) and one she ended
 * herself in October; another mentor keeps one child.
 */
async function school() {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id, { name: '杨桂花' });
  const other = await buildUser(app, 'mentor', s.school.id, { name: '何老师' });
  const kids: string[] = [];
  for (let i = 0; i < 6; i++) kids.push((await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: `孩子${i}` })).id);
  const leader = await app.as(s.leader.username);
  const pair = async (mentorId: string, childIds: (string | undefined)[], startDate: string) => {
    const res = await leader.post('/api/pairings', { mentorId, childIds, startDate });
    expect(res.statusCode).toBe(201);
    return res.json().items as { id: string; version: number }[];
  };
  await pair(mentor.id, kids.slice(0, 3), '2026-09-01');
  await pair(mentor.id, [kids[3]], '2026-12-01');
  const [early] = await pair(mentor.id, [kids[4]], '2026-09-01');
  expect((await leader.post(`/api/pairings/${early?.id}/end`, { endDate: '2026-10-01', reason: '调整', version: early?.version })).statusCode).toBe(200);
  await pair(other.id, [kids[5]], '2026-09-01');
  return { ...s, leaderUser: s.leader, mentor, other, kids, leader };
}

type Row = { childId: string; mentorId: string; startDate: string; endDate: string | null; endReason: string | null };

describe('a mentor who stops mentoring', () => {
  it('deactivated: every open pairing ends today (one not yet begun on its first day), audited, and the children wait for a mentor again', async () => {
    const s = await school();
    const user = (await s.leader.get(`/api/users/${s.mentor.id}`)).json();
    const res = await s.leader.patch(`/api/users/${s.mentor.id}`, { active: false, version: user.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);

    const all: Row[] = (await s.leader.get(`/api/pairings?schoolId=${s.school.id}&active=all`)).json().items;
    const of = (childId: string | undefined) => all.filter((p) => p.childId === childId).map((p) => [p.startDate, p.endDate, p.endReason]);
    for (const id of s.kids.slice(0, 3)) expect(of(id)).toEqual([['2026-09-01', '2026-11-20', 'mentor_inactive']]);
    expect(of(s.kids[3])).toEqual([['2026-12-01', '2026-12-01', 'mentor_inactive']]);
    // Ended before: left as it was. The other mentor's child: still paired.
    expect(of(s.kids[4])).toEqual([['2026-09-01', '2026-10-01', '调整']]);
    expect(of(s.kids[5])).toEqual([['2026-09-01', null, null]]);

    const overview = (await s.leader.get(`/api/pairings/overview?schoolId=${s.school.id}`)).json();
    expect(overview.unpaired.map((c: { id: string }) => c.id).sort()).toEqual(s.kids.slice(0, 5).sort());
    expect(overview.mentors.map((m: { name: string }) => m.name)).toEqual(['何老师']);

    const audits = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'school_id', 'summary', 'user_id'])
      .where('action', '=', 'pairing.end')
      .where('summary', 'like', '%mentor_inactive%')
      .execute();
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.school_id === s.school.id && a.user_id === s.leaderUser.id)).toBe(true);
    expect(audits.map((a) => JSON.parse(a.summary as string)).sort((a, b) => (a.endDate < b.endDate ? -1 : 1))).toEqual([
      { endDate: '2026-11-20', reason: 'mentor_inactive' },
      { endDate: '2026-11-20', reason: 'mentor_inactive' },
      { endDate: '2026-11-20', reason: 'mentor_inactive' },
      { endDate: '2026-12-01', reason: 'mentor_inactive' },
    ]);

    // The next day, this month's items of her children fall to nobody (the school's 没有帮扶教师 row)
    // until they are paired again (months over keep their mentor: engine.test.ts).
    now = new Date('2026-11-21T02:00:00Z');
    const tomorrow = await app.as(s.leaderUser.username);
    const talks = async (period: string) =>
      new Map<string | null, number>(
        (await tomorrow.get(`/api/compliance?schoolId=${s.school.id}&period=${period}`))
          .json()
          .byMentor.map((g: { id: string | null; total: number }) => [g.id, g.total]),
      );
    const november = await talks('2026-11');
    expect(november.has(s.mentor.id)).toBe(false);
    expect(november.get(null)).toBeGreaterThan(0);
    now = new Date('2026-11-20T02:00:00Z');

    // Active again: a mentor with room, but the pairings stay ended.
    const back = await s.leader.patch(`/api/users/${s.mentor.id}`, { active: true, version: res.json().version });
    expect(back.statusCode).toBe(200);
    const again = (await s.leader.get(`/api/pairings/overview?schoolId=${s.school.id}`)).json();
    expect(again.unpaired).toHaveLength(5);
    expect(again.mentors.find((m: { id: string }) => m.id === s.mentor.id)).toMatchObject({ count: 0 });
    expect((await s.leader.get(`/api/pairings?mentorId=${s.mentor.id}`)).json().items).toEqual([]);
  });

  it("taken off the school's mentors: that school's pairings end, another school's and a kept role's stay", async () => {
    const s = await school();
    // Another role added, the mentor role kept: nothing ends.
    const u1 = (await s.leader.get(`/api/users/${s.mentor.id}`)).json();
    const kept = await s.leader.patch(`/api/users/${s.mentor.id}`, {
      roles: [
        { role: 'mentor', scopeId: s.school.id },
        { role: 'class_teacher', scopeId: s.klass.id },
      ],
      version: u1.version,
    });
    expect(kept.statusCode).toBe(200);
    expect((await s.leader.get(`/api/pairings?mentorId=${s.mentor.id}`)).json().items).toHaveLength(4);
    // The mentor role taken away: her pairings end with that reason.
    const gone = await s.leader.patch(`/api/users/${s.mentor.id}`, { roles: [{ role: 'class_teacher', scopeId: s.klass.id }], version: kept.json().version });
    expect(gone.statusCode).toBe(200);
    const ended: Row[] = (await s.leader.get(`/api/pairings?mentorId=${s.mentor.id}&active=all`)).json().items;
    expect(
      ended
        .filter((p) => p.endReason === 'mentor_role_removed')
        .map((p) => p.endDate)
        .sort(),
    ).toEqual(['2026-11-20', '2026-11-20', '2026-11-20', '2026-12-01']);
    expect(ended.filter((p) => !p.endDate)).toEqual([]);
    const overview = (await s.leader.get(`/api/pairings/overview?schoolId=${s.school.id}`)).json();
    expect(overview.unpaired).toHaveLength(5);

    // A mentor of two schools loses one of them: only that school's pairing ends.
    const second = await buildSchool(app, { regionId: s.county.id });
    const both = await buildUser(app, 'mentor', s.school.id, { name: '两校老师' });
    const admin = systemAuth();
    const withTwo = await app.services.users.update(admin, both.id, {
      roles: [
        { role: 'mentor', scopeId: s.school.id },
        { role: 'mentor', scopeId: second.id },
      ],
      version: both.version,
    });
    const here = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const there = await buildChild(app, { schoolId: second.id });
    await app.services.pairings.create(admin, { mentorId: both.id, childIds: [here.id] });
    await app.services.pairings.create(admin, { mentorId: both.id, childIds: [there.id] });
    await app.services.users.update(admin, both.id, { roles: [{ role: 'mentor', scopeId: s.school.id }], version: withTwo.version });
    const rows = await app.ctx.db.selectFrom('pairings').select(['child_id', 'end_date', 'end_reason']).where('mentor_id', '=', both.id).execute();
    expect(rows.find((r) => r.child_id === here.id)).toMatchObject({ end_date: null, end_reason: null });
    expect(rows.find((r) => r.child_id === there.id)).toMatchObject({ end_date: '2026-11-20', end_reason: 'mentor_role_removed' });
  });

  it('ends nothing and deactivates no one when a later step of the change fails', async () => {
    const s = await school();
    const { audit } = app.services;
    const record = audit.record.bind(audit);
    audit.record = (async (tx, auth, entry) => {
      if (entry.action === 'user.update') throw new Error('audit failed');
      return record(tx, auth, entry);
    }) as typeof audit.record;
    const user = (await s.leader.get(`/api/users/${s.mentor.id}`)).json();
    expect((await s.leader.patch(`/api/users/${s.mentor.id}`, { active: false, version: user.version })).statusCode).toBe(500);
    audit.record = record;
    expect((await s.leader.get(`/api/users/${s.mentor.id}`)).json()).toMatchObject({ active: true, version: user.version });
    expect((await s.leader.get(`/api/pairings?mentorId=${s.mentor.id}`)).json().items).toHaveLength(4);
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('summary', 'like', '%mentor_inactive%').execute()).toEqual([]);
  });

  it('a pairing made while the mentor is deactivated: whichever commits first, no pairing stays open with an inactive mentor', async () => {
    const s = await school();
    const a = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const b = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const pair = (id: string) => () => s.leader.post('/api/pairings', { mentorId: s.mentor.id, childIds: [id] });
    const setActive = async (active: boolean) => {
      const user = (await s.leader.get(`/api/users/${s.mentor.id}`)).json();
      return () => s.leader.patch(`/api/users/${s.mentor.id}`, { active, version: user.version });
    };
    const open = () => app.ctx.db.selectFrom('pairings').select('child_id').where('mentor_id', '=', s.mentor.id).where('end_date', 'is', null).execute();

    // The deactivation first: the pairing waits for it, then finds no such mentor.
    const deactivate = await setActive(false);
    const paired = duringNextTransaction(app, pair(a.id));
    expect((await deactivate()).statusCode).toBe(200);
    const refused = await paired();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'mentorId', message: expect.any(String) }]);
    expect(await open()).toEqual([]);

    // The pairing first: the deactivation waits for it, then ends it.
    expect((await (await setActive(true))()).statusCode).toBe(200);
    const deactivated = duringNextTransaction(app, await setActive(false));
    expect((await pair(b.id)()).statusCode).toBe(201);
    expect((await deactivated()).statusCode).toBe(200);
    expect(await open()).toEqual([]);
    const rows = await app.ctx.db.selectFrom('pairings').select(['end_date', 'end_reason']).where('child_id', '=', b.id).execute();
    expect(rows).toEqual([{ end_date: '2026-11-20', end_reason: 'mentor_inactive' }]);
  });
});

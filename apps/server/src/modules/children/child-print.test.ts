import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { childRepo } from './child.repository.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** Counts the statements a Kysely instance runs. */
function counter(): KyselyPlugin & { n: number } {
  const c = {
    n: 0,
    transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
      c.n++;
      return args.node;
    },
    async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
      return args.result;
    },
  };
  return c;
}

async function setUp() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id, { name: '李帮扶' });
  await app.ctx.db.updateTable('users').set({ phone: '13912345678' }).where('id', '=', mentor.id).execute();
  const paired = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '甲' });
  const unpaired = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '乙' });
  const ended = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '丙' });
  const leader = await app.as(s.leader.username);
  expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [paired.id, ended.id] })).statusCode).toBe(201);
  const p = (await leader.get(`/api/pairings?childId=${ended.id}`)).json().items[0];
  expect((await leader.post(`/api/pairings/${p.id}/end`, { reason: '调整', version: 1 })).statusCode).toBe(200);
  return { ...s, mentor, paired, unpaired, ended };
}

describe('contact card: the mentor line', () => {
  it('carries each printed child’s active mentor, with the phone for those who call families', async () => {
    const s = await setUp();
    const t = await app.as(s.teacher.username);
    const res = await t.get(`/api/children/print?ids=${[s.paired.id, s.unpaired.id, s.ended.id].join(',')}`);
    expect(res.statusCode).toBe(200);
    const byId = new Map(res.json().items.map((c: { id: string; mentor: unknown }) => [c.id, c.mentor]));
    expect(byId.get(s.paired.id)).toEqual({ name: '李帮扶', phone: '13912345678' });
    expect(byId.get(s.unpaired.id)).toBeNull();
    // An ended pairing is history, not the child's mentor now.
    expect(byId.get(s.ended.id)).toBeNull();
    // A whole class prints the same.
    const klass = (await t.get(`/api/children/print?classId=${s.klass.id}`)).json().items;
    expect(klass.find((c: { id: string }) => c.id === s.paired.id).mentor).toEqual({ name: '李帮扶', phone: '13912345678' });
  });

  it('carries the class teacher with the phone for the emergency contacts, masked as the others for a bureau officer', async () => {
    const s = await setUp();
    await app.ctx.db.updateTable('classes').set({ head_teacher_id: s.teacher.id }).where('id', '=', s.klass.id).execute();
    await app.ctx.db.updateTable('users').set({ phone: '13700001111' }).where('id', '=', s.teacher.id).execute();
    const t = await app.as(s.teacher.username);
    const items = (await t.get(`/api/children/print?classId=${s.klass.id}`)).json().items as { classTeacher: unknown }[];
    for (const c of items) expect(c.classTeacher).toEqual({ name: s.teacher.name, phone: '13700001111' });
    const b = await app.as(s.bureau.username);
    await b.post(`/api/children/${s.paired.id}/view-reason`, { reason: '核查帮扶情况' });
    expect((await b.get(`/api/children/print?ids=${s.paired.id}`)).json().items[0].classTeacher).toEqual({ name: s.teacher.name, phone: '137****1111' });
    // A child without a class has no class teacher on the card.
    const loose = await buildChild(app, { schoolId: s.school.id, classId: null, name: '丁' });
    const leader = await app.as(s.leader.username);
    expect((await leader.get(`/api/children/print?ids=${loose.id}`)).json().items[0]).toMatchObject({ id: loose.id, classTeacher: null });
  });

  it('masks the mentor’s phone for a bureau officer, as the card masks the family’s phones', async () => {
    const s = await setUp();
    const b = await app.as(s.bureau.username);
    expect((await b.get(`/api/children/print?ids=${s.paired.id}`)).statusCode).toBe(403);
    await b.post(`/api/children/${s.paired.id}/view-reason`, { reason: '核查帮扶情况' });
    const item = (await b.get(`/api/children/print?ids=${s.paired.id}`)).json().items[0];
    expect(item.revealed.phones).toBe(false);
    expect(item.mentor).toEqual({ name: '李帮扶', phone: '139****5678' });
  });

  it('still answers 404 for a child outside the caller’s scope among the ids', async () => {
    const s = await setUp();
    const other = await buildSchoolWithStaff(app);
    const foreign = await buildChild(app, { schoolId: other.school.id, classId: other.klass.id });
    const t = await app.as(s.teacher.username);
    expect((await t.get(`/api/children/print?ids=${s.paired.id},${foreign.id}`)).statusCode).toBe(404);
  });

  it('finds the mentors of many children in one query', async () => {
    const s = await setUp();
    const plugin = counter();
    const mentors = await childRepo.activeMentors(app.ctx.db.withPlugin(plugin), [s.paired.id, s.unpaired.id, s.ended.id]);
    expect(plugin.n).toBe(1);
    expect([...mentors.keys()]).toEqual([s.paired.id]);
    expect(mentors.get(s.paired.id)).toMatchObject({ name: '李帮扶', phone: '13912345678' });
  });
});

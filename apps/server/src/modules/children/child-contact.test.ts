import type { AuditEntry } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());

const clock = () => new Date('2026-11-20T02:00:00Z');
const FULL = '13800138000';
const MASKED = '138****8000';

/** A school with staff, a child of its class with a guardian's phone, and a mentor paired with it. */
async function paired() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, guardianPhone: FULL });
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const leader = await app.as(s.leader.username);
  expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id] })).statusCode).toBe(201);
  return { ...s, child, mentor, leaderClient: leader };
}

const contactViews = (childId: string) =>
  app.ctx.db
    .selectFrom('audit_log')
    .select(['user_id', 'action', 'entity', 'school_id', 'summary'])
    .where('entity_id', '=', childId)
    .where('action', '=', 'child.contact_view')
    .execute();

describe('phone numbers in lists', () => {
  it('masks the guardian phone in the child list for a class teacher, a mentor and a leader, and in the mentor’s own list', async () => {
    const s = await paired();
    const clients: [string, Client][] = [
      ['class teacher', await app.as(s.teacher.username)],
      ['mentor', await app.as(s.mentor.username)],
      ['leader', s.leaderClient],
    ];
    for (const [who, c] of clients) {
      const res = await c.get('/api/children');
      expect(res.statusCode, who).toBe(200);
      const item = res.json().items.find((x: { id: string }) => x.id === s.child.id);
      expect(item?.guardianPhone, who).toBe(MASKED);
      expect(res.body, who).not.toContain(FULL);
    }
    const mine = await (await app.as(s.mentor.username)).get('/api/mentoring/mine');
    expect(mine.json().items).toEqual([expect.objectContaining({ childId: s.child.id, guardianPhone: MASKED })]);
    expect(mine.body).not.toContain(FULL);
  });

  it('still shows the phones in full in the audited full view to those who call families', async () => {
    const s = await paired();
    for (const username of [s.teacher.username, s.mentor.username, s.leader.username]) {
      const full = (await (await app.as(username)).get(`/api/children/${s.child.id}`)).json();
      expect(full.guardianPhone, username).toBe(FULL);
      expect(full.revealed.phones, username).toBe(true);
    }
  });
});

describe('POST /api/children/:id/contact: one child’s guardian phone for a call', () => {
  it('gives the phone in full to the child’s mentor and its class teacher, each reveal audited', async () => {
    const s = await paired();
    for (const user of [s.mentor, s.teacher]) {
      const res = await (await app.as(user.username)).post(`/api/children/${s.child.id}/contact`);
      expect(res.statusCode, user.username).toBe(200);
      expect(res.json()).toEqual({ childId: s.child.id, guardianPhone: FULL });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const rows = await contactViews(s.child.id);
    expect(rows.map((r) => r.user_id).sort()).toEqual([s.mentor.id, s.teacher.id].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ entity: 'child', school_id: s.school.id });
      expect(JSON.parse(r.summary as string)).toEqual({ fields: ['guardianPhone'] });
    }
    // The school's audit page lists each reveal.
    const log = (await s.leaderClient.get('/api/audit?limit=200&action=child.contact_view')).json().items as AuditEntry[];
    expect(log.map((e) => e.userId).sort()).toEqual([s.mentor.id, s.teacher.id].sort());
    // Not a full view: no child.view row was written by the reveal.
    const views = await app.ctx.db.selectFrom('audit_log').select('id').where('entity_id', '=', s.child.id).where('action', '=', 'child.view').execute();
    expect(views).toHaveLength(0);
  });

  it('answers a child without a guardian phone with null, audited all the same', async () => {
    const s = await paired();
    const none = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, guardianPhone: null });
    const res = await (await app.as(s.teacher.username)).post(`/api/children/${none.id}/contact`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ childId: none.id, guardianPhone: null });
    expect(await contactViews(none.id)).toHaveLength(1);
  });

  it('refuses a bureau officer (403), even with a reason given, and writes nothing', async () => {
    const s = await paired();
    const bureau = await app.as(s.bureau.username);
    const refused = await bureau.post(`/api/children/${s.child.id}/contact`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden' });
    expect((await bureau.post(`/api/children/${s.child.id}/view-reason`, { reason: '核查监护人反映的情况' })).statusCode).toBe(204);
    expect((await bureau.post(`/api/children/${s.child.id}/contact`)).statusCode).toBe(403);
    expect(await contactViews(s.child.id)).toHaveLength(0);
  });

  it('answers 404, as the full view does, to those who do not see the child', async () => {
    const s = await paired();
    const other = await buildSchoolWithStaff(app);
    const otherMentor = await buildUser(app, 'mentor', s.school.id);
    for (const username of [other.teacher.username, other.leader.username, otherMentor.username]) {
      const c = await app.as(username);
      const view = await c.get(`/api/children/${s.child.id}`);
      expect(view.statusCode, username).toBe(404);
      const res = await c.post(`/api/children/${s.child.id}/contact`);
      expect(res.statusCode, username).toBe(404);
      expect(res.json()).toEqual(view.json());
      expect(res.body).not.toContain(FULL);
    }
    // A mentor whose pairing ended no longer sees the child, nor its phone.
    const pairing = await app.ctx.db.selectFrom('pairings').select('id').where('child_id', '=', s.child.id).executeTakeFirstOrThrow();
    await app.ctx.db.updateTable('pairings').set({ end_date: '2026-11-19' }).where('id', '=', pairing.id).execute();
    expect((await (await app.as(s.mentor.username)).post(`/api/children/${s.child.id}/contact`)).statusCode).toBe(404);
    expect(await contactViews(s.child.id)).toHaveLength(0);
  });

  it('answers a bad id with the usual localised 4xx', async () => {
    const s = await paired();
    const t = await app.as(s.teacher.username);
    const long = await t.post(`/api/children/${'x'.repeat(65)}/contact`);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'validation_failed' });
    expect(long.json().message).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await t.post('/api/children/no-such-child/contact');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found', message: '未找到儿童档案' });
  });
});

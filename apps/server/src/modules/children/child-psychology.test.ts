import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const counsellor = await buildUser(app, 'counsellor', s.school.id, { name: '周老师' });
  const mentor = await buildUser(app, 'mentor', s.school.id);
  // Looked after well and new today: low, until a psychological flag says otherwise.
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'good', psychologyLevel: 'fair' });
  const leader = await app.as(s.leader.username);
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id] });
  return { ...s, counsellor, mentor, child, leaderClient: leader };
}

describe("the counsellor's psychological risk flag (心理状况)", () => {
  it('lets a counsellor of the school set the level, kept in history and the audit log, and nothing else of the archive', async () => {
    const s = await setup();
    const c = await app.as(s.counsellor.username);
    const seen = (await c.get(`/api/children/${s.child.id}`)).json();
    expect(seen).toMatchObject({ canEdit: false, canSetPsychology: true, psychologyLevel: 'fair' });
    // The whole archive stays closed to the counsellor.
    expect((await c.patch(`/api/children/${s.child.id}`, { psychologyLevel: 'serious', version: seen.version })).statusCode).toBe(403);
    const set = await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: seen.version });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ psychologyLevel: 'serious', version: seen.version + 1, guardianName: seen.guardianName });
    // Another field in the body is refused, not quietly dropped.
    const more = await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'attention', guardianName: '别人', version: seen.version + 1 });
    expect(more.statusCode).toBe(400);
    const history = (await c.get(`/api/children/${s.child.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'update', userName: '周老师', changes: [{ field: 'psychologyLevel', old: 'fair', new: 'serious' }] });
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'summary'])
      .where('entity_id', '=', s.child.id)
      .where('action', '=', 'child.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(s.counsellor.id);
    expect(JSON.parse(audit[0]?.summary ?? '{}')).toMatchObject({ fields: ['psychologyLevel'] });
    // Cleared again (unknown), with a stale version refused.
    expect((await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: null, version: seen.version })).statusCode).toBe(409);
    const cleared = await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: null, version: seen.version + 1 });
    expect(cleared.json()).toMatchObject({ psychologyLevel: null });
  });

  it('refuses others: a mentor 403, a counsellor of another school 404; the class teacher, who keeps the archive, may', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const viaMentor = (await m.get(`/api/children/${s.child.id}`)).json();
    expect(viaMentor.canSetPsychology).toBe(false);
    expect((await m.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: 1 })).statusCode).toBe(403);
    const elsewhere = await buildSchoolWithStaff(app);
    const far = await buildUser(app, 'counsellor', elsewhere.school.id);
    const f = await app.as(far.username);
    expect((await f.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: 1 })).statusCode).toBe(404);
    const t = await app.as(s.teacher.username);
    expect((await t.get(`/api/children/${s.child.id}`)).json().canSetPsychology).toBe(true);
    const byTeacher = await t.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'attention', version: 1 });
    expect(byTeacher.statusCode).toBe(200);
    // A child no longer in the archive's care is not flagged.
    await s.leaderClient.post(`/api/children/${s.child.id}/status`, { status: 'left', note: '转学', version: 2 });
    const c = await app.as(s.counsellor.username);
    expect((await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: 3 })).statusCode).toBe(409);
  });

  it("raises the child's warning level as a serious dimension does, and tells the leaders and the mentor", async () => {
    const s = await setup();
    const before = (await s.leaderClient.get(`/api/children/${s.child.id}/risk`)).json();
    expect(before.reasons.map((r: { signal: string }) => r.signal)).not.toContain('seriousDimension');
    await app.services.notifications.refresh();
    const c = await app.as(s.counsellor.username);
    const res = await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'serious', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await s.leaderClient.get(`/api/children/${s.child.id}/risk`)).json();
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ signal: 'seriousDimension', text: expect.stringContaining('心理') })]));
    expect([before.level, after.level]).toEqual(['low', 'medium']);
    await app.services.notifications.refresh();
    const told = await app.ctx.db.selectFrom('notifications').select('user_id').where('kind', '=', 'risk').execute();
    expect(told.map((r) => r.user_id).sort()).toEqual([s.leader.id, s.mentor.id].sort());
  });

  it('audits an archive saved unchanged but not a level set again unchanged; both check the version and write no history', async () => {
    const s = await setup();
    const audited = async () =>
      (await app.ctx.db.selectFrom('audit_log').select('summary').where('entity_id', '=', s.child.id).where('action', '=', 'child.update').execute()).map((r) =>
        JSON.parse(r.summary ?? 'null'),
      );
    const history = async () => (await app.ctx.db.selectFrom('child_history').select('id').where('child_id', '=', s.child.id).execute()).length;
    const c = await app.as(s.counsellor.username);
    const written = await history();
    // The same level again: nothing written, nothing audited; a stale version is still refused.
    expect((await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'fair', version: 1 })).json()).toMatchObject({ version: 1 });
    expect((await c.patch(`/api/children/${s.child.id}/psychology`, { psychologyLevel: 'fair', version: 7 })).statusCode).toBe(409);
    expect(await audited()).toEqual([]);
    // The archive's form saved as it was: nothing written, but the save is audited; a stale version is refused.
    expect((await s.leaderClient.patch(`/api/children/${s.child.id}`, { psychologyLevel: 'fair', version: 1 })).json()).toMatchObject({ version: 1 });
    expect((await s.leaderClient.patch(`/api/children/${s.child.id}`, { psychologyLevel: 'fair', version: 7 })).statusCode).toBe(409);
    expect(await audited()).toEqual([{ fields: ['psychologyLevel'] }]);
    expect(await history()).toBe(written);
  });
});

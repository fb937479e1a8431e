import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

/** Deactivate (or reactivate) an account as an administrator does, through the users service. */
async function setActive(userId: string, active: boolean) {
  const u = await app.services.users.get(systemAuth(), userId);
  await app.services.users.update(systemAuth(), userId, { active, version: u.version });
}

/** The kinds of the notifications stored for a user. */
async function kindsOf(userId: string): Promise<string[]> {
  const rows = await app.ctx.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => r.kind);
}

/** A school in term with a mentor paired with a child since September: talks and visits are overdue by now. */
async function schoolInTerm() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const leader = await app.as(s.leader.username);
  await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const child = await buildChild(app, {
    schoolId: s.school.id,
    classId: s.klass.id,
    name: '小明',
    custodyQuality: 'unsupervised',
    boarding: 'host',
    hostName: '李阿姨',
  });
  await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-09-01' });
  return { ...s, mentor, child };
}

describe('notifications to deactivated accounts', () => {
  it('lists the newest 50 and, page by page, every older one; a bad cursor is named', async () => {
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    for (let i = 0; i < 120; i++)
      await app.services.notifications.notify(
        s.teacher.id,
        s.school.id,
        'overdue',
        `k${i}`,
        'notifications.incidentAcknowledged',
        { by: '王科长', kind: '@incidents.kinds.injury' },
        `/x/${i}`,
      );
    const c = await app.as(s.teacher.username);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { unread: number; nextCursor: string | null; items: { link: string }[] } = (
        await c.get(`/api/notifications${cursor ? `?cursor=${cursor}` : ''}`)
      ).json();
      expect(page.unread).toBe(120);
      seen.push(...page.items.map((n) => n.link));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    const bad = await c.get('/api/notifications?cursor=bm90LWEtY3Vyc29y');
    expect([bad.statusCode, bad.json().fields.map((f: { path: string }) => f.path)]).toEqual([400, ['cursor']]);
  });

  it('notify stores nothing for a deactivated user, and stores again once the account is active', async () => {
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    const send = (key: string) => app.services.notifications.notify(s.teacher.id, s.school.id, 'overdue', key, 'notifications.overdue', { child: '小明' }, '/');
    await setActive(s.teacher.id, false);
    expect(await send('a')).toBe(false);
    expect(await kindsOf(s.teacher.id)).toEqual([]);
    await setActive(s.teacher.id, true);
    expect(await send('a')).toBe(true);
    // Deduplicated as before.
    expect(await send('a')).toBe(false);
    expect(await kindsOf(s.teacher.id)).toEqual(['overdue']);
  });

  it('the overdue and risk notifier skips deactivated mentors and leaders, and counts only what it sent', async () => {
    const s = await schoolInTerm();
    const away = await buildUser(app, 'school_leader', s.school.id);
    await setActive(s.mentor.id, false);
    await setActive(away.id, false);
    const sent = await app.services.notifications.refresh();
    expect(await kindsOf(s.mentor.id)).toEqual([]);
    expect(await kindsOf(away.id)).toEqual([]);
    // The active leader hears of the risk rise; the count is of stored notifications only.
    expect(await kindsOf(s.leader.id)).toContain('risk');
    const stored = await app.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(sent).toBe(Number(stored.n));
    // Back at work, the mentor hears of the items still overdue on the next pass.
    await setActive(s.mentor.id, true);
    expect(await app.services.notifications.refresh()).toBeGreaterThan(0);
    expect(new Set(await kindsOf(s.mentor.id))).toEqual(new Set(['overdue']));
  });

  it("stores the levels it tells of without moving the school's change stamp, and tells a rise once", async () => {
    const s = await schoolInTerm();
    const stamp = async () => (await app.ctx.db.selectFrom('compliance_stamps').select('stamp').where('school_id', '=', s.school.id).executeTakeFirst())?.stamp;
    const before = await stamp();
    await app.services.notifications.refresh();
    // The school's cached tallies and dashboard figures stay valid: nothing they read was written.
    expect(await stamp()).toBe(before);
    const risks = await kindsOf(s.leader.id);
    expect(risks).toContain('risk');
    await app.services.notifications.refresh();
    expect(await kindsOf(s.leader.id)).toEqual(risks);
  });

  it('an incident report alerts the active leaders only, at once and in the hourly police reminder', async () => {
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    const away = await buildUser(app, 'school_leader', s.school.id);
    await setActive(away.id, false);
    const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
    const t = await app.as(s.teacher.username);
    const res = await t.post('/api/incidents', {
      childIds: [girl.id],
      kind: 'injury',
      severity: 'serious',
      occurredAt: '2026-11-20T01:30:00.000Z',
      description: '课间从单杠上摔下，右臂疼痛',
      answers: {},
    });
    expect(res.statusCode).toBe(201);
    expect((await kindsOf(s.leader.id)).length).toBeGreaterThan(0);
    expect(await kindsOf(away.id)).toEqual([]);
    // A required police report not yet recorded: the hourly reminder, too, reaches the active leader only.
    await app.ctx.db.updateTable('incidents').set({ mandatory: 1 }).execute();
    const before = (await kindsOf(s.leader.id)).length;
    expect(await app.services.notifications.incidentAlerts()).toBe(1);
    expect((await kindsOf(s.leader.id)).length).toBe(before + 1);
    expect(await kindsOf(away.id)).toEqual([]);
  });
});

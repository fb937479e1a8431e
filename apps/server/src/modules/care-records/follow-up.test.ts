import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp, testDialect } from '../../test/index.ts';
import { dueFollowUpsQuery } from './follow-ups.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
/** Beijing morning of a day. */
const day = (d: string) => new Date(`${d}T02:00:00Z`);

async function setup() {
  now = day('2026-11-20');
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const counsellor = await buildUser(app, 'counsellor', s.school.id);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小丽' });
  const other = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '李小军' });
  const leader = await app.as(s.leader.username);
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id] });
  return { ...s, mentor, counsellor, child, other, leaderClient: leader };
}

const talk = (childId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'talk',
  childIds: [childId],
  date: '2026-11-19',
  summary: '聊了学习和想念妈妈的事，约好下周再看作业',
  details: { topics: ['study'], mood: 'sad', problem: '作业拖欠', help: '每天检查作业' },
  ...extra,
});

/** The follow-up notifications stored for a user: their dedupe keys. */
async function followUpsOf(userId: string): Promise<string[]> {
  const rows = await app.ctx.db
    .selectFrom('notifications')
    .select('dedupe_key')
    .where('user_id', '=', userId)
    .where('kind', '=', 'follow_up')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.dedupe_key);
}

/** The bell as the user reads it. */
async function bell(c: Client): Promise<{ kind: string; title: string; link: string | null }[]> {
  const res = await c.get('/api/notifications');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('follow-up reminders', () => {
  it('tells the author once, on the day the follow-up falls due, and again only for a new date', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const rec = (await m.post('/api/care-records', talk(s.child.id, { followUpNeeded: true, followUpDate: '2026-11-25' }))).json();
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toEqual([]);
    now = day('2026-11-25');
    await app.services.notifications.refresh();
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toEqual([`follow_up|${rec.id}|2026-11-25`]);
    const mine = await bell(await app.as(s.mentor.username));
    const told = mine.find((n) => n.kind === 'follow_up');
    expect(told).toMatchObject({ link: `/care-records/${rec.id}` });
    expect(told?.title).toContain('王小丽');
    expect(told?.title).toContain('2026-11-25');
    expect(told?.title).toContain('谈心');
    // Nobody else hears of another's follow-up.
    for (const u of [s.leader.id, s.teacher.id, s.counsellor.id]) expect(await followUpsOf(u)).toEqual([]);
    // Put off to a later day (the leader corrects it: the author's window has closed), it comes again then.
    const leader = await app.as(s.leader.username);
    expect((await leader.patch(`/api/care-records/${rec.id}`, { followUpDate: '2026-11-28', version: rec.version })).statusCode).toBe(200);
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toHaveLength(1);
    now = day('2026-11-28');
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toEqual([`follow_up|${rec.id}|2026-11-25`, `follow_up|${rec.id}|2026-11-28`]);
  });

  it('tells class teachers and counsellors too; a counselling follow-up says only whose it is and when', async () => {
    const s = await setup();
    const c = await app.as(s.counsellor.username);
    const t = await app.as(s.teacher.username);
    const counselling = {
      kind: 'counselling',
      childIds: [s.child.id],
      date: '2026-11-18',
      summary: '情绪低落，做了沙盘',
      details: { issue: '失眠多梦', approach: '沙盘游戏' },
      followUpNeeded: true,
      followUpDate: '2026-11-22',
    };
    const secret = (await c.post('/api/care-records', counselling)).json();
    const visit = (
      await t.post('/api/care-records', {
        ...talk(s.other.id),
        kind: 'home_visit',
        details: { termPoint: 'middle' },
        followUpNeeded: true,
        followUpDate: '2026-11-22',
      })
    ).json();
    now = day('2026-11-22');
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.counsellor.id)).toEqual([`follow_up|${secret.id}|2026-11-22`]);
    expect(await followUpsOf(s.teacher.id)).toEqual([`follow_up|${visit.id}|2026-11-22`]);
    const told = (await bell(await app.as(s.counsellor.username))).find((n) => n.kind === 'follow_up');
    expect(told?.title).toContain('王小丽');
    expect(told?.link).toBe(`/care-records/${secret.id}`);
    for (const word of ['沙盘', '失眠', '情绪', '心理辅导']) expect(told?.title).not.toContain(word);
    // Stored as a key and parameters: nothing confidential in the row either.
    const row = await app.ctx.db.selectFrom('notifications').select(['title', 'params']).where('user_id', '=', s.counsellor.id).executeTakeFirstOrThrow();
    for (const word of ['沙盘', '失眠', 'counselling']) expect(`${row.title}${row.params}`).not.toContain(word);
    // In English too.
    const en = (await (await app.as(s.counsellor.username)).get('/api/notifications', { 'accept-language': 'en-US' })).json().items[0];
    expect(en.title).toMatch(/follow-up/i);
    expect(en.title).not.toMatch(/counsel/i);
    // A teacher sees that a confidential record exists, not that it awaits a follow-up: 只看待跟进 leaves it out.
    const teacher = await app.as(s.teacher.username);
    const all = (await teacher.get(`/api/care-records?childId=${s.child.id}`)).json().items;
    expect(all.find((r: { id: string }) => r.id === secret.id)).toMatchObject({ redacted: true, followUpNeeded: false });
    const open = (await teacher.get('/api/care-records?followUp=open')).json().items.map((r: { id: string }) => r.id);
    expect(open).toEqual([visit.id]);
    const leader = (await (await app.as(s.leader.username)).get('/api/care-records?followUp=open')).json().items.map((r: { id: string }) => r.id);
    expect(leader.sort()).toEqual([secret.id, visit.id].sort());
  });

  it('stops once the follow-up is marked done — by its author even after the edit window — or the record is withdrawn', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const done = (await m.post('/api/care-records', talk(s.child.id, { followUpNeeded: true, followUpDate: '2026-12-01' }))).json();
    const withdrawn = (await m.post('/api/care-records', talk(s.child.id, { followUpNeeded: true, followUpDate: '2026-12-01' }))).json();
    const open = (await m.post('/api/care-records', talk(s.child.id, { followUpNeeded: true, followUpDate: '2026-12-01' }))).json();
    expect((await m.delete(`/api/care-records/${withdrawn.id}`)).statusCode).toBe(204);
    // Ten days on, the author may no longer edit the record, but closes its follow-up.
    now = day('2026-11-30');
    const late = await app.as(s.mentor.username);
    expect((await late.patch(`/api/care-records/${done.id}`, { summary: '改一下', version: done.version })).statusCode).toBe(403);
    const closed = await late.patch(`/api/care-records/${done.id}`, { followUpDone: true, version: done.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ followUpDone: true, canEdit: false });
    // Nothing else rides along with a late close, and no one else closes another's follow-up.
    expect((await late.patch(`/api/care-records/${open.id}`, { followUpDone: true, followUpDate: '2026-12-20', version: open.version })).statusCode).toBe(403);
    const teacher = await app.as(s.teacher.username);
    expect((await teacher.patch(`/api/care-records/${open.id}`, { followUpDone: true, version: open.version })).statusCode).toBe(403);
    now = day('2026-12-01');
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toEqual([`follow_up|${open.id}|2026-12-01`]);
    // Open follow-ups only: the closed and the withdrawn are not listed either.
    const listed = (await (await app.as(s.mentor.username)).get(`/api/care-records?followUp=open&authorId=${s.mentor.id}`)).json().items;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([open.id]);
  });

  it("does not tell an author who no longer sees the child; names a group record's first children and how many", async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    await m.post('/api/care-records', talk(s.child.id, { followUpNeeded: true, followUpDate: '2026-11-24' }));
    const more: string[] = [];
    for (const name of ['张一', '张二']) more.push((await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name })).id);
    const t = await app.as(s.teacher.username);
    const group = await t.post(
      '/api/care-records',
      talk(s.child.id, { childIds: [s.child.id, s.other.id, ...more], followUpNeeded: true, followUpDate: '2026-11-24' }),
    );
    expect(group.statusCode, group.body).toBe(201);
    const pairing = (await s.leaderClient.get(`/api/pairings?childId=${s.child.id}`)).json().items[0];
    const ended = await s.leaderClient.post(`/api/pairings/${pairing.id}/end`, { reason: '教师调岗', version: pairing.version });
    expect(ended.statusCode, ended.body).toBe(200);
    now = day('2026-11-24');
    await app.services.notifications.refresh();
    expect(await followUpsOf(s.mentor.id)).toEqual([]);
    // The class teacher, who sees them all, hears of the group talk: three names, then how many in all.
    expect(await followUpsOf(s.teacher.id)).toEqual([`follow_up|${group.json().id}|2026-11-24`]);
    const [zh] = await bell(await app.as(s.teacher.username));
    expect(zh?.title).toMatch(/^[^，（]+、[^，（]+、[^，（]+等 4 人的谈心记录/);
    const [en] = (await (await app.as(s.teacher.username)).get('/api/notifications', { 'accept-language': 'en-US' })).json().items;
    expect(en.title).toContain('and 1 more');
  });
});

describe('只看待跟进: open follow-ups by follow-up date', () => {
  it('lists the most overdue first, then the soonest, then those without a date, page by page', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const make = async (date: string, followUpDate: string | null) =>
      (await t.post('/api/care-records', talk(s.other.id, { date, followUpNeeded: true, followUpDate }))).json().id as string;
    const nextWeek = await make('2026-11-19', '2026-11-27');
    const lastWeek = await make('2026-11-01', '2026-11-12');
    const noDate = await make('2026-11-18', null);
    const tomorrow = await make('2026-11-10', '2026-11-21');
    const today = await make('2026-11-05', '2026-11-20');
    const closed = await make('2026-11-02', '2026-11-03');
    const rec = (await t.get(`/api/care-records/${closed}`)).json();
    await t.patch(`/api/care-records/${closed}`, { followUpDone: true, version: rec.version });
    const expected = [lastWeek, today, tomorrow, nextWeek, noDate];
    const all = (await t.get('/api/care-records?followUp=open')).json().items.map((r: { id: string }) => r.id);
    expect(all).toEqual(expected);
    // Two at a time, the cursor keeps the order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await t.get(`/api/care-records?followUp=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    // Without the filter, records stay newest first.
    const byDate = (await t.get('/api/care-records')).json().items.map((r: { date: string }) => r.date);
    expect(byDate).toEqual([...byDate].sort().reverse());
  });
});

describe('the follow-up reminders query', () => {
  it('reads the open follow-ups from their partial index, in date order, without a sort', async () => {
    app = await buildTestApp({ clock: () => now });
    const c = dueFollowUpsQuery(app.ctx.db, '2026-10-21', '2026-11-20').compile();
    const plan = await app.ctx.db.transaction().execute(async (tx) => {
      // An empty table is read whole whichever indexes it has: PostgreSQL is asked for its plan with an index.
      if (testDialect === 'postgres') await sql`set local enable_seqscan = off`.execute(tx);
      const explain = testDialect === 'postgres' ? 'explain ' : 'explain query plan ';
      const { rows } = await tx.executeQuery(CompiledQuery.raw(explain + c.sql, [...c.parameters]));
      return (rows as Record<string, string>[]).map((r) => r['QUERY PLAN'] ?? r.detail).join('\n');
    });
    expect(plan, plan).toMatch(/care_records_open_follow_up_idx/);
    expect(plan, plan).not.toMatch(/Sort|TEMP B-TREE/);
  });
});

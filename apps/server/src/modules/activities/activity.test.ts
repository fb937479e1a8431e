import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { multipart } from '../rosters/roster.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

async function setup() {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const other = await buildClass(app, { schoolId: s.school.id, grade: 3 });
  const moral = await buildUser(app, 'moral_education', s.school.id);
  const otherTeacher = await buildUser(app, 'class_teacher', other.id);
  const a = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '甲', keySupport: true, keySupportReason: '父母离异' });
  const b = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '乙' });
  const c = await buildChild(app, { schoolId: s.school.id, classId: other.id, name: '丙' });
  const leader = await app.as(s.leader.username);
  return { ...s, other, moral, otherTeacher, a, b, c, leader, leaderUsername: s.leader.username };
}

const activity = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  kind: 'discussion',
  title: '留守儿童座谈会',
  date: '2026-11-18',
  startTime: '15:00',
  endTime: '16:00',
  place: '会议室',
  target: { scope: 'all' },
  description: '了解孩子们的学习和生活',
  ...extra,
});

/** `other` runs to its end just before the app's next transaction begins: a change saved between a request's reads and its writes. */
function beforeNextTransaction(other: () => Promise<unknown>) {
  const db = app.ctx.db;
  const original = db.transaction.bind(db);
  db.transaction = (() => ({
    execute: async (fn: (tx: typeof db) => Promise<unknown>) => {
      db.transaction = original;
      await other();
      return original().execute(fn);
    },
  })) as never;
}

async function upload(c: Client, id: string, name: string, data: Buffer, type: string) {
  const body = multipart({}, { name, data, type });
  return c.request({ method: 'POST', url: `/api/activities/${id}/files`, payload: body.payload, headers: body.headers });
}

describe('activities', () => {
  it('plans, takes attendance from the roster, keeps minutes and tasks; attendance counts for a care rule naming the kind', async () => {
    const s = await setup();
    // The school's rule since November: every child at a discussion meeting each month.
    now = new Date('2026-11-01T01:00:00Z');
    const policy = (await s.leader.get(`/api/care-policies/${s.school.id}`)).json();
    const rules = [
      ...policy.current.rules,
      {
        key: 'discussion_month',
        kinds: ['activity.discussion'],
        cadence: { type: 'month' },
        min: 1,
        appliesTo: { scope: 'all' },
        responsible: 'class_teacher',
        active: true,
      },
    ];
    expect((await s.leader.put(`/api/care-policies/${s.school.id}`, { rules })).statusCode).toBe(200);
    now = new Date('2026-11-20T02:00:00Z');
    const res = await s.leader.post('/api/activities', activity(s.school.id));
    expect(res.statusCode).toBe(201);
    const act = res.json();
    expect(act).toMatchObject({ kind: 'discussion', targetLabel: '全体留守儿童', status: 'planned', canEdit: true });
    // The sheet offers every left-behind child of the school; one tap each.
    const sheet = (await s.leader.get(`/api/activities/${act.id}/attendance`)).json();
    expect(sheet.lines.map((l: { name: string }) => l.name).sort()).toEqual(['丙', '乙', '甲']);
    const put = await s.leader.put(`/api/activities/${act.id}/attendance`, {
      children: [
        { childId: s.a.id, present: true },
        { childId: s.b.id, present: false },
      ],
      others: [{ name: '王老师', kind: 'adult', adultRole: 'teacher', present: true }],
      version: sheet.version,
    });
    expect(put.statusCode).toBe(200);
    expect(
      put
        .json()
        .lines.filter((l: { present: boolean }) => l.present)
        .map((l: { name: string }) => l.name),
    ).toEqual(['甲', '王老师']);
    // A stale sheet is refused.
    expect((await s.leader.put(`/api/activities/${act.id}/attendance`, { children: [], version: sheet.version })).statusCode).toBe(409);
    // After the meeting: outcome, minutes, decisions, a follow-up task with an owner and a due date.
    const cur = (await s.leader.get(`/api/activities/${act.id}`)).json();
    const done = await s.leader.patch(`/api/activities/${act.id}`, {
      status: 'done',
      outcome: '孩子们说出了心里话',
      minutes: '1. 学习情况……',
      decisions: '每月开一次',
      version: cur.version,
    });
    expect(done.json()).toMatchObject({ status: 'done', attendance: { children: 2, present: 1, adults: 1 } });
    const task = await s.leader.post(`/api/activities/${act.id}/tasks`, { text: '联系甲的父母', ownerId: s.teacher.id, dueDate: '2026-11-19' });
    expect(task.json().tasks).toEqual([expect.objectContaining({ text: '联系甲的父母', ownerName: s.teacher.name, overdue: true })]);
    const t = await app.as(s.teacher.username);
    const ticked = await t.patch(`/api/activities/${act.id}/tasks/${task.json().tasks[0].id}`, { done: true });
    expect(ticked.json().tasks[0]).toMatchObject({ overdue: false });
    expect(ticked.json().tasks[0].doneAt).toBeTruthy();
    // The rule is kept for 甲 by attending; not for 乙.
    const due = (await s.leader.get(`/api/due-items?schoolId=${s.school.id}&from=2026-11-01&to=2026-11-30`))
      .json()
      .items.filter((i: { ruleKey: string }) => i.ruleKey === 'discussion_month');
    expect(due.find((i: { childId: string }) => i.childId === s.a.id)).toMatchObject({ status: 'done', satisfiedBy: [act.id] });
    expect(due.find((i: { childId: string }) => i.childId === s.b.id).status).not.toBe('done');
    // The child's timeline shows the activity it attended.
    const items = (await s.leader.get(`/api/children/${s.a.id}/timeline`)).json().items;
    expect(items.some((i: { type: string; activity?: { id: string } }) => i.type === 'activity' && i.activity?.id === act.id)).toBe(true);
  });

  it('a class teacher plans for its own class and marks only its own children of a school-wide activity', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    expect((await t.post('/api/activities', activity(s.school.id))).statusCode).toBe(403);
    const mine = await t.post(
      '/api/activities',
      activity(s.school.id, { kind: 'class_meeting', title: '感恩主题班会', target: { scope: 'class', value: s.klass.id } }),
    );
    expect(mine.statusCode).toBe(201);
    expect((await t.post('/api/activities', activity(s.school.id, { target: { scope: 'class', value: s.other.id } }))).statusCode).toBe(403);
    const all = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const sheet = (await t.get(`/api/activities/${all.id}/attendance`)).json();
    // Only the children it sees are named.
    expect(sheet.lines.map((l: { name: string }) => l.name).sort()).toEqual(['乙', '甲']);
    expect((await t.put(`/api/activities/${all.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version: sheet.version })).statusCode).toBe(
      200,
    );
    const o = await app.as(s.otherTeacher.username);
    expect(
      (await o.put(`/api/activities/${all.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version: sheet.version + 1 })).statusCode,
    ).toBe(404);
    expect((await t.patch(`/api/activities/${all.id}`, { title: '改', version: all.version })).statusCode).toBe(403);
  });

  it('validates with the field named, and repeats a monthly plan', async () => {
    const s = await setup();
    const bad = await s.leader.post(
      '/api/activities',
      activity(s.school.id, { kind: 'safety_education', startTime: '16:00', endTime: '15:00', target: { scope: 'class', value: 'nope' } }),
    );
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['endTime', 'target.value', 'topics']);
    const bad2 = await s.leader.post('/api/activities', { ...activity(s.school.id), title: '', date: '2026-13-01', startTime: '25:00' });
    expect(bad2.statusCode).toBe(400);
    expect(
      bad2
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['date', 'startTime', 'title']);
    expect(await app.ctx.db.selectFrom('activities').select('id').execute()).toEqual([]);
    const series = await s.leader.post('/api/activities', activity(s.school.id, { date: '2026-01-31', repeat: { every: 'month', until: '2026-06-30' } }));
    expect(series.statusCode).toBe(201);
    const dates = (await s.leader.get(`/api/activities?schoolId=${s.school.id}`)).json().items.map((i: { date: string }) => i.date);
    expect(dates).toEqual(['2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31']);
    // The title search takes % and _ literally.
    expect((await s.leader.get(`/api/activities?schoolId=${s.school.id}&q=${encodeURIComponent('座谈')}`)).json().items.length).toBe(6);
    expect((await s.leader.get(`/api/activities?schoolId=${s.school.id}&q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
    const tooMany = await s.leader.post('/api/activities', activity(s.school.id, { repeat: { every: 'week', until: '2027-11-01' } }));
    expect(tooMany.json().fields[0].path).toBe('repeat.until');
  });

  it('refuses a follow-up task due before the meeting, naming the field in the reader’s language', async () => {
    const s = await setup();
    const held = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const early = await s.leader.post(`/api/activities/${held.id}/tasks`, { text: '联系甲的父母', dueDate: '2026-11-17' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ error: 'validation_failed', fields: [{ path: 'dueDate', message: '完成期限不能早于活动日期' }] });
    expect(early.json().message).toContain('完成期限');
    const en = await s.leader.post(`/api/activities/${held.id}/tasks`, { text: 'Call the parents', dueDate: '2026-11-17' }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([{ path: 'dueDate', message: 'The due date cannot be before the date of the activity' }]);
    expect((await s.leader.get(`/api/activities/${held.id}`)).json().tasks).toEqual([]);
    // Due on the day of the meeting is fine, as is no due date.
    const sameDay = await s.leader.post(`/api/activities/${held.id}/tasks`, { text: '整理会议记录', dueDate: '2026-11-18' });
    expect(sameDay.statusCode).toBe(201);
    expect((await s.leader.post(`/api/activities/${held.id}/tasks`, { text: '下次再议' })).statusCode).toBe(201);
    // A meeting next week: a task due tomorrow is still before it; one due after it is not overdue.
    const next = (await s.leader.post('/api/activities', activity(s.school.id, { date: '2026-11-27' }))).json();
    const before = await s.leader.post(`/api/activities/${next.id}/tasks`, { text: '通知家长', dueDate: '2026-11-21' });
    expect(before.statusCode).toBe(422);
    expect(before.json().fields[0].path).toBe('dueDate');
    const after = await s.leader.post(`/api/activities/${next.id}/tasks`, { text: '通知家长', dueDate: '2026-11-30' });
    expect(after.json().tasks).toEqual([expect.objectContaining({ dueDate: '2026-11-30', overdue: false })]);
    // Nor can a change move it there: ticked off with such a due date, nothing changes.
    const task = after.json().tasks[0];
    const ticked = await s.leader.patch(`/api/activities/${next.id}/tasks/${task.id}`, { done: true, dueDate: '2026-11-01' });
    expect(ticked.statusCode).toBe(422);
    expect(ticked.json().fields).toEqual([{ path: 'dueDate', message: '完成期限不能早于活动日期' }]);
    expect((await s.leader.get(`/api/activities/${next.id}`)).json().tasks[0]).toMatchObject({ dueDate: '2026-11-30', doneAt: null });
  });

  it('changes or clears a follow-up task’s due date, never to before the meeting; only the editors, and audited', async () => {
    const s = await setup();
    const act = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const task = (await s.leader.post(`/api/activities/${act.id}/tasks`, { text: '联系甲的父母', ownerId: s.teacher.id, dueDate: '2026-11-25' })).json()
      .tasks[0];
    const url = `/api/activities/${act.id}/tasks/${task.id}`;
    const early = await s.leader.patch(url, { dueDate: '2026-11-17' });
    expect(early.statusCode).toBe(422);
    expect(early.json().fields).toEqual([{ path: 'dueDate', message: '完成期限不能早于活动日期' }]);
    const en = await s.leader.patch(url, { dueDate: '2026-11-17' }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([{ path: 'dueDate', message: 'The due date cannot be before the date of the activity' }]);
    expect((await s.leader.get(`/api/activities/${act.id}`)).json().tasks[0].dueDate).toBe('2026-11-25');
    // Brought forward to the day after the meeting: overdue today.
    const moved = await s.leader.patch(url, { dueDate: '2026-11-19' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().tasks[0]).toMatchObject({ dueDate: '2026-11-19', overdue: true, doneAt: null });
    const cleared = await s.leader.patch(url, { dueDate: null });
    expect(cleared.json().tasks[0]).toMatchObject({ dueDate: null, overdue: false });
    // Its owner ticks it off but does not set when it is due.
    const t = await app.as(s.teacher.username);
    expect((await t.patch(url, { dueDate: '2026-11-30' })).statusCode).toBe(403);
    expect((await t.patch(url, { done: true, dueDate: '2026-11-30' })).statusCode).toBe(403);
    const ticked = await t.patch(url, { done: true });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().tasks[0]).toMatchObject({ dueDate: null });
    expect(ticked.json().tasks[0].doneAt).toBeTruthy();
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', act.id)
      .where('action', '=', 'activity.task')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.summary ?? '{}'))).toEqual([
      {},
      { task: task.id, dueDate: ['2026-11-25', '2026-11-19'] },
      { task: task.id, dueDate: ['2026-11-19', null] },
    ]);
  });

  it('refuses to move an activity past the due date of its open follow-up tasks, naming them', async () => {
    const s = await setup();
    const act = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const add = async (text: string, dueDate?: string) =>
      (await s.leader.post(`/api/activities/${act.id}/tasks`, { text, ...(dueDate ? { dueDate } : {}) }))
        .json()
        .tasks.find((x: { text: string }) => x.text === text);
    const contact = await add('联系没来的孩子的监护人', '2026-11-20');
    await add('整理会议记录', '2026-11-19');
    await add('下次再议');
    const doneTask = await add('发放通知', '2026-11-18');
    await s.leader.patch(`/api/activities/${act.id}/tasks/${doneTask.id}`, { done: true });
    const move = async (date: string, lang = 'zh-CN') => {
      const { version } = (await s.leader.get(`/api/activities/${act.id}`)).json();
      return s.leader.patch(`/api/activities/${act.id}`, { date, version }, { 'accept-language': lang });
    };
    const both = await move('2026-11-21');
    expect(both.statusCode).toBe(422);
    expect(both.json().fields).toEqual([{ path: 'date', message: '会后任务“整理会议记录”、“联系没来的孩子的监护人”的完成期限早于新日期，请先修改任务期限' }]);
    expect(both.json().message).toContain('日期');
    const one = await move('2026-11-20');
    expect(one.json().fields).toEqual([{ path: 'date', message: '会后任务“整理会议记录”的完成期限早于新日期，请先修改任务期限' }]);
    expect((await move('2026-11-21', 'en-US')).json().fields).toEqual([
      { path: 'date', message: 'Follow-up tasks due before the new date: “整理会议记录”, “联系没来的孩子的监护人”. Change their due dates first' },
    ]);
    expect((await s.leader.get(`/api/activities/${act.id}`)).json().date).toBe('2026-11-18');
    // Up to the earliest open due date, and any earlier day, is fine (a done task and one with no due date do not count).
    expect((await move('2026-11-19')).statusCode).toBe(200);
    expect((await move('2026-11-17')).statusCode).toBe(200);
    // With the due dates changed first, the date moves.
    const later = (await s.leader.get(`/api/activities/${act.id}`))
      .json()
      .tasks.filter((x: { dueDate: string | null; doneAt: string | null }) => x.dueDate && !x.doneAt);
    for (const x of later) expect((await s.leader.patch(`/api/activities/${act.id}/tasks/${x.id}`, { dueDate: '2026-11-30' })).statusCode).toBe(200);
    const moved = await move('2026-11-27');
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ date: '2026-11-27' });
    expect(moved.json().tasks.find((x: { id: string }) => x.id === contact.id)).toMatchObject({ dueDate: '2026-11-30', overdue: false });
  });

  it('a due date set while the activity’s date moves: whichever commits first, no open task falls due before it', async () => {
    const s = await setup();
    const act = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const task = (await s.leader.post(`/api/activities/${act.id}/tasks`, { text: '联系甲的父母', dueDate: '2026-11-30' })).json().tasks[0];
    const version = async () => (await s.leader.get(`/api/activities/${act.id}`)).json().version as number;
    const setDue = (dueDate: string) => () => s.leader.patch(`/api/activities/${act.id}/tasks/${task.id}`, { dueDate });
    const dueNow = async () => (await s.leader.get(`/api/activities/${act.id}`)).json().tasks[0].dueDate;

    // The date moves first: the due date waits for it, then finds itself before the new date.
    const v = await version();
    const refusedDue = duringNextTransaction(app, setDue('2026-11-21'));
    expect((await s.leader.patch(`/api/activities/${act.id}`, { date: '2026-11-22', version: v })).statusCode).toBe(200);
    const late = await refusedDue();
    expect(late.statusCode).toBe(422);
    expect(late.json().fields[0].path).toBe('dueDate');
    expect(await dueNow()).toBe('2026-11-30');

    // The due date first: the move waits for it, then sees the task and is refused.
    const v2 = await version();
    const refusedMove = duringNextTransaction(app, () => s.leader.patch(`/api/activities/${act.id}`, { date: '2026-11-25', version: v2 }));
    expect((await setDue('2026-11-23')()).statusCode).toBe(200);
    const moved = await refusedMove();
    expect(moved.statusCode).toBe(422);
    expect(moved.json().fields).toEqual([{ path: 'date', message: expect.stringContaining('联系甲的父母') }]);
    expect((await s.leader.get(`/api/activities/${act.id}`)).json()).toMatchObject({
      date: '2026-11-22',
      tasks: [expect.objectContaining({ dueDate: '2026-11-23' })],
    });
  });

  it('recording who came marks a planned activity held, so it no longer reads 计划中', async () => {
    const s = await setup();
    const act = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const listed = async (status: string) =>
      (await s.leader.get(`/api/activities?schoolId=${s.school.id}&status=${status}`)).json().items.map((i: { id: string }) => i.id);
    // A sheet saved with nobody present says nothing about whether it took place.
    const empty = await s.leader.put(`/api/activities/${act.id}/attendance`, { children: [{ childId: s.a.id, present: false }], version: act.version });
    expect(empty.statusCode).toBe(200);
    expect((await s.leader.get(`/api/activities/${act.id}`)).json().status).toBe('planned');
    // A class teacher marks her child present: the activity was held.
    const t = await app.as(s.teacher.username);
    const put = await t.put(`/api/activities/${act.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version: empty.json().version });
    expect(put.statusCode).toBe(200);
    expect((await s.leader.get(`/api/activities/${act.id}`)).json()).toMatchObject({ status: 'done', attendance: { present: 1 } });
    expect(await listed('done')).toEqual([act.id]);
    expect(await listed('planned')).toEqual([]);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', act.id)
      .where('action', '=', 'activity.attendance')
      .execute();
    expect(audit.map((a) => JSON.parse(a.summary ?? '{}').status ?? null)).toEqual(expect.arrayContaining([null, ['planned', 'done']]));
    // A cancelled activity stays cancelled; a future one takes no one present and stays planned.
    const off = (await s.leader.post('/api/activities', activity(s.school.id, { title: '取消的座谈会' }))).json();
    const cancelled = (await s.leader.patch(`/api/activities/${off.id}`, { status: 'cancelled', version: off.version })).json();
    await s.leader.put(`/api/activities/${off.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version: cancelled.version });
    expect((await s.leader.get(`/api/activities/${off.id}`)).json().status).toBe('cancelled');
    const soon = (await s.leader.post('/api/activities', activity(s.school.id, { date: '2026-11-27' }))).json();
    const early = await s.leader.put(`/api/activities/${soon.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version: soon.version });
    expect(early.statusCode).toBe(422);
    expect((await s.leader.get(`/api/activities/${soon.id}`)).json().status).toBe('planned');
  });

  it('ticking the roster on the day before the meeting starts does not mark it held; once it has begun, it does', async () => {
    const s = await setup();
    // 09:00 in Shanghai, on the day of a meeting at 16:00.
    const at = async (iso: string) => {
      now = new Date(iso);
      // Signed in afresh: hours pass between the steps.
      return app.as(s.leaderUsername);
    };
    let c = await at('2026-11-20T01:00:00Z');
    const act = (await c.post('/api/activities', activity(s.school.id, { date: '2026-11-20', startTime: '16:00', endTime: '17:00' }))).json();
    const status = async (id: string) => (await c.get(`/api/activities/${id}`)).json().status;
    const mark = (id: string, present: boolean, version: number) =>
      c.put(`/api/activities/${id}/attendance`, { children: [{ childId: s.a.id, present }], version });
    const ready = await mark(act.id, true, act.version);
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'planned', lines: expect.arrayContaining([expect.objectContaining({ childId: s.a.id, present: true })]) });
    expect(await status(act.id)).toBe('planned');
    // Called off before it starts: unticked, it reads 计划中 as before.
    const off = await mark(act.id, false, ready.json().version);
    expect(off.statusCode).toBe(200);
    expect(await status(act.id)).toBe('planned');
    // 15:59 is still before it; at 16:00 it has begun.
    c = await at('2026-11-20T07:59:00Z');
    const almost = await mark(act.id, true, off.json().version);
    expect(almost.json().status).toBe('planned');
    c = await at('2026-11-20T08:00:00Z');
    const begun = await mark(act.id, true, almost.json().version);
    expect(begun.json().status).toBe('done');
    expect(await status(act.id)).toBe('done');
    // Today with no start time: begun all day.
    c = await at('2026-11-20T01:00:00Z');
    const allDay = (await c.post('/api/activities', activity(s.school.id, { date: '2026-11-20', startTime: null, endTime: null }))).json();
    expect((await mark(allDay.id, true, allDay.version)).json().status).toBe('done');
    // 00:30 on the 21st in Shanghai, still the 20th in UTC: the evening meeting of the 20th has begun.
    const evening = (await c.post('/api/activities', activity(s.school.id, { date: '2026-11-20', startTime: '23:00', endTime: '23:30' }))).json();
    expect((await mark(evening.id, true, evening.version)).json().status).toBe('planned');
    c = await at('2026-11-20T16:30:00Z');
    expect((await mark(evening.id, true, evening.version + 1)).json().status).toBe('done');
  });

  it('a sheet saved after the activity was cancelled since it was opened answers 409 and writes nothing', async () => {
    const s = await setup();
    const act = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const t = await app.as(s.teacher.username);
    const cancel = (version: number) => s.leader.patch(`/api/activities/${act.id}`, { status: 'cancelled', version });
    const save = (version: number) => t.put(`/api/activities/${act.id}/attendance`, { children: [{ childId: s.a.id, present: true }], version });
    const people = async () => app.ctx.db.selectFrom('activity_people').select('id').where('activity_id', '=', act.id).execute();
    // The teacher opens the sheet; the leader cancels; the teacher saves.
    const opened = (await t.get(`/api/activities/${act.id}/attendance`)).json();
    expect(opened.status).toBe('planned');
    expect((await cancel(opened.version)).statusCode).toBe(200);
    const stale = await save(opened.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('version_conflict');
    expect(await status()).toBe('cancelled');
    expect(await people()).toEqual([]);
    // Planned again, and cancelled after the save has read the activity but before it writes.
    const replanned = (await s.leader.patch(`/api/activities/${act.id}`, { status: 'planned', version: opened.version + 1 })).json();
    const reopened = (await t.get(`/api/activities/${act.id}/attendance`)).json();
    expect(reopened.version).toBe(replanned.version);
    beforeNextTransaction(async () => expect((await cancel(reopened.version)).statusCode).toBe(200));
    const raced = await save(reopened.version);
    expect(raced.statusCode).toBe(409);
    expect(await status()).toBe('cancelled');
    expect(await people()).toEqual([]);
    const audit = await app.ctx.db.selectFrom('audit_log').select('id').where('entity_id', '=', act.id).where('action', '=', 'activity.attendance').execute();
    expect(audit).toEqual([]);

    async function status() {
      return (await s.leader.get(`/api/activities/${act.id}`)).json().status;
    }
  });

  it('three priorities: limited places go to left-behind children first, key-support children before them', async () => {
    const s = await setup();
    const club = (
      await s.leader.post('/api/activities', activity(s.school.id, { kind: 'club', title: '书法社', capacity: 2, target: { scope: 'all' } }))
    ).json();
    // Another pupil asked first; the left-behind children still come first.
    await s.leader.post(`/api/activities/${club.id}/applicants`, { pupils: [{ name: '赵同学', className: '三年级1班' }] });
    const sheet = (await s.leader.post(`/api/activities/${club.id}/applicants`, { childIds: [s.b.id, s.a.id] })).json();
    expect(sheet.lines.map((l: { name: string; rank: number; offered: boolean }) => [l.name, l.rank, l.offered])).toEqual([
      ['甲', 0, true],
      ['乙', 1, true],
      ['赵同学', 2, false],
    ]);
    const open = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    expect((await s.leader.post(`/api/activities/${open.id}/applicants`, { childIds: [s.a.id] })).json().error).toBe('activity_no_capacity');
  });

  it('the waiting list counts neither as expected nor as absent; one who came anyway counts as present', async () => {
    const s = await setup();
    const club = (
      await s.leader.post('/api/activities', activity(s.school.id, { kind: 'club', title: '书法社', capacity: 2, target: { scope: 'all' } }))
    ).json();
    await s.leader.post(`/api/activities/${club.id}/applicants`, { pupils: [{ name: '赵同学', className: '三年级1班' }] });
    const sheet = (await s.leader.post(`/api/activities/${club.id}/applicants`, { childIds: [s.b.id, s.a.id, s.c.id] })).json();
    // Two places: 甲 (key support) and 乙 get them; 丙 and 赵同学 wait.
    const waiting = sheet.lines.filter((l: { offered: boolean }) => !l.offered).map((l: { name: string }) => l.name);
    expect(waiting.sort()).toEqual(['丙', '赵同学']);
    // 丙's class teacher, who sees neither 甲 nor 乙, sees the same places.
    const theirs = (await (await app.as(s.otherTeacher.username)).get(`/api/activities/${club.id}/attendance`)).json();
    expect(theirs.lines.map((l: { name: string; offered: boolean }) => [l.name, l.offered])).toEqual([
      ['丙', false],
      ['赵同学', false],
    ]);
    const figures = async () => {
      const one = (await s.leader.get(`/api/activities/${club.id}`)).json().attendance;
      const listed = (await s.leader.get(`/api/activities?schoolId=${s.school.id}`)).json().items.find((a: { id: string }) => a.id === club.id);
      expect(listed.attendance).toEqual(one);
      return one;
    };
    expect(await figures()).toEqual({ children: 2, present: 0, adults: 0 });
    const pupil = sheet.lines.find((l: { name: string }) => l.name === '赵同学');
    const mark = async (present: { a: boolean; c: boolean; pupil: boolean }) => {
      const current = (await s.leader.get(`/api/activities/${club.id}/attendance`)).json();
      const res = await s.leader.put(`/api/activities/${club.id}/attendance`, {
        children: [
          { childId: s.a.id, present: present.a },
          { childId: s.b.id, present: false },
          { childId: s.c.id, present: present.c },
        ],
        others: [{ id: pupil.id, name: '赵同学', kind: 'pupil', className: '三年级1班', present: present.pupil }],
        version: current.version,
      });
      expect(res.statusCode).toBe(200);
    };
    // 甲 came, 乙 did not: one of the two expected.
    await mark({ a: true, c: false, pupil: false });
    expect(await figures()).toEqual({ children: 2, present: 1, adults: 0 });
    // 丙 and 赵同学 from the waiting list came anyway: they count as they came.
    await mark({ a: true, c: true, pupil: true });
    expect(await figures()).toEqual({ children: 4, present: 3, adults: 0 });
  });

  it('names a guardian on the attendance sheet with the child aside, in the reader’s brackets', async () => {
    const s = await setup();
    const act = (
      await s.leader.post('/api/activities', activity(s.school.id, { kind: 'guardian_meeting', title: '监护人会议', target: { scope: 'guardians' } }))
    ).json();
    const names = async (lang: string) =>
      (await s.leader.get(`/api/activities/${act.id}/attendance`, { 'accept-language': lang })).json().lines.map((l: { name: string }) => l.name);
    expect(await names('zh-CN')).toContain('王奶奶（甲）');
    const en = await names('en-US');
    expect(en).toContain('王奶奶 (甲)');
    expect(en.join('')).not.toMatch(/[（）]/);
    // The sheet a save returns reads the same.
    const put = await s.leader.put(
      `/api/activities/${act.id}/attendance`,
      { children: [{ childId: s.a.id, present: true }], version: act.version },
      { 'accept-language': 'en-US' },
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().lines.find((l: { childId: string }) => l.childId === s.a.id)).toMatchObject({ name: '王奶奶 (甲)', present: true });
  });

  it('contest entries keep a child’s text only with consent; photos and attachments', async () => {
    const s = await setup();
    const contest = (await s.leader.post('/api/activities', activity(s.school.id, { kind: 'essay_contest', title: '“读一本好书”征文' }))).json();
    const r = await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: s.a.id, title: '我读《草房子》', consent: false, text: '私密内容' });
    expect(r.json().entries[0]).toMatchObject({ title: '我读《草房子》', consent: false, text: null });
    expect((await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: s.a.id, title: '再交', consent: true })).statusCode).toBe(409);
    const e2 = (
      await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: s.b.id, title: '给妈妈的信', consent: true, text: '妈妈我想你' })
    ).json();
    const entry = e2.entries.find((e: { childId: string }) => e.childId === s.b.id);
    expect(entry.text).toBe('妈妈我想你');
    const scored = await s.leader.patch(`/api/activities/${contest.id}/entries/${entry.id}`, {
      scores: [
        { judge: '李老师', score: 92 },
        { judge: '王老师', score: 88 },
      ],
      award: '一等奖',
    });
    expect(scored.json().entries.find((e: { id: string }) => e.id === entry.id)).toMatchObject({ average: 90, award: '一等奖' });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const p = await upload(s.leader, contest.id, 'a.jpg', jpeg, 'image/jpeg');
    expect(p.statusCode).toBe(201);
    const photo = p.json().photos[0];
    expect((await s.leader.get(photo.thumbUrl)).headers['content-type']).toBe('image/jpeg');
    const f = await upload(s.leader, contest.id, '会议记录.pdf', Buffer.from('%PDF-1.4 test'), 'application/pdf');
    expect(f.json().files[0]).toMatchObject({ name: '会议记录.pdf' });
    expect((await upload(s.leader, contest.id, 'x.exe', Buffer.from('MZ'), 'application/octet-stream')).json().error).toBe('file_type');
    const del = await s.leader.delete(`/api/activities/${contest.id}`);
    expect(del.statusCode).toBe(204);
    expect(await app.ctx.db.selectFrom('activity_files').select('id').execute()).toEqual([]);
  });

  it('removing a photo or attachment, or the activity, removes the files (a photo with its thumbnail)', async () => {
    const s = await setup();
    const a = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const dir = join(app.ctx.config.dataDir, 'activities', s.school.id, a.id);
    const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const one = (await upload(s.leader, a.id, 'a.jpg', jpeg, 'image/jpeg')).json().photos[0];
    await upload(s.leader, a.id, 'b.jpg', jpeg, 'image/jpeg');
    const pdf = (await upload(s.leader, a.id, '会议记录.pdf', Buffer.from('%PDF-1.4 test'), 'application/pdf')).json().files[0];
    expect(files()).toEqual(expect.arrayContaining([`${one.id}.jpg`, `${one.id}.thumb.jpg`, `${pdf.id}.pdf`]));
    expect(files()).toHaveLength(5);
    expect((await s.leader.delete(`/api/activities/${a.id}/files/${one.id}`)).statusCode).toBe(200);
    expect(files()).toHaveLength(3);
    expect(files()).not.toContain(`${one.id}.jpg`);
    expect(files()).not.toContain(`${one.id}.thumb.jpg`);
    expect((await s.leader.delete(`/api/activities/${a.id}/files/${pdf.id}`)).statusCode).toBe(200);
    expect(files()).toHaveLength(2);
    // Each removal is audited on the activity, by the file's name.
    const removals = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'in', ['activity.photo_delete', 'activity.file_delete'])
      .orderBy('action')
      .execute();
    expect(removals.map((r) => [r.action, r.entity_id, JSON.parse(r.summary ?? '{}').name])).toEqual([
      ['activity.file_delete', a.id, '会议记录.pdf'],
      ['activity.photo_delete', a.id, 'a.jpg'],
    ]);
    expect((await s.leader.delete(`/api/activities/${a.id}`)).statusCode).toBe(204);
    expect(files()).toEqual([]);
  });

  it('leaves no file on disk when its row or audit entry cannot be written', async () => {
    const s = await setup();
    const a = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    const dir = join(app.ctx.config.dataDir, 'activities', s.school.id, a.id);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const original = app.services.audit.record.bind(app.services.audit);
    vi.spyOn(app.services.audit, 'record').mockImplementation(async (tx, auth, input) => {
      if (input.action === 'activity.file' || input.action === 'activity.photo') throw new Error('audit down');
      return original(tx, auth, input);
    });
    expect((await upload(s.leader, a.id, '会议记录.pdf', Buffer.from('%PDF-1.4 test'), 'application/pdf')).statusCode).toBe(500);
    expect((await upload(s.leader, a.id, 'a.jpg', jpeg, 'image/jpeg')).statusCode).toBe(500);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(await app.ctx.db.selectFrom('activity_files').select('id').execute()).toEqual([]);
  });

  it("withdrawing a child's application and scoring a child's entry are audited on the child, with the change", async () => {
    const s = await setup();
    const audited = async (action: string) =>
      (await app.ctx.db.selectFrom('audit_log').select(['entity', 'entity_id']).where('action', '=', action).execute()).map((r) => [r.entity, r.entity_id]);
    const club = (
      await s.leader.post('/api/activities', activity(s.school.id, { kind: 'club', title: '书法社', capacity: 2, target: { scope: 'all' } }))
    ).json();
    const sheet = (
      await s.leader.post(`/api/activities/${club.id}/applicants`, { childIds: [s.a.id], pupils: [{ name: '赵同学', className: '三年级1班' }] })
    ).json();
    for (const line of sheet.lines) expect((await s.leader.delete(`/api/activities/${club.id}/applicants/${line.id}`)).statusCode).toBe(200);
    expect((await audited('activity.withdraw')).sort()).toEqual(
      [
        ['activity', club.id],
        ['child', s.a.id],
      ].sort(),
    );
    expect((await s.leader.get(`/api/activities/${club.id}/attendance`)).json().lines).toEqual([]);
    const contest = (await s.leader.post('/api/activities', activity(s.school.id, { kind: 'essay_contest', title: '征文' }))).json();
    const entry = (await s.leader.post(`/api/activities/${contest.id}/entries`, { childId: s.a.id, title: '我的家', consent: false })).json().entries[0];
    await s.leader.patch(`/api/activities/${contest.id}/entries/${entry.id}`, { scores: [{ judge: '李老师', score: 60 }], award: '一等奖' });
    expect(await audited('activity.score')).toEqual([['child', s.a.id]]);
  });
});

describe('safety education and responsibilities', () => {
  it('shows which planned topics each class has covered this term', async () => {
    const s = await setup();
    const term =
      (await s.leader.get(`/api/terms?schoolId=${s.school.id}`)).json().items[0] ??
      (
        await s.leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' })
      ).json();
    expect((await s.leader.put(`/api/safety/plans/${s.school.id}/${term.id}`, { topics: ['drowning', 'traffic', 'fire'] })).json().topics).toEqual([
      'traffic',
      'drowning',
      'fire',
    ]);
    const t = await app.as(s.teacher.username);
    expect((await t.put(`/api/safety/plans/${s.school.id}/${term.id}`, { topics: ['fire'] })).statusCode).toBe(403);
    const all = (
      await s.leader.post('/api/activities', activity(s.school.id, { kind: 'safety_education', title: '防溺水安全教育', topics: ['drowning'] }))
    ).json();
    await s.leader.patch(`/api/activities/${all.id}`, { status: 'done', version: all.version });
    const mine = (
      await t.post(
        '/api/activities',
        activity(s.school.id, { kind: 'safety_education', title: '交通安全班会', topics: ['traffic'], target: { scope: 'class', value: s.klass.id } }),
      )
    ).json();
    await t.patch(`/api/activities/${mine.id}`, { status: 'done', version: mine.version });
    const cov = (await s.leader.get(`/api/safety/coverage/${s.school.id}/${term.id}`)).json();
    const byName = Object.fromEntries(cov.classes.map((k: { classId: string; missing: string[] }) => [k.classId, k.missing]));
    expect(byName[s.klass.id]).toEqual(['fire']);
    expect(byName[s.other.id]).toEqual(['traffic', 'fire']);
  });

  it('assigns safety responsibilities to staff of the school', async () => {
    const s = await setup();
    const r = await s.leader.post('/api/safety/duties', { schoolId: s.school.id, userId: s.teacher.id, area: 'class', classId: s.klass.id });
    expect(r.statusCode).toBe(201);
    expect(r.json().items[0]).toMatchObject({ area: 'class', userName: s.teacher.name, name: expect.any(String) });
    const bad = await s.leader.post('/api/safety/duties', { schoolId: s.school.id, userId: s.bureau.id, area: 'route' });
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['name', 'userId']);
    const route = await s.leader.post('/api/safety/duties', {
      schoolId: s.school.id,
      userId: s.moral.id,
      area: 'route',
      name: '东线上下学路线',
      note: '含渡口',
    });
    const duty = route.json().items.find((d: { area: string }) => d.area === 'route');
    const up = await s.leader.patch(`/api/safety/duties/${duty.id}`, { note: '含渡口和桥', version: duty.version });
    expect(up.json().items.find((d: { id: string }) => d.id === duty.id).note).toBe('含渡口和桥');
    expect((await s.leader.delete(`/api/safety/duties/${duty.id}`)).json().items).toHaveLength(1);
  });
});

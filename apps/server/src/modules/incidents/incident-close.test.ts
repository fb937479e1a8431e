import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

type Notice = { id: string; target: string; doneAt: string | null; overdue: boolean; method: string | null; note: string | null; contactName?: string | null };

/** A serious case a class teacher reports at 01:30 (so the leaders' step waits too): leader, guardian, parents and the bureau to tell. */
async function reported(extra: Record<string, unknown> = {}) {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
  const teacher = await app.as(s.teacher.username);
  const leader = await app.as(s.leader.username);
  const res = await teacher.post('/api/incidents', {
    childIds: [child.id],
    kind: 'injury',
    severity: 'serious',
    occurredAt: '2026-11-20T01:30:00.000Z',
    description: '课间在楼梯上被挤倒，左臂骨折，已送县医院',
    answers: {},
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  const inc = res.json() as { id: string; version: number; notifications: Notice[] };
  expect(inc.notifications.map((n) => [n.target, n.doneAt])).toEqual([
    ['school_leader', null],
    ['guardian', null],
    ['parents', null],
    ['bureau', null],
  ]);
  return { s, inc, teacher, leader };
}

const step = (inc: { notifications: Notice[] }, target: string) => inc.notifications.find((n) => n.target === target) as Notice;
const close = (c: Client, id: string, headers?: Record<string, string>) =>
  c.post(`/api/incidents/${id}/actions`, { kind: 'close', text: '孩子已康复返校，家长无异议' }, headers);

describe('closing a case', () => {
  it('is refused while a step of the chain waits, naming each waiting step in the reader’s language, and writes nothing', async () => {
    const { inc, leader } = await reported();
    const url = `/api/incidents/${inc.id}/notifications`;
    // The leaders' step by an extra notification that completes it, the parents' by naming the step.
    await leader.post(url, { target: 'school_leader', method: 'in_person', notifiedAt: '2026-11-20T01:35:00.000Z' });
    await leader.post(url, { stepId: step(inc, 'parents').id, target: 'parents', method: 'wechat', notifiedAt: '2026-11-20T01:40:00.000Z' });
    const before = (await leader.get(`/api/incidents/${inc.id}`)).json();

    const r = await close(leader, inc.id);
    expect(r.statusCode).toBe(422);
    const message = '还有通知未完成：临时监护人、教育局。请先登记通知（联系不上的，登记为“未联系上”并在备注中写明尝试的情况），再结案';
    expect(r.json()).toEqual({ error: 'incident_notices_pending', status: 422, message, fields: [{ path: 'kind', message }] });
    const en = (await close(leader, inc.id, { 'accept-language': 'en-US' })).json();
    expect(en.error).toBe('incident_notices_pending');
    expect(en.message).toContain('Guardian, Education bureau');
    expect(en.fields).toEqual([{ path: 'kind', message: en.message }]);

    const after = (await leader.get(`/api/incidents/${inc.id}`)).json();
    expect(after).toMatchObject({ status: 'open', closedAt: null, actions: [], version: before.version });
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.close').execute()).toEqual([]);
  });

  it('goes through once each step is recorded, one that could not be reached as an attempt (未联系上) with a note; the bureau’s 签收 is not waited for', async () => {
    const { inc, teacher, leader } = await reported();
    const url = `/api/incidents/${inc.id}/notifications`;
    const at = '2026-11-20T01:45:00.000Z';
    await teacher.post(url, { stepId: step(inc, 'school_leader').id, target: 'school_leader', method: 'in_person', notifiedAt: at });
    await teacher.post(url, { stepId: step(inc, 'parents').id, target: 'parents', method: 'wechat', notifiedAt: at });
    await teacher.post(url, { stepId: step(inc, 'bureau').id, target: 'bureau', method: 'phone', notifiedAt: at });
    // The guardian cannot be reached: the attempt, not reaching anyone, is what the school records; the step waits, tried.
    const tried = await teacher.post(url, {
      stepId: step(inc, 'guardian').id,
      target: 'guardian',
      method: 'phone',
      reach: 'not_reached',
      notifiedAt: at,
      note: '两次电话无人接听，已托村委会转告',
    });
    expect(tried.statusCode).toBe(201);
    expect(step(tried.json(), 'guardian')).toMatchObject({
      doneAt: null,
      unreachable: true,
      attempts: [{ method: 'phone', note: '两次电话无人接听，已托村委会转告' }],
      overdue: false,
    });
    expect(tried.json()).toMatchObject({ reportedToBureau: true, acknowledgement: null });

    const r = await close(leader, inc.id);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'closed', acknowledgement: null, canAcknowledge: false });
  });

  it('a dropout’s written report to the bureau completes the bureau’s step', async () => {
    const { inc, teacher, leader } = await reported({ kind: 'dropout', description: '连续一周未到校' });
    const url = `/api/incidents/${inc.id}/notifications`;
    for (const target of ['school_leader', 'guardian', 'parents'])
      await teacher.post(url, { stepId: step(inc, target).id, target, method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
    expect((await close(leader, inc.id)).json().message).toContain('还有通知未完成：教育局。');
    await teacher.post(`/api/incidents/${inc.id}/actions`, { kind: 'written_report', text: '劝返无效，书面报告县教育局', documentNo: '〔2026〕12 号' });
    expect((await close(leader, inc.id)).statusCode).toBe(201);
  });

  it('a mandatory case names both what the law asks first, the police report, and the waiting steps; then only the steps', async () => {
    const { inc, teacher, leader } = await reported({ kind: 'abuse_neglect', answers: { multipleInjuries: true, suspectedViolence: true } });
    const url = `/api/incidents/${inc.id}/notifications`;
    for (const target of ['school_leader', 'parents', 'bureau'])
      await teacher.post(url, { stepId: step(inc, target).id, target, method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
    const both = await close(leader, inc.id);
    expect(both.statusCode).toBe(422);
    expect(both.json().error).toBe('incident_police_first');
    expect(both.json().message).toBe('属于强制报告情形的事件，须先登记向公安机关报案的情况才能结案');
    expect(both.json().fields).toEqual([
      { path: 'kind', message: '属于强制报告情形的事件，须先登记向公安机关报案的情况才能结案' },
      { path: 'kind', message: '还有通知未完成：临时监护人。请先登记通知（联系不上的，登记为“未联系上”并在备注中写明尝试的情况），再结案' },
    ]);
    await teacher.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T01:50:00.000Z', unit: '城关派出所', method: 'call_110' });
    const steps = (await close(leader, inc.id)).json();
    expect(steps).toMatchObject({ error: 'incident_notices_pending', fields: [{ path: 'kind', message: expect.stringContaining('临时监护人') }] });
    await teacher.post(url, { target: 'guardian', method: 'in_person', notifiedAt: '2026-11-20T01:55:00.000Z' });
    expect((await close(leader, inc.id)).statusCode).toBe(201);
  });
});

describe('a case closed by an earlier release with steps still waiting', () => {
  it('stays closed, and nothing of it is overdue: not on its page, in the list, among the cases needing attention or in the hourly reminder', async () => {
    const { s, inc } = await reported();
    // Closed as the earlier release let it be, the four steps waiting; hours later every deadline has passed.
    await app.ctx.db.updateTable('incidents').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', inc.id).execute();
    now = new Date('2026-11-20T08:00:00Z');
    const leader = await app.as(s.leader.username);
    const page = (await leader.get(`/api/incidents/${inc.id}`)).json();
    expect(page).toMatchObject({ status: 'closed', overdueNotifications: 0 });
    expect(page.notifications.map((n: Notice) => [n.target, n.doneAt, n.overdue])).toEqual([
      ['school_leader', null, false],
      ['guardian', null, false],
      ['parents', null, false],
      ['bureau', null, false],
    ]);
    const listed = (await leader.get('/api/incidents')).json().items;
    expect(listed.map((i: { id: string; overdueNotifications: number }) => [i.id, i.overdueNotifications])).toEqual([[inc.id, 0]]);
    expect((await leader.get('/api/incidents?attention=true')).json().items).toEqual([]);
    expect(await app.services.notifications.incidentAlerts()).toBe(0);
    expect(await app.ctx.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'like', 'notice|%').execute()).toEqual([]);
    // Nothing can be recorded on it any more, until it is reopened.
    const late = await leader.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step(inc, 'guardian').id,
      target: 'guardian',
      method: 'phone',
      notifiedAt: '2026-11-20T07:00:00.000Z',
    });
    expect(late.json().error).toBe('incident_closed');
    // Reopened, its steps are overdue again and can be recorded.
    const reopened = (await leader.post(`/api/incidents/${inc.id}/actions`, { kind: 'reopen', text: '补录通知' })).json();
    expect(reopened.overdueNotifications).toBe(4);
  });
});

describe('the school leaders’ step', () => {
  it('is done when a leader of the school opens the case (the app told them), audited; not by anyone else, not on a closed case', async () => {
    const { s, inc, teacher, leader } = await reported();
    now = new Date('2026-11-20T02:07:00Z');
    // The reporter and the bureau reading it tell no leader.
    await teacher.get(`/api/incidents/${inc.id}`);
    const bureau = await app.as(s.bureau.username);
    await bureau.get(`/api/incidents/${inc.id}`);
    expect(step((await teacher.get(`/api/incidents/${inc.id}`)).json(), 'school_leader').doneAt).toBeNull();
    const seen = (await leader.get(`/api/incidents/${inc.id}`)).json();
    const done = step(seen, 'school_leader');
    expect(done).toMatchObject({ doneAt: '2026-11-20T02:07:00.000Z', method: 'app', overdue: false });
    expect(done.contactName).toBe(s.leader.name);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', inc.id)
      .where('action', '=', 'incident.notify')
      .execute();
    expect(audit).toHaveLength(1);
    // Read again later: the step keeps its first time.
    now = new Date('2026-11-20T03:00:00Z');
    expect(step((await leader.get(`/api/incidents/${inc.id}`)).json(), 'school_leader').doneAt).toBe('2026-11-20T02:07:00.000Z');
  });
});

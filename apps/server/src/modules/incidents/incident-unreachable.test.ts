import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

interface Attempt {
  at: string;
  method: string;
  note: string | null;
  recordedByName: string | null;
}
interface Notice {
  id: string;
  target: string;
  dueAt: string | null;
  doneAt: string | null;
  reach: string | null;
  attempts: Attempt[];
  unreachable: boolean;
  overdue: boolean;
  note: string | null;
}

/** A serious case a class teacher reports at 01:30: leader, guardian, parents and the bureau to tell. */
async function reported() {
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
  });
  expect(res.statusCode, res.body).toBe(201);
  const inc = res.json() as { id: string; notifications: Notice[] };
  return { s, inc, teacher, leader, url: `/api/incidents/${inc.id}/notifications` };
}

const step = (inc: { notifications: Notice[] }, target: string) => inc.notifications.find((n) => n.target === target) as Notice;
const close = (c: Client, id: string) => c.post(`/api/incidents/${id}/actions`, { kind: 'close', text: '孩子已康复返校' });

/** Tells every step but the guardian's, so that only the guardian's can keep a case open. */
async function tellAllButGuardian(c: Client, inc: { notifications: Notice[] }, url: string) {
  for (const target of ['school_leader', 'parents', 'bureau'])
    expect((await c.post(url, { stepId: step(inc, target).id, target, method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' })).statusCode).toBe(201);
}

describe('a notice that did not reach anyone (未联系上)', () => {
  it('leaves its step waiting, listed under the step with each attempt; audited like every notice', async () => {
    const { s, inc, teacher, url } = await reported();
    const guardian = step(inc, 'guardian');
    const first = await teacher.post(url, {
      stepId: guardian.id,
      target: 'guardian',
      method: 'phone',
      reach: 'not_reached',
      notifiedAt: '2026-11-20T01:40:00.000Z',
      note: '电话无人接听',
    });
    expect(first.statusCode, first.body).toBe(201);
    // Without naming the step, an attempt to whom a step waits for is that step's attempt too.
    const second = await teacher.post(url, { target: 'guardian', method: 'phone', reach: 'not_reached', notifiedAt: '2026-11-20T01:55:00.000Z' });
    expect(second.statusCode, second.body).toBe(201);
    const got = second.json() as { notifications: Notice[]; overdueNotifications: number };
    // Still the four steps: the attempts are not notifications of their own.
    expect(got.notifications.map((n) => [n.target, n.doneAt, n.reach])).toEqual([
      ['school_leader', null, null],
      ['guardian', null, null],
      ['parents', null, null],
      ['bureau', null, null],
    ]);
    expect(step(got, 'guardian')).toMatchObject({
      doneAt: null,
      unreachable: true,
      attempts: [
        { at: '2026-11-20T01:40:00.000Z', method: 'phone', note: '电话无人接听', recordedByName: s.teacher.name },
        { at: '2026-11-20T01:55:00.000Z', method: 'phone', note: null, recordedByName: s.teacher.name },
      ],
    });
    expect(step(got, 'parents').attempts).toEqual([]);
    // Its deadline still runs: past it, the step is overdue like any step nobody was told of.
    now = new Date('2026-11-20T02:40:00Z');
    const later = (await teacher.get(`/api/incidents/${inc.id}`)).json() as { notifications: Notice[] };
    expect(step(later, 'guardian').overdue).toBe(true);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', inc.id)
      .where('action', '=', 'incident.notify')
      .execute();
    expect(audit.map((a) => JSON.parse(a.summary ?? 'null'))).toEqual([
      { target: 'guardian', method: 'phone', reach: 'not_reached' },
      { target: 'guardian', method: 'phone', reach: 'not_reached' },
    ]);
  });

  it('closing is refused while the step’s attempts carry no note, allowed once one says what was tried; the closed step reads unreachable, not told', async () => {
    const { inc, teacher, leader, url } = await reported();
    await tellAllButGuardian(teacher, inc, url);
    const guardian = step(inc, 'guardian');
    const bare = { stepId: guardian.id, target: 'guardian', method: 'phone', reach: 'not_reached', notifiedAt: '2026-11-20T01:50:00.000Z' };
    expect((await teacher.post(url, bare)).statusCode).toBe(201);
    const refused = await close(leader, inc.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'incident_notices_pending', fields: [{ path: 'kind', message: expect.stringContaining('临时监护人') }] });
    expect((await leader.get(`/api/incidents/${inc.id}`)).json().status).toBe('open');

    expect((await teacher.post(url, { ...bare, notifiedAt: '2026-11-20T02:00:00.000Z', note: '两次电话无人接听，已托村委会转告' })).statusCode).toBe(201);
    const closed = await close(leader, inc.id);
    expect(closed.statusCode, closed.body).toBe(201);
    const g = step(closed.json(), 'guardian');
    expect(g).toMatchObject({ doneAt: null, reach: null, unreachable: true, overdue: false });
    expect(g.attempts.map((a) => a.note)).toEqual([null, '两次电话无人接听，已托村委会转告']);
  });

  it('a later notice that reaches the person completes the step, its attempts kept', async () => {
    const { inc, teacher, leader, url } = await reported();
    await tellAllButGuardian(teacher, inc, url);
    const guardian = step(inc, 'guardian');
    await teacher.post(url, { stepId: guardian.id, target: 'guardian', method: 'phone', reach: 'not_reached', notifiedAt: '2026-11-20T01:50:00.000Z' });
    const reached = await teacher.post(url, {
      stepId: guardian.id,
      target: 'guardian',
      method: 'in_person',
      reach: 'reached',
      notifiedAt: '2026-11-20T02:00:00.000Z',
      contactName: '奶奶',
    });
    expect(reached.statusCode, reached.body).toBe(201);
    expect(step(reached.json(), 'guardian')).toMatchObject({
      doneAt: '2026-11-20T02:00:00.000Z',
      reach: 'reached',
      method: 'in_person',
      unreachable: false,
      attempts: [{ at: '2026-11-20T01:50:00.000Z', method: 'phone' }],
    });
    // Recorded once, a step takes no more attempts.
    const again = await teacher.post(url, {
      stepId: guardian.id,
      target: 'guardian',
      method: 'phone',
      reach: 'not_reached',
      notifiedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(again.json().error).toBe('incident_step_done');
    expect((await close(leader, inc.id)).statusCode).toBe(201);
  });

  it('a bureau that was not reached has not been told: no 签收 asked, no alert; an extra attempt is listed as not reached', async () => {
    const { s, inc, teacher, url } = await reported();
    const tried = await teacher.post(url, {
      stepId: step(inc, 'bureau').id,
      target: 'bureau',
      method: 'phone',
      reach: 'not_reached',
      notifiedAt: '2026-11-20T01:50:00.000Z',
      note: '教育局值班电话占线',
    });
    expect(tried.json()).toMatchObject({ reportedToBureau: false, acknowledgement: null });
    const bureau = await app.as(s.bureau.username);
    expect(((await bureau.get('/api/notifications')).json().items as { link: string }[]).map((n) => n.link)).not.toContain(`/incidents/${inc.id}`);
    expect((await bureau.get('/api/incidents?acknowledgement=awaiting')).json().items).toEqual([]);
    // Someone the chain does not name, tried in vain: an extra notification that reads as not reached.
    const extra = await teacher.post(url, {
      target: 'other',
      method: 'phone',
      reach: 'not_reached',
      notifiedAt: '2026-11-20T01:52:00.000Z',
      contactName: '村委会',
    });
    const last = (extra.json().notifications as Notice[]).at(-1);
    expect(last).toMatchObject({ target: 'other', dueAt: null, doneAt: '2026-11-20T01:52:00.000Z', reach: 'not_reached', attempts: [] });
  });

  it('names a bad outcome, in the reader’s language, and writes nothing', async () => {
    const { inc, teacher, url } = await reported();
    const bad = { stepId: step(inc, 'guardian').id, target: 'guardian', method: 'phone', reach: 'maybe', notifiedAt: '2026-11-20T01:50:00.000Z' };
    const zh = await teacher.post(url, bad);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().fields.map((f: { path: string }) => f.path)).toEqual(['reach']);
    expect(zh.json().message).toContain('联系结果');
    const en = await teacher.post(url, bad, { 'accept-language': 'en-US' });
    expect(en.json().message).toContain('Reached');
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.notify').execute()).toEqual([]);
    const rows = await app.ctx.db.selectFrom('incident_notices').select('done_at').where('incident_id', '=', inc.id).execute();
    expect(rows.every((r) => r.done_at === null)).toBe(true);
  });
});

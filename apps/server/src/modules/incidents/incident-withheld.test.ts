import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

interface Notice {
  id: string;
  target: string;
  dueAt: string | null;
  doneAt: string | null;
  reach: string | null;
  method: string | null;
  contactName: string | null;
  note: string | null;
  recordedByName: string | null;
  attempts: { note: string | null }[];
  unreachable: boolean;
  overdue: boolean;
}
interface Case {
  id: string;
  status: string;
  overdueNotifications: number;
  notifications: Notice[];
}

const REASON = '疑似施暴者为监护人，已报警，由公安机关处理';

/**
 * The reviewer's case: a child says an adult at home hit them (abuse_neglect, several injuries: the law
 * asks for a police report). A class teacher reports it at 02:00; the chain waits for the leaders, the
 * guardian (by 02:30), the parents (by 03:00) and the bureau.
 */
async function reported() {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
  const teacher = await app.as(s.teacher.username);
  const leader = await app.as(s.leader.username);
  const res = await teacher.post('/api/incidents', {
    childIds: [child.id],
    kind: 'abuse_neglect',
    severity: 'serious',
    occurredAt: '2026-11-20T01:30:00.000Z',
    description: '孩子说昨晚在家被大人用皮带抽打，背上有多处淤青',
    answers: { multipleInjuries: true, suspectedViolence: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  const inc = res.json() as Case;
  expect(inc.notifications.map((n) => n.target)).toEqual(['school_leader', 'guardian', 'parents', 'bureau']);
  return { s, inc, teacher, leader, url: `/api/incidents/${inc.id}/notifications` };
}

const step = (inc: { notifications: Notice[] }, target: string) => inc.notifications.find((n) => n.target === target) as Notice;
const close = (c: Client, id: string) => c.post(`/api/incidents/${id}/actions`, { kind: 'close', text: '公安机关已立案，孩子由村委会临时照料' });
const withhold = (target: string, more: Record<string, unknown> = {}) => ({
  target,
  method: 'other',
  reach: 'withheld',
  notifiedAt: '2026-11-20T01:50:00.000Z',
  note: REASON,
  ...more,
});

/** The police report and the steps that must always be told: the leaders' and the bureau's. */
async function reportAndTellOfficials(c: Client, inc: Case, url: string) {
  const police = await c.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T01:45:00.000Z', unit: '城关派出所', method: 'call_110' });
  expect(police.statusCode, police.body).toBe(201);
  for (const target of ['school_leader', 'bureau'])
    expect((await c.post(url, { stepId: step(inc, target).id, target, method: 'phone', notifiedAt: '2026-11-20T01:48:00.000Z' })).statusCode).toBe(201);
}

async function notifyAudits(id: string) {
  const rows = await app.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'summary'])
    .where('entity_id', '=', id)
    .where('action', '=', 'incident.notify')
    .execute();
  // In a stable order whatever order the database returns them in.
  return rows
    .map((r) => r.summary ?? 'null')
    .sort()
    .map((x) => JSON.parse(x));
}

describe('a family step deliberately not told (不宜通知)', () => {
  it('withholds the guardian’s and the parents’ steps with a reason; they count as resolved, so the case closes; each is audited', async () => {
    const { s, inc, teacher, leader, url } = await reported();
    await reportAndTellOfficials(teacher, inc, url);
    // Closing waits for the family steps, as before.
    expect((await close(leader, inc.id)).json()).toMatchObject({ error: 'incident_notices_pending', message: expect.stringContaining('临时监护人、父母') });

    // The guardian's step named; the parents' found by whom it waits for.
    const guardian = await teacher.post(url, withhold('guardian', { stepId: step(inc, 'guardian').id }));
    expect(guardian.statusCode, guardian.body).toBe(201);
    const parents = await teacher.post(
      url,
      withhold('parents', { notifiedAt: '2026-11-20T01:52:00.000Z', note: '父母为疑似施暴者的亲属，经派出所同意暂不通知' }),
    );
    expect(parents.statusCode, parents.body).toBe(201);
    const got = parents.json() as Case;
    // Still the four steps: withholding completes a step, it adds none.
    expect(got.notifications.map((n) => n.target)).toEqual(['school_leader', 'guardian', 'parents', 'bureau']);
    expect(step(got, 'guardian')).toMatchObject({
      doneAt: '2026-11-20T01:50:00.000Z',
      reach: 'withheld',
      method: null,
      contactName: null,
      note: REASON,
      recordedByName: s.teacher.name,
      unreachable: false,
      overdue: false,
    });
    expect(step(got, 'parents')).toMatchObject({ reach: 'withheld', doneAt: '2026-11-20T01:52:00.000Z', note: '父母为疑似施暴者的亲属，经派出所同意暂不通知' });
    expect(await notifyAudits(inc.id)).toEqual([
      { target: 'bureau', method: 'phone', reach: 'reached' },
      { target: 'guardian', reach: 'withheld' },
      { target: 'parents', reach: 'withheld' },
      { target: 'school_leader', method: 'phone', reach: 'reached' },
    ]);

    const closed = await close(leader, inc.id);
    expect(closed.statusCode, closed.body).toBe(201);
    expect(step(closed.json(), 'guardian')).toMatchObject({ reach: 'withheld', note: REASON, overdue: false });
  });

  it('is not overdue past its deadline: not on the page, in the list, among the cases needing attention or in the reminders', async () => {
    const { s, inc, teacher, url } = await reported();
    await reportAndTellOfficials(teacher, inc, url);
    await teacher.post(url, withhold('guardian'));
    await teacher.post(url, withhold('parents'));
    // Hours later, every deadline has passed.
    now = new Date('2026-11-20T08:00:00Z');
    const leader = await app.as(s.leader.username);
    const page = (await leader.get(`/api/incidents/${inc.id}`)).json() as Case;
    expect(page).toMatchObject({ status: 'open', overdueNotifications: 0 });
    expect(page.notifications.map((n) => [n.target, n.reach, n.overdue])).toEqual([
      ['school_leader', 'reached', false],
      ['guardian', 'withheld', false],
      ['parents', 'withheld', false],
      ['bureau', 'reached', false],
    ]);
    const listed = (await leader.get('/api/incidents')).json().items as Case[];
    expect(listed.map((i) => [i.id, i.overdueNotifications])).toEqual([[inc.id, 0]]);
    expect((await leader.get('/api/incidents?attention=true')).json().items).toEqual([]);
    expect(await app.services.notifications.incidentAlerts()).toBe(0);
  });

  it('needs a reason: an empty one is refused naming the note, in the reader’s language, and writes nothing', async () => {
    const { inc, teacher, url } = await reported();
    const guardian = step(inc, 'guardian').id;
    for (const note of [undefined, null, '', '   ']) {
      const res = await teacher.post(url, withhold('guardian', { stepId: guardian, note }));
      expect(res.statusCode, String(note)).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'note', message: '请写明不宜通知的原因（如：疑似施暴者为监护人，已报警，由公安机关处理）' }]);
    }
    const en = await teacher.post(url, withhold('parents', { note: '' }), { 'accept-language': 'en-US' });
    expect(en.json().fields.map((f: { path: string }) => f.path)).toEqual(['note']);
    expect(en.json().message).toContain('say why');
    expect(await notifyAudits(inc.id)).toEqual([]);
    const rows = await app.ctx.db.selectFrom('incident_notices').select(['done_at', 'reach']).where('incident_id', '=', inc.id).execute();
    expect(rows.every((r) => r.done_at === null && r.reach === 'reached')).toBe(true);
  });

  it('never withholds the school leaders’, the bureau’s or anyone else’s notification: 422 naming the field, nothing written', async () => {
    const { inc, teacher, url } = await reported();
    const message = '只有通知临时监护人、父母时可以登记“不宜通知”；校领导、教育局等必须通知';
    for (const target of ['school_leader', 'bureau']) {
      const res = await teacher.post(url, withhold(target, { stepId: step(inc, target).id }));
      expect(res.statusCode, target).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'target', message }]);
    }
    expect((await teacher.post(url, withhold('other', { contactName: '村委会' }))).json().fields).toEqual([{ path: 'target', message }]);
    // The step named is the bureau's, whatever the request calls it.
    const named = await teacher.post(url, withhold('guardian', { stepId: step(inc, 'bureau').id }));
    expect(named.statusCode).toBe(422);
    expect(named.json().fields).toEqual([{ path: 'stepId', message }]);
    const en = await teacher.post(url, withhold('bureau'), { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([
      {
        path: 'target',
        message: 'Only the guardian and the parents can be deliberately not told; the school leaders and the education bureau must always be told',
      },
    ]);
    expect(await notifyAudits(inc.id)).toEqual([]);
    const rows = await app.ctx.db.selectFrom('incident_notices').select(['done_at']).where('incident_id', '=', inc.id).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.done_at === null)).toBe(true);
  });

  it('only on an open case, by those who record notices, for a step still waiting; someone told later is an extra notification', async () => {
    const { s, inc, teacher, leader, url } = await reported();
    // The bureau reads the case but records nothing on it.
    const bureau = await app.as(s.bureau.username);
    expect((await bureau.post(url, withhold('guardian'))).statusCode).toBe(403);

    // A step already recorded stays so.
    const g = step(inc, 'guardian').id;
    await teacher.post(url, { stepId: g, target: 'guardian', method: 'phone', notifiedAt: '2026-11-20T01:40:00.000Z', contactName: '奶奶' });
    expect((await teacher.post(url, withhold('guardian', { stepId: g }))).json().error).toBe('incident_step_done');
    const none = await teacher.post(url, withhold('guardian'));
    expect(none.statusCode).toBe(422);
    expect(none.json().fields).toEqual([{ path: 'target', message: '通知流程中没有等待通知临时监护人的环节' }]);

    // Withheld, the parents' step is not completed by a later notice: told later (the police agreed), that is an extra notification.
    await teacher.post(url, withhold('parents'));
    const told = await teacher.post(url, { target: 'parents', method: 'phone', notifiedAt: '2026-11-20T02:00:00.000Z', note: '经派出所同意后电话告知' });
    const after = told.json() as Case;
    expect(after.notifications.filter((n) => n.target === 'parents').map((n) => [n.reach, n.dueAt !== null])).toEqual([
      ['withheld', true],
      ['reached', false],
    ]);

    // Closed, the case takes no more.
    await reportAndTellOfficials(teacher, inc, url);
    expect((await close(leader, inc.id)).statusCode).toBe(201);
    expect((await teacher.post(url, withhold('parents'))).json().error).toBe('incident_closed');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

// Two changes of one case at the same time (PostgreSQL runs them at once; SQLite one after the other):
// every write takes the incident's row first (incident-lock.ts), so whichever commits second sees
// what the first did — a close after a severity raise names the new step, a change after a close
// finds the case closed.

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');
const at = '2026-11-20T01:45:00.000Z';

type Answer = { statusCode: number; body: string; json: () => { error?: string; message?: string; fields?: unknown } };
type Notice = { id: string; target: string };
type Case = { id: string; version: number; notifications: Notice[] };

/** A school, its class teacher (who reports and records) and leader (who closes), and a reporter of cases. */
async function school() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const teacher = await app.as(s.teacher.username);
  const leader = await app.as(s.leader.username);
  /** A case of `severity` reported at 01:30, every step of its chain told but those named in `waiting`. */
  const report = async (severity: string, waiting: string[] = [], extra: Record<string, unknown> = {}): Promise<Case> => {
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const res = await teacher.post('/api/incidents', {
      childIds: [child.id],
      kind: 'injury',
      severity,
      occurredAt: '2026-11-20T01:30:00.000Z',
      description: '课间在楼梯上被挤倒，左臂受伤',
      answers: {},
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    let inc = res.json() as Case;
    for (const n of inc.notifications.filter((x) => !waiting.includes(x.target))) inc = (await tell(teacher, inc, n.target)).json() as unknown as Case;
    return inc;
  };
  return { s, teacher, leader, report };
}

const tell = (c: Client, inc: Case, target: string) =>
  c.post(`/api/incidents/${inc.id}/notifications`, {
    stepId: inc.notifications.find((n) => n.target === target)?.id,
    target,
    method: 'phone',
    notifiedAt: at,
  }) as Promise<Answer>;
const close = (c: Client, inc: Case) => c.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '孩子已康复返校，家长无异议' }) as Promise<Answer>;
const reopen = (c: Client, inc: Case) => c.post(`/api/incidents/${inc.id}/actions`, { kind: 'reopen', text: '补录' }) as Promise<Answer>;
const police = (c: Client, inc: Case, unit = '城关派出所') =>
  c.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: at, unit, method: 'call_110' }) as Promise<Answer>;

/** The case as stored: its status, severity, chain (target and whether told) and timeline, and its audit rows. */
async function stored(id: string) {
  const db = app.ctx.db;
  const i = await db.selectFrom('incidents').select(['status', 'severity', 'mandatory', 'police_unit']).where('id', '=', id).executeTakeFirstOrThrow();
  const notices = await db.selectFrom('incident_notices').select(['target', 'done_at']).where('incident_id', '=', id).orderBy('sort_order').execute();
  const actions = await db.selectFrom('incident_actions').select('kind').where('incident_id', '=', id).orderBy('created_at').execute();
  const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '!=', 'incident.view').execute();
  return {
    ...i,
    chain: notices.map((n) => [n.target, n.done_at !== null]),
    actions: actions.map((a) => a.kind),
    audit: audit.map((a) => a.action),
  };
}

describe('a severity raise and a close at the same time', () => {
  it('whichever commits first, the case never closes with a step nobody was told of', async () => {
    const { teacher, leader, report } = await school();
    const raise =
      (inc: Case, body: Record<string, unknown> = { severity: 'serious' }) =>
      () =>
        teacher.patch(`/api/incidents/${inc.id}`, { ...body, version: inc.version }) as Promise<Answer>;

    // The raise first: the close waits for it, then names the bureau's new step.
    const first = await report('moderate');
    const closing = duringNextTransaction(app, () => close(leader, first));
    expect((await raise(first)()).statusCode).toBe(200);
    const refused = await closing();
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'incident_notices_pending', fields: [{ path: 'kind', message: expect.stringContaining('教育局') }] });
    expect(await stored(first.id)).toMatchObject({
      status: 'open',
      severity: 'serious',
      chain: [
        ['school_leader', true],
        ['guardian', true],
        ['parents', true],
        ['bureau', false],
      ],
      actions: [],
    });
    expect((await stored(first.id)).audit).not.toContain('incident.close');

    // Answers that make the law ask for a police report: the close waits, then asks for it first.
    const mandatory = await report('moderate');
    const closingToo = duringNextTransaction(app, () => close(leader, mandatory));
    const answered = await raise(mandatory, { kind: 'abuse_neglect', answers: { multipleInjuries: true, suspectedViolence: true } })();
    expect(answered.statusCode, answered.body).toBe(200);
    const asked = await closingToo();
    expect(asked.statusCode, asked.body).toBe(422);
    expect(asked.json().error).toBe('incident_police_first');
    expect(await stored(mandatory.id)).toMatchObject({ status: 'open', mandatory: 1, actions: [] });

    // The close first: the raise waits for it, then finds the case closed, as on any closed case.
    const second = await report('moderate');
    const raising = duringNextTransaction(app, raise(second));
    expect((await close(leader, second)).statusCode).toBe(201);
    const late = await raising();
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error).toBe('incident_closed');
    expect(await stored(second.id)).toMatchObject({
      status: 'closed',
      severity: 'moderate',
      chain: [
        ['school_leader', true],
        ['guardian', true],
        ['parents', true],
      ],
      actions: ['close'],
    });
    expect((await stored(second.id)).audit).not.toContain('incident.update');
  });
});

describe('a notice, a police report or a step recorded while the case closes', () => {
  it('after the close is refused as on a closed case and writes nothing', async () => {
    const { teacher, leader, report } = await school();
    const inc = await report('moderate');
    const closed = (during: () => Promise<Answer>) => async () => {
      const other = duringNextTransaction(app, during);
      expect((await close(leader, inc)).statusCode).toBe(201);
      return other();
    };
    const extra = () =>
      teacher.post(`/api/incidents/${inc.id}/notifications`, { target: 'other', method: 'phone', notifiedAt: at, contactName: '村委会' }) as Promise<Answer>;
    const note = () => teacher.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '家长来校了解情况' }) as Promise<Answer>;
    for (const during of [extra, () => police(teacher, inc), note]) {
      const late = await closed(during)();
      expect(late.statusCode, late.body).toBe(409);
      expect(late.json().error).toBe('incident_closed');
      expect((await reopen(leader, inc)).statusCode).toBe(201);
    }
    expect(await stored(inc.id)).toMatchObject({
      status: 'open',
      police_unit: null,
      chain: [
        ['school_leader', true],
        ['guardian', true],
        ['parents', true],
      ],
      actions: ['close', 'reopen', 'close', 'reopen', 'close', 'reopen'],
    });
  });

  it('before the close is seen by it: the last step told, or the police report recorded, lets the case close', async () => {
    const { teacher, leader, report } = await school();
    const inc = await report('moderate', ['guardian']);
    const closing = duringNextTransaction(app, () => close(leader, inc));
    expect((await tell(teacher, inc, 'guardian')).statusCode).toBe(201);
    const closed = await closing();
    expect(closed.statusCode, closed.body).toBe(201);
    expect(await stored(inc.id)).toMatchObject({ status: 'closed', actions: ['close'] });

    const mandatory = await report('moderate', [], { kind: 'abuse_neglect', answers: { multipleInjuries: true, suspectedViolence: true } });
    const closingToo = duringNextTransaction(app, () => close(leader, mandatory));
    expect((await police(teacher, mandatory)).statusCode).toBe(201);
    const closedToo = await closingToo();
    expect(closedToo.statusCode, closedToo.body).toBe(201);
    expect(await stored(mandatory.id)).toMatchObject({ status: 'closed', police_unit: '城关派出所', actions: ['close'] });
  });
});

describe('the same change twice at once', () => {
  it('closes, reopens and records the police report once: the second finds it done', async () => {
    const { teacher, leader, report } = await school();
    const inc = await report('moderate');
    const twice = async (fn: () => Promise<Answer>, status: number) => {
      const again = duringNextTransaction(app, fn);
      expect((await fn()).statusCode).toBe(status);
      return again();
    };
    expect((await twice(() => close(leader, inc), 201)).json().error).toBe('incident_closed');
    expect((await twice(() => reopen(leader, inc), 201)).json().error).toBe('incident_open');
    const second = duringNextTransaction(app, () => police(teacher, inc, '第二派出所'));
    expect((await police(teacher, inc)).statusCode).toBe(201);
    const recorded = await second();
    expect(recorded.statusCode).toBe(409);
    expect(recorded.json().error).toBe('incident_police_recorded');
    const after = await stored(inc.id);
    expect(after).toMatchObject({ status: 'open', police_unit: '城关派出所', actions: ['close', 'reopen'] });
    expect(after.audit.filter((a) => a !== 'incident.notify').sort()).toEqual([
      'incident.close',
      'incident.create',
      'incident.police_report',
      'incident.reopen',
    ]);
  });
});

describe('the bureau acknowledging while the school records telling it', () => {
  it('waits for the notice and acknowledges it', async () => {
    const { s, teacher, report } = await school();
    const inc = await report('serious', ['bureau']);
    const bureau = await app.as(s.bureau.username);
    const acknowledging = duringNextTransaction(
      app,
      () => bureau.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请做好心理疏导' }) as Promise<Answer>,
    );
    expect((await tell(teacher, inc, 'bureau')).statusCode).toBe(201);
    const ack = await acknowledging();
    expect(ack.statusCode, ack.body).toBe(201);
    expect((await stored(inc.id)).audit).toContain('incident.acknowledge');
  });
});

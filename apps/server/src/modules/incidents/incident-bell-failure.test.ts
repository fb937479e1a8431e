import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

// Who is told of a step hears of it after the step is committed (lib/after-commit.ts): when the bell
// fails, the step stands and is answered as done, the failure logged; a 500 would have the client
// send again a report that was saved.

let app: TestApp;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.close();
});
const clock = () => new Date('2026-11-20T02:00:00Z');
/** The log line of a notification that failed after its change was saved (not the error handler's "unhandled error"). */
const SAVED_BUT_UNTOLD = expect.stringContaining('after the change was saved');

/** A report the law asks the police to hear of (a mandatory case), with a step for the bureau. */
const report = (childIds: string[]) => ({
  childIds,
  kind: 'abuse_neglect',
  severity: 'serious',
  occurredAt: '2026-11-20T01:30:00.000Z',
  description: '孩子手臂和背上有多处淤青，说是家里人打的',
  answers: { multipleInjuries: true, suspectedViolence: true },
});

describe('incidents when the bell fails', () => {
  it('answers a report, a notice to the bureau and its 签收 as saved, and logs each failure to tell', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
    const [teacher, bureau] = await Promise.all([app.as(s.teacher.username), app.as(s.bureau.username)]);
    const failure = new Error('connection terminated unexpectedly');
    const notify = vi.spyOn(app.services.notifications, 'notify').mockRejectedValue(failure);
    const logged = vi.spyOn(app.log, 'error');
    const db = app.ctx.db;

    const created = await teacher.post('/api/incidents', report([girl.id]));
    expect(created.statusCode, created.body).toBe(201);
    const inc = created.json() as { id: string; mandatory: boolean; notifications: { id: string; target: string }[] };
    expect(inc.mandatory).toBe(true);
    expect(await db.selectFrom('incidents').select('status').where('id', '=', inc.id).executeTakeFirst()).toEqual({ status: 'open' });
    expect(notify).toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: failure }), SAVED_BUT_UNTOLD);

    logged.mockClear();
    const step = inc.notifications.find((n) => n.target === 'bureau')?.id;
    const told = await teacher.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step,
      target: 'bureau',
      method: 'phone',
      notifiedAt: '2026-11-20T01:50:00.000Z',
    });
    expect(told.statusCode, told.body).toBe(201);
    expect(told.json()).toMatchObject({ reportedToBureau: true });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: failure }), SAVED_BUT_UNTOLD);

    logged.mockClear();
    const ack = await bureau.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请每日报告进展' });
    expect(ack.statusCode, ack.body).toBe(201);
    expect(ack.json().acknowledgement).toMatchObject({ byName: s.bureau.name, instruction: '请每日报告进展' });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: failure }), SAVED_BUT_UNTOLD);

    // Each change once, with its audit row; nobody was told, since every notification failed.
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', inc.id)
      .where('action', '!=', 'incident.view')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['incident.create', 'incident.notify', 'incident.acknowledge']);
    expect(await db.selectFrom('notifications').select('id').execute()).toEqual([]);
  });
});

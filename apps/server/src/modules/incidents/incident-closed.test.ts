import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

async function closedCase() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
  const teacher = await app.as(s.teacher.username);
  const leader = await app.as(s.leader.username);
  const inc = (
    await teacher.post('/api/incidents', {
      childIds: [child.id],
      kind: 'bullying',
      severity: 'serious',
      occurredAt: '2026-11-20T01:30:00.000Z',
      description: '高年级学生在厕所推搡、勒索零花钱',
      answers: {},
    })
  ).json();
  // The school tells everyone its chain names (the bureau too, a serious case), then closes the case.
  for (const step of inc.notifications as { id: string; target: string }[])
    await teacher.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step.id,
      target: step.target,
      method: 'phone',
      notifiedAt: '2026-11-20T01:50:00.000Z',
    });
  expect((await leader.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '双方家长已调解' })).statusCode).toBe(201);
  return { s, inc, teacher, leader };
}

describe('a closed case', () => {
  it('refuses a police report, as it refuses notifications and updates, and writes nothing', async () => {
    const { inc, teacher, leader } = await closedCase();
    const refusal = (await teacher.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '补充' })).json();
    const police = { reportedAt: '2026-11-20T01:55:00.000Z', unit: '城关派出所', receiptNumber: 'JJ1', method: 'call_110' };
    for (const c of [teacher, leader]) {
      const r = await c.post(`/api/incidents/${inc.id}/mandatory-report`, police);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'incident_closed', message: refusal.message });
      expect(r.json().message).toContain('重新打开');
    }
    const en = await leader.post(`/api/incidents/${inc.id}/mandatory-report`, police, { 'accept-language': 'en-US' });
    expect(en.json()).toMatchObject({ error: 'incident_closed', message: expect.stringMatching(/closed/i) });
    const read = (await leader.get(`/api/incidents/${inc.id}`)).json();
    expect(read).toMatchObject({ police: null, policeReported: false, status: 'closed' });
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.police_report').execute()).toEqual([]);
    // Reopened, the school records it.
    expect((await leader.post(`/api/incidents/${inc.id}/actions`, { kind: 'reopen', text: '补录报案' })).statusCode).toBe(201);
    const ok = await teacher.post(`/api/incidents/${inc.id}/mandatory-report`, police);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().police).toMatchObject({ unit: '城关派出所', receiptNumber: 'JJ1' });
  });

  it('is still acknowledged by the bureau over the school: receipt of what the school told it stays a fact', async () => {
    const { s, inc } = await closedCase();
    const b = await app.as(s.bureau.username);
    const seen = (await b.get(`/api/incidents/${inc.id}`)).json();
    expect(seen).toMatchObject({ status: 'closed', canAcknowledge: true, canEdit: false });
    const ack = await b.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请做好后续心理疏导' });
    expect(ack.statusCode).toBe(201);
    expect(ack.json()).toMatchObject({ status: 'closed', acknowledgement: { byName: s.bureau.name, instruction: '请做好后续心理疏导' } });
    expect(await app.ctx.db.selectFrom('audit_log').select('user_id').where('action', '=', 'incident.acknowledge').execute()).toEqual([
      { user_id: s.bureau.id },
    ]);
  });
});

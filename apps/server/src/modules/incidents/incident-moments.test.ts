import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

/** Moments no case can have: one before its child was born (the year 0), a police report before the case happened. */
let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
  const client = await app.as(s.leader.username);
  return { ...s, girl, client };
}

const report = (childIds: string[], extra: Record<string, unknown> = {}) => ({
  childIds,
  kind: 'abuse_neglect',
  severity: 'serious',
  occurredAt: '2026-11-20T01:30:00.000Z',
  description: '孩子手臂和背上有多处淤青',
  answers: { multipleInjuries: true, suspectedViolence: true },
  ...extra,
});

const count = async (t: 'incidents' | 'audit_log') =>
  Number(
    (
      await app.ctx.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('incidents: the moments of a case', () => {
  it('POST /incidents refuses occurredAt in the year 0 (saved as 0000-01-01, before the child was born)', async () => {
    const s = await setup();
    const before = [await count('incidents'), await count('audit_log')];
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.client.post('/api/incidents', report([s.girl.id], { occurredAt: '0000-01-01T00:00:00Z' }), { 'accept-language': lang });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().fields).toEqual([
        expect.objectContaining({
          path: 'occurredAt',
          message: lang === 'zh-CN' ? '日期早于儿童的出生日期，请核对' : 'The date is before the child was born; check it',
        }),
      ]);
    }
    expect([await count('incidents'), await count('audit_log')]).toEqual(before);
    // Nor is a case moved there by an edit.
    const inc = (await s.client.post('/api/incidents', report([s.girl.id]))).json();
    const edit = await s.client.patch(`/api/incidents/${inc.id}`, { occurredAt: '2006-11-20T01:30:00.000Z', version: inc.version });
    expect(edit.statusCode, edit.body).toBe(422);
    expect(edit.json().fields).toEqual([expect.objectContaining({ path: 'occurredAt' })]);
    const row = await app.ctx.db.selectFrom('incidents').select(['occurred_at', 'version']).where('id', '=', inc.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ occurred_at: '2026-11-20T01:30:00.000Z', version: inc.version });
  });

  it('POST /incidents/:id/mandatory-report refuses a police report before the case happened (notices and actions refuse it)', async () => {
    const s = await setup();
    const inc = (await s.client.post('/api/incidents', report([s.girl.id]))).json();
    expect(inc.mandatory).toBe(true);
    // The same moment is refused for a notice ...
    const notice = await s.client.post(`/api/incidents/${inc.id}/notifications`, {
      target: 'guardian',
      method: 'phone',
      notifiedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(notice.statusCode).toBe(422);
    expect(notice.json().fields).toEqual([expect.objectContaining({ path: 'notifiedAt' })]);
    // ... and must be for the police report.
    const audits = await count('audit_log');
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.client.post(
        `/api/incidents/${inc.id}/mandatory-report`,
        { reportedAt: '2020-01-01T00:00:00.000Z', unit: '城关派出所', method: 'call_110' },
        { 'accept-language': lang },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields).toEqual([
        expect.objectContaining({
          path: 'reportedAt',
          message: lang === 'zh-CN' ? '报案时间不能早于事件发生时间' : 'The police report cannot be earlier than the incident',
        }),
      ]);
    }
    const row = await app.ctx.db.selectFrom('incidents').select('police_reported_at').where('id', '=', inc.id).executeTakeFirstOrThrow();
    expect(row.police_reported_at).toBeNull();
    expect(await count('audit_log')).toBe(audits);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

/**
 * A pairing's start date given by hand. One starting in 9999 could never be ended (an end date must be
 * on or after the start and not after today), so the child would stay "already paired" for good; one
 * starting in the year 1000 begins before the child was born.
 */
let app: TestApp;
afterEach(async () => app?.close());

async function setup() {
  app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, birthDate: '2016-03-12' });
  const client = await app.as(s.leader.username);
  return { ...s, mentor, child, client };
}

const count = async () => ({
  pairings: (await app.ctx.db.selectFrom('pairings').select('id').execute()).length,
  audit: (await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'pairing.create').execute()).length,
});

describe('pairings: the start date', () => {
  for (const [what, startDate, zh, en] of [
    ['in the year 9999 (the pairing could never be ended)', '9999-12-31', '开始日期最晚只能是一年以后', 'The start date can be at most a year from today'],
    ['before the child was born (year 1000)', '1000-01-01', '日期早于儿童的出生日期，请核对', 'The date is before the child was born; check it'],
  ] as const) {
    it(`POST /pairings refuses a start date ${what}`, async () => {
      const s = await setup();
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await s.client.post('/api/pairings', { mentorId: s.mentor.id, childIds: [s.child.id], startDate }, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().fields).toEqual([expect.objectContaining({ path: 'startDate', message: lang === 'zh-CN' ? zh : en })]);
      }
      expect(await count()).toEqual({ pairings: 0, audit: 0 });
    });

    it(`POST /pairings/batch refuses a start date ${what}`, async () => {
      const s = await setup();
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await s.client.post(
          '/api/pairings/batch',
          { schoolId: s.school.id, pairs: [{ childId: s.child.id, mentorId: s.mentor.id }], startDate },
          { 'accept-language': lang },
        );
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().fields).toEqual([expect.objectContaining({ path: 'startDate', message: lang === 'zh-CN' ? zh : en })]);
      }
      expect(await count()).toEqual({ pairings: 0, audit: 0 });
    });
  }

  it('takes a start up to a year ahead (the next term) and on the birth day', async () => {
    const s = await setup();
    const next = await s.client.post('/api/pairings', { mentorId: s.mentor.id, childIds: [s.child.id], startDate: '2027-11-20' });
    expect(next.statusCode, next.body).toBe(201);
    const other = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, birthDate: '2016-03-12' });
    const born = await s.client.post('/api/pairings', { mentorId: s.mentor.id, childIds: [other.id], startDate: '2016-03-12' });
    expect(born.statusCode, born.body).toBe(201);
  });
});

import type { RosterSubmission, Stats } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/index.ts';
import { readXlsx } from '../rosters/roster.test-helpers.ts';
import { type County, county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

async function setUp(): Promise<County> {
  const s = await county();
  app = s.app;
  return s;
}

/** A school's roster of a term sent to the bureau and left in `status` (the steps themselves are submission.test.ts's). */
async function schoolRoster(s: County, schoolId: string, termId: string, status: 'submitted' | 'returned' | 'approved', at: string) {
  const c = await s.app.as(schoolId === s.school.id ? s.leaderUser.username : s.otherLeader.username);
  const res = await c.post('/api/roster-submissions', { termId, schoolId });
  expect(res.statusCode, res.body).toBeLessThan(300);
  const { id } = res.json() as { id: string };
  await s.app.ctx.db.updateTable('roster_submissions').set({ status, submitted_at: at, updated_at: at }).where('id', '=', id).execute();
}

describe("the schools table's roster column", () => {
  it("shows each school's roster of its own term that the period covers, as 花名册报送 shows it: a calendar term, its last month, a school's term, a month, by default", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    // School A's autumn term runs 2026-09-07..2027-01-20, school B's to 22 January: both end before the
    // calendar term (to 31 January). A has its spring term already entered, with nothing sent for it yet.
    const otherTerm = (
      await (
        await s.app.as(s.otherLeader.username)
      ).post('/api/terms', {
        schoolId: s.other.id,
        academicYear: '2026-2027',
        semester: 1,
        startDate: '2026-09-01',
        endDate: '2027-01-22',
      })
    ).json() as { id: string };
    const spring = await s.leader.post('/api/terms', {
      schoolId: s.school.id,
      academicYear: '2026-2027',
      semester: 2,
      startDate: '2027-02-22',
      endDate: '2027-07-09',
    });
    expect(spring.statusCode, spring.body).toBe(201);
    await schoolRoster(s, s.school.id, s.term.id, 'approved', '2026-11-18T02:00:00.000Z');
    await schoolRoster(s, s.other.id, otherTerm.id, 'returned', '2026-11-19T03:00:00.000Z');

    // What 花名册报送 shows the bureau for the autumn term.
    const subs = (await b.get(`/api/roster-submissions?regionId=${s.county.id}&level=school`)).json().items as RosterSubmission[];
    const shown = Object.fromEntries(subs.filter((x) => x.termLabel === '2026-2027 第一学期（秋季）').map((x) => [x.schoolId, x.status]));
    expect(shown).toEqual({ [s.school.id]: 'approved', [s.other.id]: 'returned' });

    const rosters = async (q: string) => {
      const st = (await b.get(`/api/stats?regionId=${s.county.id}${q}`)).json() as Stats;
      return Object.fromEntries(st.schools.map((x) => [x.schoolId, x.roster]));
    };
    for (const q of ['&from=2026-09-01&to=2027-01-31', '&from=2027-01-01&to=2027-01-31', '&from=2026-11-01&to=2026-11-30', `&termId=${s.term.id}`, ''])
      expect(await rosters(q), q || 'default').toEqual(shown);
    // A period reaching into the spring term is the spring's: nothing sent for it yet at A (B has no spring term).
    expect(await rosters('&from=2027-01-01&to=2027-03-31')).toEqual({ [s.school.id]: 'none', [s.other.id]: 'returned' });
    // The summer holiday is no term of either school.
    expect(await rosters('&from=2026-08-01&to=2026-08-31')).toEqual({ [s.school.id]: 'none', [s.other.id]: 'none' });

    // The Excel has the same states, by the calendar term.
    const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?regionId=${s.county.id}&from=2026-09-01&to=2027-01-31&table=schools`)).rawPayload);
    const rows = (wb.getWorksheet('各校情况')?.getSheetValues() ?? []).filter(Boolean).slice(2) as unknown[][];
    expect(Object.fromEntries(rows.map((r) => [r[1], r[9]]))).toEqual({ [s.school.name]: '已通过', [s.other.name]: '已退回', 合计: undefined });
  });
});

describe("the schools table's talk coverage", () => {
  /** Talks in October and before the spring term's end, beside the helper's November ones (three of school A's children on the 10th). */
  async function withTalks(s: County) {
    const talk = async (leader: string, childId: string, date: string) =>
      expect(
        (await (await s.app.as(leader)).post('/api/care-records', { kind: 'talk', childIds: [childId], date, summary: '谈心', details: {} })).statusCode,
      ).toBe(201);
    const [a0, , , a3] = s.kids.map((k) => k.id);
    await talk(s.leaderUser.username, a0 as string, '2026-10-15');
    await talk(s.leaderUser.username, a3 as string, '2026-10-16');
    await talk(s.otherLeader.username, s.outside.id, '2026-10-30');
    await talk(s.leaderUser.username, a3 as string, '2026-06-12');
    await talk(s.otherLeader.username, s.outside.id, '2026-08-03');
    // School A's spring term ends on 3 July: July is no month of care there. School B has no terms.
    const spring = await s.leader.post('/api/terms', {
      schoolId: s.school.id,
      academicYear: '2025-2026',
      semester: 2,
      startDate: '2026-02-24',
      endDate: '2026-07-03',
    });
    expect(spring.statusCode, spring.body).toBe(201);
    // The children arrived in the helper on 1 September; for the spring they had been on the roll since January.
    await s.app.ctx.db.updateTable('children').set({ entered_on: '2026-01-05' }).execute();
  }

  it('counts the last month of care that is over, whole, while the period runs (today is 20 November: October), and names it', async () => {
    const s = await setUp();
    await withTalks(s);
    const b = await s.app.as(s.bureau.username);
    const october = { from: '2026-10-01', to: '2026-10-31' };
    for (const q of ['', '&from=2026-09-01&to=2027-01-31', '&from=2026-09-01&to=2026-11-20', `&termId=${s.term.id}`, '&from=2026-09-01&to=2026-11-01']) {
      const st = (await b.get(`/api/stats?regionId=${s.county.id}${q}`)).json() as Stats;
      const row = (id: string) => st.schools.find((x) => x.schoolId === id);
      // A: 2 of its 5 children on the roll in October; B: its one child.
      expect([row(s.school.id)?.talkCoverage, row(s.school.id)?.talkDays, row(s.other.id)?.talkCoverage, row(s.other.id)?.talkDays], q || 'default').toEqual([
        0.4,
        october,
        1,
        october,
      ]);
      expect(st.schoolsTotal?.talkCoverage, q || 'default').toBe(0.5);
    }
    // The Excel names the month.
    const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?regionId=${s.county.id}&table=schools`)).rawPayload);
    expect(wb.getWorksheet('各校情况')?.getRow(2).getCell(7).value).toBe('谈心覆盖率（10月）');
    const en = await readXlsx((await b.get(`/api/stats/export.xlsx?regionId=${s.county.id}&table=schools`, { 'accept-language': 'en-US' })).rawPayload);
    expect(en.getWorksheet('Schools')?.getRow(2).getCell(7).value).toBe('Talk coverage (Oct)');
  });

  it('counts the running month up to today only while no month of the period is over', async () => {
    const s = await setUp();
    await withTalks(s);
    const b = await s.app.as(s.bureau.username);
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json() as Stats;
    expect(st.schools.map((x) => [x.name, x.talkCoverage, x.talkDays])).toEqual(
      [
        [s.school.name, 0.6, { from: '2026-11-01', to: '2026-11-20' }],
        [s.other.name, 0, { from: '2026-11-01', to: '2026-11-20' }],
      ].sort((x, y) => st.schools.findIndex((r) => r.name === x[0]) - st.schools.findIndex((r) => r.name === y[0])),
    );
    expect(st.schoolsTotal?.talkCoverage).toBe(0.5);
  });

  it("counts no holiday month: the spring term is June at a school whose term ended on 3 July, August at one without terms (the compliance engine's months)", async () => {
    const s = await setUp();
    await withTalks(s);
    const b = await s.app.as(s.bureau.username);
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-02-01&to=2026-08-31`)).json() as Stats;
    const row = (id: string) => st.schools.find((x) => x.schoolId === id);
    // A: one of its five children talked with in June (the child who left in October was on the roll then, but the rate is of today's roll).
    expect([row(s.school.id)?.talkCoverage, row(s.school.id)?.talkDays]).toEqual([0.2, { from: '2026-06-01', to: '2026-06-30' }]);
    expect([row(s.other.id)?.talkCoverage, row(s.other.id)?.talkDays]).toEqual([1, { from: '2026-08-01', to: '2026-08-31' }]);
    // Months that differ: the total still sums each school's own, and the heading names none.
    expect(st.schoolsTotal?.talkCoverage).toBe(0.333);
    const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?regionId=${s.county.id}&from=2026-02-01&to=2026-08-31&table=schools`)).rawPayload);
    expect(wb.getWorksheet('各校情况')?.getRow(2).getCell(7).value).toBe('末月谈心覆盖率');
    // The summer holiday alone asks no talk of school A: no rate, not 0 %; the total is B's.
    const august = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-08-01&to=2026-08-31`)).json() as Stats;
    expect([august.schools.find((x) => x.schoolId === s.school.id)?.talkCoverage, august.schools.find((x) => x.schoolId === s.school.id)?.talkDays]).toEqual([
      null,
      null,
    ]);
    expect(august.schoolsTotal?.talkCoverage).toBe(1);
  });
});

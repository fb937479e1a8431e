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

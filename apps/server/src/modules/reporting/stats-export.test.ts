import type { Lang, SchoolStats, Stats } from '@carebridge/shared';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../rosters/roster.test-helpers.ts';
import { statsWorkbook } from './stats-export.ts';

const counts = (done: number, overdue: number) => ({
  total: done + overdue,
  done,
  doneEarly: 0,
  due: 0,
  overdue,
  excused: 0,
  upcoming: 0,
  rate: Math.round((done / (done + overdue)) * 1000) / 1000,
});

const school = (over: Partial<SchoolStats> & Pick<SchoolStats, 'schoolId' | 'name'>): SchoolStats => ({
  children: 50,
  hasArchives: true,
  pupils: 250,
  share: 0.2,
  keySupport: 5,
  highRisk: 2,
  talkCoverage: 0.5,
  talkDays: { from: '2026-11-01', to: '2026-11-30' },
  complianceRate: 0.5,
  complianceDue: 0,
  roster: 'none',
  rosterAt: null,
  ...over,
});

/** A county's dashboard as GET /api/stats gives it: schools in the order the service found them (not by name). */
const county: Stats = {
  scope: { kind: 'region', id: 'county', name: '青山县' },
  from: '2026-09-01',
  to: '2026-12-05',
  totals: { children: 100, pupils: 700, share: 0.14, keySupport: 10, narrow: 50, schools: 3 },
  breakdowns: {
    ageBand: [
      { key: '0-5', count: 9 },
      { key: '6-13', count: 91 },
      { key: 'other', count: 0 },
    ],
  },
  coverage: [{ month: '2026-11', children: 100, leftBehind: 90, talk: 49, familyContact: 45, homeVisitTerm: 30 }],
  compliance: { readable: true, overall: counts(30, 70), byRule: [{ id: 'talk', name: '每名帮扶对象每月至少谈心 1 次', ...counts(30, 70) }] },
  work: { care: [], activities: [], incidents: [] },
  trend: [{ termId: 'autumn', label: '2026-2027-1', from: '2026-09-01', to: '2026-12-05', children: 100, talked: 82, talkCoverage: 0.82 }],
  schools: [
    school({ schoolId: 's1', name: '石桥镇石桥村小学', share: 0.211, roster: 'submitted', rosterAt: '2026-12-01T03:14:15.499Z' }),
    // Returned in the evening of 30 November, Beijing time: 1 December already.
    school({ schoolId: 's2', name: '青山县第二中学', share: 0.3, roster: 'returned', rosterAt: '2026-11-30T16:05:00.000Z' }),
    // A draft keeps the time of an earlier submission, which the page does not show either.
    school({ schoolId: 's3', name: '青山县城关镇中心小学', share: 0.14, roster: 'draft', rosterAt: '2026-11-02T01:00:00.000Z' }),
  ],
  schoolsTotal: { children: 150, pupils: 750, share: 0.2, keySupport: 15, highRisk: 6, talkCoverage: 0.5, complianceRate: 0.3, complianceDue: 0 },
};

async function sheet(lang: Lang, name: string): Promise<ExcelJS.Worksheet> {
  const wb = await readXlsx((await statsWorkbook(county, lang)).data);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The rows under the title and the header, as arrays of cells from column A. */
const body = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().filter(Boolean) as unknown[][]).slice(2).map((r) => r.slice(1));

describe('the statistics export', () => {
  it("lists a region's schools in Chinese order, with the time each sent its roster in Beijing time, as the page shows it", async () => {
    for (const [lang, name] of [
      ['zh-CN', '各校情况'],
      ['en-US', 'Schools'],
    ] as const) {
      const rows = body(await sheet(lang, name));
      expect(
        rows.map((r) => [r[0], r[9] ?? '']),
        lang,
      ).toEqual([
        ['青山县城关镇中心小学', ''],
        ['青山县第二中学', '2026-12-01 00:05'],
        ['石桥镇石桥村小学', '2026-12-01 11:14'],
        [lang === 'zh-CN' ? '合计' : 'Total', ''],
      ]);
    }
  });

  it('writes every share and rate as a number formatted as per cent with one decimal (14.0%, not 14 beside 49.1)', async () => {
    const ws = await sheet('zh-CN', '各校情况');
    // Columns: school, children, pupils, share, key support, high risk, talk coverage, rate.
    const first = ws.getRow(3);
    expect([3, 4, 7, 8].map((c) => first.getCell(c).value)).toEqual([250, 0.14, 0.5, 0.5]);
    for (const c of [4, 7, 8]) expect(first.getCell(c).numFmt, `column ${c}`).toBe('0.0%');
    expect(first.getCell(3).numFmt).toBeUndefined();
    const total = ws.getRow(6);
    expect(total.getCell(1).value).toBe('合计');
    expect([4, 7, 8].map((c) => [total.getCell(c).value, total.getCell(c).numFmt])).toEqual([
      [0.2, '0.0%'],
      [0.5, '0.0%'],
      [0.3, '0.0%'],
    ]);
    // The headers no longer carry "(%)": the cells do.
    expect((ws.getRow(2).values as unknown[]).filter((h) => String(h).includes('%'))).toEqual([]);

    const totals = await sheet('zh-CN', '总体');
    const share = body(totals).findIndex((r) => r[0] === '占在校学生比例');
    expect(share).toBeGreaterThanOrEqual(0);
    const cell = totals.getRow(share + 3).getCell(2);
    expect([cell.value, cell.numFmt]).toEqual([0.14, '0.0%']);
    // Counts beside it stay plain numbers.
    expect(totals.getRow(3).getCell(2).numFmt).toBeUndefined();

    const trend = await sheet('zh-CN', '各学期变化');
    expect([trend.getRow(3).getCell(6).value, trend.getRow(3).getCell(6).numFmt]).toEqual([0.82, '0.0%']);
    const rules = await sheet('zh-CN', '关爱制度落实');
    for (const n of [3, 4]) expect([rules.getRow(n).getCell(6).value, rules.getRow(n).getCell(6).numFmt]).toEqual([0.3, '0.0%']);
  });

  it("names the month of the schools' talk coverage in its heading, each school's days in the last column, in both languages", async () => {
    const heading = async (s: Stats, lang: Lang) => {
      const ws = (await readXlsx((await statsWorkbook(s, lang, 'schools')).data)).worksheets[0] as ExcelJS.Worksheet;
      return { head: [ws.getRow(2).getCell(7).value, ws.getRow(2).getCell(11).value], days: body(ws).map((r) => [r[0], r[10] ?? '']) };
    };
    expect(await heading(county, 'zh-CN')).toEqual({
      head: ['谈心覆盖率（11月）', '谈心覆盖率统计日期'],
      days: [
        ['青山县城关镇中心小学', '2026-11-01 — 2026-11-30'],
        ['青山县第二中学', '2026-11-01 — 2026-11-30'],
        ['石桥镇石桥村小学', '2026-11-01 — 2026-11-30'],
        ['合计', ''],
      ],
    });
    expect((await heading(county, 'en-US')).head).toEqual(['Talk coverage (Nov)', 'Talk coverage: days counted']);
    // Schools whose months differ (one term over on 3 July, one school without terms): the heading names none, the rows say theirs.
    const mixed: Stats = {
      ...county,
      schools: [
        school({ schoolId: 's1', name: '石桥镇石桥村小学', talkDays: { from: '2026-06-01', to: '2026-06-30' } }),
        school({ schoolId: 's2', name: '青山县第二中学', talkDays: { from: '2026-08-01', to: '2026-08-31' } }),
        school({ schoolId: 's3', name: '青山县城关镇中心小学', talkCoverage: null, talkDays: null }),
      ],
    };
    expect(await heading(mixed, 'zh-CN')).toEqual({
      head: ['末月谈心覆盖率', '谈心覆盖率统计日期'],
      days: [
        ['青山县城关镇中心小学', ''],
        ['青山县第二中学', '2026-08-01 — 2026-08-31'],
        ['石桥镇石桥村小学', '2026-06-01 — 2026-06-30'],
        ['合计', ''],
      ],
    });
    expect((await heading(mixed, 'en-US')).head[0]).toBe('Talk coverage, latest month');
  });

  it('names age bands as the archive and the summary table do (0-5 岁), not by their codes', async () => {
    const rows = body(await sheet('zh-CN', '儿童构成'));
    expect(rows.filter((r) => r[0] === '年龄段').map((r) => r[1])).toEqual(['0-5 岁', '6-13 岁', '17 岁及以上', '合计']);
  });
});

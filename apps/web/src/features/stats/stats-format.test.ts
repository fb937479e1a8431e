import type { Term } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { BLUE, GREEN, GREY, ORANGE, RED } from '../compliance/rates.ts';
import { calendarTerm, currentTerm } from '../submissions/terms.ts';
import { defaultPeriod, monthEnd, periodQuery, termStartOf } from './stats.api.ts';
import { childrenLink, complianceCell, drillable, listLink, opensList, pct, schoolsTotalCells, termLabel } from './stats-format.ts';

describe('dashboard periods', () => {
  it('turns the page period into the query of /api/stats', () => {
    expect(periodQuery('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodQuery('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(periodQuery('term:abc')).toEqual({ termId: 'abc' });
    expect(periodQuery('2026-09-01..2026-11-28')).toEqual({ from: '2026-09-01', to: '2026-11-28' });
    expect(periodQuery('nonsense')).toEqual({});
    expect(monthEnd('2028-02')).toBe('2028-02-29');
  });

  it('starts terms on 1 September and 1 February, as the server counts', () => {
    expect(termStartOf('2026-11-28')).toBe('2026-09-01');
    expect(termStartOf('2027-01-10')).toBe('2026-09-01');
    expect(termStartOf('2027-03-10')).toBe('2027-02-01');
    expect(calendarTerm('2026-11-28')).toEqual({ year: '2026-2027', semester: 1 });
    expect(calendarTerm('2027-01-10')).toEqual({ year: '2026-2027', semester: 1 });
    expect(calendarTerm('2027-05-01')).toEqual({ year: '2026-2027', semester: 2 });
  });

  it('opens on this term so far, as GET /api/stats counts without a period: the running own term, else the calendar term', () => {
    const own = [
      { startDate: '2026-02-24', endDate: '2026-07-10' },
      { startDate: '2026-09-07', endDate: '2027-01-20' },
    ];
    expect(defaultPeriod(own, '2026-11-20')).toBe('2026-09-07..2026-11-20');
    // Between terms, and for a region (no terms of its own), the calendar's.
    expect(defaultPeriod(own, '2026-08-15')).toBe('2026-02-01..2026-08-15');
    expect(defaultPeriod(undefined, '2026-11-20')).toBe('2026-09-01..2026-11-20');
    expect(defaultPeriod(undefined, '2027-01-10')).toBe('2026-09-01..2027-01-10');
  });

  it('picks the running term, else the last one started', () => {
    const term = (id: string, startDate: string, endDate: string) => ({ id, startDate, endDate }) as Term;
    const terms = [term('autumn', '2026-09-01', '2027-01-22'), term('spring', '2026-02-24', '2026-07-10')];
    expect(currentTerm(terms, '2026-11-28')?.id).toBe('autumn');
    expect(currentTerm(terms, '2026-08-15')?.id).toBe('spring');
    expect(currentTerm(terms, '2025-12-01')?.id).toBe('spring');
    expect(currentTerm([], '2026-11-28')).toBeUndefined();
  });
});

describe('drill-downs', () => {
  it('opens the children page for its filters, a drawer for the others, nothing for buckets that are no filter', () => {
    expect(drillable('leftBehindType', 'father')).toBe(true);
    expect(opensList('leftBehindType')).toBe(true);
    expect(drillable('gender', 'female')).toBe(true);
    expect(opensList('gender')).toBe(false);
    expect(opensList('riskLevel')).toBe(false);
    expect(drillable('grade', 'unknown')).toBe(false);
    expect(drillable('ageBand', 'other')).toBe(false);
    expect(drillable('care', 'talk')).toBe(false);
  });

  it('links the children page as it reads its URL', () => {
    expect(childrenLink({ schoolId: 's1' }, { narrow: 'true' })).toBe('/children?school=s1&narrow=true');
    expect(childrenLink({ regionId: 'r1' }, { ageBand: '6-13' })).toBe('/children?school=all&regionId=r1&ageBand=6-13');
    expect(listLink('/care-records', {}, { kind: 'talk', from: '2026-11-01', to: undefined })).toBe('/care-records?kind=talk&from=2026-11-01');
    // A region's drill-down keeps the region.
    expect(listLink('/care-records', { regionId: 'r1' }, { kind: 'talk', from: '2026-11-01', to: '2026-11-30' })).toBe(
      '/care-records?region=r1&kind=talk&from=2026-11-01&to=2026-11-30',
    );
    expect(listLink('/activities', { schoolId: 's1' }, { status: 'done' })).toBe('/activities?school=s1&status=done');
  });

  it('formats shares and term labels', () => {
    expect(pct(0.2034)).toBe('20.3%');
    // One decimal always, as every rate in the app, the Excel exports and the briefings: 14.0% beside 49.1%.
    expect(pct(0.14)).toBe('14.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(null)).toBe('—');
    // A term of the trend is named as everywhere else (selectors, rosters, notifications, the Excel export).
    expect(termLabel('2025-2026-2', 'zh-CN')).toBe('2025-2026 第二学期（春季）');
    expect(termLabel('2025-2026-1', 'en-US')).toBe('2025-2026 First semester (autumn)');
    expect(termLabel('odd', 'zh-CN')).toBe('odd');
  });
});

describe("the schools table's total row", () => {
  it("shows the region's total as the API gives it (rates of the summed counts), formatted as the rows, under each figure's column", () => {
    const total = { children: 6, pupils: 75, share: 0.08, keySupport: 1, highRisk: 2, talkCoverage: 0.5, complianceRate: 0.333, complianceDue: 4 };
    expect(schoolsTotalCells(total)).toEqual({
      children: 6,
      pupils: 75,
      share: '8.0%',
      keySupport: 1,
      highRisk: 2,
      talk: '50.0%',
      compliance: '33.3%',
    });
    // No pupils known, nothing judged yet: no share and no rate, shown as the rows show them.
    expect(schoolsTotalCells({ ...total, pupils: 0, share: null, complianceRate: null })).toMatchObject({ pupils: 0, share: '—', compliance: '—' });
  });
});

describe("the schools table's compliance rates", () => {
  const TODAY = '2026-11-20';
  const november = { from: '2026-11-01' };
  const cell = (lang: 'zh-CN' | 'en-US', complianceRate: number | null, complianceDue: number, period = november) => {
    const t: TFunction = (key, params) => translateWeb(lang, key, params);
    return complianceCell(t, { complianceRate, complianceDue }, period, TODAY);
  };

  it('does not show a school (or the total) as good while its items of the period are still in progress, and says how many on hover', () => {
    expect(cell('zh-CN', 1, 3)).toEqual({ text: '100.0%', color: BLUE, note: '另有 3 项待完成' });
    expect(cell('en-US', 0.95, 1)).toEqual({ text: '95.0%', color: BLUE, note: '1 still to do' });
    expect(cell('zh-CN', 0.95, 0)).toEqual({ text: '95.0%', color: GREEN, note: undefined });
    // A low rate stays a warning whatever is still open, and still says what is open.
    expect(cell('zh-CN', 0.75, 2)).toEqual({ text: '75.0%', color: ORANGE, note: '另有 2 项待完成' });
    expect(cell('zh-CN', 0.5, 0)).toEqual({ text: '50.0%', color: RED, note: undefined });
  });

  it('shows no rate as a grey dash, saying why: nothing has fallen due yet, or the period has not begun', () => {
    expect(cell('zh-CN', null, 2)).toEqual({ text: '—', color: GREY, note: '尚无到期的待办' });
    expect(cell('en-US', null, 0)).toEqual({ text: '—', color: GREY, note: 'Nothing due yet' });
    // December seen on 20 November: no rate, even with an item done early (the server gives none either).
    expect(cell('zh-CN', 1, 1, { from: '2026-12-01' })).toEqual({ text: '—', color: GREY, note: '尚未开始' });
  });
});

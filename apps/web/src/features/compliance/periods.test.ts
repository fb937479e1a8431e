import { describe, expect, it } from 'vitest';
import { calendarTerms, periodMode } from './periods.ts';

describe('report periods', () => {
  it('lists the calendar terms a region reports by, latest first', () => {
    expect(calendarTerms('2026-12-01').map((x) => [x.year, x.semester, x.period])).toEqual([
      ['2026-2027', 1, '2026-09-01..2027-01-31'],
      ['2025-2026', 2, '2026-02-01..2026-08-31'],
      ['2025-2026', 1, '2025-09-01..2026-01-31'],
      ['2024-2025', 2, '2025-02-01..2025-08-31'],
    ]);
    // January is still the autumn term; February starts the spring one; August ends it.
    expect(calendarTerms('2027-01-15', 1)[0]?.period).toBe('2026-09-01..2027-01-31');
    expect(calendarTerms('2027-02-01', 2).map((x) => x.period)).toEqual(['2027-02-01..2027-08-31', '2026-09-01..2027-01-31']);
    expect(calendarTerms('2027-08-31', 1)[0]?.period).toBe('2027-02-01..2027-08-31');
  });

  it('reads a calendar term as "by term" for a region only', () => {
    expect(periodMode('2026-11')).toBe('month');
    expect(periodMode('term:0193')).toBe('term');
    expect(periodMode('2026-09-01..2027-01-31')).toBe('term');
    expect(periodMode('2026-02-01..2026-08-31')).toBe('term');
    // A school reports by its own terms: the same range there is a range.
    expect(periodMode('2026-09-01..2027-01-31', 'school-1')).toBe('range');
    expect(periodMode('2026-09-01..2026-11-30')).toBe('range');
    expect(periodMode('2026-09-01..2026-01-31')).toBe('range');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, dayString, daysBetween, monthEnd, monthSegments } from './dates.ts';

/** The `Date` arithmetic the integer functions replaced, as the reference. */
const ref = {
  addDays(date: string, days: number): string {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  },
  daysBetween: (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000),
  monthEnd(month: string): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  },
};

const day = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('calendar arithmetic in integers', () => {
  it('numbers and names days as Date does', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(dayNumber(d)).toBe(ref.daysBetween('1970-01-01', d));
        expect(dayString(dayNumber(d))).toBe(d);
      }),
      { numRuns: 5000 },
    );
    expect(dayNumber('x2026-03-01', 1)).toBe(ref.daysBetween('1970-01-01', '2026-03-01'));
    for (const d of ['2024-02-29', '2000-02-29', '1900-03-01', '2100-02-28', '1970-01-01', '1969-12-31', '9999-12-31', '1000-01-01'])
      expect(dayString(dayNumber(d))).toBe(d);
  });

  it('adds days and counts between them as Date does', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -3000, max: 3000 }), (d, n) => {
        const r = ref.addDays(d, n);
        if (r < '1000-01-01' || r > '9999-12-31') return;
        expect(addDays(d, n)).toBe(r);
        expect(daysBetween(d, r)).toBe(n);
        expect(daysBetween(r, d)).toBe(n === 0 ? 0 : -n);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the month end as Date does, of a month or of a day', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(monthEnd(d.slice(0, 7))).toBe(ref.monthEnd(d));
        expect(monthEnd(d)).toBe(ref.monthEnd(d));
      }),
      { numRuns: 3000 },
    );
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2100-02')).toBe('2100-02-28');
    expect(monthEnd('2000-02')).toBe('2000-02-29');
  });

  it('treats what is not a plain day as Date did: rolled over, or refused', () => {
    // Days past a month's end roll over; months and days out of range throw, as before.
    for (const [d, n] of [
      ['2026-02-30', 0],
      ['2026-04-31', 1],
      ['2026-02-31', -3],
    ] as const) {
      expect(addDays(d, n)).toBe(ref.addDays(d, n));
      expect(daysBetween('2026-01-01', d)).toBe(ref.daysBetween('2026-01-01', d));
    }
    for (const bad of ['2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', 'not a day']) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
      expect(daysBetween('2026-01-01', bad)).toBeNaN();
    }
  });

  it('cuts a period at month ends', () => {
    expect(monthSegments('2026-01-15', '2026-03-10')).toEqual([
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-10' },
    ]);
  });
});

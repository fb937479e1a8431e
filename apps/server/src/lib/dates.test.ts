import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msUntilShanghaiMidnight, shanghaiDate, shanghaiDayOf } from './dates.ts';

describe('Shanghai dates', () => {
  it('gives the calendar day in Shanghai (UTC+8, no daylight saving)', () => {
    expect(shanghaiDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('counts the time to the next midnight in Shanghai', () => {
    // 23:59 in Shanghai: one minute to go.
    expect(msUntilShanghaiMidnight(Date.parse('2026-11-28T15:59:00Z'))).toBe(60_000);
    // Midnight itself: a whole day to the next one.
    expect(msUntilShanghaiMidnight(Date.parse('2026-11-28T16:00:00Z'))).toBe(86_400_000);
    // Noon in Shanghai (04:00 UTC): twelve hours.
    expect(msUntilShanghaiMidnight(Date.parse('2026-06-30T04:00:00Z'))).toBe(12 * 3600_000);
    const now = Date.parse('2026-11-29T03:17:42.123Z');
    expect(shanghaiDate(new Date(now + msUntilShanghaiMidnight(now)))).toBe('2026-11-30');
    expect(shanghaiDate(new Date(now + msUntilShanghaiMidnight(now) - 1))).toBe('2026-11-29');
  });

  it('reads the Shanghai day of a stored timestamp as a Date would', () => {
    expect(shanghaiDayOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(shanghaiDayOf('2028-02-28T23:59:59Z')).toBe('2028-02-29');
    expect(shanghaiDayOf('2026-11-28T15:59:59.999Z')).toBe('2026-11-28');
    expect(shanghaiDayOf('2026-11-28 20:00:00+08')).toBe('2026-11-28');
    expect(shanghaiDayOf(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.boolean(), (d, seconds) => {
        const iso = seconds ? d.toISOString() : `${d.toISOString().slice(0, 16)}Z`;
        expect(shanghaiDayOf(iso)).toBe(shanghaiDate(new Date(iso)));
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { msUntilShanghaiMidnight, shanghaiDate } from './dates.ts';

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
});

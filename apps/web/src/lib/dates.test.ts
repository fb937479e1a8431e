import { describe, expect, it } from 'vitest';
import { previousMonth, shanghaiTime, todayInShanghai } from './dates.ts';

describe('Beijing dates', () => {
  it('takes the day in Beijing, not in UTC', () => {
    expect(todayInShanghai(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
  });
  it('names the month before, across a new year', () => {
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-15')).toBe('2026-12');
  });
  it('reads a moment in Beijing time, to the second when asked', () => {
    expect(shanghaiTime('2026-11-30T16:30:05Z')).toBe('2026-12-01 00:30');
    expect(shanghaiTime('2026-11-30T16:30:05Z', true)).toBe('2026-12-01 00:30:05');
  });
});

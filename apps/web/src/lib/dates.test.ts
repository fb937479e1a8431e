import { describe, expect, it } from 'vitest';
import { previousMonth, todayInShanghai } from './dates.ts';

describe('Beijing dates', () => {
  it('takes the day in Beijing, not in UTC', () => {
    expect(todayInShanghai(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
  });
  it('names the month before, across a new year', () => {
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-15')).toBe('2026-12');
  });
});

import { describe, expect, it } from 'vitest';
import { loadBars } from './load-bar.ts';

const volunteer = (id: string, maxUnits?: number) => ({ id, name: id, sessionIds: ['music'], leader: false, ...(maxUnits !== undefined ? { maxUnits } : {}) });

describe('the volunteer load bars', () => {
  it('fills the bar of a volunteer at their own limit even when another may teach more', () => {
    const bars = loadBars([volunteer('a', 12), volunteer('b', 16)], new Map([['a', 12]]));
    expect(bars.get('a')).toEqual({ percent: 100, level: 'full' });
    expect(bars.get('b')).toEqual({ percent: 0, level: 'under' });
  });

  it('makes 10 of 12 longer than 10 of 16', () => {
    const bars = loadBars(
      [volunteer('a', 12), volunteer('b', 16)],
      new Map([
        ['a', 10],
        ['b', 10],
      ]),
    );
    expect(bars.get('a')?.percent).toBeCloseTo((10 / 12) * 100);
    expect(bars.get('b')?.percent).toBe(62.5);
    expect(bars.get('a')?.level).toBe('under');
  });

  it('keeps the bar full and marks it over the limit', () => {
    const bars = loadBars([volunteer('a', 12), volunteer('z', 0)], new Map([['a', 14]]));
    expect(bars.get('a')).toEqual({ percent: 100, level: 'over' });
    // A volunteer who may teach no unit has no room from the start.
    expect(bars.get('z')).toEqual({ percent: 100, level: 'full' });
  });

  it('measures a volunteer without a limit against the largest limit or load of the camp', () => {
    const bars = loadBars(
      [volunteer('a', 16), volunteer('open')],
      new Map([
        ['a', 4],
        ['open', 8],
      ]),
    );
    expect(bars.get('open')).toEqual({ percent: 50, level: 'open' });
    expect(loadBars([volunteer('open')], new Map()).get('open')).toEqual({ percent: 0, level: 'open' });
  });
});

import { describe, expect, it } from 'vitest';
import { rateColor, rateText, shownRate } from './rates.ts';

const report = (from: string, rate: number | null) => ({ from, to: `${from.slice(0, 7)}-28`, overall: { rate } });

describe('completion rates', () => {
  it('shows no rate for a period that has not begun, even if an item counted in it is done early', () => {
    // 25 November: December's first key-support talk (24 Nov – 7 Dec) is done already.
    expect(shownRate(report('2026-12-01', 1), '2026-11-25')).toEqual({ rate: null, note: 'notStarted' });
    expect(shownRate(report('2026-12-01', null), '2026-11-25')).toEqual({ rate: null, note: 'notStarted' });
    expect(rateText(shownRate(report('2026-12-01', 1), '2026-11-25').rate)).toBe('—');
  });

  it('keeps the rate of a period begun, and says when nothing in it has fallen due yet', () => {
    expect(shownRate(report('2026-11-01', 0.8), '2026-11-25')).toEqual({ rate: 0.8, note: null });
    expect(shownRate(report('2026-11-25', 1), '2026-11-25')).toEqual({ rate: 1, note: null });
    expect(shownRate(report('2026-11-01', null), '2026-11-25')).toEqual({ rate: null, note: 'nothingDue' });
    expect(shownRate(undefined, '2026-11-25')).toEqual({ rate: null, note: null });
  });

  it('formats and colours a rate, and none as a grey dash', () => {
    expect(rateText(0.553)).toBe('55.3%');
    expect(rateText(1)).toBe('100%');
    expect(rateText(null)).toBe('—');
    expect(rateColor(null)).toBe('#8c8c8c');
    expect(rateColor(0.95)).toBe('#389e0d');
    expect(rateColor(0.75)).toBe('#d46b08');
    expect(rateColor(0.5)).toBe('#cf1322');
  });
});

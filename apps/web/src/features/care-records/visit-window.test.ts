import { describe, expect, it } from 'vitest';
import { visitWindowNote } from './visit-window.ts';

const w = {
  term: { start: '2026-09-01', end: '2027-01-22' },
  windows: [
    { point: 'start', start: '2026-09-01', end: '2026-09-21' },
    { point: 'middle', start: '2026-11-02', end: '2026-11-22' },
  ],
} as const;

describe('the note beside 家访时段', () => {
  it('gives the window of the point chosen, and says when the date is outside it', () => {
    expect(visitWindowNote(w as never, '2026-11-20', 'middle')).toEqual({ kind: 'inside', start: '2026-11-02', end: '2026-11-22' });
    expect(visitWindowNote(w as never, '2026-11-28', 'middle')).toEqual({ kind: 'outside', start: '2026-11-02', end: '2026-11-22' });
  });
  it('says a date in no term counts towards no window, and says nothing without a point or a rule for it', () => {
    expect(visitWindowNote({ term: null, windows: [] }, '2026-08-01', 'start')).toEqual({ kind: 'noTerm' });
    expect(visitWindowNote(w as never, '2026-11-20', null)).toBeNull();
    expect(visitWindowNote(w as never, '2026-11-20', 'end')).toBeNull();
    expect(visitWindowNote(undefined, '2026-11-20', 'middle')).toBeNull();
  });
});

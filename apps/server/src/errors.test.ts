import { describe, expect, it } from 'vitest';
import { AppError, monthOrRange } from './errors.ts';

/** The field a 400 of `monthOrRange(p)` names, and its message key. */
function refusal(p: string) {
  try {
    monthOrRange(p);
  } catch (e) {
    if (e instanceof AppError) return e.fields?.map((f) => `${f.path}: ${f.message}`);
  }
  return 'accepted';
}

describe('monthOrRange: a period asked as a month or a range', () => {
  it('gives a month its first and last days, February of a leap year included', () => {
    expect(monthOrRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthOrRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOrRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('gives a range as asked, a single day included', () => {
    expect(monthOrRange('2026-09-01..2027-01-31')).toEqual({ from: '2026-09-01', to: '2027-01-31' });
    expect(monthOrRange('2026-09-01..2026-09-01')).toEqual({ from: '2026-09-01', to: '2026-09-01' });
  });

  it('leaves what is neither (a term) to the caller', () => {
    expect(monthOrRange('term:abc')).toBeNull();
    expect(monthOrRange('2026-13')).toBeNull();
    expect(monthOrRange('')).toBeNull();
  });

  it('refuses a range out of order, of days that are not, of three parts or longer than ten years, naming period', () => {
    expect(refusal('2026-09-02..2026-09-01')).toEqual(['period: validation.period']);
    expect(refusal('2026-02-30..2026-03-01')).toEqual(['period: validation.period']);
    expect(refusal('2026-09-01..2026-10-01..2026-11-01')).toEqual(['period: validation.period']);
    expect(refusal('0001-01-01..9999-12-31')).toEqual(['period: validation.period']);
    expect(refusal('2016-01-01..2026-12-31')).toEqual(['period: validation.period_too_long']);
  });
});

import { describe, expect, it } from 'vitest';
import { PERCENT_FORMAT, percentText } from './percent.ts';

describe('rates as text', () => {
  it('always shows one decimal, so that 14.0% stands beside 49.1% and 30.0% beside 27.6%', () => {
    expect(percentText(0.14)).toBe('14.0%');
    expect(percentText(0.491)).toBe('49.1%');
    expect(percentText(0.3)).toBe('30.0%');
    expect(percentText(0.276)).toBe('27.6%');
  });

  it('shows nothing done and everything done the same way, as an Excel cell in PERCENT_FORMAT does', () => {
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(1)).toBe('100.0%');
    expect(PERCENT_FORMAT).toBe('0.0%');
  });

  it('rounds half up at the tenth of a per cent, whatever the binary fraction', () => {
    // 0.0145 * 1000 is 14.499999999999998 in floating point; Excel shows 1.5%.
    expect(percentText(0.0145)).toBe('1.5%');
    expect(percentText(0.2034)).toBe('20.3%');
    expect(percentText(0.99951)).toBe('100.0%');
    expect(percentText(2 / 3)).toBe('66.7%');
  });

  it('shows a dash, or the text asked for, where there is no rate', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(undefined)).toBe('—');
    expect(percentText(null, '')).toBe('');
  });
});

import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { describe, expect, it } from 'vitest';
import { DATE_INPUT_FORMATS, readShortDate } from './DateInput.tsx';

dayjs.extend(customParseFormat);

describe('typed dates', () => {
  it('reads no date on the way to a two-digit day while it is typed', () => {
    // What the picker parses after each key: a prefix of 2026-11-30 must not already be a day.
    const typed = '2026-11-30';
    for (let n = 1; n < typed.length; n++) expect(dayjs(typed.slice(0, n), DATE_INPUT_FORMATS, true).isValid(), typed.slice(0, n)).toBe(false);
    for (const text of ['2026/11/20', '2026.11.09', '20261130'])
      for (let n = 1; n < text.length; n++) expect(dayjs(text.slice(0, n), DATE_INPUT_FORMATS, true).isValid(), text.slice(0, n)).toBe(false);
    expect(dayjs('2026-11-30', DATE_INPUT_FORMATS, true).format('YYYY-MM-DD')).toBe('2026-11-30');
  });

  it('reads the short ways of writing a date once the entry is done', () => {
    expect(readShortDate('2026/11/7')?.format('YYYY-MM-DD')).toBe('2026-11-07');
    expect(readShortDate(' 2026.1.5 ')?.format('YYYY-MM-DD')).toBe('2026-01-05');
    expect(readShortDate('2026年11月7日')?.format('YYYY-MM-DD')).toBe('2026-11-07');
    expect(readShortDate('2026-2-30')).toBeNull();
    expect(readShortDate('11/7')).toBeNull();
    expect(readShortDate('')).toBeNull();
  });
});

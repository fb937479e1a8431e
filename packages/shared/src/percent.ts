/**
 * How the app writes a rate or share, on every page, in every export and briefing: per cent with one
 * decimal, always — 14.0% beside 49.1%, 0.0% and 100.0% alike — so that a column of rates lines up and
 * reads the same on the page, in Word and in an Excel cell formatted `PERCENT_FORMAT`.
 */

/** The Excel number format of a rate cell (the value stays the fraction 0..1): the same text as `percentText`. */
export const PERCENT_FORMAT = '0.0%';

/**
 * A rate (0..1) as text: 0.14 → "14.0%", 1 → "100.0%"; `none` (a dash) where there is no rate. Rounded
 * half up at the tenth of a per cent on the decimal value, as Excel rounds (0.0145 → "1.5%", although
 * 0.0145 × 1000 is 14.4999… in floating point).
 */
export function percentText(rate: number | null | undefined, none = '—'): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return none;
  const tenths = Math.round(Number((rate * 1000).toPrecision(12)));
  return `${(tenths / 10).toFixed(1)}%`;
}

/** Completion rates as every compliance view shows them (pure, so that the rules are tested once). */

export const RED = '#cf1322';
export const ORANGE = '#d46b08';
export const GREEN = '#389e0d';
const GREY = '#8c8c8c';

/** Good from 90 %, watch from 70 %, red below: the same colours on every page. */
export function rateColor(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return GREY;
  if (rate >= 0.9) return GREEN;
  if (rate >= 0.7) return ORANGE;
  return RED;
}

/** 0.553 → "55.3%"; null → "—". */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Why a period has no rate: it has not begun, or nothing in it has fallen due yet. */
export type RateNote = 'notStarted' | 'nothingDue';

/**
 * The rate of a report as shown: none for a period that begins after today (nothing in it is due yet,
 * even if an item whose window opened earlier is done already) — never 100 % — and the reason when
 * there is none.
 */
export function shownRate(
  report: { from: string; overall: { rate: number | null } } | undefined,
  today: string,
): { rate: number | null; note: RateNote | null } {
  if (!report) return { rate: null, note: null };
  if (report.from > today) return { rate: null, note: 'notStarted' };
  const rate = report.overall.rate;
  return { rate, note: rate === null ? 'nothingDue' : null };
}

/** The i18n key of a note. */
export const RATE_NOTE_KEY = { notStarted: 'compliance.rateNotStarted', nothingDue: 'compliance.rateNothingDue' } as const;

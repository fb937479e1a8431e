/** Completion rates as every compliance view shows them (pure, so that the rules are tested once). */

import { percentText } from '@carebridge/shared';
import type { TFunction } from '../../i18n/translate.ts';

export const RED = '#cf1322';
export const ORANGE = '#d46b08';
export const GREEN = '#389e0d';
/** antd's processing blue, as the items in progress (进行中) are shown. */
export const BLUE = '#1677ff';
export const GREY = '#8c8c8c';

/**
 * Good from 90 %, watch from 70 %, red below: the same colours on every page. While items are still
 * in progress (`due`) a rate is not yet good, however high (100 % of what has fallen due is not all
 * done): it is blue, as they are. Orange and red stay, since the overdue items behind them are missed already.
 */
export function rateColor(rate: number | null | undefined, due = 0): string {
  if (rate === null || rate === undefined) return GREY;
  if (rate >= 0.9) return due > 0 ? BLUE : GREEN;
  if (rate >= 0.7) return ORANGE;
  return RED;
}

/** 0.553 → "55.3%", 0.3 → "30.0%" (one decimal always, as every rate: `percentText`); null → "—". */
export function rateText(rate: number | null | undefined): string {
  return percentText(rate);
}

/** Why a period has no rate: it has not begun, or nothing in it has fallen due yet (this month: `nothingDueMonth`). */
export type RateNote = 'notStarted' | 'nothingDue' | 'nothingDueMonth';

/** A report's rate as shown, why there is none, and the items still in progress beside it. */
export interface ShownRate {
  rate: number | null;
  note: RateNote | null;
  /** Items whose window is open and not done yet, beside a rate (0 where there is none). */
  due: number;
  /** Items done while their window is still open: not judged yet, so outside the rate, but said beside it. */
  doneEarly: number;
}

/** Whether a period is the calendar month running on `today` ("this month"). */
function isThisMonth(from: string, to: string | undefined, today: string): boolean {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return from === `${today.slice(0, 7)}-01` && to === new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The rate of a report as shown: none for a period that begins after today (nothing in it is due yet,
 * even if an item whose window opened earlier is done already) — never 100 % — nor on its first day
 * (an item falls due the day after its window ends, so none of the period's has: as the server counts,
 * which leaves every item done before its window ended out of the rate), and the reason when there is
 * none; beside it the items still in progress and those done early, which it does not count yet.
 */
export function shownRate(
  report: { from: string; to?: string; overall: { rate: number | null; due: number; doneEarly?: number } } | undefined,
  today: string,
): ShownRate {
  if (!report) return { rate: null, note: null, due: 0, doneEarly: 0 };
  if (report.from > today) return { rate: null, note: 'notStarted', due: 0, doneEarly: 0 };
  const rate = report.from === today ? null : report.overall.rate;
  const doneEarly = report.overall.doneEarly ?? 0;
  if (rate !== null) return { rate, note: null, due: report.overall.due, doneEarly };
  return { rate, note: isThisMonth(report.from, report.to, today) ? 'nothingDueMonth' : 'nothingDue', due: 0, doneEarly };
}

/** The i18n key of a note. */
export const RATE_NOTE_KEY = {
  notStarted: 'compliance.rateNotStarted',
  nothingDue: 'compliance.rateNothingDue',
  nothingDueMonth: 'compliance.rateNothingDueMonth',
} as const;

/**
 * The line under a rate: why there is none, how many items are still in progress (另有 3 项待完成), and
 * how many were done before they fell due (not in the rate yet: 本月尚无到期事项，9 项已提前完成); none otherwise.
 */
export function rateNote(t: TFunction, shown: ShownRate): string | undefined {
  const early = shown.doneEarly > 0 ? t('compliance.rateDoneEarly', { count: shown.doneEarly }) : '';
  const lead = shown.note ? t(RATE_NOTE_KEY[shown.note]) : shown.due > 0 ? t('compliance.rateInProgress', { count: shown.due }) : '';
  if (lead && early) return t('compliance.rateNoteAnd', { first: lead, second: early });
  return lead || early || undefined;
}

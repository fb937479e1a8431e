import type { TFunction } from '../../i18n/translate.ts';
import type { SubmissionState } from './submission-format.tsx';

/**
 * The width (px, the cell's 2 × 8 padding included) of each column of the county's table of school
 * rosters. They add up to 1044 px, under the 1053 px of its card at 1366 px with the sidebar open in
 * English (1085 in Chinese), so that the table fits: the comment takes what is left (at least its
 * width here) and is cut short with the whole of it in a tooltip; who sent or reviewed a roster and
 * when are two short lines (the time in a tooltip). The sum is the table's `scroll.x`: on a narrower
 * screen the table scrolls inside the card, the school's column (of a fixed width) kept in view.
 */
export const REGION_COLUMN_WIDTHS = {
  /** About 8 characters of a school's name; a longer one is cut short, whole in a tooltip. */
  school: 140,
  status: 112,
  children: 76,
  /** Each of the civil-affairs columns: the total and the three age bands. */
  band: 64,
  submitted: 100,
  reviewed: 100,
  /** The least the comment gets. */
  comment: 120,
  /** 查看 and 通过 side by side, 退回 under them (text buttons). */
  actions: 140,
} as const;

/** The table's least width: the sum of its columns' widths. */
export function regionTableWidth(): number {
  const w = REGION_COLUMN_WIDTHS;
  return w.school + w.status + w.children + 4 * w.band + w.submitted + w.reviewed + w.comment + w.actions;
}

export interface RegionTally {
  /** Schools whose roster is with the bureau or approved by it. */
  sent: number;
  /** Schools whose roster the bureau returned, not yet sent again. */
  returned: number;
  total: number;
}

/** How the county's schools stand: a returned roster is not a submitted one, nor is a draft. */
export function regionTally(subs: readonly ({ status: SubmissionState } | undefined)[]): RegionTally {
  const count = (...states: SubmissionState[]) => subs.filter((s) => !!s && states.includes(s.status)).length;
  return { sent: count('submitted', 'approved'), returned: count('returned'), total: subs.length };
}

/** "已报送 1 / 3 所学校", and how many came back when some did. */
export function schoolsSentText(t: TFunction, tally: RegionTally): string {
  const { sent, returned, total } = tally;
  return returned ? t('submissions.schoolsSentReturned', { sent, total, count: returned }) : t('submissions.schoolsSent', { sent, total });
}

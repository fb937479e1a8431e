import type { Lang } from '@carebridge/shared';
import type { TFunction } from '../../i18n/translate.ts';
import type { SubmissionState } from './submission-format.tsx';

/**
 * The width (px, the cell's 2 × 8 padding included) of each column of the county's table of school
 * rosters. They add up to 1060 px in Chinese and 1052 in English, under the 1085 / 1053 px of its card
 * at 1366 px with the sidebar open, so that the table fits: the comment takes what is left (at least its
 * width here) and is cut short with the whole of it in a tooltip; who sent or reviewed a roster and
 * when are two short lines (the time in a tooltip). The school's name wraps, never cut short: what the
 * state and the buttons need less of in Chinese ("未报送", "查看") goes to it. The sum is the table's
 * `scroll.x`: on a narrower screen the table scrolls inside the card, the school's column kept in view.
 */
export function regionColumnWidths(lang: Lang) {
  const zh = lang === 'zh-CN';
  return {
    /** Fourteen characters of a school's name on a line in Chinese, nine beside the longer English words. */
    school: zh ? 216 : 148,
    status: zh ? 80 : 112,
    children: 76,
    /** Each of the civil-affairs columns: the total and the three age bands. */
    band: 64,
    submitted: 100,
    reviewed: 100,
    /** The least the comment gets. */
    comment: 120,
    /** 查看 and 通过 (View and Approve) side by side, 退回 under them (small buttons). */
    actions: zh ? 112 : 140,
  };
}

/** The table's least width: the sum of its columns' widths. */
export function regionTableWidth(lang: Lang): number {
  const w = regionColumnWidths(lang);
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

import type { Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';

/**
 * The width (px, the cell's 2 × 8 padding included) of each column of the pairings table. With the
 * ended pairings and the actions shown they add up to 632 px, under the 647 px of the card's body at
 * 1366 px with the sidebar open, so that the table fits its card; it is given as the table's
 * `scroll.x`, so that on a narrower screen the table scrolls inside the card instead of squeezing
 * the dates. The end date and its reason share one column, the reason cut short (the whole of it
 * in a tooltip).
 */
export const PAIRING_COLUMN_WIDTHS = {
  /** A name and the 重点帮扶 tag (a longer name puts the tag under it). */
  child: 128,
  className: 88,
  mentor: 80,
  since: 100,
  /** The end date, and under it the reason. */
  ended: 156,
  actions: 80,
} as const;

/** The table's least width: the sum of its columns' widths. */
export function pairingTableWidth({ ended, actions }: { ended: boolean; actions: boolean }): number {
  const w = PAIRING_COLUMN_WIDTHS;
  return w.child + w.className + w.mentor + w.since + (ended ? w.ended : 0) + (actions ? w.actions : 0);
}

/**
 * Codes the system stores as an end reason: a new term, the child transferred or no longer active, the
 * mentor's account deactivated or its mentor role taken away.
 */
const SYSTEM_REASONS = new Set(['carried', 'child_transferred', 'child_inactive', 'mentor_inactive', 'mentor_role_removed']);

/** A pairing's end reason as shown: a system code in the reader's language, a typed reason as typed. */
export function pairingEndReason(reason: string | null, lang: Lang): string {
  if (!reason) return '';
  return SYSTEM_REASONS.has(reason) ? translateWeb(lang, `codes.pairingEndReason.${reason}`) : reason;
}

import '../../i18n/care.ts';
import { describe, expect, it } from 'vitest';
import { translateWeb } from '../../i18n/translate.ts';
import { PAIRING_COLUMN_WIDTHS, pairingEndReason, pairingTableWidth } from './pairings-layout.ts';

/**
 * The pairings card at 1366 px with the sidebar open: the viewport less a classic scrollbar (15),
 * the sidebar (216), the content's padding (2 × 24); the card is the lg={15} of 24 columns of a row
 * with a 16 px gutter, less the card's border (2) and its small body's padding (2 × 12).
 */
const cardBody = (viewport: number) => ((viewport - 15 - 216 - 48 + 16) * 15) / 24 - 16 - 2 - 24;

describe('the pairings table', () => {
  it('fits its card at 1366 px with the sidebar open, ended pairings and actions shown', () => {
    expect(Math.floor(cardBody(1366))).toBe(647);
    expect(pairingTableWidth({ ended: true, actions: true })).toBeLessThanOrEqual(cardBody(1366));
    expect(pairingTableWidth({ ended: false, actions: true })).toBeLessThan(pairingTableWidth({ ended: true, actions: true }));
  });

  it('leaves each column room for what it shows', () => {
    // A date (10 tabular digits and dashes, ≤ 82 px in the widest fallback font) and the cell's padding (2 × 8).
    expect(PAIRING_COLUMN_WIDTHS.since).toBeGreaterThanOrEqual(82 + 16);
    expect(PAIRING_COLUMN_WIDTHS.ended).toBeGreaterThanOrEqual(82 + 16);
    // A three-character name and the 重点帮扶 tag side by side.
    expect(PAIRING_COLUMN_WIDTHS.child).toBeGreaterThanOrEqual(3 * 14 + 6 + 64 + 16);
    // The small "结束" button with its icon.
    expect(PAIRING_COLUMN_WIDTHS.actions).toBeGreaterThanOrEqual(64 + 16);
  });

  it("shows the reasons the system stores in the reader's language, a typed reason as typed", () => {
    expect(pairingEndReason('child_transferred', 'zh-CN')).toBe('孩子已转学');
    expect(pairingEndReason('child_inactive', 'en-US')).toBe('Archive no longer active');
    expect(pairingEndReason('carried', 'zh-CN')).toBe('已顺延到新学期');
    expect(pairingEndReason('mentor_inactive', 'zh-CN')).toBe('帮扶教师账号已停用');
    expect(pairingEndReason('mentor_inactive', 'en-US')).toBe("Mentor's account deactivated");
    expect(pairingEndReason('mentor_role_removed', 'zh-CN')).toBe('教师已不再担任本校帮扶教师');
    expect(pairingEndReason('mentor_role_removed', 'en-US')).toBe('No longer a mentor at this school');
    expect(pairingEndReason('父母返乡', 'en-US')).toBe('父母返乡');
    expect(pairingEndReason(null, 'zh-CN')).toBe('');
  });

  it("states the school's own limit in the page's intro, in both languages", () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const intro = translateWeb(lang, 'pairings.intro', { limit: 5 });
      expect(intro).toContain('5');
      expect(intro).not.toMatch(/2\s*[-–~～]\s*3/);
      expect(intro).not.toContain('{limit}');
    }
  });
});

import '../../i18n/reports.ts';
import type { Lang } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { regionColumnWidths, regionTableWidth, regionTally, schoolsSentText } from './region-layout.ts';

/**
 * The county's card at 1366 px with the sidebar open: the viewport less a classic scrollbar (15), the
 * sidebar (216 in Chinese, 248 in English), the content's padding (2 × 24) and the card's border (2);
 * its table has no padding around it.
 */
const cardBody = (viewport: number, sider: number) => viewport - 15 - sider - 48 - 2;

describe("the county's table of school rosters", () => {
  it('fits its card at 1366 px in both languages, leaving the comment room before it would scroll', () => {
    expect(cardBody(1366, 248)).toBe(1053);
    expect(regionTableWidth('en-US')).toBeLessThanOrEqual(cardBody(1366, 248));
    expect(regionTableWidth('zh-CN')).toBeLessThanOrEqual(cardBody(1366, 216));
  });

  it("gives the school's name the room the buttons do not need: a county school's whole name on one line in Chinese", () => {
    const zh = regionColumnWidths('zh-CN');
    // "旺苍县东河初级中学" was cut to "旺苍县东河初级…" while 操作 had room to spare: twelve characters
    // of 14 px (a longer name wraps, never cut) and the cell's padding.
    expect(zh.school).toBeGreaterThanOrEqual(12 * 14 + 16);
    // "查看" and "通过" side by side (small buttons of two characters: 44 px each), "退回" under them.
    expect(zh.actions).toBeGreaterThanOrEqual(44 + 4 + 44 + 16);
    expect(zh.actions).toBeLessThan(regionColumnWidths('en-US').actions);
    // The English table gives its name column what the card leaves.
    expect(regionColumnWidths('en-US').school).toBeGreaterThan(140);
  });

  it('leaves each column room for what it shows', () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const w = regionColumnWidths(lang);
      // The widest state tag ("Not submitted" at 12 px; "未报送"), and the cell's padding (2 × 8).
      expect(w.status, lang).toBeGreaterThanOrEqual((lang === 'en-US' ? 96 : 52) + 16);
      // A date (10 tabular digits and dashes at 12 px, ≤ 70 px) under the name, and the padding.
      expect(w.submitted, lang).toBeGreaterThanOrEqual(70 + 16);
      expect(w.reviewed, lang).toBeGreaterThanOrEqual(70 + 16);
      // A comment of a few words before its ellipsis.
      expect(w.comment, lang).toBeGreaterThanOrEqual(120);
    }
    // "View" and "Approve" side by side, "Return" under them.
    expect(regionColumnWidths('en-US').actions).toBeGreaterThanOrEqual(46 + 4 + 68 + 16);
  });
});

describe("the county's count of schools", () => {
  const sub = (status: 'draft' | 'submitted' | 'returned' | 'approved') => ({ status });

  it('counts only submitted and approved rosters as sent, and the returned ones apart', () => {
    expect(regionTally([sub('returned'), undefined, undefined])).toEqual({ sent: 0, returned: 1, total: 3 });
    expect(regionTally([sub('submitted'), sub('approved'), sub('draft'), sub('returned'), undefined])).toEqual({ sent: 2, returned: 1, total: 5 });
  });

  const t =
    (lang: Lang): TFunction =>
    (key, params) =>
      translateWeb(lang, key, params);

  it('says how many were returned in both languages, and nothing of returns when there are none', () => {
    expect(schoolsSentText(t('zh-CN'), { sent: 0, returned: 1, total: 3 })).toBe('已报送 0 / 3 所学校，退回待重报 1 所');
    expect(schoolsSentText(t('en-US'), { sent: 1, returned: 1, total: 3 })).toBe('1 of 3 schools submitted; 1 returned for correction');
    expect(schoolsSentText(t('zh-CN'), { sent: 2, returned: 0, total: 3 })).toBe('已报送 2 / 3 所学校');
    expect(schoolsSentText(t('en-US'), { sent: 1, returned: 0, total: 1 })).toBe('1 of 1 school submitted');
  });
});

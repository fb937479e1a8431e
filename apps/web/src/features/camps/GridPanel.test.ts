import type { Lang } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { withNotes } from './GridPanel.tsx';

const tOf =
  (lang: Lang): TFunction =>
  (key, params) =>
    translateWeb(lang, key, params);

describe("the slot panel's choices", () => {
  it('notes why a volunteer or session is a poor fit in the brackets and list of the language', () => {
    const zh = tOf('zh-CN');
    const en = tOf('en-US');
    const notes = (t: TFunction) => [t('campGrid.notQualified'), t('campGrid.away'), t('campGrid.busyWith', { group: t('campGrid.group') })];
    expect(withNotes(en, 'en-US', 'Ms Li', notes(en))).toBe('Ms Li (cannot teach it, away, teaching Group)');
    expect(withNotes(zh, 'zh-CN', '李老师', notes(zh))).toBe('李老师（不能上此课、不在营、在分组上课）');
    expect(withNotes(en, 'en-US', 'Music', [en('campGrid.unsuitable')])).toBe('Music (not for this group)');
    expect(withNotes(zh, 'zh-CN', '音乐', [zh('campGrid.unsuitable')])).toBe('音乐（不适合该组）');
    expect(withNotes(en, 'en-US', 'Ms Li', [])).toBe('Ms Li');
  });
});

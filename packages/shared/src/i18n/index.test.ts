import { describe, expect, it } from 'vitest';
import { inSentence, termName, translate } from './index.ts';

describe('inSentence', () => {
  it('writes an English label of a common noun in lower case inside a sentence', () => {
    expect(inSentence('en-US', translate('en-US', 'care.kinds.family_call'))).toBe('family call');
    expect(inSentence('en-US', translate('en-US', 'care.kinds.talk'))).toBe('talk');
    expect(inSentence('en-US', translate('en-US', 'care.termPoints.middle'))).toBe('mid-term');
    expect(inSentence('en-US', translate('en-US', 'activities.kinds.guardian_meeting'))).toBe('guardian (proxy-parent) meeting');
  });

  it('keeps a name as it is written, and Chinese as it is', () => {
    expect(inSentence('en-US', translate('en-US', 'activities.kinds.childrens_day'))).toBe("Children's Day");
    expect(inSentence('en-US', 'WeChat')).toBe('WeChat');
    expect(inSentence('en-US', 'PE lesson')).toBe('PE lesson');
    expect(inSentence('en-US', '校庆日')).toBe('校庆日');
    expect(inSentence('zh-CN', translate('zh-CN', 'care.kinds.family_call'))).toBe('亲情电话');
  });
});

describe('termName', () => {
  it('names a term by its school year and semester, the same way everywhere', () => {
    expect(termName('zh-CN', '2026-2027', 1)).toBe(`2026-2027 ${translate('zh-CN', 'semesters.1')}`);
    expect(termName('en-US', '2026-2027', 2)).toBe(`2026-2027 ${translate('en-US', 'semesters.2')}`);
    expect(termName('en-US', '2026-2027', '1')).toBe(termName('en-US', '2026-2027', 1));
  });
});

import { describe, expect, it } from 'vitest';
import { enUS, inSentence, termName, translate, zhCN } from './index.ts';

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

  it('is given its dates after a comma, never in brackets right after the name, which ends in one: 第一学期（秋季）（2026-09-01 …）', () => {
    const strings = (branch: unknown, prefix: string): [string, string][] =>
      typeof branch === 'string' ? [[prefix, branch]] : Object.entries(branch as object).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
    // A name or label followed by dates in brackets: "{term}（{start} 至 {end}）", "{label} ({from} — {to})".
    const bracketed = /\}\s?[（(]\{(start|from|date)\}/;
    const found = [...strings(zhCN, 'zh-CN'), ...strings(enUS, 'en-US')].filter(([, text]) => bracketed.test(text)).map(([key]) => key);
    expect(found).toEqual([]);
  });
});

describe('the Chinese dictionary in two parts', () => {
  it('puts every section in exactly one part, and the browser starts with the first alone', async () => {
    const { zhCNCore } = await import('./zh-CN.core.ts');
    const { zhCNPages } = await import('./zh-CN.pages.ts');
    const { BUILT_IN } = await import('./built-in.browser.ts');
    const core = Object.keys(zhCNCore);
    const pages = Object.keys(zhCNPages);
    expect(core.filter((k) => pages.includes(k))).toEqual([]);
    expect([...core, ...pages].sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.keys(BUILT_IN)).toEqual(['zh-CN']);
    expect(Object.keys(BUILT_IN['zh-CN'] ?? {}).sort()).toEqual([...core].sort());
    // What the login page shows is in the first part: its errors, validation and field names.
    for (const key of ['errors', 'validation', 'fields', 'roles']) expect(core).toContain(key);
  });

  it('answers every key in full under Node (server, CLI, tests)', () => {
    expect(translate('zh-CN', 'care.kinds.family_call')).toBe('亲情电话');
    expect(translate('zh-CN', 'errors.not_found')).not.toBe('errors.not_found');
  });
});

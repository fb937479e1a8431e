import { type CareRule, DEFAULT_RULES } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { ruleLabel, ruleName, sentenceOf } from './policy-rules.ts';

const custom: CareRule = {
  key: 'tutoring_monthly',
  kinds: ['tutoring'],
  cadence: { type: 'month' },
  min: 2,
  appliesTo: { scope: 'all' },
  responsible: 'class_teacher',
  active: true,
};

describe('rule names', () => {
  it('names every built-in rule in both languages, never by its key', () => {
    for (const rule of DEFAULT_RULES) {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const name = ruleLabel(rule.key, lang);
        expect(name, `${rule.key} ${lang}`).toBeTruthy();
        expect(name).not.toBe(rule.key);
      }
    }
    expect(ruleName('talk_monthly', 'zh-CN')).toBe('每月谈心');
    expect(ruleName('talk_monthly', 'en-US')).toBe('Monthly talk');
  });

  it("prefers the rule's own label, then the built-in name, then its sentence, the key last", () => {
    expect(ruleName('talk_monthly', 'zh-CN', { ...(DEFAULT_RULES[0] as CareRule), label: '每月谈心一次' } as CareRule)).toBe('每月谈心一次');
    expect(ruleName('tutoring_monthly', 'zh-CN', custom)).toBe('每名帮扶对象每月至少学业辅导 2 次，由班主任负责');
    expect(ruleLabel('tutoring_monthly', 'zh-CN', custom)).toBeNull();
    expect(ruleName('tutoring_monthly', 'zh-CN')).toBe('tutoring_monthly');
    // A key that is not a rule key is not looked up as a path.
    expect(ruleName('ruleNames', 'zh-CN')).toBe('ruleNames');
  });

  it('drops the built-in name once a school made the rule something else, keeping it for changed parameters', () => {
    const talk = DEFAULT_RULES[0] as CareRule;
    // Every 14 days is no longer a "monthly talk": the sentence names it.
    const fortnightly: CareRule = { ...talk, cadence: { type: 'every_days', days: 14 } };
    expect(ruleLabel('talk_monthly', 'zh-CN', fortnightly)).toBeNull();
    expect(ruleName('talk_monthly', 'zh-CN', fortnightly)).toBe(sentenceOf(fortnightly, 'zh-CN'));
    // Counting home visits too, or only key-support children, changes what the rule is.
    expect(ruleLabel('talk_monthly', 'zh-CN', { ...talk, kinds: ['talk', 'home_visit'] })).toBeNull();
    expect(ruleLabel('talk_monthly', 'zh-CN', { ...talk, appliesTo: { scope: 'key_support' } })).toBeNull();
    // Twice a month, another mentor, or other windows and dates keep the name.
    expect(ruleLabel('talk_monthly', 'zh-CN', { ...talk, min: 2, responsible: 'class_teacher' })).toBe('每月谈心');
    const visit = DEFAULT_RULES.find((r) => r.key === 'home_visit_term') as CareRule;
    expect(ruleLabel('home_visit_term', 'zh-CN', { ...visit, cadence: { type: 'term_windows', windows: [{ point: 'start', days: 14 }] } })).toBe('学期家访');
    // The kinds' order does not matter.
    const family = DEFAULT_RULES.find((r) => r.key === 'family_contact_monthly') as CareRule;
    expect(ruleLabel('family_contact_monthly', 'zh-CN', { ...family, kinds: [...family.kinds].reverse() })).toBe('每月亲情联系');
  });
});

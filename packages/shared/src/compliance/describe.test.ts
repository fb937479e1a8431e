import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.ts';
import { type CareRule, DEFAULT_RULES } from './policy.ts';

describe('describeRule', () => {
  it('names the student register flag by its label, without its code', () => {
    const talk = DEFAULT_RULES.find((r) => r.key === 'talk_monthly') as CareRule;
    const rule: CareRule = { ...talk, appliesTo: { scope: 'xueji', value: '2' } };
    expect(describeRule(rule, 'zh-CN')).toBe('每名双亲留守儿童每月至少谈心 1 次，由帮扶教师负责');
    expect(describeRule(rule, 'en-US')).not.toMatch(/\b2 both/);
  });
});

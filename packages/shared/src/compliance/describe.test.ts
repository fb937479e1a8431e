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

  it('says a rule of contact with parents away asks it of left-behind children only', () => {
    const contact = DEFAULT_RULES.find((r) => r.key === 'family_contact_monthly') as CareRule;
    expect(describeRule(contact, 'zh-CN')).toMatch(/^每名留守儿童每月/);
    expect(describeRule(contact, 'en-US')).toMatch(/^Each left-behind child/);
    // A rule counting talks too asks it of every child in the archive.
    expect(describeRule({ ...contact, kinds: ['family_call', 'talk'] }, 'zh-CN')).toMatch(/^每名帮扶对象/);
    // Key-support children too: only those with a parent away are asked.
    const keySupport = { ...contact, appliesTo: { scope: 'key_support' as const } };
    expect(describeRule(keySupport, 'zh-CN')).toMatch(/^每名父母外出的重点帮扶对象每月/);
    expect(describeRule(keySupport, 'en-US')).toMatch(/^Each key-support child with a parent away/);
    expect(describeRule({ ...keySupport, kinds: ['talk'] }, 'zh-CN')).toMatch(/^每名重点帮扶对象每月/);
  });

  it('says an activity is attended: 至少参加读书活动 1 次', () => {
    const talk = DEFAULT_RULES.find((r) => r.key === 'talk_monthly') as CareRule;
    const reading: CareRule = { ...talk, kinds: ['activity.reading'] };
    expect(describeRule(reading, 'zh-CN')).toBe('每名帮扶对象每月至少参加读书活动 1 次，由帮扶教师负责');
    expect(describeRule({ ...reading, kinds: ['talk', 'activity.reading'] }, 'zh-CN')).toContain('至少谈心或参加读书活动 1 次');
    expect(describeRule(reading, 'en-US')).toContain('(attended)');
  });

  it('writes kinds and points of the term in lower case inside an English sentence, and names as they are', () => {
    const rule = (key: string) => DEFAULT_RULES.find((r) => r.key === key) as CareRule;
    expect(describeRule(rule('family_contact_monthly'), 'en-US')).toBe(
      'Each left-behind child: at least 1 × family call or family letter every month; the mentor is responsible',
    );
    expect(describeRule(rule('home_visit_term'), 'en-US')).toContain(
      'at least 1 × home visit each term at start of term, mid-term, end of term (within 21 days)',
    );
    expect(describeRule({ ...rule('talk_monthly'), kinds: ['activity.reading'] }, 'en-US')).toContain('at least 1 × reading activity (attended)');
    // A festival is a name: "Children's Day" keeps its capitals.
    expect(describeRule({ ...rule('talk_monthly'), kinds: ['activity.childrens_day'] }, 'en-US')).toContain("at least 1 × Children's Day (attended)");
    // Chinese has no case: the same words as on their own.
    expect(describeRule(rule('family_contact_monthly'), 'zh-CN')).toBe('每名留守儿童每月至少亲情电话或亲情家书 1 次，由帮扶教师负责');
    expect(describeRule(rule('home_visit_term'), 'zh-CN')).toBe('每名帮扶对象每学期期初、期中、期末（各 21 天内）至少家访 1 次，由班主任负责');
  });

  it("names a known festival in the reader's language, and any other label as typed", () => {
    const letter = DEFAULT_RULES.find((r) => r.key === 'festival_letter') as CareRule;
    expect(describeRule(letter, 'zh-CN')).toContain('五一前 14 天内');
    expect(describeRule(letter, 'en-US')).toContain('Labour Day');
    expect(describeRule(letter, 'en-US')).not.toMatch(/五一/);
    const dates = (labels: string[]): CareRule => ({
      ...letter,
      cadence: { type: 'dates', dates: labels.map((label, i) => ({ label, date: `0${i + 1}-01`, daysBefore: 7 })) },
    });
    expect(describeRule(dates(['Mid-Autumn Festival', '国庆节']), 'zh-CN')).toContain('在中秋、国庆前');
    expect(describeRule(dates(['校庆日']), 'en-US')).toContain('校庆日');
  });
});

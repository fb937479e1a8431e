import { type Child, translate } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { COLORS, changedFields, childLabels, parentsToCall, parentWorkPlace, placeParts } from './child-format.ts';

describe("a parent's place of work", () => {
  it('joins what is known of it', () => {
    const c = { fatherWorkProvince: '四川省', fatherWorkCity: '成都市', fatherWorkAddress: ' 双流区餐馆 ' } as Child;
    expect(parentWorkPlace(c, 'father')).toBe('四川省 成都市 双流区餐馆');
  });

  it('is blank when unknown, whatever the status (外出务工 is no place)', () => {
    const c = { motherStatus: 'away', motherWorkProvince: null, motherWorkCity: '', motherWorkAddress: null } as unknown as Child;
    expect(parentWorkPlace(c, 'mother')).toBe('');
  });
});

describe('the fields an edit changed', () => {
  it('ignores blanks, spaces and the order of a list, and never counts the school', () => {
    const base = { schoolId: 's1', name: '周晓梅', remarks: null, incomeSources: ['work', 'farming'] } as unknown as Child;
    expect(changedFields({ schoolId: 's2', name: '周晓梅 ', remarks: '', incomeSources: ['farming', 'work'] }, base)).toEqual([]);
    expect(changedFields({ name: '周小梅', incomeSources: ['farming', 'work'] }, base)).toEqual(['name']);
  });
});

describe('archive labels', () => {
  it('shows a student-register flag by its label, without the code in front', () => {
    expect(childLabels('zh-CN').code('xuejiCode', 2)).toBe('双亲留守');
    expect(childLabels('zh-CN').code('xuejiCode', '0')).toBe('非留守');
    expect(childLabels('en-US').code('xuejiCode', 1)).toBe('One parent away');
    // Other code lists keep their labels as they are.
    expect(childLabels('zh-CN').code('leftBehindType', 'both')).toBe(translate('zh-CN', 'codes.leftBehindType.both'));
  });

  it("joins a list with the dictionary's separator", () => {
    expect(childLabels('zh-CN').value('incomeSources', ['migrant_work', 'farming'])).toBe(
      `${translate('zh-CN', 'codes.incomeSource.migrant_work')}、${translate('zh-CN', 'codes.incomeSource.farming')}`,
    );
    expect(childLabels('en-US').value('tags', ['a', 'b'])).toBe('a, b');
    expect(childLabels('en-US').sep).toBe(', ');
  });
});

describe('tag colours', () => {
  it('shows a left-behind type as a category (blue family), never in the colours of an alarm', () => {
    const alarms = ['red', 'volcano', 'orange', 'magenta', 'error', 'warning'];
    for (const colour of Object.values(COLORS.leftBehindType)) expect(alarms).not.toContain(colour);
  });
});

describe('placeParts', () => {
  it('names a municipality once, however its province is written', () => {
    expect(placeParts(['上海市', '上海市']).join('')).toBe('上海市');
    expect(placeParts(['上海', '上海市', '浦东新区张江镇']).join(' ')).toBe('上海市 浦东新区张江镇');
    expect(placeParts(['北京市', '北京市', null]).join('')).toBe('北京市');
  });
  it('keeps a province and its city, and leaves out what is unknown', () => {
    expect(placeParts(['广东省', '东莞市']).join('')).toBe('广东省东莞市');
    expect(placeParts(['吉林省', '吉林市']).join('')).toBe('吉林省吉林市');
    expect(placeParts([null, ' 宁波市 ', '']).join('')).toBe('宁波市');
    expect(placeParts([]).join('')).toBe('');
  });
});

describe('the parents to call', () => {
  it('leaves out one who has died, and keeps one whose whereabouts are unknown (a number may still reach them)', () => {
    expect(parentsToCall({ fatherStatus: 'deceased', motherStatus: 'away' })).toEqual(['mother']);
    expect(parentsToCall({ fatherStatus: 'unknown', motherStatus: 'home' })).toEqual(['father', 'mother']);
    expect(parentsToCall({ fatherStatus: 'deceased', motherStatus: 'deceased' })).toEqual([]);
  });
});

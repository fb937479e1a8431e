import type { Child } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { changedFields, parentWorkPlace } from './child-format.ts';

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

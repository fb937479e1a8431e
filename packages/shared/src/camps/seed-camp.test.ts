import { describe, expect, it } from 'vitest';
import { SEED_GROUP_AGES, seedCamp, seedCampDates } from './seed-camp.ts';

describe('the seed camp', () => {
  it("is filled in for the coming summer: this year's until its first day, next year's after", () => {
    expect(seedCampDates('2026-12-03')).toEqual({ startDate: '2027-07-28', endDate: '2027-07-31', year: 2027 });
    expect(seedCampDates('2027-03-01')).toEqual({ startDate: '2027-07-28', endDate: '2027-07-31', year: 2027 });
    expect(seedCampDates('2027-07-28')).toEqual({ startDate: '2027-07-28', endDate: '2027-07-31', year: 2027 });
    expect(seedCampDates('2027-07-29')).toEqual({ startDate: '2028-07-28', endDate: '2028-07-31', year: 2028 });
  });

  it('names its six groups by their ages', () => {
    expect(seedCamp().groups.map((g) => g.name)).toEqual([
      '第1组（6-7岁）',
      '第2组（8岁）',
      '第3组（9岁）',
      '第4组（10岁）',
      '第5组（11岁）',
      '第6组（12-13岁）',
    ]);
    expect(seedCamp().groups.map((g) => g.size)).toEqual([12, 14, 15, 15, 13, 11]);
    expect(SEED_GROUP_AGES).toHaveLength(6);
  });
});

import { describe, expect, it } from 'vitest';
import { endingWarning, pairingsEnding } from './pairings-ending.ts';

const open = [
  { childName: '孩子一', schoolId: 'a' },
  { childName: '孩子二', schoolId: 'a' },
  { childName: '孩子三', schoolId: 'b' },
];
const mentorOfBoth = [
  { role: 'mentor' as const, scopeId: 'a' },
  { role: 'mentor' as const, scopeId: 'b' },
];

describe('pairings that end when a user is saved', () => {
  it('all of them when the user is deactivated', () => {
    expect(pairingsEnding(mentorOfBoth, { active: false, roles: mentorOfBoth }, open)).toEqual({ why: 'deactivated', pairings: open });
  });

  it("those of a school whose mentor role is taken away, and none while it is kept (another role added or the user's name changed)", () => {
    expect(pairingsEnding(mentorOfBoth, { active: true, roles: [{ role: 'mentor', scopeId: 'b' }] }, open)).toEqual({
      why: 'role_removed',
      pairings: open.slice(0, 2),
    });
    expect(pairingsEnding(mentorOfBoth, { active: true, roles: [...mentorOfBoth, { role: 'class_teacher', scopeId: 'k' }] }, open)).toBeNull();
    expect(pairingsEnding(mentorOfBoth, { active: true }, open)).toBeNull();
    // The role row changed to another role, or not finished yet: the mentor role is gone.
    expect(
      pairingsEnding([{ role: 'mentor', scopeId: 'a' }], { active: true, roles: [{ role: 'counsellor', scopeId: 'a' }] }, open.slice(0, 2))?.pairings,
    ).toHaveLength(2);
  });

  it('nothing when there are no open pairings', () => {
    expect(pairingsEnding(mentorOfBoth, { active: false, roles: [] }, [])).toBeNull();
  });

  it('says how many children, who, and that they go back to the unpaired, in Chinese and English', () => {
    const five = ['孩子一', '孩子二', '孩子三', '孩子四', '孩子五'].map((childName) => ({ childName, schoolId: 'a' }));
    expect(endingWarning('zh-CN', { why: 'deactivated', pairings: five })).toBe(
      '该教师有 5 名帮扶对象（孩子一、孩子二、孩子三、孩子四、孩子五），停用后这些结对将结束（结束日期为今天），孩子回到待结对名单；重新启用也不会恢复这些结对。',
    );
    expect(endingWarning('en-US', { why: 'deactivated', pairings: five.slice(0, 1) })).toBe(
      'This teacher mentors 1 child (孩子一). Deactivating ends this pairing (ending today) and the child goes back to the children waiting for a mentor; activating the account again does not restore it.',
    );
    const many = [...five, { childName: '孩子六', schoolId: 'a' }];
    expect(endingWarning('zh-CN', { why: 'role_removed', pairings: many })).toBe(
      '去掉帮扶教师角色后，该教师的 6 名帮扶对象（孩子一、孩子二、孩子三、孩子四、孩子五等）的结对将结束（结束日期为今天），孩子回到待结对名单。',
    );
    expect(endingWarning('en-US', { why: 'role_removed', pairings: many })).toBe(
      'Once the mentor role is removed, the pairings of the 6 children this teacher mentors at that school (孩子一, 孩子二, 孩子三, 孩子四, 孩子五 and others) end today and the children go back to the children waiting for a mentor.',
    );
  });
});

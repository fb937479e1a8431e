import { describe, expect, it } from 'vitest';
import { headshipsEnding, headshipsWarning } from './headships-ending.ts';

const classes = [
  { id: 'k1', name: '一年级1班', headTeacherId: 'u' },
  { id: 'k2', name: '二年级1班', headTeacherId: 'u' },
  { id: 'k3', name: '三年级1班', headTeacherId: 'someone-else' },
  { id: 'k4', name: '四年级1班', headTeacherId: null },
];
const teacherOfAll = ['k1', 'k2', 'k3', 'k4'].map((scopeId) => ({ role: 'class_teacher' as const, scopeId }));

describe('classes left without a head teacher when a user is saved', () => {
  it('every class the user heads when it is deactivated, and none of the classes it only teaches in', () => {
    expect(headshipsEnding('u', { active: false, roles: teacherOfAll }, classes)).toEqual({ why: 'deactivated', classes: classes.slice(0, 2) });
  });

  it('a headed class whose class-teacher role is taken away; nothing while the roles of the headed classes stay', () => {
    const without2 = teacherOfAll.filter((r) => r.scopeId !== 'k2');
    expect(headshipsEnding('u', { active: true, roles: without2 }, classes)).toEqual({ why: 'role_removed', classes: [classes[1]] });
    // A class it does not head loses nothing.
    expect(headshipsEnding('u', { active: true, roles: teacherOfAll.filter((r) => r.scopeId !== 'k3') }, classes)).toBeNull();
    expect(headshipsEnding('u', { active: true, roles: [...teacherOfAll, { role: 'mentor', scopeId: 's' }] }, classes)).toBeNull();
    expect(headshipsEnding('u', { active: true }, classes)).toBeNull();
    // The row changed to another role: the class-teacher role is gone.
    expect(headshipsEnding('u', { active: true, roles: [{ role: 'mentor', scopeId: 'k1' }, teacherOfAll[1] as never] }, classes)?.classes).toEqual([
      classes[0],
    ]);
  });

  it('nothing when the user heads no class', () => {
    expect(headshipsEnding('v', { active: false, roles: [] }, classes)).toBeNull();
  });

  it('names the classes and says how to give them a head teacher again, in Chinese and English', () => {
    const two = { why: 'deactivated' as const, classes: classes.slice(0, 2) };
    expect(headshipsWarning('zh-CN', two)).toBe(
      '该教师是 2 个班级（一年级1班、二年级1班）的班主任，停用后这些班级将没有班主任；重新启用也不会恢复，请到“班级 › 编辑”另行指定。',
    );
    expect(headshipsWarning('en-US', { why: 'role_removed', classes: classes.slice(0, 1) })).toBe(
      'Once the class teacher role is removed, this class (一年级1班) will have no class teacher: choose a new one under Classes › Edit.',
    );
    const seven = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, name: `${i + 1}班`, headTeacherId: 'u' }));
    expect(headshipsWarning('zh-CN', { why: 'role_removed', classes: seven })).toBe(
      '去掉班主任角色后，7 个班级（1班、2班、3班、4班、5班等）将没有班主任，请到“班级 › 编辑”另行指定。',
    );
  });
});

import { joinList, type Lang, type Role } from '@carebridge/shared';
import { registerMessages, translateWeb } from '../../i18n/translate.ts';
import { usersZhCN } from './users.zh-CN.ts';

registerMessages(usersZhCN);

/** A class as the class list gives it: enough to tell whether the user heads it, and to name it. */
interface HeadedClass {
  id: string;
  name: string;
  headTeacherId: string | null;
}

/** The classes a save leaves without a head teacher, and why: the account deactivated, or its class-teacher role taken away. */
export interface Headships<C extends HeadedClass = HeadedClass> {
  why: 'deactivated' | 'role_removed';
  classes: C[];
}

/** Classes named in the warning; the others are "等" / "and others". */
const NAMED = 5;

/**
 * Which of the classes the user heads lose their head teacher when the form is saved as it stands
 * (org/head-teacher.ts `leaveHeadTeacher`): every one when the account is deactivated; else those
 * whose class-teacher role the form no longer gives it. Null when none does. `classes` may hold
 * others' classes too (a school's list): only those headed by `userId` count.
 */
export function headshipsEnding<C extends HeadedClass>(
  userId: string,
  form: { active?: boolean | undefined; roles?: readonly { role?: Role | undefined; scopeId?: string | null | undefined }[] | undefined },
  classes: readonly C[],
): Headships<C> | null {
  const headed = classes.filter((c) => c.headTeacherId === userId);
  if (!headed.length) return null;
  if (form.active === false) return { why: 'deactivated', classes: headed };
  if (!form.roles) return null;
  const kept = new Set(form.roles.filter((r) => r.role === 'class_teacher' && r.scopeId).map((r) => r.scopeId));
  const lost = headed.filter((c) => !kept.has(c.id));
  return lost.length ? { why: 'role_removed', classes: lost } : null;
}

/** "该教师是 2 个班级（一年级1班、二年级1班）的班主任，停用后…": what the save will do, before it is done. */
export function headshipsWarning(lang: Lang, ending: Headships): string {
  const names = ending.classes.map((c) => c.name);
  const listed = joinList(lang, names.slice(0, NAMED));
  return translateWeb(lang, ending.why === 'deactivated' ? 'headTeacherEnding.deactivated' : 'headTeacherEnding.roleRemoved', {
    count: names.length,
    names: names.length > NAMED ? translateWeb(lang, 'users.ending.more', { names: listed }) : listed,
  });
}

import type { Role } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';

/** Roles that plan and correct any activity of their school. */
const MANAGERS: readonly Role[] = ['school_leader', 'moral_education'];
/** School-wide roles that organise activities of their own (a counsellor's discussion meeting). */
const ORGANISERS: readonly Role[] = [...MANAGERS, 'counsellor'];

const schoolRole = (auth: Auth, roles: readonly Role[], schoolId: string) => auth.roles.some((a) => roles.includes(a.role) && a.scopeId === schoolId);
export const classesOf = (auth: Auth) => auth.roles.filter((a) => a.role === 'class_teacher' && a.scopeId).map((a) => a.scopeId as string);

/** Everyone working in a school reads its activities; bureau officers those of their region; administrators all. */
export function readsActivities(auth: Auth, s: { id: string; region_path: string }): boolean {
  return (
    auth.scope.global || auth.roles.some((a) => a.scopeId === s.id || a.schoolId === s.id) || auth.scope.regionPaths.some((p) => s.region_path.startsWith(p))
  );
}

/** Who may create an activity for this target: the school's organisers any; a class teacher one for its own class. */
export function createsActivity(auth: Auth, schoolId: string, target: { scope: string; value?: string | null }): boolean {
  if (auth.scope.global || schoolRole(auth, ORGANISERS, schoolId)) return true;
  return target.scope === 'class' && !!target.value && classesOf(auth).includes(target.value);
}

/** Edit, delete and take full attendance: the school's managers and the activity's creator. */
export function editsActivity(auth: Auth, a: { school_id: string; created_by: string | null }): boolean {
  if (auth.scope.global || schoolRole(auth, MANAGERS, a.school_id)) return true;
  return !!auth.userId && a.created_by === auth.userId;
}

/** Who marks attendance: editors for everyone, class teachers for the children of their classes. */
export function marksAttendance(auth: Auth, a: { school_id: string; created_by: string | null }): 'all' | 'own_classes' | 'none' {
  if (editsActivity(auth, a)) return 'all';
  return classesOf(auth).length && auth.roles.some((r) => r.schoolId === a.school_id && r.role === 'class_teacher') ? 'own_classes' : 'none';
}

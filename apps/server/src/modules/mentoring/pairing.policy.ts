import type { Auth } from '../../access/auth.ts';

/** Leaders and the moral-education office pair mentors in their school; administrators anywhere. */
export function managesPairings(auth: Auth, schoolId: string): boolean {
  return auth.scope.global || auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === schoolId);
}

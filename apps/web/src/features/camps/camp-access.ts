import type { MeResponse, School } from '@carebridge/shared';
import { canSee } from '../../auth/permissions.ts';
import { CAMP_CREATORS } from './camp-format.ts';

/** Schools where this user may hold a camp (administrators: all they see). A hint only: the server decides. */
export function creatableSchools(me: MeResponse | undefined, schools: readonly School[]): School[] {
  if (!me) return [];
  if (me.roles.some((r) => r.role === 'system_admin')) return [...schools];
  const ids = new Set(
    me.roles.filter((r) => (CAMP_CREATORS as readonly string[]).includes(r.role) && r.scopeKind === 'school' && r.scopeId).map((r) => r.scopeId as string),
  );
  return schools.filter((s) => ids.has(s.id));
}

/** Whether the archive's children may be picked: the roles that read child archives (a volunteer sees only the children of its camps). */
export function readsArchive(me: MeResponse | undefined): boolean {
  return canSee(me, 'children');
}

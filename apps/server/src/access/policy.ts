import type { Role } from '@carebridge/shared';
import { AppError, forbidden } from '../errors.ts';
import type { Auth } from './auth.ts';

/** Where a thing lives, for permission checks. */
export interface Place {
  schoolId?: string | null;
  regionPath: string;
  classId?: string | null;
}

const underAny = (path: string, prefixes: string[]) => prefixes.some((p) => path.startsWith(p));

/** Roles that manage the organisation (schools, terms, classes, users, care organisation) of a place. */
function managesPlace(auth: Auth, place: Place): boolean {
  for (const a of auth.roles) {
    if (a.role === 'system_admin') return true;
    if (a.role === 'bureau_officer' && a.regionPath && place.regionPath.startsWith(a.regionPath)) return true;
    if (a.role === 'school_leader' && place.schoolId && a.scopeId === place.schoolId) return true;
  }
  return false;
}

/** Whether the caller can see a place at all (its basic organisational data). */
export function seesPlace(auth: Auth, place: Place): boolean {
  const s = auth.scope;
  if (s.global) return true;
  if (underAny(place.regionPath, s.regionPaths)) return true;
  if (place.schoolId && (s.schoolIds.includes(place.schoolId) || s.classSchoolIds.includes(place.schoolId))) return true;
  return false;
}

/** The single authorisation gate for organisation data. Unseen → 404; seen but not allowed → 403. */
export const access = {
  hasRole(auth: Auth, ...roles: Role[]): boolean {
    return auth.roles.some((a) => roles.includes(a.role));
  },
  isAdmin(auth: Auth): boolean {
    return auth.scope.global;
  },
  /** Manage the organisation of a place (school, its terms, classes, care organisation, staff). */
  requireManage(auth: Auth, place: Place, entity: string): void {
    if (!seesPlace(auth, place)) throw new AppError('not_found', 404, { entity: `entities.${entity}` });
    if (!managesPlace(auth, place)) forbidden();
  },
  /**
   * A region picked in a form (a new school's, a county calendar's): one the caller manages. A region
   * above the caller's own (shown in its tree for context) is refused naming the field (403); one it
   * cannot see at all, 404 as anything out of scope.
   */
  requireManagedRegion(auth: Auth, region: { path: string }, field = 'regionId'): void {
    if (managesPlace(auth, { regionPath: region.path })) return;
    if (auth.roles.some((a) => a.role === 'bureau_officer' && a.regionPath?.startsWith(region.path)))
      throw new AppError('region_not_managed', 403, {}, [{ path: field, message: 'errors.region_not_managed' }]);
    this.requireManage(auth, { regionPath: region.path }, 'region');
  },
  manages(auth: Auth, place: Place): boolean {
    return managesPlace(auth, place);
  },
  requireSee(auth: Auth, place: Place, entity: string): void {
    if (!seesPlace(auth, place)) throw new AppError('not_found', 404, { entity: `entities.${entity}` });
  },
  /** Read the audit log: admins everywhere, bureau officers in their region, school leaders in their school. */
  canReadAudit(auth: Auth): boolean {
    return this.hasRole(auth, 'system_admin', 'bureau_officer', 'school_leader');
  },
};

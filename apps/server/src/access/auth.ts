import type { Lang, Role, ScopeKind } from '@carebridge/shared';

export interface Assignment {
  id: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string | null;
  schoolId: string | null;
  regionPath: string | null;
}

/** The columns of a `role_assignments` row an `Assignment` is made of (a left join's may be null: rows without a role are left out first). */
export interface AssignmentColumns {
  role: string | null;
  scope_kind: string | null;
  scope_id: string | null;
  school_id: string | null;
  region_path: string | null;
}

/** A role assignment row (`id` as the query names it) as the code uses it: the one place the row becomes an `Assignment`. */
export function toAssignment(id: string, r: AssignmentColumns): Assignment {
  return {
    id,
    role: r.role as Role,
    scopeKind: r.scope_kind as ScopeKind,
    scopeId: r.scope_id,
    schoolId: r.school_id,
    regionPath: r.region_path,
  };
}

/**
 * Who is calling, resolved once per request from the session. Every service method takes it and
 * every repository query of scoped data filters by `scope`.
 */
export interface Auth {
  userId: string;
  username: string;
  name: string;
  roles: Assignment[];
  scope: Scope;
  ip: string | null;
  lang: Lang;
}

/** The data a caller can reach, as filters: region subtrees, whole schools, single classes. */
export interface Scope {
  global: boolean;
  /** Region paths ("/a/b/") of region-scoped roles: everything below them. */
  regionPaths: string[];
  /** Schools with a school-scoped role. */
  schoolIds: string[];
  /** Classes with a class-scoped role, and their schools. */
  classIds: string[];
  classSchoolIds: string[];
}

export function scopeOf(roles: Assignment[]): Scope {
  const s: Scope = { global: false, regionPaths: [], schoolIds: [], classIds: [], classSchoolIds: [] };
  for (const a of roles) {
    if (a.scopeKind === 'global') s.global = true;
    else if (a.scopeKind === 'region' && a.regionPath) s.regionPaths.push(a.regionPath);
    else if (a.scopeKind === 'school' && a.scopeId) s.schoolIds.push(a.scopeId);
    else if (a.scopeKind === 'class' && a.scopeId) {
      s.classIds.push(a.scopeId);
      if (a.schoolId) s.classSchoolIds.push(a.schoolId);
    }
  }
  s.schoolIds = [...new Set(s.schoolIds)];
  s.classSchoolIds = [...new Set(s.classSchoolIds)];
  return s;
}

/** A system actor for CLI and seeding; audited under its own name. */
export function systemAuth(name = 'system'): Auth {
  return {
    userId: '',
    username: name,
    name,
    roles: [{ id: '', role: 'system_admin', scopeKind: 'global', scopeId: null, schoolId: null, regionPath: null }],
    scope: { global: true, regionPaths: [], schoolIds: [], classIds: [], classSchoolIds: [] },
    ip: null,
    lang: 'zh-CN',
  };
}

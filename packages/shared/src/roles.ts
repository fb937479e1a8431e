/** Roles of DOMAIN.md. Each role assignment is bound to one kind of scope. */
export const ROLES = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'class_teacher', 'mentor', 'counsellor', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_KINDS = ['global', 'region', 'school', 'class'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The scope kind a role assignment of this role must carry. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  system_admin: 'global',
  bureau_officer: 'region',
  school_leader: 'school',
  moral_education: 'school',
  class_teacher: 'class',
  mentor: 'school',
  counsellor: 'school',
  volunteer: 'school',
};

/** Roles that keep every child archive of their school (any class, or none yet); a class teacher keeps its classes'. */
export const CHILD_SCHOOL_EDITOR_ROLES: readonly Role[] = ['school_leader', 'moral_education'];

/** Roles that read and manage a whole school's organisation. */
export const SCHOOL_MANAGER_ROLES: readonly Role[] = ['school_leader'];

export const REGION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const SCHOOL_KINDS = ['primary', 'junior', 'nine_year', 'complete_secondary', 'teaching_point', 'kindergarten'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

export const LEADERSHIP_POSITIONS = ['leader', 'deputy', 'member', 'service'] as const;
export type LeadershipPosition = (typeof LEADERSHIP_POSITIONS)[number];

/** Offices that carry care duties (DOMAIN.md §3). */
export const OFFICES = ['political_education', 'young_pioneers', 'academic_affairs', 'class_teachers', 'general_affairs', 'other'] as const;
export type Office = (typeof OFFICES)[number];

/** The seed's division of duties, the default for a new school (editable). */
export const DEFAULT_DUTIES: ReadonlyArray<{ office: Office; dutyKey: string }> = [
  { office: 'political_education', dutyKey: 'safety_legal' },
  { office: 'young_pioneers', dutyKey: 'ideology' },
  { office: 'academic_affairs', dutyKey: 'study' },
  { office: 'class_teachers', dutyKey: 'routine' },
];

/** Grades 1-12 (小学 1-6, 初中 7-9, 高中 10-12) plus 0 for kindergarten classes. */
export const GRADE_MIN = 0;
export const GRADE_MAX = 12;

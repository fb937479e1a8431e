import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Portable column conventions: ids are UUIDv7 text; timestamps are ISO-8601 UTC text; calendar
 * dates are YYYY-MM-DD text; booleans are integers 0/1; JSON is text. The same rows then move
 * unchanged between SQLite, PostgreSQL and Citus.
 */
export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
  code: string | null;
  /** Materialised path of ids, "/root/child/self/", for subtree filters with LIKE. */
  path: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SchoolTable {
  id: string;
  region_id: string;
  /** Copy of the region's path, so that region scopes filter schools without a join. */
  region_path: string;
  name: string;
  code: string | null;
  kind: string;
  address: string | null;
  phone: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TermTable {
  id: string;
  school_id: string;
  academic_year: string;
  semester: number;
  start_date: string;
  end_date: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ClassTable {
  id: string;
  school_id: string;
  grade: number;
  name: string;
  head_teacher_id: string | null;
  pupil_count: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  password_hash: string;
  active: number;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  /** Region, school or class id; null for global roles. */
  scope_id: string | null;
  /** The school the scope lies in (school and class scopes), for filters and sharding. */
  school_id: string | null;
  /** The region path the scope lies in (all but global), for region-wide user lists. */
  region_path: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database holds no usable session. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: string;
  username: string;
  ip: string;
  success: number;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  school_id: string | null;
  region_path: string | null;
  summary: string | null;
  ip: string | null;
}

export interface LeadershipMemberTable {
  id: string;
  school_id: string;
  user_id: string | null;
  name: string;
  position: string;
  title: string | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DutyTable {
  id: string;
  school_id: string;
  office: string;
  duty: string;
  user_id: string | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  regions: RegionTable;
  schools: SchoolTable;
  terms: TermTable;
  classes: ClassTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  leadership_members: LeadershipMemberTable;
  duties: DutyTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { Generated };

import type { Role } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { regionPathInScope, schoolInScope } from '../../access/scope-sql.ts';

/**
 * Who reads, submits and reviews roster submissions (花名册报送). Each rule that is also needed in SQL
 * (`readPlaces`, `reviewPlaces`) is built from the same role sets as its JavaScript form, so that the
 * list's filter and the per-row check cannot drift apart.
 */

/** The school's leaders: they submit the school's roster and review its class rosters. */
const LEADERS: readonly Role[] = ['school_leader', 'moral_education'];
/** Roles that read every submission of their school: its leaders and its counsellors. */
const SCHOOL_READERS: readonly Role[] = [...LEADERS, 'counsellor'];

const schoolsAs = (auth: Auth, roles: readonly Role[]) => auth.roles.filter((a) => roles.includes(a.role) && a.scopeId).map((a) => a.scopeId as string);
const taughtClasses = (auth: Auth) => auth.roles.filter((a) => a.role === 'class_teacher' && a.scopeId).map((a) => a.scopeId as string);

export interface SubmissionPlace {
  school_id: string;
  class_id: string | null;
  region_path: string;
  level: string;
}

export const leads = (auth: Auth, schoolId: string) => auth.scope.global || schoolsAs(auth, LEADERS).includes(schoolId);
export const teaches = (auth: Auth, classId: string | null) => !!classId && taughtClasses(auth).includes(classId);
export const overseesRegion = (auth: Auth, path: string) => auth.scope.global || auth.scope.regionPaths.some((p) => path.startsWith(p));

/** Who reads a submission: its school's leaders and counsellors, its class's teacher, the bureau over it. */
export function reads(auth: Auth, r: SubmissionPlace): boolean {
  return schoolsAs(auth, SCHOOL_READERS).includes(r.school_id) || teaches(auth, r.class_id) || overseesRegion(auth, r.region_path);
}

/** `reads` in SQL (submission `r` joined to its school `s`), so that the list's limit counts only what the caller reads. */
export function readPlaces(auth: Auth): Expression<SqlBool> {
  if (auth.scope.global) return sql<SqlBool>`1 = 1`;
  const schools = schoolsAs(auth, SCHOOL_READERS);
  const classes = taughtClasses(auth);
  const ors: Expression<SqlBool>[] = [regionPathInScope(auth.scope, 's.region_path')];
  if (schools.length) ors.push(sql<SqlBool>`r.school_id in (${sql.join(schools)})`);
  if (classes.length) ors.push(sql<SqlBool>`r.class_id in (${sql.join(classes)})`);
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/** Who submits: the class teacher (or the school's leaders) for a class; the leaders for the school. */
export function submits(auth: Auth, r: Pick<SubmissionPlace, 'school_id' | 'class_id' | 'level'>): boolean {
  return r.level === 'class' ? teaches(auth, r.class_id) || leads(auth, r.school_id) : leads(auth, r.school_id);
}

/** Who reviews: the school's leaders for a class; the bureau for a school (a school does not approve its own; administrators may act for the bureau). */
export function reviews(auth: Auth, r: Pick<SubmissionPlace, 'school_id' | 'region_path' | 'level'>): boolean {
  return r.level === 'class' ? leads(auth, r.school_id) : auth.scope.global || (overseesRegion(auth, r.region_path) && !leads(auth, r.school_id));
}

/**
 * Where the rosters a caller may review can be, in SQL: class rosters of the schools of its school roles,
 * school rosters under its regions, all for an administrator. Wider than `reviews()`, which still decides
 * each row (a counsellor's school, a leader's own school roster); it only spares the list's limit the rows
 * that cannot pass, such as every class roster of a county for the bureau.
 */
export function reviewPlaces(auth: Auth): Expression<SqlBool> {
  const schools = schoolInScope({ ...auth.scope, regionPaths: [] }, 'r.school_id', { includeClassSchools: false });
  const regions = regionPathInScope(auth.scope, 's.region_path');
  return sql<SqlBool>`((r.level = 'class' and ${schools}) or (r.level = 'school' and ${regions}))`;
}

import { CHILD_SCHOOL_EDITOR_ROLES, type Role } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';

/** Roles that read every child of their school. Mentors (their own children) and volunteers (their camp) come with pairings and camps. */
const SCHOOL_READERS: readonly Role[] = ['school_leader', 'moral_education', 'counsellor'];
/** Roles that keep the archives of their whole school. */
const SCHOOL_EDITORS = CHILD_SCHOOL_EDITOR_ROLES;
/**
 * Roles that call families and so see phone numbers in full where a view is audited: the full archive,
 * one child's contact reveal, exports and roster snapshots. Lists mask phones for everyone.
 */
const PHONE_ROLES: readonly Role[] = ['school_leader', 'moral_education', 'class_teacher', 'counsellor', 'mentor'];

export interface ChildPlace {
  schoolId: string;
  classId: string | null;
  regionPath: string;
}

const schoolsWith = (auth: Auth, roles: readonly Role[]) =>
  auth.roles.filter((a) => roles.includes(a.role) && a.scopeKind === 'school' && a.scopeId).map((a) => a.scopeId as string);
const classesWith = (auth: Auth) => auth.roles.filter((a) => a.role === 'class_teacher' && a.scopeId).map((a) => a.scopeId as string);
const regionsOf = (auth: Auth) => auth.roles.filter((a) => a.role === 'bureau_officer' && a.regionPath).map((a) => a.regionPath as string);

const isMentor = (auth: Auth) => auth.roles.some((a) => a.role === 'mentor');

/**
 * Who sees which child, as one SQL condition on the `children` table (alias given): administrators
 * all; bureau officers their region; leaders, the moral-education office and counsellors their
 * school; class teachers their classes; mentors the children paired with them now in the child's
 * school (a pairing of a child since moved away gives nothing); volunteers the
 * children of their camps now at the camp's school. Nobody else.
 */
export function childVisible(auth: Auth, alias = 'children'): Expression<SqlBool> {
  if (auth.scope.global) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  const schools = schoolsWith(auth, SCHOOL_READERS);
  const classes = classesWith(auth);
  if (schools.length) ors.push(sql<SqlBool>`${sql.ref(`${alias}.school_id`)} in (${sql.join(schools)})`);
  if (classes.length) ors.push(sql<SqlBool>`${sql.ref(`${alias}.class_id`)} in (${sql.join(classes)})`);
  if (isMentor(auth))
    ors.push(
      sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select p.child_id from pairings p where p.mentor_id = ${auth.userId} and p.end_date is null and p.school_id = ${sql.ref(`${alias}.school_id`)})`,
    );
  // Volunteers see the children of the camps they teach at, while the child is at the camp's school
  // (their archives stay read-only to them).
  if (auth.roles.some((a) => a.role === 'volunteer') && auth.userId)
    ors.push(
      sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select cc.child_id from camp_children cc join camp_volunteers cv on cv.camp_id = cc.camp_id join camps cm on cm.id = cc.camp_id where cv.user_id = ${auth.userId} and cm.school_id = ${sql.ref(`${alias}.school_id`)})`,
    );
  // A look-up of the child's own school by key, not a scan of the region's schools per query.
  for (const p of regionsOf(auth)) {
    ors.push(sql<SqlBool>`exists (select 1 from schools rs where rs.id = ${sql.ref(`${alias}.school_id`)} and ${pathUnder(p, 'rs.region_path')})`);
  }
  if (!ors.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/**
 * Whether the caller sees the child `childId`, as an SQL condition: a list filtered by a child (care
 * records, incidents, activities of one child) adds it, so that a child out of scope gives nothing
 * rather than the records it shares with a child in scope.
 */
export function childSeen(auth: Auth, childId: string): Expression<SqlBool> {
  if (auth.scope.global) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`exists (select 1 from children seen where seen.id = ${childId} and ${childVisible(auth, 'seen')})`;
}

/**
 * Whether `childVisible` shows this caller every child of the school (a sufficient condition, kept
 * beside it): results over the whole school are then the same for every such caller, and may be cached.
 */
export function seesWholeSchool(auth: Auth, school: { id: string; region_path: string }): boolean {
  if (auth.scope.global) return true;
  if (schoolsWith(auth, SCHOOL_READERS).includes(school.id)) return true;
  return regionsOf(auth).some((p) => school.region_path.startsWith(p));
}

/** Keep the archive: administrators, the school's leaders and moral-education office, the class teacher. Bureau officers read. */
export function editsChild(auth: Auth, c: Pick<ChildPlace, 'schoolId' | 'classId'>): boolean {
  if (auth.scope.global) return true;
  if (schoolsWith(auth, SCHOOL_EDITORS).includes(c.schoolId)) return true;
  return !!c.classId && classesWith(auth).includes(c.classId);
}

/**
 * Set the child's psychology level (心理状况) and nothing else: whoever keeps the archive, and the
 * school's counsellors, who keep its psychological risk flags (DOMAIN.md) without keeping the archive.
 */
export function setsPsychology(auth: Auth, c: Pick<ChildPlace, 'schoolId' | 'classId'>): boolean {
  return editsChild(auth, c) || schoolsWith(auth, ['counsellor']).includes(c.schoolId);
}

/** Move children between schools: the sending school's leader, a bureau officer over it, an administrator. */
export function transfersChild(auth: Auth, c: ChildPlace): boolean {
  if (auth.scope.global) return true;
  if (schoolsWith(auth, ['school_leader']).includes(c.schoolId)) return true;
  return regionsOf(auth).some((p) => c.regionPath.startsWith(p));
}

/**
 * Whether this caller sees ID and phone numbers in full. In the full archive view the people who
 * keep it see ID numbers; in exports ID numbers are masked except for the official form. Lists
 * (`toSummary`, the mentor's children) mask both whatever this says.
 */
export function reveals(auth: Auth, c: Pick<ChildPlace, 'schoolId' | 'classId'>): { idNumbers: boolean; phones: boolean } {
  const phones =
    auth.roles.some((a) => PHONE_ROLES.includes(a.role) && a.scopeKind === 'school' && a.scopeId === c.schoolId) ||
    (!!c.classId && classesWith(auth).includes(c.classId));
  return { idNumbers: editsChild(auth, c) && !auth.scope.global, phones };
}

/** Whether this caller may export the official registration form with full ID numbers (the form requires them). */
export function exportsOfficial(auth: Auth): boolean {
  return auth.scope.global || auth.roles.some((a) => a.role === 'bureau_officer' || a.role === 'school_leader' || a.role === 'moral_education');
}

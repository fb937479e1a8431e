import { type Dialect, newId, type Row } from '@carebridge/db';
import { joinList, ROLE_SCOPE, type RoleAssignmentInput, type RoleAssignmentView, translate } from '@carebridge/shared';
import type { Assignment, Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { AppError, type FieldProblem } from '../../errors.ts';
import { holdParent } from '../org/org-lock.ts';

/** Where an assignment's scope lies, resolved from its id. */
interface ResolvedScope {
  schoolId: string | null;
  regionPath: string | null;
}

/**
 * A region or school scope is held to the end of the grant's transaction (`holdParent`): a delete of it
 * meanwhile counts the role, or is waited for and the scope is not found. A class's school cannot be
 * deleted while the class exists.
 */
async function resolveScope(tx: Tx, dialect: Dialect, kind: string, scopeId: string): Promise<ResolvedScope | undefined> {
  if (kind === 'region') {
    const r = await holdParent(tx, dialect, 'regions', scopeId);
    return r && { schoolId: null, regionPath: r.path };
  }
  if (kind === 'school') {
    const s = await holdParent(tx, dialect, 'schools', scopeId);
    return s && { schoolId: s.id, regionPath: s.region_path };
  }
  const c = await tx
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .select(['schools.id as school_id', 'schools.region_path'])
    .where('classes.id', '=', scopeId)
    .executeTakeFirst();
  return c && { schoolId: c.school_id, regionPath: c.region_path };
}

/** Whether the caller may hand out (or take away) an assignment at this place. */
export function canGrant(auth: Auth, a: Pick<Assignment, 'role' | 'scopeKind' | 'schoolId' | 'regionPath'>): boolean {
  for (const mine of auth.roles) {
    if (mine.role === 'system_admin') return true;
    if (a.role === 'system_admin') continue;
    if (mine.role === 'bureau_officer' && mine.regionPath && a.regionPath?.startsWith(mine.regionPath)) return true;
    if (mine.role === 'school_leader' && a.scopeKind !== 'region' && a.schoolId && a.schoolId === mine.scopeId) return true;
  }
  return false;
}

/**
 * Turn role inputs into rows, checking that each scope exists, fits its role and lies within what
 * the caller may grant. All problems are reported together, each on its own field.
 */
export async function buildAssignments(
  tx: Tx,
  dialect: Dialect,
  auth: Auth,
  userId: string,
  inputs: RoleAssignmentInput[],
  now: string,
): Promise<Row<'role_assignments'>[]> {
  const rows: Row<'role_assignments'>[] = [];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    const kind = ROLE_SCOPE[input.role];
    const path = `roles.${i}.scopeId`;
    const key = `${input.role}:${input.scopeId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let place: ResolvedScope = { schoolId: null, regionPath: null };
    if (kind === 'global') {
      if (input.scopeId) problems.push({ path, message: 'validation.scope_not_needed', params: { role: `roles.${input.role}` } });
    } else if (!input.scopeId) {
      problems.push({ path, message: 'validation.scope_missing', params: { scope: `scopeKinds.${kind}` } });
      continue;
    } else {
      const found = await resolveScope(tx, dialect, kind, input.scopeId);
      if (!found) {
        problems.push({ path, message: 'validation.scope_not_found', params: { scope: `scopeKinds.${kind}` } });
        continue;
      }
      place = found;
    }
    const row: Row<'role_assignments'> = {
      id: newId(),
      user_id: userId,
      role: input.role,
      scope_kind: kind,
      scope_id: kind === 'global' ? null : (input.scopeId ?? null),
      school_id: place.schoolId,
      region_path: place.regionPath,
      created_at: now,
    };
    if (!canGrant(auth, { role: input.role, scopeKind: kind, schoolId: place.schoolId, regionPath: place.regionPath })) {
      problems.push({ path, message: 'errors.forbidden' });
      continue;
    }
    rows.push(row);
  }
  if (problems.length) {
    // The message names the roles in words ("第 2 个角色的范围"); `fields` keep the paths for the form.
    const where = [...new Set(problems.map((p) => Number(p.path.split('.')[1]) + 1))].map((n) => translate(auth.lang, 'validation.role_scope_n', { n }));
    throw new AppError('invalid_scope', 422, { detail: joinList(auth.lang, where) }, problems);
  }
  return rows;
}

/** Add readable scope names to assignments (one query per scope kind). */
export async function describeAssignments(tx: Tx, list: Assignment[]): Promise<RoleAssignmentView[]> {
  const ids = (kind: string) => [...new Set(list.filter((a) => a.scopeKind === kind && a.scopeId).map((a) => a.scopeId as string))];
  const names = new Map<string, { name: string; regionId: string | null }>();
  const regionIds = ids('region');
  if (regionIds.length)
    for (const r of await tx.selectFrom('regions').select(['id', 'name']).where('id', 'in', regionIds).execute())
      names.set(r.id, { name: r.name, regionId: r.id });
  const schoolIds = ids('school');
  if (schoolIds.length)
    for (const s of await tx.selectFrom('schools').select(['id', 'name', 'region_id']).where('id', 'in', schoolIds).execute())
      names.set(s.id, { name: s.name, regionId: s.region_id });
  const classIds = ids('class');
  if (classIds.length) {
    const rows = await tx
      .selectFrom('classes')
      .innerJoin('schools', 'schools.id', 'classes.school_id')
      .select(['classes.id', 'classes.name', 'schools.name as school_name', 'schools.region_id'])
      .where('classes.id', 'in', classIds)
      .execute();
    for (const c of rows) names.set(c.id, { name: `${c.school_name} ${c.name}`, regionId: c.region_id });
  }
  return list.map((a) => {
    const n = a.scopeId ? names.get(a.scopeId) : undefined;
    return {
      id: a.id,
      role: a.role,
      scopeKind: a.scopeKind,
      scopeId: a.scopeId,
      scopeName: n?.name ?? null,
      schoolId: a.schoolId,
      regionId: n?.regionId ?? null,
    };
  });
}

/** Where a user's audit entries belong: its (first) school, else its region — so its school's leaders and the bureau over it read them. */
export function homeOf(roles: Pick<Assignment, 'schoolId' | 'regionPath'>[]) {
  const r = roles.find((a) => a.schoolId) ?? roles.find((a) => a.regionPath);
  return { schoolId: r?.schoolId ?? null, regionPath: r?.regionPath ?? null };
}

/** `homeOf` a user by id, from its role assignments (none for an unknown user). */
export async function homeOfUser(db: Tx, userId: string) {
  const rows = await db.selectFrom('role_assignments').select(['school_id', 'region_path']).where('user_id', '=', userId).execute();
  return homeOf(rows.map((r) => ({ schoolId: r.school_id, regionPath: r.region_path })));
}

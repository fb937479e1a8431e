import { escapeLike } from '@carebridge/db';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Scope } from './auth.ts';

const likePrefix = (p: string) => `${escapeLike(p)}%`;

/**
 * The scope filter every repository applies to rows that carry `school_id`: region scopes through
 * the schools' materialised region path, school scopes by id, class scopes by their school (the
 * class-level narrowing is the repository's, where the row has a class).
 */
export function schoolInScope(scope: Scope, schoolIdRef: string, opts: { includeClassSchools?: boolean } = {}): Expression<SqlBool> {
  if (scope.global) return sql<SqlBool>`1 = 1`;
  const ref = sql.ref(schoolIdRef);
  const ors: Expression<SqlBool>[] = [];
  const schoolIds = opts.includeClassSchools === false ? scope.schoolIds : [...scope.schoolIds, ...scope.classSchoolIds];
  if (schoolIds.length) ors.push(sql<SqlBool>`${ref} in (${sql.join(schoolIds)})`);
  for (const p of scope.regionPaths) {
    ors.push(sql<SqlBool>`${ref} in (select s.id from schools s where ${pathUnder(p, 's.region_path')})`);
  }
  if (!ors.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/** A filter for a region-path column against the scope's region subtrees. */
export function regionPathInScope(scope: Scope, pathRef: string): Expression<SqlBool> {
  if (scope.global) return sql<SqlBool>`1 = 1`;
  const parts = scope.regionPaths.map((p) => pathUnder(p, pathRef));
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** A filter for a region-path column: within the subtree of the region whose path is `path`. */
export function pathUnder(path: string, pathRef: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(pathRef)} like ${likePrefix(path)} escape '\\'`;
}

/** A filter for a region-path column: within the region `regionId` (no row when the region does not exist). */
export function pathInRegion(regionId: string, pathRef: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(pathRef)} like ((select r.path from regions r where r.id = ${regionId}) || '%')`;
}

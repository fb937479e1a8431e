import type { NewRow, Row, RowUpdate } from '@carebridge/db';
import { escapeLike } from '@carebridge/db';
import { type SqlBool, sql } from 'kysely';
import type { Scope } from '../../access/auth.ts';
import { pathUnder, regionPathInScope, schoolInScope } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';

type Versioned = 'regions' | 'schools' | 'terms' | 'classes' | 'leadership_members' | 'duties';

/** Optimistic update shared by every versioned organisation table; false when the version is stale. */
export async function updateVersioned<T extends Versioned>(tx: Tx, table: T, id: string, version: number, set: RowUpdate<T>): Promise<boolean> {
  const r = await (tx as Tx)
    .updateTable(table as Versioned)
    .set({ ...(set as object), version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const regionRepo = {
  findById: (tx: Tx, id: string) => tx.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (tx: Tx, row: NewRow<'regions'>) => tx.insertInto('regions').values(row).execute(),
  /** The regions under one parent (null: the top-level ones). */
  siblings: (tx: Tx, parentId: string | null) => {
    const q = tx.selectFrom('regions').selectAll();
    return (parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null)).execute();
  },
  /** Regions inside the scope's subtrees, plus the ancestors of every place in scope (for names and trees). */
  list(tx: Tx, scope: Scope, ancestorIds: string[]) {
    let q = tx.selectFrom('regions').selectAll();
    if (!scope.global) {
      const inTree = regionPathInScope(scope, 'regions.path');
      q = ancestorIds.length ? q.where((eb) => eb.or([inTree as never, eb('id', 'in', ancestorIds)])) : q.where(inTree);
    }
    return q.orderBy('path').execute();
  },
};

export const schoolRepo = {
  findById: (tx: Tx, id: string) => tx.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (tx: Tx, row: NewRow<'schools'>) => tx.insertInto('schools').values(row).execute(),
  list(tx: Tx, scope: Scope, f: { regionPath?: string | undefined; q?: string | undefined }) {
    let q = tx
      .selectFrom('schools')
      .leftJoin('regions', 'regions.id', 'schools.region_id')
      .selectAll('schools')
      .select('regions.name as region_name')
      .where(schoolInScope(scope, 'schools.id'));
    if (f.regionPath) q = q.where(pathUnder(f.regionPath, 'schools.region_path'));
    // The escaped wildcards need the ESCAPE clause: SQLite's LIKE has no escape character without one.
    if (f.q) q = q.where(sql<SqlBool>`lower(schools.name) like ${`%${escapeLike(f.q.toLowerCase())}%`} escape '\\'`);
    return q.orderBy('schools.region_path').orderBy('schools.name').execute();
  },
  regionPathsOf: (tx: Tx, ids: string[]) =>
    ids.length ? tx.selectFrom('schools').select('region_path').where('id', 'in', ids).execute() : Promise.resolve([]),
};

export const termRepo = {
  findById: (tx: Tx, id: string) => tx.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (tx: Tx, row: NewRow<'terms'>) => tx.insertInto('terms').values(row).execute(),
  listBySchool: (tx: Tx, schoolId: string) => tx.selectFrom('terms').selectAll().where('school_id', '=', schoolId).orderBy('start_date', 'desc').execute(),
};

export const classRepo = {
  findById: (tx: Tx, id: string) => tx.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (tx: Tx, row: NewRow<'classes'>) => tx.insertInto('classes').values(row).execute(),
  list(tx: Tx, schoolId: string, f: { grade?: number | undefined; onlyIds?: string[] | undefined }) {
    let q = tx
      .selectFrom('classes')
      .leftJoin('users', 'users.id', 'classes.head_teacher_id')
      .selectAll('classes')
      .select('users.name as head_teacher_name')
      .where('classes.school_id', '=', schoolId);
    if (f.grade !== undefined) q = q.where('classes.grade', '=', f.grade);
    if (f.onlyIds) q = f.onlyIds.length ? q.where('classes.id', 'in', f.onlyIds) : q.where(sql<SqlBool>`1 = 0`);
    return q.orderBy('classes.grade').orderBy('classes.name').execute();
  },
  withTeacher: (tx: Tx, id: string) =>
    tx
      .selectFrom('classes')
      .leftJoin('users', 'users.id', 'classes.head_teacher_id')
      .selectAll('classes')
      .select('users.name as head_teacher_name')
      .where('classes.id', '=', id)
      .executeTakeFirst(),
};

export type RegionRow = Row<'regions'>;
export type SchoolRow = Row<'schools'>;

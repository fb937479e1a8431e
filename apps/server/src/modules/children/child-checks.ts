/** Checks before an archive is written: cross-field problems, the class's school, ID numbers already archived, likely duplicates. */

import { type Dialect, toBool } from '@carebridge/db';
import { type ChildValues, type ChildWarning, translate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { AppError, type FieldProblem } from '../../errors.ts';
import { childRepo } from './child.repository.ts';

/** Throw a 422 naming every field a cross-field rule rejects. */
export function rejectProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
}

/** The class must belong to the school and be in use: a deactivated class takes no child. */
export async function checkClass(db: Tx, schoolId: string, classId: string | null | undefined): Promise<void> {
  if (!classId) return;
  const k = await db.selectFrom('classes').select(['school_id', 'active']).where('id', '=', classId).executeTakeFirst();
  if (!k || k.school_id !== schoolId) throw new AppError('class_not_in_school', 422, {}, [{ path: 'classId', message: 'errors.class_not_in_school' }]);
  if (!toBool(k.active)) classInactive();
}

/** 409 on `classId`: the class was deactivated (停用). */
export function classInactive(): never {
  throw new AppError('class_inactive', 409, {}, [{ path: 'classId', message: 'errors.class_inactive' }]);
}

/**
 * The classes a write puts children into, read again inside its transaction and, on PostgreSQL,
 * held `for share` until it ends: a deactivation of one of them (which takes the class `for update`
 * before counting its children, classes.service.ts) waits and then counts the children written, or
 * is waited for and its class found inactive here. Returns the classes found, in id order.
 */
export async function holdClasses(tx: Tx, dialect: Dialect, classIds: readonly (string | null | undefined)[]) {
  const ids = [...new Set(classIds.filter((id): id is string => !!id))].sort();
  if (!ids.length) return [];
  let q = tx.selectFrom('classes').select(['id', 'name', 'active']).where('id', 'in', ids).orderBy('id');
  if (dialect === 'postgres') q = q.forShare();
  return q.execute();
}

/** `holdClasses` for one class: 409 on `classId` when it was deactivated meanwhile. */
export async function holdClass(tx: Tx, dialect: Dialect, classId: string | null | undefined): Promise<void> {
  const [k] = await holdClasses(tx, dialect, [classId]);
  if (k && !toBool(k.active)) classInactive();
}

/** One archive per child: an ID number already archived (here or in another school) is refused. */
export async function rejectTakenIdNumber(db: Tx, idNumber: string | null | undefined, exceptId: string | null): Promise<void> {
  if (!idNumber) return;
  let q = db.selectFrom('children').select('id').where('id_number', '=', idNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('id_number_taken', 409, {}, [{ path: 'idNumber', message: 'errors.id_number_taken' }]);
}

/**
 * Archives of the same county with the same name and birth date: a child entered twice (without an
 * ID number, or with a typo in it). A warning, not a refusal (namesakes born the same day exist);
 * where the other archive is only named when the caller may see it.
 */
export async function likelyDuplicates(db: Tx, auth: Auth, values: ChildValues, school: { id: string; region_path: string }): Promise<ChildWarning[]> {
  const county = await countyPathOf(db, school.region_path);
  const found = await childRepo.sameNameAndBirth(db, auth, {
    name: values.name as string,
    birthDate: values.birthDate as string,
    regionPath: county,
  });
  return found.map((c) => {
    const sameSchool = c.school_id === school.id;
    const seen = c.visible;
    const place = seen ? [c.school_name, c.class_name].filter(Boolean).join(' ') : '';
    const key = seen ? 'errors.possible_duplicate_seen' : sameSchool ? 'errors.possible_duplicate_school' : 'errors.possible_duplicate_county';
    return {
      code: 'possible_duplicate' as const,
      childId: seen ? c.id : null,
      schoolName: seen ? c.school_name : null,
      className: seen ? c.class_name : null,
      sameSchool,
      message: translate(auth.lang, key, { place, name: values.name as string, birthDate: values.birthDate as string }),
    };
  });
}

/**
 * A new archive that looks like one already kept (`likelyDuplicates`) is refused with a 409 naming
 * them (`duplicates`, each as the caller may see it) and nothing is written, unless the caller confirms
 * it is another child (`confirmDuplicate`): warned before saving, not after the duplicate already counts
 * in rosters and due items. Returns the duplicates confirmed over.
 */
export async function confirmedDuplicates(
  db: Tx,
  auth: Auth,
  values: ChildValues,
  school: { id: string; region_path: string },
  confirmed: boolean,
): Promise<ChildWarning[]> {
  const duplicates = await likelyDuplicates(db, auth, values, school);
  if (!duplicates.length || confirmed) return duplicates;
  const sep = auth.lang === 'zh-CN' ? '；' : '; ';
  throw new AppError(
    'possible_duplicate',
    409,
    { details: duplicates.map((d) => d.message).join(sep) },
    [
      { path: 'name', message: 'validation.same_name_and_birth' },
      { path: 'birthDate', message: 'validation.same_name_and_birth' },
    ],
    undefined,
    { duplicates },
  );
}

/** The path of the county (or the nearest region above township level) a school lies in. */
export async function countyPathOf(db: Tx, regionPath: string): Promise<string> {
  const ids = regionPath.split('/').filter(Boolean);
  const regions = await db.selectFrom('regions').select(['id', 'level', 'path']).where('id', 'in', ids).execute();
  const county = regions.find((r) => r.level === 'county') ?? regions.sort((a, b) => b.path.length - a.path.length).find((r) => r.level !== 'township');
  return county?.path ?? regionPath;
}

import { isForeignKeyViolation, type Row } from '@carebridge/db';
import { type Lang, translate } from '@carebridge/shared';
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors.ts';

/** One kind of row that keeps a region, school or term in use: its word (`inUse.<word>`) and a count of them. */
interface Use<T> {
  word: string;
  count: (of: T) => RawBuilder<{ n: number | string }>;
}

/**
 * What uses one kind of thing: the counts a delete is refused by, in the order a refusal names them,
 * and every table that names such a thing (`tables`, for the test that a new table is thought of):
 * counted, or only ever beside a counted row, or deleted with the thing, or kept after it.
 */
interface Uses<T> {
  counted: readonly Use<T>[];
  tables: readonly string[];
}

const count = (from: RawBuilder<unknown>) => sql<{ n: number | string }>`select count(*) as n from ${from}`;
/** An event or team listing a school among its units (`unit_ids`, a JSON list of school ids). */
const listsUnit = (id: string) => sql`unit_ids like ${`%"${id}"%`}`;

export const REGION_USES: Uses<Row<'regions'>> = {
  counted: [
    { word: 'regions', count: (r) => count(sql`regions where parent_id = ${r.id}`) },
    { word: 'schools', count: (r) => count(sql`schools where region_id = ${r.id}`) },
    {
      word: 'users',
      count: (r) => sql<{ n: number | string }>`select count(distinct user_id) as n from role_assignments where scope_kind = 'region' and scope_id = ${r.id}`,
    },
    { word: 'policies', count: (r) => count(sql`care_policies where region_id = ${r.id}`) },
    { word: 'events', count: (r) => count(sql`events where region_id = ${r.id}`) },
    { word: 'briefings', count: (r) => count(sql`briefings where region_id = ${r.id}`) },
  ],
  // Role assignments of schools and classes carry a region path: they are the schools' (counted).
  // The audit log keeps the region's path as history.
  tables: ['regions', 'schools', 'role_assignments', 'care_policies', 'events', 'briefings', 'audit_log'],
};

/** Tables whose rows go with the school: the duties it was created with, previews, notifications and caches. */
export const SCHOOL_OWNED = ['duties', 'roster_imports', 'notifications', 'compliance_tallies', 'school_risks'] as const;

export const SCHOOL_USES: Uses<Row<'schools'>> = {
  counted: [
    { word: 'classes', count: (s) => count(sql`classes where school_id = ${s.id}`) },
    { word: 'terms', count: (s) => count(sql`terms where school_id = ${s.id}`) },
    { word: 'children', count: (s) => count(sql`children where school_id = ${s.id}`) },
    { word: 'users', count: (s) => sql<{ n: number | string }>`select count(distinct user_id) as n from role_assignments where school_id = ${s.id}` },
    { word: 'leadership', count: (s) => count(sql`leadership_members where school_id = ${s.id}`) },
    { word: 'records', count: (s) => count(sql`care_records where school_id = ${s.id}`) },
    { word: 'pairings', count: (s) => count(sql`pairings where school_id = ${s.id}`) },
    { word: 'policies', count: (s) => count(sql`care_policies where school_id = ${s.id}`) },
    { word: 'incidents', count: (s) => count(sql`incidents where school_id = ${s.id}`) },
    { word: 'activities', count: (s) => count(sql`activities where school_id = ${s.id}`) },
    { word: 'safetyPlans', count: (s) => count(sql`safety_plans where school_id = ${s.id}`) },
    { word: 'safetyDuties', count: (s) => count(sql`safety_duties where school_id = ${s.id}`) },
    { word: 'camps', count: (s) => count(sql`camps where school_id = ${s.id}`) },
    { word: 'campaigns', count: (s) => count(sql`campaigns where school_id = ${s.id}`) },
    { word: 'events', count: (s) => count(sql`events where school_id = ${s.id} or ${listsUnit(s.id)}`) },
    { word: 'teams', count: (s) => count(sql`event_teams where school_id = ${s.id} or ${listsUnit(s.id)}`) },
    { word: 'donations', count: (s) => count(sql`donations where school_id = ${s.id}`) },
    { word: 'submissions', count: (s) => count(sql`roster_submissions where school_id = ${s.id}`) },
    { word: 'briefings', count: (s) => count(sql`briefings where school_id = ${s.id}`) },
  ],
  tables: [
    ...['classes', 'terms', 'children', 'role_assignments', 'leadership_members', 'care_records', 'pairings', 'care_policies', 'incidents'],
    ...['activities', 'safety_plans', 'safety_duties', 'camps', 'campaigns', 'events', 'event_teams', 'donations', 'roster_submissions', 'briefings'],
    // Only ever beside a counted row: a child's history, excuses and risk level; a record's links and
    // photos; an incident's children; an activity's people and files; a camp's photos.
    ...['child_history', 'due_excuses', 'child_risks', 'care_record_children', 'care_record_photos', 'incident_children'],
    ...['activity_people', 'activity_files', 'camp_photos'],
    ...SCHOOL_OWNED,
    // Kept: the audit log is history; change stamps only grow (the school's id is never used again).
    ...['audit_log', 'compliance_stamps', 'compliance_month_stamps'],
  ],
};

/**
 * A term is used by what names it, and by what happened in its days at its school: the care rules cut
 * their windows to the school's terms, so records, activities and excused to-dos of those days were
 * judged under it, and deleting it would change what past months read.
 */
export const TERM_USES: Uses<Row<'terms'>> = {
  counted: [
    { word: 'submissions', count: (t) => count(sql`roster_submissions where term_id = ${t.id}`) },
    { word: 'pairings', count: (t) => count(sql`pairings where term_id = ${t.id}`) },
    { word: 'safetyPlans', count: (t) => count(sql`safety_plans where term_id = ${t.id}`) },
    {
      word: 'records',
      count: (t) => count(sql`care_records where school_id = ${t.school_id} and deleted_at is null and date between ${t.start_date} and ${t.end_date}`),
    },
    { word: 'activities', count: (t) => count(sql`activities where school_id = ${t.school_id} and date between ${t.start_date} and ${t.end_date}`) },
    {
      word: 'excuses',
      count: (t) => count(sql`due_excuses where school_id = ${t.school_id} and window_start between ${t.start_date} and ${t.end_date}`),
    },
  ],
  tables: ['roster_submissions', 'pairings', 'safety_plans', 'care_records', 'activities', 'due_excuses'],
};

/**
 * Refuse to delete a thing while anything of `uses` counts for it (409 `in_use`, "该学校仍在使用中，不能删除：3 个班级、
 * 1 个学期"), in the caller's language. Run inside the delete's transaction, after the row is
 * locked, so that what is added meanwhile is counted or waits.
 */
export async function refuseWhileUsed<T>(tx: Tx, uses: Uses<T>, of: T, entity: string, lang: Lang): Promise<void> {
  const found: string[] = [];
  for (const use of uses.counted) {
    const n = Number((await use.count(of).execute(tx)).rows[0]?.n ?? 0);
    if (n > 0) found.push(translate(lang, `inUse.${use.word}`, { n }));
  }
  if (found.length) throw inUse(entity, found, lang);
}

/**
 * A delete refused by a foreign key after the counts passed (a row of a kind not counted, which
 * should not be): a 409 saying that other data uses it, rather than a 500.
 */
export function refusedByKey(err: unknown, entity: string): void {
  if (isForeignKeyViolation(err)) throw new AppError('in_use_other', 409, { entity: `entities.${entity}` });
}

/** The 409 naming what still uses a thing; `found` already in the reader's words. */
export function inUse(entity: string, found: string[], lang: Lang): AppError {
  const sep = translate(lang, 'validation.list_sep');
  const detail = found.length > 1 ? translate(lang, 'inUse.last', { list: found.slice(0, -1).join(sep), last: found.at(-1) as string }) : (found[0] ?? '');
  return new AppError('in_use', 409, { entity: `entities.${entity}`, detail });
}

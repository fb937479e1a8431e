/** Reading activities: the caller's scope as SQL, one activity or 404, target labels, attendance figures and the summary shape. */

import type { Row } from '@carebridge/db';
import { type ActivitySummary, type Lang, type SafetyTopic, translate } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { attendanceFigures } from './activity-places.ts';

export type ActivityRow = Row<'activities'> & { school_name: string; region_path: string };
type Count = ActivitySummary['attendance'];

/** Activities of schools the caller reads, as one SQL condition. */
function readable(auth: Auth): Expression<SqlBool> {
  if (auth.scope.global) return sql<SqlBool>`1 = 1`;
  const schools = [...new Set(auth.roles.map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null)).filter((x): x is string => !!x))];
  const ors: Expression<SqlBool>[] = [];
  if (schools.length) ors.push(sql<SqlBool>`a.school_id in (${sql.join(schools)})`);
  for (const p of auth.scope.regionPaths) ors.push(pathUnder(p, 's.region_path'));
  return ors.length ? sql<SqlBool>`(${sql.join(ors, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** Activities the caller reads (`a`), with their school's name and region path (`s`). */
export function readableActivities(db: Tx, auth: Auth) {
  return db
    .selectFrom('activities as a')
    .innerJoin('schools as s', 's.id', 'a.school_id')
    .selectAll('a')
    .select(['s.name as school_name', 's.region_path'])
    .where(readable(auth));
}

/** The activity if the caller reads it; 404 otherwise. */
export async function findActivity(db: Tx, auth: Auth, id: string): Promise<ActivityRow> {
  return ((await readableActivities(db, auth).where('a.id', '=', id).executeTakeFirst()) as ActivityRow | undefined) ?? notFound('activity');
}

export async function targetLabels(db: Tx, rows: ActivityRow[], lang: Lang): Promise<Map<string, string>> {
  const classIds = rows.filter((r) => r.target_scope === 'class' && r.target_value).map((r) => r.target_value as string);
  const names = classIds.length
    ? new Map((await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute()).map((c) => [c.id, c.name]))
    : new Map<string, string>();
  return new Map(
    rows.map((r) => [
      r.id,
      translate(lang, `activities.targets.${r.target_scope}`, {
        value: r.target_scope === 'class' ? (names.get(r.target_value ?? '') ?? '') : (r.target_value ?? ''),
      }),
    ]),
  );
}

/** The figures of each activity (`attendanceFigures`): counted in SQL where places are open, from the lines where the waiting list must be left out. */
export async function attendanceCounts(db: Tx, acts: Pick<ActivityRow, 'id' | 'capacity'>[]): Promise<Map<string, Count>> {
  const out = new Map<string, Count>();
  const open = acts.filter((a) => !a.capacity).map((a) => a.id);
  const limited = acts.filter((a) => a.capacity);
  if (open.length) {
    const rows = await db
      .selectFrom('activity_people')
      .select([
        'activity_id',
        sql<number>`sum(case when person_kind <> 'adult' then 1 else 0 end)`.as('children'),
        sql<number>`sum(case when person_kind <> 'adult' and present = 1 then 1 else 0 end)`.as('present'),
        sql<number>`sum(case when person_kind = 'adult' and present = 1 then 1 else 0 end)`.as('adults'),
      ])
      .where('activity_id', 'in', open)
      .groupBy('activity_id')
      .execute();
    for (const r of rows) out.set(r.activity_id, { children: Number(r.children), present: Number(r.present), adults: Number(r.adults) });
  }
  if (limited.length) {
    const lines = await placeLines(db)
      .where(
        'p.activity_id',
        'in',
        limited.map((a) => a.id),
      )
      .execute();
    for (const a of limited)
      out.set(
        a.id,
        attendanceFigures(
          lines.filter((l) => l.activity_id === a.id),
          a.capacity,
        ),
      );
  }
  return out;
}

/** Stored lines of sheets with what the three priorities need of the child's archive. */
function placeLines(db: Tx) {
  return db
    .selectFrom('activity_people as p')
    .leftJoin('children as c', 'c.id', 'p.child_id')
    .select(['p.id', 'p.activity_id', 'p.child_id', 'p.person_kind', 'p.applied_at', 'p.present', 'c.key_support', 'c.father_status', 'c.mother_status']);
}

export function toSummary(r: ActivityRow, label: string, count: Count | undefined): ActivitySummary {
  return {
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    kind: r.kind as ActivitySummary['kind'],
    customKind: r.custom_kind,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    place: r.place,
    targetLabel: label,
    status: r.status as ActivitySummary['status'],
    capacity: r.capacity,
    topics: JSON.parse(r.topics) as SafetyTopic[],
    attendance: count ?? { children: 0, present: 0, adults: 0 },
    seriesId: r.series_id,
  };
}

/**
 * A change of a camp's settings and what hangs on them: what it refuses to lose or break (children
 * in a group removed or made smaller, a session left without its groups, photos of days removed) and
 * what follows it (volunteers' days, sessions' groups, the cells of the units kept).
 */

import type { Row } from '@carebridge/db';
import {
  type CampGroup,
  type CampSession,
  type CampUnit,
  type CampUpdate,
  campUnits,
  type DatedSpan,
  type FixedEvent,
  joinList,
  type Lang,
  type TimetableCell,
} from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import type { FieldProblem } from '../../errors.ts';
import type { CampRow } from './camp.policy.ts';
import { datesBetween, reject } from './camp-checks.ts';

/** The camp's settings as a change leaves them (what it does not send stays as stored). */
export interface CampSettings {
  title: string;
  place: string | null;
  startDate: string;
  endDate: string;
  windows: { start: string; end: string }[];
  unitMinutes: number;
  fixedEvents: FixedEvent[];
  maxLessonsInRow: number;
  groups: CampGroup[];
}

export function mergeSettings(r: CampRow, input: CampUpdate): CampSettings {
  return {
    title: input.title ?? r.title,
    place: input.place === undefined ? r.place : input.place || null,
    startDate: input.startDate ?? r.start_date,
    endDate: input.endDate ?? r.end_date,
    windows: input.windows ?? JSON.parse(r.windows),
    unitMinutes: input.unitMinutes ?? r.unit_minutes,
    fixedEvents: input.fixedEvents ?? JSON.parse(r.fixed_events),
    maxLessonsInRow: input.maxLessonsInRow ?? r.max_lessons_in_row,
    groups: input.groups ?? JSON.parse(r.groups),
  };
}

/**
 * Refuse (422) a change that would lose or silently break what hangs on the settings, naming each
 * thing: a group removed while children are in it or made smaller than they are, a session whose
 * groups are all removed (no groups reads as all groups), days removed while photos are dated on them.
 */
export async function refuseLosses(tx: Tx, r: CampRow, after: CampSettings, lang: Lang): Promise<void> {
  const before = JSON.parse(r.groups) as CampGroup[];
  reject([
    ...(await peopledGroupProblems(tx, r.id, before, after.groups)),
    ...sessionsWithoutGroups(JSON.parse(r.sessions) as CampSession[], before, after.groups, lang),
    ...(await photoDayProblems(tx, r, after, lang)),
  ]);
}

/** Quoted names (“…”) in the caller's language's list. */
const list = (items: readonly string[], lang: Lang, quote = false) => joinList(lang, quote ? items.map((x) => `“${x}”`) : items);

/**
 * A group removed while children are in it (they would leave the camp unseen), or whose size is
 * lowered below them, naming the group and the count. A size left as it was is not judged again.
 */
async function peopledGroupProblems(tx: Tx, campId: string, before: readonly CampGroup[], after: readonly CampGroup[]): Promise<FieldProblem[]> {
  const was = new Map(before.map((g) => [g.id, g]));
  const removed = before.filter((g) => !after.some((x) => x.id === g.id));
  const resized = after.filter((g) => g.size && g.size !== was.get(g.id)?.size);
  if (!removed.length && !resized.length) return [];
  const rows = await tx
    .selectFrom('camp_children')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('camp_id', '=', campId)
    .where(
      'group_id',
      'in',
      [...removed, ...resized].map((g) => g.id),
    )
    .groupBy('group_id')
    .execute();
  const count = new Map(rows.map((row) => [row.group_id, Number(row.n)]));
  const n = (g: CampGroup) => count.get(g.id) ?? 0;
  return [
    ...removed.filter((g) => n(g)).map((g) => ({ path: 'groups', message: 'errors.camp_group_has_children', params: { group: g.name, count: n(g) } })),
    ...resized
      .filter((g) => n(g) > (g.size as number))
      .map((g) => ({ path: 'groups', message: 'errors.camp_group_size_below_children', params: { group: g.name, size: g.size as number, count: n(g) } })),
  ];
}

/** A session for some groups only, all of which the change removes: it would become one for every group. */
function sessionsWithoutGroups(sessions: readonly CampSession[], before: readonly CampGroup[], after: readonly CampGroup[], lang: Lang): FieldProblem[] {
  const kept = new Set(after.map((g) => g.id));
  const removed = new Map(before.filter((g) => !kept.has(g.id)).map((g) => [g.id, g.name]));
  if (!removed.size) return [];
  return sessions.flatMap((x) => {
    const gone = (x.groupIds ?? []).filter((g) => removed.has(g));
    if (!gone.length || x.groupIds?.some((g) => kept.has(g))) return [];
    const groups = list(
      gone.map((g) => removed.get(g) as string),
      lang,
      true,
    );
    return [{ path: 'groups', message: 'errors.camp_group_last_of_session', params: { session: x.title, groups } }];
  });
}

/** Days the change removes while photos are dated on them, named on the date that moved past them. */
async function photoDayProblems(tx: Tx, r: CampRow, after: CampSettings, lang: Lang): Promise<FieldProblem[]> {
  const later = after.startDate > r.start_date;
  const earlier = after.endDate < r.end_date;
  if (!later && !earlier) return [];
  const rows = await tx
    .selectFrom('camp_photos')
    .select(['date', (eb) => eb.fn.countAll<number>().as('n')])
    .where('camp_id', '=', r.id)
    .where((eb) => eb.or([...(later ? [eb('date', '<', after.startDate)] : []), ...(earlier ? [eb('date', '>', after.endDate)] : [])]))
    .groupBy('date')
    .orderBy('date')
    .execute();
  const side = (path: 'startDate' | 'endDate', on: typeof rows): FieldProblem[] =>
    on.length
      ? [
          {
            path,
            message: 'errors.camp_day_has_photos',
            params: {
              dates: list(
                on.map((d) => d.date),
                lang,
              ),
              count: on.reduce((a, d) => a + Number(d.n), 0),
            },
          },
        ]
      : [];
  return [
    ...side(
      'startDate',
      rows.filter((d) => d.date < after.startDate),
    ),
    ...side(
      'endDate',
      rows.filter((d) => d.date > after.endDate),
    ),
  ];
}

/**
 * The stored settings, with what follows them: sessions and cells lose their references to removed
 * groups (`refuseLosses` left each session at least one of its groups), cells of units gone go, the
 * other cells follow their unit (its date and time), whose index may change.
 */
export function settingsRow(r: CampRow, s: CampSettings): Partial<Row<'camps'>> {
  const kept = new Set(s.groups.map((g) => g.id));
  const sessions = (JSON.parse(r.sessions) as CampSession[]).map((x) => (x.groupIds ? { ...x, groupIds: x.groupIds.filter((g) => kept.has(g)) } : x));
  const unitOf = unitMap(
    campUnits(datesBetween(r.start_date, r.end_date), JSON.parse(r.windows), r.unit_minutes),
    campUnits(datesBetween(s.startDate, s.endDate), s.windows, s.unitMinutes),
  );
  const cells = (JSON.parse(r.timetable) as TimetableCell[]).flatMap((c) => {
    const unitIndex = unitOf.get(c.unitIndex);
    return kept.has(c.groupId) && unitIndex !== undefined ? [{ ...c, unitIndex }] : [];
  });
  return {
    title: s.title,
    place: s.place,
    start_date: s.startDate,
    end_date: s.endDate,
    windows: JSON.stringify(s.windows),
    unit_minutes: s.unitMinutes,
    fixed_events: JSON.stringify(s.fixedEvents),
    max_lessons_in_row: s.maxLessonsInRow,
    groups: JSON.stringify(s.groups),
    sessions: JSON.stringify(sessions),
    timetable: JSON.stringify(cells),
  };
}

/** Volunteers keep only their days inside the camp (none left: there on none of its days, not on all). */
export async function dropDaysOutside(tx: Tx, campId: string, days: readonly string[]): Promise<void> {
  const inside = new Set(days);
  const rows = await tx.selectFrom('camp_volunteers').select(['id', 'available']).where('camp_id', '=', campId).where('available', 'is not', null).execute();
  for (const v of rows) {
    const spans = JSON.parse(v.available as string) as DatedSpan[];
    const kept = spans.filter((a) => inside.has(a.date));
    if (kept.length === spans.length) continue;
    await tx
      .updateTable('camp_volunteers')
      .set({ available: JSON.stringify(kept) })
      .where('camp_id', '=', campId)
      .where('id', '=', v.id)
      .execute();
  }
}

/** Old unit index → new unit index, for the units of the old grid the new one still has (same date and time). */
export function unitMap(before: readonly CampUnit[], after: readonly CampUnit[]): Map<number, number> {
  const key = (u: CampUnit) => `${u.date} ${u.start} ${u.end}`;
  const now = new Map(after.map((u) => [key(u), u.index]));
  const out = new Map<number, number>();
  for (const u of before) {
    const i = now.get(key(u));
    if (i !== undefined) out.set(u.index, i);
  }
  return out;
}

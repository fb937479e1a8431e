/** A camp's input rules (settings, sessions, volunteers, children, hand-edited cells), each problem naming its field. */

import type { Camp, CampChild, CampGroup, CampSession, CampVolunteerEntry, FixedEvent, TimetableCell } from '@carebridge/shared';
import { AppError, type FieldProblem } from '../../errors.ts';

/** A camp is a few days to a few weeks. */
export const MAX_DAYS = 60;

/** Refuse the request, naming every field at fault (422; 400 for a field that is malformed rather than unacceptable). */
export const invalid = (fields: FieldProblem[], status = 422): never => {
  throw new AppError('validation_failed', status, {}, fields);
};

/** `invalid` when anything was found. */
export function reject(problems: FieldProblem[]): void {
  if (problems.length) invalid(problems);
}

/** The camp's days, first to last (at most one past MAX_DAYS, so a camp too long is seen without listing it all). */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && out.length <= MAX_DAYS; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Dates in order and not too many; windows and fixed events inside the camp; group ids unique. */
export function checkSettings(s: {
  startDate: string;
  endDate: string;
  windows: { start: string; end: string }[];
  fixedEvents: FixedEvent[];
  groups: CampGroup[];
}) {
  const problems: FieldProblem[] = [];
  if (s.endDate < s.startDate) problems.push({ path: 'endDate', message: 'validation.date_order' });
  else if (datesBetween(s.startDate, s.endDate).length > MAX_DAYS) problems.push({ path: 'endDate', message: 'errors.camp_too_long' });
  // Overlaps are reported on the window as the user typed it (its index in the request).
  const order = s.windows.map((w, i) => ({ ...w, i })).sort((a, b) => a.start.localeCompare(b.start));
  for (let j = 1; j < order.length; j++) {
    const cur = order[j] as { start: string; i: number };
    if (cur.start < (order[j - 1] as { end: string }).end) problems.push({ path: `windows.${cur.i}`, message: 'errors.camp_windows_overlap' });
  }
  s.fixedEvents.forEach((e, i) => {
    if (e.date < s.startDate || e.date > s.endDate) problems.push({ path: `fixedEvents.${i}.date`, message: 'errors.camp_date_outside' });
    for (const g of e.groupIds ?? [])
      if (!s.groups.some((x) => x.id === g)) problems.push({ path: `fixedEvents.${i}.groupIds`, message: 'errors.camp_unknown_group' });
  });
  const ids = s.groups.map((g) => g.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ path: `groups.${i}.id`, message: 'errors.camp_duplicate_id' });
  });
  reject(problems);
}

/** Whether item `i` repeats the id of an earlier item of the list. */
const repeated = (items: readonly { id: string }[], i: number) => items.findIndex((x) => x.id === items[i]?.id) !== i;

/** Row `i`'s `value` (an archive child, an account) given in an earlier row too: a problem on `path` naming that row. */
function repeatedValue<T>(items: readonly T[], i: number, value: (x: T) => string | null | undefined, path: string): FieldProblem[] {
  const v = value(items[i] as T);
  const first = v ? items.findIndex((x) => value(x) === v) : i;
  return first === i ? [] : [{ path, message: 'validation.duplicate', params: { n: first + 1 } }];
}

/** The session catalogue: ids unique, groups the camp's. */
export function sessionProblems(items: readonly CampSession[], groupIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  items.forEach((s, i) => {
    if (repeated(items, i)) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
    for (const g of s.groupIds ?? []) if (!groupIds.includes(g)) problems.push({ path: `items.${i}.groupIds`, message: 'errors.camp_unknown_group' });
  });
  return problems;
}

/** Volunteers: ids and accounts unique, accounts members of the host school, sessions the camp's, available days inside the camp. */
export function volunteerProblems(
  items: readonly CampVolunteerEntry[],
  sessionIds: readonly string[],
  members: ReadonlySet<string>,
  camp: { start_date: string; end_date: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  items.forEach((v, i) => {
    if (repeated(items, i)) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
    if (v.userId && !members.has(v.userId)) problems.push({ path: `items.${i}.userId`, message: 'errors.not_a_member' });
    // One account is one volunteer (its rights in the camp come from its row).
    else problems.push(...repeatedValue(items, i, (x) => x.userId, `items.${i}.userId`));
    for (const s of v.sessionIds) if (!sessionIds.includes(s)) problems.push({ path: `items.${i}.sessionIds`, message: 'errors.camp_unknown_session' });
    (v.available ?? []).forEach((a, j) => {
      if (a.date < camp.start_date || a.date > camp.end_date) problems.push({ path: `items.${i}.available.${j}.date`, message: 'errors.camp_date_outside' });
    });
  });
  return problems;
}

/**
 * Children: ids and archive children unique, groups the camp's and not over their size (each row beyond it named, on its
 * group), archive children among those `seen` (visible, of the host school).
 */
export function childProblems(items: readonly CampChild[], groups: readonly CampGroup[], seen: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const sizes = new Map<string, number>();
  items.forEach((c, i) => {
    if (repeated(items, i)) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
    const group = groups.find((g) => g.id === c.groupId);
    if (!group) problems.push({ path: `items.${i}.groupId`, message: 'errors.camp_unknown_group' });
    if (c.childId && !seen.has(c.childId)) problems.push({ path: `items.${i}.childId`, message: 'errors.camp_child_unknown' });
    // One archive child is one row, in one group.
    else problems.push(...repeatedValue(items, i, (x) => x.childId, `items.${i}.childId`));
    const n = (sizes.get(c.groupId) ?? 0) + 1;
    sizes.set(c.groupId, n);
    if (group?.size && n > group.size)
      problems.push({ path: `items.${i}.groupId`, message: 'errors.camp_group_full', params: { group: group.name, size: group.size } });
  });
  return problems;
}

/** A hand-edited grid may clash (the editor shows it) but names only the camp's groups, sessions, volunteers and units. */
export function cellProblems(cells: readonly TimetableCell[], camp: Camp, units: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  cells.forEach((x, i) => {
    if (!camp.groups.some((g) => g.id === x.groupId)) problems.push({ path: `cells.${i}.groupId`, message: 'errors.camp_unknown_group' });
    if (!camp.sessions.some((s) => s.id === x.sessionId)) problems.push({ path: `cells.${i}.sessionId`, message: 'errors.camp_unknown_session' });
    if (!camp.volunteers.some((v) => v.id === x.volunteerId)) problems.push({ path: `cells.${i}.volunteerId`, message: 'errors.camp_unknown_volunteer' });
    if (x.unitIndex >= units) problems.push({ path: `cells.${i}.unitIndex`, message: 'errors.camp_unknown_unit' });
  });
  return problems;
}

/** A photo's caption: at most 100 characters (a malformed field, 400). */
export function checkCaption(caption: string | null): void {
  if (caption && caption.length > 100) invalid([{ path: 'caption', message: 'errors.camp_photo_caption' }], 400);
}

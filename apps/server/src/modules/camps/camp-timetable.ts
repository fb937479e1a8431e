/** A camp's timetable as answered: the solver's input, the grid with the checker's findings worded for the caller, the after-camp summary. */

import {
  type Camp,
  type CampInput,
  type CampTimetable,
  campInput,
  campNames,
  campUnits,
  checkTimetable,
  describeCampViolation,
  explain,
  type Lang,
  type Timetable,
  type TimetableCell,
  translate,
} from '@carebridge/shared';

/** The solver's input from the stored camp; locked cells of the timetable are kept when asked. */
export function solverInput(c: Camp, cells: readonly TimetableCell[], keepLocked: boolean): CampInput {
  const locked = keepLocked
    ? cells.filter((x) => x.locked).map(({ groupId, unitIndex, sessionId, volunteerId }) => ({ groupId, unitIndex, sessionId, volunteerId }))
    : [];
  return { ...campInput(c), locked };
}

/** The timetable with the checker's findings, worded for the caller. */
export function timetableReport(c: Camp, cells: TimetableCell[], lang: Lang, solved?: CampTimetable): Timetable {
  const input = solverInput(c, cells, false);
  const names = campNames(input);
  const check = checkTimetable(input, cells);
  const loads: Record<string, number> = Object.fromEntries(c.volunteers.map((v) => [v.id, 0]));
  for (const cell of cells) loads[cell.volunteerId] = (loads[cell.volunteerId] ?? 0) + 1;
  return {
    units: campUnits(input.days, input.windows, input.unitMinutes),
    cells,
    violations: check.violations.map((v) => ({ code: v.code, cells: v.cells, text: describeCampViolation(v, lang, names) })),
    // Right after solving, each shortfall comes with the solver's reason; after hand edits, as a count.
    unmet: check.unmet.map((u) => {
      const why = solved?.unmet.find((x) => x.groupId === u.groupId && x.sessionId === u.sessionId && x.got === u.got);
      const text = why
        ? explain(why, lang, names)
        : translate(lang, 'camps.shortfall', {
            group: names.groups?.[u.groupId] ?? u.groupId,
            session: names.sessions?.[u.sessionId] ?? u.sessionId,
            got: u.got,
            required: u.required,
          });
      return { ...u, text };
    }),
    problems: (solved?.problems ?? []).map((p) => ({ code: p.code, text: explain(p, lang, names) })),
    loads,
    solvedAt: c.solvedAt,
    version: c.version,
  };
}

/** After the camp: children, groups, volunteers, photos, and units taught by subject, most first (for the briefing). */
export function campSummary(c: Camp, cells: readonly TimetableCell[]) {
  const subject = new Map(c.sessions.map((s) => [s.id, s.subject]));
  const by = new Map<string, number>();
  for (const cell of cells) by.set(subject.get(cell.sessionId) ?? '?', (by.get(subject.get(cell.sessionId) ?? '?') ?? 0) + 1);
  return {
    children: c.children.length + c.childrenHidden,
    groups: c.groups.length,
    volunteers: c.volunteers.length,
    units: cells.length,
    photos: c.photos.length,
    bySubject: [...by].map(([s, units]) => ({ subject: s, units })).sort((a, b) => b.units - a.units),
  };
}

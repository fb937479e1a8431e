import { buildCampModel, type CampModel } from './model.ts';
import type { CampCellLike, CampCheck, CampInput, CampTally, CampViolation } from './types.ts';

/** Positions sharing one key: the first in `first`, the rest only when there is a clash. */
function collide(first: Int32Array, clashes: Map<number, number[]>, key: number, i: number): void {
  const prev = first[key]!;
  if (prev < 0) first[key] = i;
  else {
    const list = clashes.get(key);
    if (list) list.push(i);
    else clashes.set(key, [prev, i]);
  }
}

/**
 * Every hard rule a timetable breaks, naming the cells (positions in `cells`), and the requirements
 * it leaves short or overshoots. Pure and linear in cells + groups × units, so the grid editor can
 * run it on every edit. Pass a prebuilt model to skip rebuilding it.
 */
export function checkTimetable(input: CampInput, cells: readonly CampCellLike[], model: CampModel = buildCampModel(input)): CampCheck {
  const { U, G, S, V, units, groups, sessions, volunteers } = model;
  const violations: CampViolation[] = [];
  const gIdx = new Int32Array(cells.length).fill(-1);
  const sIdx = new Int32Array(cells.length).fill(-1);
  const vIdx = new Int32Array(cells.length).fill(-1);
  const groupFirst = new Int32Array(G * U).fill(-1);
  const groupClash = new Map<number, number[]>();
  const volFirst = new Int32Array(V * U).fill(-1);
  const volClash = new Map<number, number[]>();
  const volCells: number[][] = volunteers.map(() => []);
  const got = new Int32Array(S * G);

  cells.forEach((cell, i) => {
    const g = model.groupIndex.get(cell.groupId);
    const s = model.sessionIndex.get(cell.sessionId);
    const v = model.volunteerIndex.get(cell.volunteerId);
    const u = cell.unitIndex;
    const unitOk = Number.isInteger(u) && u >= 0 && u < U;
    if (g === undefined) violations.push({ code: 'unknown_ref', cells: [i], ref: 'group', id: cell.groupId });
    if (!unitOk) violations.push({ code: 'unknown_ref', cells: [i], ref: 'unit', id: String(u) });
    if (s === undefined) violations.push({ code: 'unknown_ref', cells: [i], ref: 'session', id: cell.sessionId });
    if (v === undefined) violations.push({ code: 'unknown_ref', cells: [i], ref: 'volunteer', id: cell.volunteerId });
    if (g === undefined || !unitOk) return;
    gIdx[i] = g;
    collide(groupFirst, groupClash, g * U + u, i);
    const event = model.blocked[g * U + u];
    if (event !== null && event !== undefined) violations.push({ code: 'blocked_by_event', cells: [i], groupId: cell.groupId, unitIndex: u, event });
    if (s !== undefined) {
      sIdx[i] = s;
      got[s * G + g]!++;
      if (!model.suitable[s * G + g]) violations.push({ code: 'session_unsuitable', cells: [i], groupId: cell.groupId, sessionId: cell.sessionId });
    }
    if (v !== undefined) {
      vIdx[i] = v;
      volCells[v]!.push(i);
      collide(volFirst, volClash, v * U + u, i);
      if (!model.avail[v * U + u]) violations.push({ code: 'volunteer_unavailable', cells: [i], volunteerId: cell.volunteerId, unitIndex: u });
      if (s !== undefined && !model.canTeach[v * S + s]) {
        violations.push({ code: 'volunteer_unqualified', cells: [i], volunteerId: cell.volunteerId, sessionId: cell.sessionId });
      }
    }
  });

  for (const [key, list] of groupClash) violations.push({ code: 'group_double', cells: list, groupId: groups[Math.floor(key / U)]!.id, unitIndex: key % U });
  for (const [key, list] of volClash)
    violations.push({ code: 'volunteer_double', cells: list, volunteerId: volunteers[Math.floor(key / U)]!.id, unitIndex: key % U });
  volCells.forEach((list, v) => {
    const max = model.maxUnits[v]!;
    if (list.length <= max) return;
    const ordered = [...list].sort((a, b) => cells[a]!.unitIndex - cells[b]!.unitIndex || a - b);
    violations.push({ code: 'volunteer_over_max', cells: ordered.slice(max), volunteerId: volunteers[v]!.id, max, got: list.length });
  });

  // Runs within each half-day, read off the grid (the first cell wins where a group has two).
  const max = model.maxLessonsInRow;
  for (let g = 0; g < G; g++) {
    const groupId = groups[g]!.id;
    for (let h = 0; h < model.halves; h++) {
      const from = model.halfStart[h]!;
      const to = model.halfEnd[h]!;
      let lessonRun: number[] = [];
      let sameRun: number[] = [];
      let sameS = -1;
      const runsOf = new Map<number, { runs: number; cells: number[] }>();
      const closeSame = () => {
        if (sameRun.length >= 2 && !model.allowConsecutive[sameS]) {
          violations.push({ code: 'consecutive', cells: sameRun, groupId, sessionId: sessions[sameS]!.id });
        }
      };
      const closeLessons = () => {
        if (lessonRun.length > max) violations.push({ code: 'lessons_in_row', cells: lessonRun, groupId, max, run: lessonRun.length });
      };
      for (let u = from; u <= to; u++) {
        const i = u < to ? groupFirst[g * U + u]! : -1;
        const s = i >= 0 ? sIdx[i]! : -1;
        if (s >= 0 && model.lesson[s]) lessonRun.push(i);
        else {
          closeLessons();
          lessonRun = [];
        }
        if (s >= 0 && s === sameS) sameRun.push(i);
        else {
          if (sameS >= 0) closeSame();
          sameS = s;
          sameRun = s >= 0 ? [i] : [];
          if (s >= 0) {
            const entry = runsOf.get(s);
            if (entry) {
              entry.runs++;
              entry.cells.push(i);
            } else runsOf.set(s, { runs: 1, cells: [i] });
            continue;
          }
        }
        if (s >= 0) runsOf.get(s)!.cells.push(i);
      }
      for (const [s, entry] of runsOf) {
        if (entry.runs > 1 && !model.allowRepeat[s]) {
          violations.push({ code: 'repeat_in_half', cells: entry.cells, groupId, sessionId: sessions[s]!.id, half: units[from]!.half });
        }
      }
    }
  }

  const unmet: CampTally[] = [];
  const excess: CampTally[] = [];
  for (let g = 0; g < G; g++) {
    for (let s = 0; s < S; s++) {
      if (!model.suitable[s * G + g]) continue;
      const required = model.required[s * G + g]!;
      const n = got[s * G + g]!;
      if (n < required) unmet.push({ groupId: groups[g]!.id, sessionId: sessions[s]!.id, required, got: n });
      else if (n > required) excess.push({ groupId: groups[g]!.id, sessionId: sessions[s]!.id, required, got: n });
    }
  }
  return { violations, unmet, excess };
}

import type { CampCell, CampModel } from '@carebridge/shared';

/** A place in the grid: one group at one unit. */
export interface Slot {
  groupId: string;
  unitIndex: number;
}

export const slotKey = (s: Slot) => `${s.groupId}|${s.unitIndex}`;
export const sameSlot = (a: Slot | null | undefined, b: Slot | null | undefined) => !!a && !!b && a.groupId === b.groupId && a.unitIndex === b.unitIndex;

/** Positions of the cells in each slot (normally one; two or more when a group is double-booked). */
export function indexCells(cells: readonly CampCell[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const key = slotKey(c);
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  });
  return out;
}

const at = (cells: readonly CampCell[], s: Slot) => cells.findIndex((c) => c.groupId === s.groupId && c.unitIndex === s.unitIndex);

export type MoveResult = { cells: CampCell[] } | { blocked: 'empty' | 'same' | 'locked' };

/**
 * Move the cell in `from` to `to`; when `to` holds a cell, the two swap places. Locked cells stay
 * where they are (unlock first). The cells keep their volunteer and session: a move may well
 * create a clash, which the checker then shows.
 */
export function moveCell(cells: readonly CampCell[], from: Slot, to: Slot): MoveResult {
  if (sameSlot(from, to)) return { blocked: 'same' };
  const i = at(cells, from);
  if (i < 0) return { blocked: 'empty' };
  const j = at(cells, to);
  if (cells[i]!.locked || (j >= 0 && cells[j]!.locked)) return { blocked: 'locked' };
  const next = [...cells];
  next[i] = { ...cells[i]!, groupId: to.groupId, unitIndex: to.unitIndex };
  if (j >= 0) next[j] = { ...cells[j]!, groupId: from.groupId, unitIndex: from.unitIndex };
  return { cells: next };
}

/** Lock or unlock the cell in a slot (the solver keeps locked cells exactly). */
export function toggleLock(cells: readonly CampCell[], slot: Slot): CampCell[] {
  return cells.map((c) => (c.groupId === slot.groupId && c.unitIndex === slot.unitIndex ? { ...c, locked: !c.locked } : c));
}

/** Empty a slot (a free unit / self-study). */
export function clearSlot(cells: readonly CampCell[], slot: Slot): CampCell[] {
  return cells.filter((c) => !(c.groupId === slot.groupId && c.unitIndex === slot.unitIndex));
}

/** Put a session with a volunteer into a slot, replacing what was there (keeping its lock unless told). */
export function setSlot(cells: readonly CampCell[], slot: Slot, what: { sessionId: string; volunteerId: string; locked?: boolean }): CampCell[] {
  const i = at(cells, slot);
  const cell: CampCell = {
    groupId: slot.groupId,
    unitIndex: slot.unitIndex,
    sessionId: what.sessionId,
    volunteerId: what.volunteerId,
    locked: what.locked ?? false,
  };
  if (i < 0) return [...cells, cell];
  return cells.map((c, k) => (k === i ? { ...c, ...cell, locked: what.locked ?? c.locked } : c));
}

const canonical = (cells: readonly CampCell[]) =>
  cells
    .map((c) => `${c.groupId}|${c.unitIndex}|${c.sessionId}|${c.volunteerId}|${c.locked ? 1 : 0}`)
    .sort()
    .join('\n');

/** The same timetable, whatever the order of its cells. */
export function sameCells(a: readonly CampCell[], b: readonly CampCell[]): boolean {
  return a.length === b.length && canonical(a) === canonical(b);
}

/**
 * Cells the server would refuse (a group, session, volunteer or unit that no longer exists, e.g.
 * after the settings or the catalogue changed): they are left out when saving.
 */
export function splitUnknown(cells: readonly CampCell[], model: CampModel): { kept: CampCell[]; dropped: CampCell[] } {
  const kept: CampCell[] = [];
  const dropped: CampCell[] = [];
  for (const c of cells) {
    const ok =
      model.groupIndex.has(c.groupId) &&
      model.sessionIndex.has(c.sessionId) &&
      model.volunteerIndex.has(c.volunteerId) &&
      Number.isInteger(c.unitIndex) &&
      c.unitIndex >= 0 &&
      c.unitIndex < model.U;
    (ok ? kept : dropped).push(c);
  }
  return { kept, dropped };
}

/** Units each volunteer teaches in these cells. */
export function loadsOf(cells: readonly CampCell[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cells) out.set(c.volunteerId, (out.get(c.volunteerId) ?? 0) + 1);
  return out;
}

/**
 * Volunteers for a slot, best first: able to teach the session, there at that unit, and not
 * teaching elsewhere then (`busy` names the group they are with).
 */
export function volunteerOptions(model: CampModel, cells: readonly CampCell[], slot: Slot, sessionId: string | undefined) {
  const s = sessionId === undefined ? undefined : model.sessionIndex.get(sessionId);
  const busyWith = new Map<string, string>();
  for (const c of cells) if (c.unitIndex === slot.unitIndex && c.groupId !== slot.groupId) busyWith.set(c.volunteerId, c.groupId);
  const u = slot.unitIndex;
  return model.volunteers
    .map((v, vi) => {
      const qualified = s !== undefined && !!model.canTeach[vi * model.S + s];
      const there = u >= 0 && u < model.U && !!model.avail[vi * model.U + u];
      const busy = busyWith.get(v.id);
      return { id: v.id, name: v.name, qualified, there, busy, rank: (qualified ? 0 : 4) + (there ? 0 : 2) + (busy ? 1 : 0) };
    })
    .sort((a, b) => a.rank - b.rank);
}

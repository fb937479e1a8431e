import { checkTimetable } from './check.ts';
import { buildCampModel, type CampModel } from './model.ts';
import type { CampCell, CampInput, CampProblem, CampTimetable, Unmet, UnmetReason } from './types.ts';

/** The grid being filled, with the counters the rules and the scoring read. */
interface State {
  m: CampModel;
  /** [g * U + u]: session index or -1 (free). */
  sess: Int32Array;
  /** [g * U + u]: volunteer index or -1. */
  vol: Int32Array;
  locked: Uint8Array;
  /** [v * U + u]: cells the volunteer teaches in the unit. */
  busy: Int32Array;
  load: Int32Array;
  /** [s * G + g]. */
  got: Int32Array;
  /** [(s * G + g) * days + day]. */
  dayCount: Int32Array;
  /** [(s * G + g) * windows + window]. */
  winCount: Int32Array;
  /** [g * days + day]: filled units, and free (unblocked) units. */
  dayFill: Int32Array;
  dayRoom: Int32Array;
}

function newState(m: CampModel): State {
  const { U, G, S, V, days, windows } = m;
  const dayRoom = new Int32Array(G * days);
  for (let g = 0; g < G; g++) for (let u = 0; u < U; u++) if (m.blocked[g * U + u] === null) dayRoom[g * days + m.unitDay[u]!]!++;
  return {
    m,
    sess: new Int32Array(G * U).fill(-1),
    vol: new Int32Array(G * U).fill(-1),
    locked: new Uint8Array(G * U),
    busy: new Int32Array(V * U),
    load: new Int32Array(V),
    got: new Int32Array(S * G),
    dayCount: new Int32Array(S * G * days),
    winCount: new Int32Array(S * G * windows),
    dayFill: new Int32Array(G * days),
    dayRoom,
  };
}

function place(st: State, g: number, u: number, s: number, v: number): void {
  const { U, G, days, windows } = st.m;
  st.sess[g * U + u] = s;
  st.vol[g * U + u] = v;
  st.busy[v * U + u]!++;
  st.load[v]!++;
  st.got[s * G + g]!++;
  st.dayCount[(s * G + g) * days + st.m.unitDay[u]!]!++;
  st.winCount[(s * G + g) * windows + st.m.unitWindow[u]!]!++;
  st.dayFill[g * days + st.m.unitDay[u]!]!++;
}

function remove(st: State, g: number, u: number): void {
  const { U, G, days, windows } = st.m;
  const s = st.sess[g * U + u]!;
  const v = st.vol[g * U + u]!;
  st.sess[g * U + u] = -1;
  st.vol[g * U + u] = -1;
  st.busy[v * U + u]!--;
  st.load[v]!--;
  st.got[s * G + g]!--;
  st.dayCount[(s * G + g) * days + st.m.unitDay[u]!]!--;
  st.winCount[(s * G + g) * windows + st.m.unitWindow[u]!]!--;
  st.dayFill[g * days + st.m.unitDay[u]!]!--;
}

/** Lesson units in a row through u if a lesson went there (the unit itself included). */
function lessonRunThrough(st: State, g: number, u: number): number {
  const { U, lesson, unitHalf, halfStart, halfEnd } = st.m;
  const h = unitHalf[u]!;
  let run = 1;
  for (let k = u - 1; k >= halfStart[h]!; k--) {
    const s = st.sess[g * U + k]!;
    if (s < 0 || !lesson[s]) break;
    run++;
  }
  for (let k = u + 1; k < halfEnd[h]!; k++) {
    const s = st.sess[g * U + k]!;
    if (s < 0 || !lesson[s]) break;
    run++;
  }
  return run;
}

/** Whether session s may go into the free unit u of group g, volunteers aside (the same rules as checkTimetable). */
function canHost(st: State, g: number, u: number, s: number): boolean {
  const m = st.m;
  const { U, G } = m;
  if (st.sess[g * U + u] !== -1 || m.blocked[g * U + u] !== null || !m.suitable[s * G + g]) return false;
  const h = m.unitHalf[u]!;
  const from = m.halfStart[h]!;
  const to = m.halfEnd[h]!;
  if (!m.allowConsecutive[s]) {
    if (u - 1 >= from && st.sess[g * U + u - 1] === s) return false;
    if (u + 1 < to && st.sess[g * U + u + 1] === s) return false;
  }
  if (!m.allowRepeat[s]) {
    // Separate runs of s in the half once u is filled: at most one.
    let runs = 0;
    let prev = -1;
    for (let k = from; k < to; k++) {
      const x = k === u ? s : st.sess[g * U + k]!;
      if (x === s && prev !== s) runs++;
      prev = x;
    }
    if (runs > 1) return false;
  }
  return !m.lesson[s] || lessonRunThrough(st, g, u) <= m.maxLessonsInRow;
}

/** The least-loaded volunteer free for s in unit u (specialists before all-rounders, then input order), or -1. */
function pickVolunteer(st: State, u: number, s: number, except = -1): number {
  const m = st.m;
  let best = -1;
  for (const v of m.qualified[s]!) {
    if (v === except || !m.avail[v * m.U + u] || st.busy[v * m.U + u]! > 0 || st.load[v]! >= m.maxUnits[v]!) continue;
    if (best < 0 || st.load[v]! < st.load[best]! || (st.load[v] === st.load[best] && m.skills[v]! < m.skills[best]!)) best = v;
  }
  return best;
}

/**
 * The best unit and volunteer for one more unit of s for g: a day and a window the group has it
 * least, a day the group is least busy, a short lesson run, a lightly loaded volunteer; earliest on ties.
 */
function bestSlot(st: State, g: number, s: number): { u: number; v: number } | null {
  const m = st.m;
  const { U, G, days, windows } = m;
  let best: { u: number; v: number } | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let u = 0; u < U; u++) {
    if (st.sess[g * U + u] !== -1 || m.blocked[g * U + u] !== null || !canHost(st, g, u, s)) continue;
    const v = pickVolunteer(st, u, s);
    if (v < 0) continue;
    const d = m.unitDay[u]!;
    const room = st.dayRoom[g * days + d]!;
    const score =
      1000 * st.dayCount[(s * G + g) * days + d]! +
      60 * st.winCount[(s * G + g) * windows + m.unitWindow[u]!]! +
      (40 * st.dayFill[g * days + d]!) / room +
      (m.lesson[s] ? 4 * lessonRunThrough(st, g, u) : 0) +
      2 * st.load[v]!;
    if (score < bestScore) {
      bestScore = score;
      best = { u, v };
    }
  }
  return best;
}

/** Give another volunteer the unlocked cell that v teaches in unit u; whether it worked. */
function handOver(st: State, v: number, u: number): boolean {
  const { U, G } = st.m;
  for (let g = 0; g < G; g++) {
    if (st.vol[g * U + u] !== v || st.locked[g * U + u]) continue;
    const s = st.sess[g * U + u]!;
    const other = pickVolunteer(st, u, s, v);
    if (other < 0) continue;
    remove(st, g, u);
    place(st, g, u, s, other);
    return true;
  }
  return false;
}

/**
 * One more unit of s for g when no free unit has a free volunteer: free a qualified volunteer by
 * handing one of their cells to a colleague, or move another session of the group out of the way.
 * Never lowers any other requirement's count.
 */
function repair(st: State, g: number, s: number): boolean {
  const m = st.m;
  const { U } = m;
  if (m.qualified[s]!.length === 0) return false;
  for (let u = 0; u < U; u++) {
    if (!canHost(st, g, u, s)) continue;
    for (const v of m.qualified[s]!) {
      if (!m.avail[v * U + u]) continue;
      if (st.busy[v * U + u]! > 0) {
        if (st.load[v]! < m.maxUnits[v]! && handOver(st, v, u)) {
          place(st, g, u, s, v);
          return true;
        }
      } else if (st.load[v]! >= m.maxUnits[v]!) {
        for (let k = 0; k < U; k++) {
          if (st.busy[v * U + k]! > 0 && handOver(st, v, k)) {
            place(st, g, u, s, v);
            return true;
          }
        }
      }
    }
  }
  for (let u = 0; u < U; u++) {
    const s2 = st.sess[g * U + u]!;
    if (s2 < 0 || s2 === s || st.locked[g * U + u]) continue;
    const v2 = st.vol[g * U + u]!;
    remove(st, g, u);
    if (canHost(st, g, u, s)) {
      const v = pickVolunteer(st, u, s);
      if (v >= 0) {
        place(st, g, u, s, v);
        const slot = bestSlot(st, g, s2);
        if (slot) {
          place(st, g, slot.u, s2, slot.v);
          return true;
        }
        remove(st, g, u);
      }
    }
    place(st, g, u, s2, v2);
  }
  return false;
}

/** Sessions most short of volunteer units first: remaining demand over what their volunteers could give. */
function sessionOrder(st: State): number[] {
  const m = st.m;
  const { U, G, S } = m;
  const ratio = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let demand = 0;
    for (let g = 0; g < G; g++) demand += Math.max(0, m.required[s * G + g]! - st.got[s * G + g]!);
    let supply = 0;
    for (const v of m.qualified[s]!) {
      let free = 0;
      for (let u = 0; u < U; u++) if (m.avail[v * U + u] && st.busy[v * U + u] === 0) free++;
      supply += Math.min(free, Math.max(0, m.maxUnits[v]! - st.load[v]!));
    }
    ratio[s] = demand === 0 ? -1 : supply === 0 ? Number.POSITIVE_INFINITY : demand / supply;
  }
  return [...Array(S).keys()].sort((a, b) => ratio[b]! - ratio[a]! || m.sessions[b]!.unitsPerGroup - m.sessions[a]!.unitsPerGroup || a - b);
}

/** Why (g, s) is still short, checked from the plainest cause to the subtlest. */
function reasonFor(st: State, g: number, s: number, capacity: Int32Array, demand: Int32Array): UnmetReason {
  const m = st.m;
  const { U } = m;
  const sessionId = m.sessions[s]!.id;
  const qualified = m.qualified[s]!;
  if (qualified.length === 0) return { code: 'no_volunteer', sessionId };
  if (capacity[s] === 0) return { code: 'volunteer_unavailable', sessionId, volunteers: qualified.length };
  let free = 0;
  let legal = 0;
  const halves = new Set<number>();
  for (let u = 0; u < U; u++) {
    if (m.blocked[g * U + u] !== null) continue;
    halves.add(m.unitHalf[u]!);
    if (st.sess[g * U + u] !== -1) continue;
    free++;
    if (canHost(st, g, u, s)) legal++;
  }
  if (free === 0) return { code: 'no_free_units', groupId: m.groups[g]!.id };
  const saturated = qualified.every((v) => st.load[v]! >= m.maxUnits[v]!);
  if (capacity[s]! < demand[s]! || saturated) {
    return { code: 'volunteer_capacity', sessionId, volunteers: qualified.length, capacity: capacity[s]!, demand: demand[s]! };
  }
  const required = m.required[s * m.G + g]!;
  if (!m.allowRepeat[s] && !m.allowConsecutive[s] && required > halves.size) return { code: 'too_few_half_days', sessionId, halves: halves.size };
  if (legal === 0) return { code: 'schedule_rules', sessionId };
  return { code: 'volunteer_busy', sessionId, volunteers: qualified.length };
}

/**
 * Put the locked cells in as they are; an unknown reference, or a second cell for a group and unit
 * already taken, is dropped and reported. Returns, per grid cell, the position in `input.locked` kept there (or -1).
 */
function placeLocked(st: State, input: CampInput, problems: CampProblem[]): Int32Array {
  const m = st.m;
  const at = new Int32Array(m.G * m.U).fill(-1);
  const locked = input.locked ?? [];
  if (locked.length === 0) return at;
  const kept = locked.map((cell, i) => {
    const g = m.groupIndex.get(cell.groupId);
    const s = m.sessionIndex.get(cell.sessionId);
    const v = m.volunteerIndex.get(cell.volunteerId);
    const u = cell.unitIndex;
    if (g === undefined || s === undefined || v === undefined || !(Number.isInteger(u) && u >= 0 && u < m.U)) return false;
    if (st.sess[g * m.U + u] !== -1) return false;
    place(st, g, u, s, v);
    st.locked[g * m.U + u] = 1;
    at[g * m.U + u] = i;
    return true;
  });
  for (const violation of checkTimetable(input, locked, m).violations) {
    if (violation.code === 'unknown_ref' || violation.code === 'group_double') {
      problems.push({ code: 'locked_conflict', violation, dropped: violation.cells.filter((i) => !kept[i]) });
    }
  }
  return at;
}

/**
 * The rules the kept locked cells still break in the finished grid, with positions in `input.locked`.
 * Checked on the final grid, not on the locked cells alone: two locked units of a double period
 * with a gap are fine once the solver fills the gap. The solver never adds to a broken rule, so
 * every violation left is the locked cells' own.
 */
function lockedProblems(input: CampInput, m: CampModel, cells: readonly CampCell[], at: Int32Array): CampProblem[] {
  const problems: CampProblem[] = [];
  const { violations, excess } = checkTimetable(input, cells, m);
  for (const violation of violations) {
    const positions = violation.cells.filter((i) => cells[i]!.locked).map((i) => at[m.groupIndex.get(cells[i]!.groupId)! * m.U + cells[i]!.unitIndex]!);
    if (positions.length > 0) problems.push({ code: 'locked_conflict', violation: { ...violation, cells: positions }, dropped: [] });
  }
  for (const tally of excess) problems.push({ code: 'locked_excess', ...tally });
  return problems;
}

/**
 * Fill the group × unit grid. Deterministic: the same input gives the same timetable.
 *
 * Locked cells go in first, as they are. Then rounds: each round gives every (group, session)
 * still short one more unit, sessions scarcest first, groups in a rotating order so a scarce
 * volunteer is shared out evenly. A requirement with no free slot goes to repair (hand a
 * volunteer's cell to a colleague, or move another session of the group). Never places more units
 * than required; every shortfall comes back in `unmet` with its reason.
 */
export function solveCamp(input: CampInput): CampTimetable {
  const m = buildCampModel(input);
  const { U, G, S, V } = m;
  const st = newState(m);
  const problems: CampProblem[] = [...m.problems];
  const lockedAt = placeLocked(st, input, problems);
  const need = (g: number, s: number) => m.required[s * G + g]! - st.got[s * G + g]!;

  const order = sessionOrder(st);
  const stuck = new Uint8Array(S * G);
  for (let round = 0, progress = true; progress; round++) {
    progress = false;
    order.forEach((s, rank) => {
      for (let i = 0; i < G; i++) {
        const g = (i + rank + round) % G;
        if (stuck[s * G + g] || need(g, s) <= 0) continue;
        const slot = bestSlot(st, g, s);
        if (slot) {
          place(st, g, slot.u, s, slot.v);
          progress = true;
        } else stuck[s * G + g] = 1;
      }
    });
  }

  for (let g = 0; g < G; g++) {
    for (const s of order) {
      while (need(g, s) > 0) {
        const slot = bestSlot(st, g, s);
        if (slot) place(st, g, slot.u, s, slot.v);
        else if (!repair(st, g, s)) break;
      }
    }
  }

  // What each session's volunteers could give at most, and what the groups ask of it.
  const capacity = new Int32Array(S);
  const demand = new Int32Array(S);
  const availUnits = new Int32Array(V);
  for (let v = 0; v < V; v++) for (let u = 0; u < U; u++) availUnits[v]! += m.avail[v * U + u]!;
  for (let s = 0; s < S; s++) {
    for (const v of m.qualified[s]!) capacity[s]! += Math.min(availUnits[v]!, m.maxUnits[v]!);
    for (let g = 0; g < G; g++) demand[s]! += m.required[s * G + g]!;
  }

  const cells: CampCell[] = [];
  const unmet: Unmet[] = [];
  for (let g = 0; g < G; g++) {
    for (let u = 0; u < U; u++) {
      const s = st.sess[g * U + u]!;
      if (s < 0) continue;
      cells.push({
        groupId: m.groups[g]!.id,
        unitIndex: u,
        sessionId: m.sessions[s]!.id,
        volunteerId: m.volunteers[st.vol[g * U + u]!]!.id,
        locked: st.locked[g * U + u] === 1,
      });
    }
    for (let s = 0; s < S; s++) {
      if (!m.suitable[s * G + g] || need(g, s) <= 0) continue;
      unmet.push({
        groupId: m.groups[g]!.id,
        sessionId: m.sessions[s]!.id,
        required: m.required[s * G + g]!,
        got: st.got[s * G + g]!,
        reason: reasonFor(st, g, s, capacity, demand),
      });
    }
  }
  if (input.locked?.length) problems.push(...lockedProblems(input, m, cells, lockedAt));
  return { cells, unmet, problems };
}

import {
  type CampGroup,
  type CampInput,
  type CampProblem,
  type CampSession,
  type CampUnit,
  type CampVolunteer,
  campUnits,
  DEFAULT_MAX_LESSONS_IN_ROW,
  DEFAULT_UNIT_MINUTES,
  toMinutes,
} from './types.ts';

/**
 * The input turned into dense index arrays, shared by the checker and the solver so that both read
 * the rules the same way. Flat arrays are indexed [outer * inner + inner], e.g. blocked[g * U + u].
 */
export interface CampModel {
  units: CampUnit[];
  groups: CampGroup[];
  sessions: CampSession[];
  volunteers: CampVolunteer[];
  groupIndex: Map<string, number>;
  sessionIndex: Map<string, number>;
  volunteerIndex: Map<string, number>;
  U: number;
  G: number;
  S: number;
  V: number;
  /** Day (0-based, dates ascending) of each unit. */
  unitDay: Int32Array;
  /** Half-day block of each unit; a block's units are contiguous. */
  unitHalf: Int32Array;
  /** Window (by start time) of each unit. */
  unitWindow: Int32Array;
  halfStart: Int32Array;
  halfEnd: Int32Array;
  days: number;
  halves: number;
  windows: number;
  /** Title of the fixed event blocking [g * U + u], or null. */
  blocked: (string | null)[];
  /** [v * U + u]: the volunteer is there for the whole unit. */
  avail: Uint8Array;
  /** [v * S + s]. */
  canTeach: Uint8Array;
  /** [s * G + g]. */
  suitable: Uint8Array;
  /** [s * G + g]: units required (0 when unsuitable). */
  required: Int32Array;
  lesson: Uint8Array;
  allowConsecutive: Uint8Array;
  allowRepeat: Uint8Array;
  /** Volunteers able to teach each session, in input order. */
  qualified: number[][];
  /** Most units per volunteer (a large number when unlimited). */
  maxUnits: Int32Array;
  /** How many sessions each volunteer can teach. */
  skills: Int32Array;
  maxLessonsInRow: number;
  /** Unknown references and duplicate ids found while building. */
  problems: CampProblem[];
}

const UNLIMITED = 1 << 30;

/** Index a list by id, first one wins; later duplicates are reported and dropped. */
function indexById<T extends { id: string }>(items: readonly T[], ref: 'group' | 'session' | 'volunteer', problems: CampProblem[]): [T[], Map<string, number>] {
  const kept: T[] = [];
  const index = new Map<string, number>();
  for (const item of items) {
    if (index.has(item.id)) {
      problems.push({ code: 'duplicate_id', ref, id: item.id });
      continue;
    }
    index.set(item.id, kept.length);
    kept.push(item);
  }
  return [kept, index];
}

/** Build the dense model of a camp. Pure and cheap (linear in groups × units + volunteers × units). */
export function buildCampModel(input: CampInput): CampModel {
  const problems: CampProblem[] = [];
  const units = campUnits(input.days, input.windows, input.unitMinutes ?? DEFAULT_UNIT_MINUTES);
  const [groups, groupIndex] = indexById(input.groups, 'group', problems);
  const [sessions, sessionIndex] = indexById(input.sessions, 'session', problems);
  const [volunteers, volunteerIndex] = indexById(input.volunteers, 'volunteer', problems);
  const U = units.length;
  const G = groups.length;
  const S = sessions.length;
  const V = volunteers.length;

  const unitDay = new Int32Array(U);
  const unitHalf = new Int32Array(U);
  const unitWindow = new Int32Array(U);
  const halfStart: number[] = [];
  const halfEnd: number[] = [];
  let day = -1;
  let lastDate = '';
  for (const unit of units) {
    if (unit.date !== lastDate) {
      day++;
      lastDate = unit.date;
    }
    const u = unit.index;
    if (u === 0 || units[u - 1]!.half !== unit.half) {
      halfStart.push(u);
      halfEnd.push(u);
    }
    const h = halfStart.length - 1;
    halfEnd[h] = u + 1;
    unitDay[u] = day;
    unitHalf[u] = h;
    unitWindow[u] = Number(unit.half.slice(unit.half.indexOf('#') + 1));
  }
  const unitsOfDate = new Map<string, CampUnit[]>();
  for (const unit of units) {
    const list = unitsOfDate.get(unit.date);
    if (list) list.push(unit);
    else unitsOfDate.set(unit.date, [unit]);
  }

  const blocked: (string | null)[] = new Array(G * U).fill(null);
  for (const event of input.fixedEvents ?? []) {
    const from = toMinutes(event.start);
    const to = toMinutes(event.end);
    const targets: number[] = [];
    if (event.groupIds) {
      for (const id of event.groupIds) {
        const g = groupIndex.get(id);
        if (g === undefined) problems.push({ code: 'unknown_ref', ref: 'group', id, in: 'event', owner: event.title });
        else targets.push(g);
      }
    } else for (let g = 0; g < G; g++) targets.push(g);
    for (const unit of unitsOfDate.get(event.date) ?? []) {
      if (toMinutes(unit.start) < to && toMinutes(unit.end) > from) {
        for (const g of targets) blocked[g * U + unit.index] ??= event.title;
      }
    }
  }

  const suitable = new Uint8Array(S * G);
  const required = new Int32Array(S * G);
  const lesson = new Uint8Array(S);
  const allowConsecutive = new Uint8Array(S);
  const allowRepeat = new Uint8Array(S);
  sessions.forEach((session, s) => {
    lesson[s] = session.kind === 'lesson' ? 1 : 0;
    allowConsecutive[s] = session.allowConsecutive ? 1 : 0;
    allowRepeat[s] = session.allowRepeatInHalf ? 1 : 0;
    const targets: number[] = [];
    if (session.groupIds) {
      for (const id of session.groupIds) {
        const g = groupIndex.get(id);
        if (g === undefined) problems.push({ code: 'unknown_ref', ref: 'group', id, in: 'session', owner: session.id });
        else targets.push(g);
      }
    } else for (let g = 0; g < G; g++) targets.push(g);
    for (const g of targets) {
      suitable[s * G + g] = 1;
      required[s * G + g] = Math.max(0, Math.floor(session.unitsPerGroup));
    }
  });

  const avail = new Uint8Array(V * U);
  const canTeach = new Uint8Array(V * S);
  const maxUnits = new Int32Array(V);
  const skills = new Int32Array(V);
  const qualified: number[][] = sessions.map(() => []);
  volunteers.forEach((volunteer, v) => {
    maxUnits[v] = volunteer.maxUnits === undefined ? UNLIMITED : Math.max(0, Math.floor(volunteer.maxUnits));
    for (const id of volunteer.sessionIds) {
      const s = sessionIndex.get(id);
      if (s === undefined) problems.push({ code: 'unknown_ref', ref: 'session', id, in: 'volunteer', owner: volunteer.id });
      else if (!canTeach[v * S + s]) {
        canTeach[v * S + s] = 1;
        skills[v]!++;
      }
    }
    if (!volunteer.available) avail.fill(1, v * U, (v + 1) * U);
    else {
      for (const span of volunteer.available) {
        const from = toMinutes(span.start);
        const to = toMinutes(span.end);
        for (const unit of unitsOfDate.get(span.date) ?? []) {
          if (toMinutes(unit.start) >= from && toMinutes(unit.end) <= to) avail[v * U + unit.index] = 1;
        }
      }
    }
  });
  for (let s = 0; s < S; s++) for (let v = 0; v < V; v++) if (canTeach[v * S + s]) qualified[s]!.push(v);

  const maxLessonsInRow = Math.max(1, Math.floor(input.options?.maxLessonsInRow ?? DEFAULT_MAX_LESSONS_IN_ROW));
  return {
    units,
    groups,
    sessions,
    volunteers,
    groupIndex,
    sessionIndex,
    volunteerIndex,
    U,
    G,
    S,
    V,
    unitDay,
    unitHalf,
    unitWindow,
    halfStart: Int32Array.from(halfStart),
    halfEnd: Int32Array.from(halfEnd),
    days: day + 1,
    halves: halfStart.length,
    windows: Math.max(1, input.windows.length),
    blocked,
    avail,
    canTeach,
    suitable,
    required,
    lesson,
    allowConsecutive,
    allowRepeat,
    qualified,
    maxUnits,
    skills,
    maxLessonsInRow,
    problems,
  };
}

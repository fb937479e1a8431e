import { z } from 'zod';
import { IsoDate } from '../schemas/common.ts';

/** "HH:MM" on a 24-hour clock; "24:00" closes a day. */
export const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'validation.time' });

/** Minutes since midnight of an "HH:MM" time. */
export function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** "HH:MM" of minutes since midnight. */
export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const startBeforeEnd = (v: { start: string; end: string }) => toMinutes(v.start) < toMinutes(v.end);
const SpanMessage = { message: 'validation.time_range', path: ['end'] };

/** A daily teaching window such as 09:00-11:30. */
export const TimeWindow = z.object({ start: ClockTime, end: ClockTime }).refine(startBeforeEnd, SpanMessage);
export type TimeWindow = z.infer<typeof TimeWindow>;

/** A span of one day: a volunteer's availability. */
export const DatedSpan = z.object({ date: IsoDate, start: ClockTime, end: ClockTime }).refine(startBeforeEnd, SpanMessage);
export type DatedSpan = z.infer<typeof DatedSpan>;

/** An opening ceremony, a trip…: blocks the units it overlaps for its groups (absent = all groups). */
export const FixedEvent = z
  .object({ title: z.string().trim().min(1).max(100), date: IsoDate, start: ClockTime, end: ClockTime, groupIds: z.array(z.string().min(1)).optional() })
  .refine(startBeforeEnd, SpanMessage);
export type FixedEvent = z.infer<typeof FixedEvent>;

/** A class of children, usually by age. */
export const CampGroup = z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(50), size: z.number().int().min(0).optional() });
export type CampGroup = z.infer<typeof CampGroup>;

export const SESSION_KINDS = ['lesson', 'game'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** A catalogue entry: what is taught, to which groups, and how many units each of them needs. */
export const CampSession = z.object({
  id: z.string().min(1).max(64),
  subject: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(100),
  kind: z.enum(SESSION_KINDS),
  /** Suitable groups; absent = all. */
  groupIds: z.array(z.string().min(1)).optional(),
  /** Units each suitable group needs over the whole camp. */
  unitsPerGroup: z.number().int().min(0).max(500),
  /** Two (or more) units of it back-to-back for a group; such a run counts once for allowRepeatInHalf. */
  allowConsecutive: z.boolean(),
  /** More than one (separate) occurrence in one half-day for one group. */
  allowRepeatInHalf: z.boolean().optional(),
});
export type CampSession = z.infer<typeof CampSession>;

export const CampVolunteer = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(50),
  /** Sessions they can teach. */
  sessionIds: z.array(z.string().min(1)),
  /** When they are there; absent = the whole camp. */
  available: z.array(DatedSpan).optional(),
  /** Most units they teach over the camp. */
  maxUnits: z.number().int().min(0).optional(),
});
export type CampVolunteer = z.infer<typeof CampVolunteer>;

export const CampOptions = z.object({
  /** A group never has more lesson units than this in a row without a game (or a free unit, a fixed event, a window break). */
  maxLessonsInRow: z.number().int().min(1).max(100).optional(),
});
export type CampOptions = z.infer<typeof CampOptions>;

export const DEFAULT_MAX_LESSONS_IN_ROW = 3;
export const DEFAULT_UNIT_MINUTES = 30;

/** A cell the organiser fixed by hand; the solver keeps it exactly. */
export const LockedCell = z.object({
  groupId: z.string().min(1),
  unitIndex: z.number().int().min(0),
  sessionId: z.string().min(1),
  volunteerId: z.string().min(1),
});
export type LockedCell = z.infer<typeof LockedCell>;

export const CampInput = z.object({
  days: z.array(IsoDate).min(1).max(60),
  windows: z.array(TimeWindow).min(1).max(8),
  unitMinutes: z.number().int().min(5).max(240).optional(),
  fixedEvents: z.array(FixedEvent).optional(),
  groups: z.array(CampGroup).max(100),
  sessions: z.array(CampSession).max(200),
  volunteers: z.array(CampVolunteer).max(500),
  options: CampOptions.optional(),
  locked: z.array(LockedCell).optional(),
});
export type CampInput = z.infer<typeof CampInput>;

/** One teaching unit; `half` names its half-day block (`${date}#${windowIndex}`, windows sorted by start). */
export interface CampUnit {
  index: number;
  date: string;
  start: string;
  end: string;
  half: string;
}

/**
 * The ordered units of a camp: dates ascending (duplicates once), windows by start time, each window
 * cut into unitMinutes from its start; a unit that would run past the window's end is dropped.
 */
export function campUnits(days: readonly string[], windows: readonly TimeWindow[], unitMinutes = DEFAULT_UNIT_MINUTES): CampUnit[] {
  const units: CampUnit[] = [];
  if (!(unitMinutes > 0)) return units;
  const dates = [...new Set(days)].sort();
  const sorted = windows.map((w) => ({ start: toMinutes(w.start), end: toMinutes(w.end) })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const date of dates) {
    sorted.forEach((w, wi) => {
      for (let t = w.start; t + unitMinutes <= w.end; t += unitMinutes) {
        units.push({ index: units.length, date, start: fromMinutes(t), end: fromMinutes(t + unitMinutes), half: `${date}#${wi}` });
      }
    });
  }
  return units;
}

/** A filled grid cell. */
export interface CampCell {
  groupId: string;
  unitIndex: number;
  sessionId: string;
  volunteerId: string;
  locked: boolean;
}

/** A cell as the checker reads it (the grid editor's cells need no `locked`). */
export type CampCellLike = Omit<CampCell, 'locked'> & { locked?: boolean };

/** Why a (group, session) requirement is not fully met; params let a UI word it in any language. */
export type UnmetReason =
  /** Nobody can teach the session. */
  | { code: 'no_volunteer'; sessionId: string }
  /** Some can teach it but none is there on any unit of the camp. */
  | { code: 'volunteer_unavailable'; sessionId: string; volunteers: number }
  /** The qualified volunteers' units (availability, maxUnits, other sessions) run out before the demand. */
  | { code: 'volunteer_capacity'; sessionId: string; volunteers: number; capacity: number; demand: number }
  /** The group has free units and volunteers have units left, but never at the same time. */
  | { code: 'volunteer_busy'; sessionId: string; volunteers: number }
  /** Every unit of the group is taken or blocked. */
  | { code: 'no_free_units'; groupId: string }
  /** No repeat in a half-day and fewer usable half-days than units required. */
  | { code: 'too_few_half_days'; sessionId: string; halves: number }
  /** Free units remain, but each would break lessons-in-a-row, repeat or consecutive rules. */
  | { code: 'schedule_rules'; sessionId: string };
export type UnmetReasonCode = UnmetReason['code'];

/** A requirement short of units (`got` < `required`), with the reason. */
export interface Unmet {
  groupId: string;
  sessionId: string;
  required: number;
  got: number;
  reason: UnmetReason;
}

/** A requirement count: how many units a group needs of a session, and how many it has. */
export interface CampTally {
  groupId: string;
  sessionId: string;
  required: number;
  got: number;
}

export const CAMP_VIOLATION_CODES = [
  'unknown_ref',
  'group_double',
  'volunteer_double',
  'volunteer_unavailable',
  'volunteer_unqualified',
  'volunteer_over_max',
  'blocked_by_event',
  'session_unsuitable',
  'lessons_in_row',
  'repeat_in_half',
  'consecutive',
] as const;
export type CampViolationCode = (typeof CAMP_VIOLATION_CODES)[number];

/** A broken hard rule; `cells` are positions in the checked cell list. */
export type CampViolation =
  | { code: 'unknown_ref'; cells: number[]; ref: 'group' | 'session' | 'volunteer' | 'unit'; id: string }
  | { code: 'group_double'; cells: number[]; groupId: string; unitIndex: number }
  | { code: 'volunteer_double'; cells: number[]; volunteerId: string; unitIndex: number }
  | { code: 'volunteer_unavailable'; cells: number[]; volunteerId: string; unitIndex: number }
  | { code: 'volunteer_unqualified'; cells: number[]; volunteerId: string; sessionId: string }
  | { code: 'volunteer_over_max'; cells: number[]; volunteerId: string; max: number; got: number }
  | { code: 'blocked_by_event'; cells: number[]; groupId: string; unitIndex: number; event: string }
  | { code: 'session_unsuitable'; cells: number[]; groupId: string; sessionId: string }
  | { code: 'lessons_in_row'; cells: number[]; groupId: string; max: number; run: number }
  | { code: 'repeat_in_half'; cells: number[]; groupId: string; sessionId: string; half: string }
  | { code: 'consecutive'; cells: number[]; groupId: string; sessionId: string };

/** Something wrong with the input itself; the solver reports and carries on. */
export type CampProblem =
  /**
   * Locked cells break a rule; `violation.cells` are positions in `input.locked`. The `dropped` ones
   * (unknown references, a second cell for one group and unit) are left out of the result; the rest are kept as they are.
   */
  | { code: 'locked_conflict'; violation: CampViolation; dropped: number[] }
  /** Locked cells give a group more units of a session than required. */
  | { code: 'locked_excess'; groupId: string; sessionId: string; required: number; got: number }
  /** A session, volunteer or fixed event names a group or session that does not exist (the reference is ignored). */
  | { code: 'unknown_ref'; ref: 'group' | 'session'; id: string; in: 'session' | 'volunteer' | 'event'; owner: string }
  /** Two groups, sessions or volunteers share an id; the later one is ignored. */
  | { code: 'duplicate_id'; ref: 'group' | 'session' | 'volunteer'; id: string };
export type CampProblemCode = CampProblem['code'];

export interface CampTimetable {
  /** Filled cells by group (input order), then unit. Units without a cell are free / self-study. */
  cells: CampCell[];
  unmet: Unmet[];
  problems: CampProblem[];
}

/** What checkTimetable finds: broken hard rules, requirements short of units, and requirements over them. */
export interface CampCheck {
  violations: CampViolation[];
  unmet: CampTally[];
  excess: CampTally[];
}

import { z } from 'zod';
import { CampGroup, type CampInput, CampSession, CampVolunteer, ClockTime, FixedEvent, TimeWindow } from '../camps/types.ts';
import { Id, IsoDate, OptionalPhone, Version, withoutDefaults } from './common.ts';

const Text = (max: number) => z.string().trim().max(max);

/** A volunteer of a camp: a CareBridge account with the volunteer role at the host school, or a name typed in. */
export const CampVolunteerEntry = CampVolunteer.extend({
  userId: Id.optional().nullable(),
  phone: OptionalPhone,
  /** Volunteer leaders edit the camp with the school's leaders. */
  leader: z.boolean().default(false),
});
export type CampVolunteerEntry = z.output<typeof CampVolunteerEntry>;

/** A child at the camp: from the archive (childId) or typed in, in one group. */
export const CampChild = z.object({
  id: z.string().min(1).max(64),
  childId: Id.optional().nullable(),
  name: Text(50).min(1, { message: 'validation.required' }),
  grade: Text(20).optional().nullable(),
  groupId: z.string().min(1).max(64),
});
export type CampChild = z.output<typeof CampChild>;

const settings = {
  title: Text(100).min(1, { message: 'validation.required' }),
  /** The village or teaching point, when not the school itself. */
  place: Text(100).optional().nullable(),
  startDate: IsoDate,
  endDate: IsoDate,
  windows: z.array(TimeWindow).min(1).max(8),
  unitMinutes: z.number().int().min(10).max(120).default(30),
  fixedEvents: z.array(FixedEvent).max(100).default([]),
  maxLessonsInRow: z.number().int().min(1).max(20).default(3),
  groups: z
    .array(CampGroup.extend({ size: z.number().int().min(1).max(200).optional() }))
    .max(50)
    .default([]),
};

export const CampCreate = z.object({ schoolId: Id, ...settings });
export type CampCreate = z.output<typeof CampCreate>;
export const CampUpdate = z.object(withoutDefaults(settings)).partial().extend({ version: Version });
export type CampUpdate = z.output<typeof CampUpdate>;

export const TimetableCell = z.object({
  groupId: z.string().min(1),
  unitIndex: z.number().int().min(0),
  sessionId: z.string().min(1),
  volunteerId: z.string().min(1),
  locked: z.boolean().default(false),
});
export type TimetableCell = z.output<typeof TimetableCell>;

export const CampSummary = z.object({
  id: Id,
  schoolId: Id,
  schoolName: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  groups: z.number().int(),
  children: z.number().int(),
  volunteers: z.number().int(),
  solvedAt: z.string().nullable(),
});
export type CampSummary = z.infer<typeof CampSummary>;

/** A photo of the camp (taken by its volunteers or staff), offered to the briefing. */
export const CampPhoto = z.object({
  id: Id,
  date: z.string(),
  caption: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** The caller may delete or re-caption it (the camp's editors, and whoever took it). */
  canEdit: z.boolean(),
});
export type CampPhoto = z.infer<typeof CampPhoto>;
export const CampPhotoUpdate = z.object({
  caption: z.string().trim().max(100).optional().nullable(),
  date: IsoDate.optional(),
});

export const Camp = z.object({
  id: Id,
  schoolId: Id,
  schoolName: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.array(z.string()),
  windows: z.array(z.object({ start: ClockTime, end: ClockTime })),
  unitMinutes: z.number().int(),
  fixedEvents: z.array(FixedEvent),
  maxLessonsInRow: z.number().int(),
  groups: z.array(CampGroup),
  sessions: z.array(CampSession),
  volunteers: z.array(CampVolunteerEntry),
  children: z.array(CampChild),
  /** The camp's children not named to this caller (outside what it sees: it neither edits the camp nor volunteers at it). */
  childrenHidden: z.number().int(),
  photos: z.array(CampPhoto),
  solvedAt: z.string().nullable(),
  canEdit: z.boolean(),
  /** Volunteers of the camp add photos too, though they may not edit its plan. */
  canAddPhotos: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Camp = z.infer<typeof Camp>;

/** The solver's and checker's input from a stored camp: the server solves and checks it, the web app checks each edit. */
export function campInput(c: Camp): CampInput {
  return {
    days: c.days,
    windows: c.windows,
    unitMinutes: c.unitMinutes,
    fixedEvents: c.fixedEvents,
    groups: c.groups,
    sessions: c.sessions,
    volunteers: c.volunteers.map((v) => ({
      id: v.id,
      name: v.name,
      sessionIds: v.sessionIds,
      ...(v.available ? { available: v.available } : {}),
      ...(v.maxUnits !== undefined ? { maxUnits: v.maxUnits } : {}),
    })),
    options: { maxLessonsInRow: c.maxLessonsInRow },
  };
}

export const CampSessionsBody = z.object({ items: z.array(CampSession).max(200), version: Version });
/**
 * Most units a volunteer may be limited to (the form's limit too; more is as good as none, which is
 * no limit). Unbounded, 3000000000 overflowed PostgreSQL's integer column (a 500).
 */
export const MAX_VOLUNTEER_UNITS = 1000;
export const CampVolunteersBody = z.object({
  items: z.array(CampVolunteerEntry.extend({ maxUnits: z.number().int().min(0).max(MAX_VOLUNTEER_UNITS).optional() })).max(500),
  version: Version,
});
export const CampChildrenBody = z.object({ items: z.array(CampChild).max(2000), version: Version });

/** The timetable with what the checker finds, each finding also worded in the caller's language. */
export const Timetable = z.object({
  units: z.array(z.object({ index: z.number().int(), date: z.string(), start: z.string(), end: z.string(), half: z.string() })),
  cells: z.array(TimetableCell),
  violations: z.array(z.object({ code: z.string(), cells: z.array(z.number().int()), text: z.string() })),
  unmet: z.array(z.object({ groupId: z.string(), sessionId: z.string(), required: z.number().int(), got: z.number().int(), text: z.string() })),
  problems: z.array(z.object({ code: z.string(), text: z.string() })),
  /** Per volunteer: units taught (load balance). */
  loads: z.record(z.string(), z.number().int()),
  solvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Timetable = z.infer<typeof Timetable>;
export const TimetablePut = z.object({ cells: z.array(TimetableCell).max(20000), version: Version });
export const SolveBody = z.object({ keepLocked: z.boolean().default(true) }).default({ keepLocked: true });

/** After the camp: what it did, for the briefing. */
export const CampReport = z.object({
  children: z.number().int(),
  groups: z.number().int(),
  volunteers: z.number().int(),
  units: z.number().int(),
  bySubject: z.array(z.object({ subject: z.string(), units: z.number().int() })),
  photos: z.number().int(),
});

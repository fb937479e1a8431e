import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, ACTIVITY_TARGETS, ADULT_ROLES, DUTY_AREAS, RECURRENCE, SAFETY_TOPICS } from '../activities/activities.ts';
import { Id, IsoDate, Version } from './common.ts';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });
const Text = (max: number) => z.string().trim().max(max);

export const ActivityTargetSpec = z.object({
  scope: z.enum(ACTIVITY_TARGETS),
  /** grade: the grade number; class: the class id. */
  value: z.string().max(64).optional().nullable(),
});

const fields = {
  kind: z.enum(ACTIVITY_KINDS),
  /** The school's own kind, when `kind` is other (e.g. 书法社展示). */
  customKind: Text(40).optional().nullable(),
  title: Text(100).min(1, { message: 'validation.required' }),
  date: IsoDate,
  startTime: Time.optional().nullable(),
  endTime: Time.optional().nullable(),
  place: Text(100).optional().nullable(),
  organiserName: Text(50).optional().nullable(),
  target: ActivityTargetSpec,
  description: Text(4000).optional().nullable(),
  /** Places, when limited (a club, a tutoring group): offered with the three priorities. */
  capacity: z.number().int().min(1).max(2000).optional().nullable(),
  /** Safety-education topics covered. */
  topics: z.array(z.enum(SAFETY_TOPICS)).max(SAFETY_TOPICS.length).optional(),
};

export const ActivityCreate = z.object({
  schoolId: Id,
  ...fields,
  /** A recurring plan (a monthly discussion meeting): the next occurrences up to `until` (at most 24). */
  repeat: z
    .object({ every: z.enum(RECURRENCE), until: IsoDate })
    .optional()
    .nullable(),
});
export type ActivityCreate = z.output<typeof ActivityCreate>;

export const ActivityUpdate = z
  .object({
    ...fields,
    status: z.enum(ACTIVITY_STATUSES),
    outcome: Text(4000).nullable(),
    minutes: Text(20000).nullable(),
    decisions: Text(4000).nullable(),
  })
  .partial()
  .extend({ version: Version });
export type ActivityUpdate = z.output<typeof ActivityUpdate>;

export const ActivityQuery = z.object({
  schoolId: Id.optional(),
  /** The schools of a region (a dashboard's drill-down keeps its region). */
  regionId: Id.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  childId: Id.optional(),
  classId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: Text(50).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityQuery = z.output<typeof ActivityQuery>;

export const ActivityTask = z.object({
  id: Id,
  text: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type ActivityTask = z.infer<typeof ActivityTask>;
export const TaskCreate = z.object({
  text: Text(500).min(1, { message: 'validation.required' }),
  ownerId: Id.optional().nullable(),
  dueDate: IsoDate.optional().nullable(),
});
/** Tick a task off (its owner or the activity's editors), or set or clear its due date (the editors; not before the activity). */
export const TaskUpdate = z.object({ done: z.boolean().optional(), dueDate: IsoDate.optional().nullable() });
export type TaskUpdate = z.output<typeof TaskUpdate>;

export const ContestEntry = z.object({
  id: Id,
  childId: Id,
  childName: z.string(),
  className: z.string().nullable(),
  title: z.string(),
  /** The text only when the child agreed to share it (未保法 §63). */
  text: z.string().nullable(),
  consent: z.boolean(),
  scores: z.array(z.object({ judge: z.string(), score: z.number() })),
  average: z.number().nullable(),
  award: z.string().nullable(),
});
export type ContestEntry = z.infer<typeof ContestEntry>;
export const EntryCreate = z.object({
  childId: Id,
  title: Text(100).min(1, { message: 'validation.required' }),
  consent: z.boolean().default(false),
  text: Text(20000).optional().nullable(),
});
export const EntryScore = z.object({
  scores: z
    .array(z.object({ judge: Text(50).min(1, { message: 'validation.required' }), score: z.number().min(0).max(100) }))
    .max(20)
    .optional(),
  award: Text(50).optional().nullable(),
});

/** A photo of an activity (re-encoded JPEG, with a 400 px thumbnail). */
export const ActivityPhoto = z.object({
  id: Id,
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  size: z.number().int(),
});
export const ActivityFile = z.object({ id: Id, name: z.string(), size: z.number().int(), url: z.string(), createdAt: z.string() });

export const Activity = z.object({
  id: Id,
  schoolId: Id,
  schoolName: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  customKind: z.string().nullable(),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  organiserName: z.string().nullable(),
  target: ActivityTargetSpec,
  targetLabel: z.string(),
  description: z.string().nullable(),
  capacity: z.number().int().nullable(),
  topics: z.array(z.enum(SAFETY_TOPICS)),
  status: z.enum(ACTIVITY_STATUSES),
  outcome: z.string().nullable(),
  minutes: z.string().nullable(),
  decisions: z.string().nullable(),
  seriesId: Id.nullable(),
  attendance: z.object({ children: z.number().int(), present: z.number().int(), adults: z.number().int() }),
  tasks: z.array(ActivityTask),
  entries: z.array(ContestEntry),
  photos: z.array(ActivityPhoto),
  files: z.array(ActivityFile),
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivitySummary = Activity.pick({
  id: true,
  schoolId: true,
  schoolName: true,
  kind: true,
  customKind: true,
  title: true,
  date: true,
  startTime: true,
  place: true,
  targetLabel: true,
  status: true,
  capacity: true,
  topics: true,
  attendance: true,
  seriesId: true,
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

/** One line of the attendance sheet: a child of the archive, another pupil, or an adult. */
export const AttendanceLine = z.object({
  /** Stored line id; null for a child of the target roster not yet marked. */
  id: Id.nullable(),
  childId: Id.nullable(),
  name: z.string(),
  className: z.string().nullable(),
  kind: z.enum(['child', 'pupil', 'adult']),
  adultRole: z.enum(ADULT_ROLES).nullable(),
  leftBehind: z.boolean(),
  keySupport: z.boolean(),
  appliedAt: z.string().nullable(),
  /** Three priorities: 0 key-support left-behind, 1 left-behind, 2 other pupils. */
  rank: z.number().int().nullable(),
  offered: z.boolean(),
  present: z.boolean(),
});
export type AttendanceLine = z.infer<typeof AttendanceLine>;
/** The sheet, with the activity's status and version it was read at (a save answers them as they are after it). */
export const Attendance = z.object({
  capacity: z.number().int().nullable(),
  lines: z.array(AttendanceLine),
  status: z.enum(ACTIVITY_STATUSES),
  version: z.number().int(),
});
export type Attendance = z.infer<typeof Attendance>;

export const AttendanceUpdate = z.object({
  children: z.array(z.object({ childId: Id, present: z.boolean() })).max(3000),
  others: z
    .array(
      z.object({
        id: Id.optional().nullable(),
        name: Text(50).min(1, { message: 'validation.required' }),
        kind: z.enum(['pupil', 'adult']),
        adultRole: z.enum(ADULT_ROLES).optional().nullable(),
        className: Text(50).optional().nullable(),
        present: z.boolean(),
      }),
    )
    .max(1000)
    .default([]),
  version: Version,
});
export type AttendanceUpdate = z.output<typeof AttendanceUpdate>;

/** Ask for a place in a limited activity: children of the archive and other pupils by name. */
export const ApplicantsCreate = z.object({
  childIds: z.array(Id).max(500).default([]),
  pupils: z
    .array(z.object({ name: Text(50).min(1, { message: 'validation.required' }), className: Text(50).optional().nullable() }))
    .max(500)
    .default([]),
});

// ---- Safety education plan and responsibility (issue 8) ----

export const SafetyPlan = z.object({ topics: z.array(z.enum(SAFETY_TOPICS)).min(1, { message: 'validation.required' }) });
export const SafetyCoverage = z.object({
  termId: Id,
  from: z.string(),
  to: z.string(),
  topics: z.array(z.enum(SAFETY_TOPICS)),
  classes: z.array(
    z.object({
      classId: Id,
      name: z.string(),
      grade: z.number().int(),
      /** Per planned topic: the safety-education activities that reached this class. */
      covered: z.record(z.string(), z.array(z.object({ id: Id, date: z.string(), title: z.string() }))),
      missing: z.array(z.enum(SAFETY_TOPICS)),
    }),
  ),
});
export type SafetyCoverage = z.infer<typeof SafetyCoverage>;

export const SafetyDuty = z.object({
  id: Id,
  schoolId: Id,
  userId: Id.nullable(),
  userName: z.string(),
  area: z.enum(DUTY_AREAS),
  classId: Id.nullable(),
  name: z.string(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type SafetyDuty = z.infer<typeof SafetyDuty>;
export const SafetyDutyCreate = z.object({
  schoolId: Id,
  userId: Id,
  area: z.enum(DUTY_AREAS),
  classId: Id.optional().nullable(),
  name: Text(100).optional().nullable(),
  note: Text(300).optional().nullable(),
});
export const SafetyDutyUpdate = SafetyDutyCreate.omit({ schoolId: true }).partial().extend({ version: Version });

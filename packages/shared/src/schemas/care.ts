import { z } from 'zod';
import { CARE_DETAILS, CARE_KINDS, type CareKind, FollowUp, TERM_POINTS } from '../care/kinds.ts';
import { ActivitySummary } from './activities.ts';
import { ChildHistoryEntry } from './children.ts';
import { Id, IsoDate, Version } from './common.ts';

// ---- Pairing (结对帮扶) ----

export const Pairing = z.object({
  id: Id,
  schoolId: Id,
  childId: Id,
  childName: z.string(),
  className: z.string().nullable(),
  keySupport: z.boolean(),
  mentorId: Id,
  mentorName: z.string(),
  termId: Id.nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
  endReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Pairing = z.infer<typeof Pairing>;

export const PairingQuery = z.object({
  schoolId: Id.optional(),
  mentorId: Id.optional(),
  childId: Id.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type PairingQuery = z.infer<typeof PairingQuery>;

/** Pair one mentor with one or more children; above the school's limit it warns, it does not refuse. */
export const PairingCreate = z.object({
  mentorId: Id,
  childIds: z.array(Id).min(1).max(50),
  startDate: IsoDate.optional(),
  termId: Id.optional().nullable(),
  note: z.string().trim().max(200).optional().nullable(),
});
export type PairingCreate = z.infer<typeof PairingCreate>;

export const PairingWarning = z.object({
  code: z.string(),
  mentorId: Id,
  mentorName: z.string(),
  count: z.number().int(),
  limit: z.number().int(),
  message: z.string(),
});
export const PairingCreated = z.object({ items: z.array(Pairing), warnings: z.array(PairingWarning) });
export type PairingCreated = z.infer<typeof PairingCreated>;
export type PairingWarning = z.infer<typeof PairingWarning>;

/**
 * Accept (possibly changed) suggestions: each child with its mentor, all of one school, saved all or
 * nothing; a refused pair is named by its index (`pairs.2.childId`). Answers `PairingCreated`.
 */
export const PairingBatch = z.object({
  schoolId: Id,
  pairs: z
    .array(z.object({ childId: Id, mentorId: Id }))
    .min(1)
    .max(1000),
  startDate: IsoDate.optional(),
  termId: Id.optional().nullable(),
});
export type PairingBatch = z.infer<typeof PairingBatch>;

/** A pairing ends with a date (today when not given; never a day still to come) and a reason, kept in the history. */
export const PairingEnd = z.object({
  endDate: IsoDate.optional(),
  reason: z.string().trim().min(1, { message: 'validation.required' }).max(200),
  version: Version,
});

/**
 * Suggestions depend on no term: they serve the children without an active pairing and balance the
 * mentors' active pairings (whatever term each is filed under), the load the save checks against the
 * school's limit. The term is chosen when they are accepted (`PairingBatch.termId`).
 */
export const PairingSuggestBody = z.object({ schoolId: Id });
export type PairingSuggestBody = z.infer<typeof PairingSuggestBody>;
export const PairingSuggestion = z.object({
  childId: Id,
  childName: z.string(),
  className: z.string().nullable(),
  keySupport: z.boolean(),
  mentorId: Id,
  mentorName: z.string(),
  /** Why this mentor: the child's own class teacher, or the least-loaded mentor. */
  reason: z.enum(['class_teacher', 'balance']),
});
export const MentorLoad = z.object({ id: Id, name: z.string(), count: z.number().int(), limit: z.number().int(), overloaded: z.boolean() });
export type MentorLoad = z.infer<typeof MentorLoad>;
export const PairingSuggestions = z.object({ items: z.array(PairingSuggestion), mentors: z.array(MentorLoad), unassigned: z.number().int() });
export type PairingSuggestions = z.infer<typeof PairingSuggestions>;
export type PairingSuggestion = z.infer<typeof PairingSuggestion>;

export const PairingOverview = z.object({
  limit: z.number().int(),
  unpaired: z.array(z.object({ id: Id, name: z.string(), className: z.string().nullable(), keySupport: z.boolean() })),
  mentors: z.array(MentorLoad),
});

export type PairingOverview = z.infer<typeof PairingOverview>;

export const PairingCarry = z.object({ schoolId: Id, toTermId: Id });

// ---- Care records (关爱记录) ----

const common = {
  childIds: z.array(Id).min(1).max(60),
  date: IsoDate,
  participants: z.string().trim().max(200).optional().nullable(),
  summary: z.string().trim().min(1, { message: 'validation.required' }).max(2000),
  ...FollowUp,
};

const variant = <K extends CareKind>(kind: K) => z.object({ kind: z.literal(kind), details: CARE_DETAILS[kind].optional(), ...common });

/** A new care record: common fields plus the fields of its kind. */
export const CareRecordCreate = z.discriminatedUnion('kind', [
  variant('talk'),
  variant('home_visit'),
  variant('family_call'),
  variant('family_letter'),
  variant('tutoring'),
  variant('counselling'),
  variant('material_aid'),
  variant('host_visit'),
]);
export type CareRecordCreate = z.infer<typeof CareRecordCreate>;

export const CareRecordUpdate = z.object({
  childIds: common.childIds.optional(),
  date: IsoDate.optional(),
  participants: common.participants,
  summary: common.summary.optional(),
  followUpNeeded: z.boolean().optional(),
  followUpDate: IsoDate.optional().nullable(),
  followUpDone: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  version: Version,
});
export type CareRecordUpdate = z.infer<typeof CareRecordUpdate>;

/** `url` serves the photo; `thumbUrl` a 400 px version for lists and timelines. */
export const CarePhoto = z.object({ id: Id, url: z.string(), thumbUrl: z.string(), width: z.number().int(), height: z.number().int(), size: z.number().int() });

/** A record as the caller may see it; a confidential one the caller may not read comes redacted. */
export const CareRecord = z.object({
  id: Id,
  schoolId: Id,
  kind: z.enum(CARE_KINDS),
  date: z.string(),
  children: z.array(z.object({ id: Id, name: z.string() })),
  confidential: z.boolean(),
  redacted: z.boolean(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  participants: z.string().nullable(),
  summary: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  followUpNeeded: z.boolean(),
  followUpDate: z.string().nullable(),
  followUpDone: z.boolean(),
  photos: z.array(CarePhoto),
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CareRecord = z.infer<typeof CareRecord>;

export const CareRecordQuery = z.object({
  childId: Id.optional(),
  schoolId: Id.optional(),
  /** The schools of a region (a dashboard's drill-down keeps its region). */
  regionId: Id.optional(),
  kind: z.enum(CARE_KINDS).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  authorId: Id.optional(),
  followUp: z.enum(['open']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CareRecordQuery = z.infer<typeof CareRecordQuery>;

export const TimelineItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('history'), at: z.string(), entry: ChildHistoryEntry }),
  z.object({ type: z.literal('care'), at: z.string(), record: CareRecord }),
  z.object({ type: z.literal('activity'), at: z.string(), activity: ActivitySummary }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

/** A mentor's own children with what is due next. */
export const MyChild = z.object({
  pairingId: Id,
  childId: Id,
  /** The child's school: whose calendar and rules judge the child's records (the home-visit windows). */
  schoolId: Id,
  name: z.string(),
  className: z.string().nullable(),
  keySupport: z.boolean(),
  guardianName: z.string().nullable(),
  /** Masked, as in every list (138****8000); `POST /children/:id/contact` reveals it, audited. */
  guardianPhone: z.string().nullable(),
  lastTalk: z.string().nullable(),
  lastFamilyContact: z.string().nullable(),
  /** A parent is away (学籍 code 1 or 2): family contact is asked of this child (a child living with both parents has none to call). */
  parentAway: z.boolean(),
  nextFollowUp: z.string().nullable(),
});
export type MyChild = z.infer<typeof MyChild>;

/** A home visit's date and the school's calendar: in which of the term's windows (期初, 期中, 期末) it counts. */
export const HomeVisitWindowsQuery = z.object({ schoolId: Id, date: IsoDate });
export const HomeVisitWindows = z.object({
  /** The term the date falls in; null outside every term (a holiday visit counts towards no window). */
  term: z.object({ start: IsoDate, end: IsoDate }).nullable(),
  /** The windows of the home-visit rule in force that day, in that term; empty when no rule asks for visits by point. */
  windows: z.array(z.object({ point: z.enum(TERM_POINTS), start: IsoDate, end: IsoDate })),
});
export type HomeVisitWindows = z.infer<typeof HomeVisitWindows>;

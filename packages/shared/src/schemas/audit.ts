import { z } from 'zod';
import { Id, IsoDate, Limit } from './common.ts';

/** A person an audit entry names (in its details or as the thing acted on): the name and the login. */
export const AuditPerson = z.object({ name: z.string(), username: z.string() });
export type AuditPerson = z.infer<typeof AuditPerson>;

/** Details of an audit entry that hold the id of an account, alone or as `[before, after]`: named in its `people`. */
export const AUDIT_PERSON_KEYS: readonly string[] = ['mentorId', 'classTeacher'];

/** The things other than accounts that an audit entry names by id, and so by name for those who may see them. */
export const AUDIT_NAME_KINDS = [
  'region',
  'school',
  'class',
  'term',
  'child',
  'activity',
  'task',
  'submission',
  'incident',
  'camp',
  'campaign',
  'event',
  'briefing',
  'pairing',
  'care_record',
  'leadership_member',
  'duty',
  'safety_duty',
] as const;
export type AuditNameKind = (typeof AUDIT_NAME_KINDS)[number];

/**
 * One of them by name: a child with its school ("王小明", "青山小学"), a term by its academic year and
 * semester, a roster submission (花名册报送) by its school, class and term, an incident by its kind
 * and day, a pairing by its child and mentor, a care record by its kind and day, the others by their
 * own name (an activity's, a camp's, a campaign's, an event's or a briefing's title, a task's text, a
 * member of the care organisation's leadership group, a duty's text, a safety duty's holder).
 */
export const AuditName = z.object({
  kind: z.enum(AUDIT_NAME_KINDS),
  name: z.string(),
  /** The school it belongs to (a class's, a term's, a child's, an activity's, a submission's); null for a region or a school. */
  school: z.string().nullable(),
  /** A term's semester (1 autumn, 2 spring), a submission's term's; null for the others. */
  semester: z.number().int().nullable(),
  /** A class's roster submission: the class's name (a submission's `name` is its term's academic year). */
  className: z.string().nullable().optional(),
  /** An incident's day (Beijing), a care record's; their `name` is their kind's code ("bullying", "home_visit"). */
  date: z.string().nullable().optional(),
  /** A pairing's mentor (its `name` is its child's). */
  mentor: z.string().nullable().optional(),
});
export type AuditName = z.infer<typeof AuditName>;

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  userId: Id.nullable(),
  /** The login recorded with the action ("cli", "notifier" for the system's own; what was typed at a failed login). */
  username: z.string().nullable(),
  /** The actor's name, from the account: null for the system, an unknown login, or an account no longer there. */
  name: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  schoolId: Id.nullable(),
  /** The name of the school the entry belongs to, where the caller sees that school; null without one (a sign-in, a region's change). */
  schoolName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  /** The accounts the entry names by id (a user acted on, a mentor, a class teacher), by that id. */
  people: z.record(z.string(), AuditPerson),
  /** The regions, schools, classes, terms, children, activities and tasks it names that the caller may see, by id. */
  names: z.record(z.string(), AuditName),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  /** Exactly this login. */
  username: z.string().max(64).optional(),
  /** The search box: text in the actor's name or login, case ignored. */
  q: z.string().trim().max(100).optional(),
  schoolId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: Limit,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

import { z } from 'zod';
import {
  ACTION_KINDS,
  INCIDENT_KINDS,
  MandatoryAnswers,
  NOTICE_METHODS,
  NOTICE_REACH,
  NOTIFY_METHODS,
  NOTIFY_TARGETS,
  PERSUASION_OUTCOMES,
  SEVERITIES,
  SITUATIONS,
} from '../incidents/incidents.ts';
import { Id, IsoDate, Version, withoutDefaults } from './common.ts';

/** A moment with its offset, as the browser sends it (`Date.toISOString()`). */
export const Instant = z.iso.datetime({ offset: true, message: 'validation.datetime' });

const Text = (max: number) => z.string().trim().max(max);
/** The longest instruction (批示) or step of a case: the one given with 签收 holds as much as a later one. */
export const INCIDENT_TEXT_MAX = 2000;

export const IncidentCreate = z.object({
  childIds: z.array(Id).min(1, { message: 'validation.required' }).max(30),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(SEVERITIES),
  occurredAt: Instant,
  place: Text(200).optional().nullable(),
  description: Text(4000).min(1, { message: 'validation.required' }),
  immediateActions: Text(2000).optional().nullable(),
  answers: MandatoryAnswers.default({}),
});
export type IncidentCreate = z.output<typeof IncidentCreate>;

export const IncidentUpdate = z
  .object(withoutDefaults(IncidentCreate.omit({ childIds: true }).shape))
  .partial()
  .extend({ version: Version });
export type IncidentUpdate = z.output<typeof IncidentUpdate>;

export const IncidentQuery = z.object({
  schoolId: Id.optional(),
  childId: Id.optional(),
  status: z.enum(['open', 'closed', 'all']).default('all'),
  kind: z.enum(INCIDENT_KINDS).optional(),
  /** Only incidents needing attention: overdue notifications or an unrecorded police report. */
  attention: z.enum(['true', 'false']).optional(),
  /** Incidents the school reported to the bureau, by whether the bureau has acknowledged them (awaiting) or not (done). */
  acknowledgement: z.enum(['awaiting', 'done']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentQuery = z.output<typeof IncidentQuery>;

/**
 * A child of an incident. Named to those who see the child now (its name and class of today, `visible`),
 * and to those who keep the case after the child left (as it was named when linked to the case: name
 * and class then, `visible` false, so no link into an archive they cannot open).
 */
export const IncidentChild = z.object({
  id: Id,
  name: z.string(),
  className: z.string().nullable(),
  /** The child is no longer at the school where the case happened (已转学). */
  transferred: z.boolean(),
  /** The caller sees the child now and may open its archive. */
  visible: z.boolean(),
});
export type IncidentChild = z.infer<typeof IncidentChild>;

/** The bureau's acknowledgement (签收) of an incident the school reported to it, with its optional instruction (批示). */
export const IncidentAcknowledgement = z.object({ at: z.string(), byName: z.string(), instruction: z.string().nullable() });
export type IncidentAcknowledgement = z.infer<typeof IncidentAcknowledgement>;

/**
 * What everyone who sees a child may know: that an incident exists, when, and whether it is open.
 * The rest is null unless the caller reads incident details (`restricted` false).
 */
export const IncidentSummary = z.object({
  id: Id,
  schoolId: Id,
  schoolName: z.string(),
  restricted: z.boolean(),
  children: z.array(IncidentChild),
  occurredAt: z.string(),
  status: z.enum(['open', 'closed']),
  kind: z.enum(INCIDENT_KINDS).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  mandatory: z.boolean().nullable(),
  policeReported: z.boolean().nullable(),
  overdueNotifications: z.number().int().nullable(),
  /** The school has told the bureau: the chain's bureau step is recorded, or a written report was sent. */
  reportedToBureau: z.boolean().nullable(),
  acknowledgement: IncidentAcknowledgement.nullable(),
  createdAt: z.string(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/** A try to tell whom a step of the chain waits for that reached nobody (未联系上): the step still waits. */
export const NoticeAttempt = z.object({
  id: Id,
  at: z.string(),
  method: z.enum(NOTICE_METHODS),
  contactName: z.string().nullable(),
  note: z.string().nullable(),
  /** Null when the reporter recorded it and the reader may not know who reported (then `byReporter`). */
  recordedByName: z.string().nullable(),
  byReporter: z.boolean(),
});
export type NoticeAttempt = z.infer<typeof NoticeAttempt>;

export const IncidentNotice = z.object({
  id: Id,
  target: z.enum(NOTIFY_TARGETS),
  dueAt: z.string().nullable(),
  /** When the person was told; for an extra notification that did not reach anyone (`reach` not_reached), when it was tried. */
  doneAt: z.string().nullable(),
  /** Whether the recorded notice reached the person; null for a step still waiting. */
  reach: z.enum(NOTICE_REACH).nullable(),
  /** A step's tries that reached nobody, oldest first (kept after the step is done). */
  attempts: z.array(NoticeAttempt),
  /**
   * A waiting step tried without reaching anyone, at least one try saying in its note what was done:
   * the case may close over it, and a closed case shows it as 未联系上, never as told.
   */
  unreachable: z.boolean(),
  method: z.enum(NOTICE_METHODS).nullable(),
  contactName: z.string().nullable(),
  note: z.string().nullable(),
  /** Null when the reporter recorded it and the reader may not know who reported (then `byReporter`). */
  recordedByName: z.string().nullable(),
  /** Recorded by the incident's reporter: readers who may not know who reported see "the reporter" instead of a name. */
  byReporter: z.boolean(),
  overdue: z.boolean(),
});
export type IncidentNotice = z.infer<typeof IncidentNotice>;

export const IncidentAction = z.object({
  id: Id,
  kind: z.enum(ACTION_KINDS),
  at: z.string(),
  text: z.string(),
  outcome: z.enum(PERSUASION_OUTCOMES).nullable(),
  documentNo: z.string().nullable(),
  careRecordId: Id.nullable(),
  /** Null when the reporter wrote it and the reader may not know who reported (then `byReporter`). */
  authorName: z.string().nullable(),
  /** Written by the incident's reporter: readers who may not know who reported see "the reporter" instead of a name. */
  byReporter: z.boolean(),
  createdAt: z.string(),
});
export type IncidentAction = z.infer<typeof IncidentAction>;

export const POLICE_METHODS = ['call_110', 'in_person', 'online', 'other'] as const;

export const PoliceReport = z.object({
  reportedAt: z.string(),
  /** Who told the police; null for callers who may not know (as for the reporter). */
  reporterName: z.string().nullable(),
  unit: z.string(),
  receiptNumber: z.string().nullable(),
  method: z.enum(POLICE_METHODS),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});

export const Incident = IncidentSummary.extend({
  place: z.string().nullable(),
  description: z.string(),
  immediateActions: z.string().nullable(),
  answers: MandatoryAnswers,
  situations: z.array(z.enum(SITUATIONS)),
  /** Only the school leader, the bureau and the reporter see who reported. */
  reporter: z.object({ id: Id.nullable(), name: z.string() }).nullable(),
  police: PoliceReport.nullable(),
  notifications: z.array(IncidentNotice),
  actions: z.array(IncidentAction),
  /** Dropout cases (未保法 §28): how often the school tried to bring the child back and whether the bureau has the written report. */
  dropout: z.object({ persuasions: z.number().int(), returned: z.boolean(), writtenReport: z.boolean() }).nullable(),
  closedAt: z.string().nullable(),
  canEdit: z.boolean(),
  /** The caller is the bureau over the school, and the reported incident awaits its acknowledgement. */
  canAcknowledge: z.boolean(),
  /** The caller is the bureau over the school, which has acknowledged the open case: it may add an instruction (批示). */
  canInstruct: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;

export const NoticeCreate = z.object({
  /** The chain step this satisfies; without it, an extra notification is recorded. */
  stepId: Id.optional(),
  target: z.enum(NOTIFY_TARGETS),
  method: z.enum(NOTIFY_METHODS),
  /** Not reached (未联系上): recorded as an attempt, the step still waits; write in the note what was tried. */
  reach: z.enum(NOTICE_REACH).default('reached'),
  notifiedAt: Instant,
  contactName: Text(100).optional().nullable(),
  note: Text(500).optional().nullable(),
});
export type NoticeCreate = z.output<typeof NoticeCreate>;

export const ActionCreate = z.object({
  kind: z.enum(ACTION_KINDS),
  at: Instant.optional(),
  text: Text(INCIDENT_TEXT_MAX).min(1, { message: 'validation.required' }),
  outcome: z.enum(PERSUASION_OUTCOMES).optional().nullable(),
  documentNo: Text(100).optional().nullable(),
  careRecordId: Id.optional().nullable(),
});
export type ActionCreate = z.output<typeof ActionCreate>;

export const MandatoryReportCreate = z.object({
  reportedAt: Instant,
  /** Who told the police; the caller when empty. */
  reporterName: Text(100).optional().nullable(),
  unit: Text(200).min(1, { message: 'validation.required' }),
  receiptNumber: Text(100).optional().nullable(),
  method: z.enum(POLICE_METHODS),
});
export type MandatoryReportCreate = z.output<typeof MandatoryReportCreate>;

export const AcknowledgeCreate = z.object({
  /** The bureau's instruction to the school (批示), if any. */
  instruction: Text(INCIDENT_TEXT_MAX).optional().nullable(),
});
export type AcknowledgeCreate = z.output<typeof AcknowledgeCreate>;

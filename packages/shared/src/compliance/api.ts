import { z } from 'zod';
import { Id, IsoDate } from '../schemas/common.ts';

export const DUE_STATUSES = ['done', 'due', 'overdue', 'upcoming', 'excused'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export const DueItemQuery = z.object({
  schoolId: Id.optional(),
  classId: Id.optional(),
  childId: Id.optional(),
  /** Only items the caller is responsible for. */
  mine: z.enum(['true', 'false']).optional(),
  responsibleId: Id.optional(),
  ruleKey: z.string().max(40).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  status: z.enum([...DUE_STATUSES, 'open']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type DueItemQuery = z.infer<typeof DueItemQuery>;

export const DueItemView = z.object({
  childId: Id,
  childName: z.string(),
  className: z.string().nullable(),
  schoolId: Id,
  ruleKey: z.string(),
  kinds: z.array(z.string()),
  description: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  responsible: z.string(),
  responsibleUserId: Id.nullable(),
  responsibleName: z.string().nullable(),
  required: z.number().int(),
  count: z.number().int(),
  status: z.enum(DUE_STATUSES),
  satisfiedBy: z.array(Id),
  excuse: z.string().nullable(),
});
export type DueItemView = z.infer<typeof DueItemView>;

export const DueExcuseBody = z.object({
  childId: Id,
  ruleKey: z.string().max(40),
  windowStart: IsoDate,
  reason: z.string().trim().min(2, { message: 'validation.required' }).max(200),
});

/**
 * Counts of one group of items; rate = done / (done + overdue) of the items whose window has ended
 * (`done` less `doneEarly`), null when nothing has fallen due yet.
 */
export const ComplianceCounts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  /** Of `done`, the items done while their window is still open: not judged yet, outside the rate. */
  doneEarly: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
  excused: z.number().int(),
  upcoming: z.number().int(),
  rate: z.number().nullable(),
});
export type ComplianceCounts = z.infer<typeof ComplianceCounts>;

const Group = ComplianceCounts.extend({
  id: z.string().nullable(),
  name: z.string(),
  /** In a region's lists by class and by teacher, the school of a row without an id (one school's 没有班级 or 没有帮扶教师). */
  schoolId: z.string().optional(),
});
export const ComplianceQuery = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  /** "2026-11" (a month), "term:<termId>", or "2026-09-01..2026-11-30". Default: this month. */
  period: z.string().max(80).optional(),
  /**
   * `schools`: the overall, by-rule and by-school rates only, as a region's page shows them (lists by
   * class and by teacher belong to one school's view: a province has tens of thousands of each).
   * Default `full`.
   */
  view: z.enum(['full', 'schools']).optional(),
  /**
   * One rule's items only (its key, as `byRule` gives it: "talk_monthly"): the overall, that rule's row
   * and, for a region, each school's rate of it — how the schools keep one rule. Lists by class and by
   * teacher are empty (a school's items of one rule are its drill-down, `GET /due-items`).
   */
  ruleKey: z.string().min(1).max(40).optional(),
});
export const ComplianceReport = z.object({
  from: z.string(),
  to: z.string(),
  overall: ComplianceCounts,
  byRule: z.array(Group),
  byClass: z.array(Group),
  byMentor: z.array(Group),
  bySchool: z.array(Group),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

export const RiskView = z.object({
  childId: Id,
  name: z.string(),
  className: z.string().nullable(),
  level: z.enum(RISK_LEVELS),
  score: z.number().int(),
  keySupport: z.boolean(),
  hasMentor: z.boolean(),
  reasons: z.array(z.object({ signal: z.string(), weight: z.number().int(), text: z.string() })),
});
export type RiskView = z.infer<typeof RiskView>;

export const Notification = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

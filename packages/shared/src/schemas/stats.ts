import { z } from 'zod';
import { ComplianceCounts } from '../compliance/api.ts';
import { Id, IsoDate } from './common.ts';

export const StatsQuery = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  termId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type StatsQuery = z.output<typeof StatsQuery>;

/** The breakdowns of a dashboard; each key is also a filter of GET /api/children, so a bar drills down to its children. */
export const STAT_DIMENSIONS = [
  'leftBehindType',
  'xuejiCode',
  'narrow',
  'difficulty',
  'guardianRelation',
  'custodyQuality',
  'boarding',
  'grade',
  'ageBand',
  'gender',
  'keySupport',
  'riskLevel',
] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export const StatBucket = z.object({ key: z.string(), count: z.number().int() });
export type StatBucket = z.infer<typeof StatBucket>;

export const CoverageMonth = z.object({
  month: z.string(),
  /** Children in the archive that month. */
  children: z.number().int(),
  /** Of them, those with a parent away (学籍 code 1 or 2): family contact is asked of these only, and counted among them. */
  leftBehind: z.number().int(),
  talk: z.number().int(),
  familyContact: z.number().int(),
  /** Children with a home visit in the term the month belongs to, up to the month's end. */
  homeVisitTerm: z.number().int(),
});

export const SchoolStats = z.object({
  schoolId: Id,
  name: z.string(),
  children: z.number().int(),
  /** The school has entered an archive, whatever became of it (`children` counts the active ones): none is 尚未建档. */
  hasArchives: z.boolean(),
  pupils: z.number().int(),
  share: z.number().nullable(),
  keySupport: z.number().int(),
  highRisk: z.number().int(),
  /** Children on the roll talked with in `talkDays`, of the children on the roll; null without such a month. */
  talkCoverage: z.number().nullable(),
  /**
   * The days whose talks `talkCoverage` counts: the school's latest month of care (talks due, by its own
   * terms) in the period that is over, whole; while none is, the running month up to today. Null when
   * the period has no month of care (a holiday): no talk was due.
   */
  talkDays: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  complianceRate: z.number().nullable(),
  /**
   * Care-policy items of the period still in progress (window open, not done yet), which the rate does
   * not count yet: the compliance report's `due` for the school (for the total row, its overall), so
   * that a high rate is not shown as good while they are open. 0 where compliance is not readable.
   */
  complianceDue: z.number().int(),
  /** The roster of the school's own term that the period covers (the latest to begin, if several): none, or the state of its submission to the bureau. */
  roster: z.enum(['none', 'draft', 'submitted', 'returned', 'approved']),
  rosterAt: z.string().nullable(),
});
export type SchoolStats = z.infer<typeof SchoolStats>;
/** The total row of a region's schools: shares and rates of all its schools together, from the summed counts. */
export const SchoolsTotal = SchoolStats.omit({ schoolId: true, name: true, hasArchives: true, talkDays: true, roster: true, rosterAt: true });
export type SchoolsTotal = z.infer<typeof SchoolsTotal>;

/**
 * The month ("2026-11") every school's 谈心覆盖率 counts, when they count one (schools with no month of
 * care left aside), for the column's heading: 谈心覆盖率（11月）. Null when they differ or none has one.
 */
export function schoolsTalkMonth(schools: readonly Pick<SchoolStats, 'talkDays'>[]): string | null {
  const months = new Set(schools.flatMap((x) => (x.talkDays ? [x.talkDays.from.slice(0, 7)] : [])));
  return months.size === 1 ? ([...months][0] as string) : null;
}

export const Stats = z.object({
  scope: z.object({ kind: z.enum(['school', 'region']), id: Id, name: z.string() }),
  from: z.string(),
  to: z.string(),
  totals: z.object({
    children: z.number().int(),
    pupils: z.number().int(),
    /** Left-behind children as a share of all pupils (0..1), when pupil counts are known. */
    share: z.number().nullable(),
    keySupport: z.number().int(),
    narrow: z.number().int(),
    schools: z.number().int(),
  }),
  breakdowns: z.record(z.string(), z.array(StatBucket)),
  coverage: z.array(CoverageMonth),
  /** Care-policy compliance; `readable` is false for readers who do not see colleagues' rates (a counsellor), with nothing counted. */
  compliance: z.object({
    readable: z.boolean(),
    overall: ComplianceCounts,
    byRule: z.array(ComplianceCounts.extend({ id: z.string().nullable(), name: z.string() })),
  }),
  /** Care work of the period: records by kind, activities by kind, incidents by kind (never children). */
  work: z.object({ care: z.array(StatBucket), activities: z.array(StatBucket), incidents: z.array(StatBucket) }),
  /** Terms of the scope; `from`/`to` are the days counted (a running term up to today). */
  trend: z.array(
    z.object({
      termId: Id,
      label: z.string(),
      from: z.string(),
      to: z.string(),
      children: z.number().int(),
      /** Of them, children with a talk in the term. */
      talked: z.number().int(),
      talkCoverage: z.number().nullable(),
    }),
  ),
  schools: z.array(SchoolStats),
  /** The schools table's total row (a region's); null for a school, or when the table is left out. */
  schoolsTotal: SchoolsTotal.nullable(),
});
export type Stats = z.infer<typeof Stats>;

/** What a coverage bar counts: children with a talk, with a call or letter (in the period), with a home visit (this term up to the period's end). */
export const COVERAGE_MEASURES = ['talk', 'familyContact', 'homeVisitTerm'] as const;
export type CoverageMeasure = (typeof COVERAGE_MEASURES)[number];

/**
 * GET /api/stats/children: the children behind a coverage bar or a term of the trend — those in the
 * archive during `from..to` that a measure reached (`covered=true`), did not reach (`false`), or all.
 */
export const StatsChildrenQuery = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
  measure: z.enum(COVERAGE_MEASURES),
  covered: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StatsChildrenQuery = z.output<typeof StatsChildrenQuery>;

/** The dashboard's tables, each exportable alone (`GET /api/stats/export.xlsx?table=coverage`). */
export const STATS_TABLES = ['totals', ...STAT_DIMENSIONS, 'coverage', 'trend', 'compliance', 'care', 'activities', 'incidents', 'schools'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];
export const StatsExportQuery = StatsQuery.extend({ table: z.enum(STATS_TABLES).optional() });

// ---- Roster submission (花名册报送) ----

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export const RosterSubmissionCreate = z.object({
  termId: Id,
  /** A class's roster (class teacher → school); without it, the school's roster (school → bureau). */
  classId: Id.optional().nullable(),
  schoolId: Id.optional(),
});
export const RosterSubmissionQuery = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  termId: Id.optional(),
  level: z.enum(['class', 'school']).optional(),
  /** `awaiting`: only the rosters sent up that the caller may approve or return now (the workbench's 待审核的花名册), newest first. */
  review: z.enum(['awaiting']).optional(),
});
export const RosterSubmission = z.object({
  id: Id,
  level: z.enum(['class', 'school']),
  schoolId: Id,
  schoolName: z.string(),
  classId: Id.nullable(),
  className: z.string().nullable(),
  termId: Id,
  termLabel: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  /** The day ages are counted on: the term's first day, as the official form of the term counts them. */
  ageOn: z.string(),
  /** Children in the frozen snapshot, and its summary by age band. */
  children: z.number().int(),
  summary: z.record(z.string(), z.number().int()),
  comment: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** What the caller may do now. */
  canSubmit: z.boolean(),
  canReview: z.boolean(),
  version: z.number().int(),
});
export type RosterSubmission = z.infer<typeof RosterSubmission>;
export const SubmissionAction = z.object({ comment: z.string().trim().max(500).optional().nullable(), version: z.number().int().min(1) });
/** The classes a school's roster of a term waits for: those with children whose own roster is not approved. */
export const RosterPendingQuery = z.object({ schoolId: Id, termId: Id });
export const RosterPending = z.object({ classes: z.array(z.object({ id: Id, name: z.string() })) });
export type RosterPending = z.infer<typeof RosterPending>;

// ---- Briefings (工作简报) ----

export const BriefingSections = z.object({
  intro: z.string().max(5000),
  work: z.string().max(20000),
  highlights: z.string().max(20000),
  problems: z.string().max(10000),
  nextSteps: z.string().max(10000),
});
export type BriefingSections = z.infer<typeof BriefingSections>;

export const BriefingCreate = z.object({
  schoolId: Id.optional(),
  regionId: Id.optional(),
  /** A month "2026-11", a term "term:<id>", or "from..to". */
  period: z.string().max(80),
  title: z.string().trim().max(100).optional(),
});
export const BriefingPhoto = z.object({ id: Id, source: z.enum(['care', 'activity', 'camp']), url: z.string(), thumbUrl: z.string(), caption: z.string() });
export const Briefing = z.object({
  id: Id,
  scope: z.object({ kind: z.enum(['school', 'region']), id: Id, name: z.string() }),
  from: z.string(),
  to: z.string(),
  title: z.string(),
  unit: z.string(),
  sections: BriefingSections,
  figures: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Photos of the period the user may choose from, and the chosen ones. */
  candidates: z.array(BriefingPhoto),
  photoIds: z.array(Id),
  /** Name children (not those in incidents) in the highlights; off by default. */
  nameChildren: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  generatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Briefing = z.infer<typeof Briefing>;
export const BriefingUpdate = z.object({
  title: z.string().trim().min(1, { message: 'validation.required' }).max(100).optional(),
  unit: z.string().trim().min(1, { message: 'validation.required' }).max(100).optional(),
  sections: BriefingSections.partial().optional(),
  photoIds: z.array(Id).max(12).optional(),
  nameChildren: z.boolean().optional(),
  version: z.number().int().min(1),
});
export const BriefingSummary = Briefing.pick({ id: true, scope: true, from: true, to: true, title: true, createdBy: true, createdAt: true, generatedAt: true });

import { z } from 'zod';
import { RULE_ACTIVITY_KINDS } from '../activities/activities.ts';
import { CARE_KINDS, FAMILY_CONTACT_KINDS } from '../care/kinds.ts';
import { AGE_BANDS, BOARDING } from '../children/codes.ts';
import { IsoDate } from '../schemas/common.ts';
import { isIsoDate } from '../validators.ts';

/** How often a rule falls due. */
export const CADENCE_TYPES = ['month', 'every_days', 'term', 'term_windows', 'dates'] as const;
export const TERM_POINTS_ALL = ['start', 'middle', 'end'] as const;
export const RESPONSIBLE = ['mentor', 'class_teacher', 'counsellor'] as const;
export const APPLIES_TO = ['all', 'key_support', 'boarding', 'host', 'xueji', 'age_band'] as const;

/** "MM-DD" (a real day in every year, so not 02-29) or a full "YYYY-MM-DD". */
const MonthDay = z.string().refine((v) => (/^\d{2}-\d{2}$/.test(v) ? isIsoDate(`2023-${v}`) : isIsoDate(v)), { message: 'validation.date' });

export const Cadence = z.discriminatedUnion('type', [
  z.object({ type: z.literal('month') }),
  z.object({ type: z.literal('every_days'), days: z.number().int().min(1).max(366) }),
  z.object({ type: z.literal('term') }),
  z.object({
    type: z.literal('term_windows'),
    windows: z
      .array(z.object({ point: z.enum(TERM_POINTS_ALL), days: z.number().int().min(1).max(60) }))
      .min(1)
      .max(3),
  }),
  z.object({
    type: z.literal('dates'),
    /** "MM-DD" every year, or "YYYY-MM-DD" once (for movable festivals such as 端午). */
    dates: z
      .array(z.object({ label: z.string().trim().min(1).max(20), date: MonthDay, daysBefore: z.number().int().min(0).max(60) }))
      .min(1)
      .max(20),
  }),
]);
export type Cadence = z.infer<typeof Cadence>;

export const AppliesTo = z.object({
  scope: z.enum(APPLIES_TO),
  /** For xueji: "0", "1" or "2" (none: any left-behind child); for age_band: one of AGE_BANDS; for boarding: a boarding code (none: boarding). */
  value: z.string().max(10).optional().nullable(),
});
export type AppliesTo = z.infer<typeof AppliesTo>;

export const CareRule = z.object({
  /** Stable key: a school's rule with the key of an inherited one must not be looser. */
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{2,40}$/, { message: 'validation.rule_key' }),
  /** Care-record kinds, or activity kinds as `activity.<kind>` (attendance counts). */
  kinds: z
    .array(z.enum([...CARE_KINDS, ...RULE_ACTIVITY_KINDS]))
    .min(1)
    .max(CARE_KINDS.length + RULE_ACTIVITY_KINDS.length),
  cadence: Cadence,
  min: z.number().int().min(1).max(31),
  appliesTo: AppliesTo,
  responsible: z.enum(RESPONSIBLE),
  active: z.boolean().default(true),
});
export type CareRule = z.infer<typeof CareRule>;

/** The values a scope takes; a rule for a value no child can have would ask nothing of anyone. */
const SCOPE_VALUES: Partial<Record<(typeof APPLIES_TO)[number], readonly string[]>> = { xueji: ['0', '1', '2'], age_band: AGE_BANDS, boarding: BOARDING };

/**
 * A rule as a school or bureau saves it: the scope's value one it takes (an age band must be named),
 * and not a rule only a call or letter to parents away satisfies for children whose parents are at
 * home (学籍 code 0, `parentContactOnly`), which would ask nothing of anyone.
 */
export const CareRuleInput = CareRule.superRefine((rule, ctx) => {
  const { scope, value } = rule.appliesTo;
  const allowed = SCOPE_VALUES[scope];
  if (allowed && (value ? !allowed.includes(value) : scope === 'age_band'))
    ctx.addIssue({ code: 'invalid_value', values: [...allowed], input: value ?? undefined, path: ['appliesTo', 'value'] });
  else if (scope === 'xueji' && value === '0' && parentContactOnly(rule))
    ctx.addIssue({ code: 'custom', message: 'validation.rule_parents_home', input: rule.kinds, path: ['kinds'] });
});

/** The signals of the early-warning risk level, each with a weight and, where it has one, a threshold. */
export const RiskConfig = z.object({
  noParentContactDays: z.number().int().min(7).max(365).default(45),
  noTalkDays: z.number().int().min(7).max(365).default(35),
  repeatedOverdue: z.number().int().min(1).max(20).default(2),
  weights: z
    .object({
      noParentContact: z.number().int().min(0).max(10).default(2),
      noTalk: z.number().int().min(0).max(10).default(1),
      weakCustody: z.number().int().min(0).max(10).default(2),
      host: z.number().int().min(0).max(10).default(1),
      seriousDimension: z.number().int().min(0).max(10).default(2),
      repeatedOverdue: z.number().int().min(0).max(10).default(1),
      /** An open safety incident, or one in the last 90 days (issue 8). */
      incident: z.number().int().min(0).max(10).default(3),
    })
    .default({ noParentContact: 2, noTalk: 1, weakCustody: 2, host: 1, seriousDimension: 2, repeatedOverdue: 1, incident: 3 }),
  medium: z.number().int().min(1).max(30).default(2),
  high: z.number().int().min(1).max(30).default(4),
});
export type RiskConfig = z.infer<typeof RiskConfig>;

export const PolicyBody = z.object({
  rules: z.array(CareRuleInput).max(50),
  risk: RiskConfig.default(RiskConfig.parse({})),
  /** When the new rules start to judge; past periods keep the rules in force then. Defaults to today. */
  effectiveFrom: IsoDate.optional(),
});
export type PolicyBody = z.infer<typeof PolicyBody>;

export const PolicyVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  rules: z.array(CareRule),
  risk: RiskConfig,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicyView = z.object({
  /** Where the rules in force come from. */
  source: z.enum(['school', 'region', 'default']),
  /** The version in force today (Beijing). */
  current: PolicyVersion,
  /** Plain-language sentences, one per rule of `current`, in the caller's language. */
  descriptions: z.record(z.string(), z.string()),
  /** Versions saved to begin after today, in the order they begin (of one day's, the last saved), each with its sentences. */
  pending: z.array(PolicyVersion.extend({ descriptions: z.record(z.string(), z.string()) })),
  /** Inherited rules this school must keep (no looser). */
  inherited: z.array(CareRule),
  versions: z.array(PolicyVersion),
  canEdit: z.boolean(),
});
export type PolicyView = z.infer<typeof PolicyView>;

/**
 * Whether a rule counts only contact with parents who are away (亲情电话, 家书): it asks nothing of a
 * child with no parent away (学籍 code 0, 非留守), whatever children it applies to.
 */
export function parentContactOnly(rule: Pick<CareRule, 'kinds'>): boolean {
  return rule.kinds.length > 0 && rule.kinds.every((k) => (FAMILY_CONTACT_KINDS as readonly string[]).includes(k));
}

/** The seed schools' rules, shipped as the default policy. */
export const DEFAULT_RULES: CareRule[] = [
  { key: 'talk_monthly', kinds: ['talk'], cadence: { type: 'month' }, min: 1, appliesTo: { scope: 'all' }, responsible: 'mentor', active: true },
  {
    key: 'family_contact_monthly',
    kinds: ['family_call', 'family_letter'],
    cadence: { type: 'month' },
    min: 1,
    appliesTo: { scope: 'all' },
    responsible: 'mentor',
    active: true,
  },
  {
    key: 'home_visit_term',
    kinds: ['home_visit'],
    cadence: {
      type: 'term_windows',
      windows: [
        { point: 'start', days: 21 },
        { point: 'middle', days: 21 },
        { point: 'end', days: 21 },
      ],
    },
    min: 1,
    appliesTo: { scope: 'all' },
    responsible: 'class_teacher',
    active: true,
  },
  {
    key: 'festival_letter',
    kinds: ['family_letter'],
    cadence: { type: 'dates', dates: [{ label: '五一', date: '05-01', daysBefore: 14 }] },
    min: 1,
    appliesTo: { scope: 'all' },
    responsible: 'mentor',
    active: true,
  },
  {
    key: 'key_support_talk',
    kinds: ['talk'],
    cadence: { type: 'every_days', days: 14 },
    min: 1,
    appliesTo: { scope: 'key_support' },
    responsible: 'mentor',
    active: true,
  },
];

export const AGE_BAND_VALUES = AGE_BANDS;
export const BOARDING_VALUES = BOARDING;

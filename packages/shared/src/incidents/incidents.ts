import { z } from 'zod';
import { ageAt } from '../children/derive.ts';

// Safety and emergencies (应急机制): incidents, the notification chain and mandatory reporting.
// See POLICY.md "School duties" and "Mandatory reporting".

export const INCIDENT_KINDS = ['injury', 'illness', 'missing', 'bullying', 'abuse_neglect', 'self_harm', 'unsupervised', 'dropout', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SEVERITIES = ['minor', 'moderate', 'serious', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Who the school must tell about an incident. The police are told through the mandatory report, not the chain. */
export const NOTIFY_TARGETS = ['school_leader', 'guardian', 'parents', 'bureau', 'other'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];
export const NOTIFY_METHODS = ['phone', 'in_person', 'wechat', 'sms', 'written', 'other'] as const;
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];
/** How a recorded step was told, as read: the methods a person records, and `app` — a school leader opened the case in CareBridge (never sent). */
export const NOTICE_METHODS = [...NOTIFY_METHODS, 'app'] as const;
/**
 * Whether a notice reached the person (已通知) or not (未联系上), or the person was deliberately not told
 * (不宜通知, `withheld`). A notice that did not reach anyone is an attempt: it leaves its step of the
 * chain waiting. A withheld step is resolved: the school chose, with a reason, not to tell someone
 * suspected of harming the child (2020 强制报告 opinion: protect the child, tip off no suspect; the
 * police decide who is told).
 */
export const NOTICE_REACH = ['reached', 'not_reached', 'withheld'] as const;
export type NoticeReach = (typeof NOTICE_REACH)[number];

/** Whom a school may deliberately not tell (不宜通知): the family only. The leaders and the bureau are always told. */
export const WITHHOLDABLE_TARGETS: readonly NotifyTarget[] = ['guardian', 'parents'];
export const mayWithhold = (target: NotifyTarget): boolean => WITHHOLDABLE_TARGETS.includes(target);

/** Steps of a case after the report. Persuasion and the written report are the dropout duties of 未保法 §28. */
/** `instruction`: the bureau's 批示 after its 签收 (the bureau's only step); `reply`: the school's answer to one. */
export const ACTION_KINDS = ['action', 'follow_up', 'persuasion', 'written_report', 'note', 'close', 'reopen', 'instruction', 'reply'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const PERSUASION_OUTCOMES = ['returned', 'promised', 'refused', 'unreachable'] as const;

/** One step of the school's notification chain: tell `target` within `minutes` of the report, for incidents this severe or worse. */
export const ChainStep = z.object({
  target: z.enum(NOTIFY_TARGETS),
  minutes: z.number().int().min(0).max(10_080),
  minSeverity: z.enum(SEVERITIES),
});
export type ChainStep = z.infer<typeof ChainStep>;

/** The seed's emergency rule (POLICY.md local cadences): leader and guardian within 30 min, parents within 1 h, bureau within 2 h for serious cases. */
export const DEFAULT_CHAIN: ChainStep[] = [
  { target: 'school_leader', minutes: 30, minSeverity: 'minor' },
  { target: 'guardian', minutes: 30, minSeverity: 'minor' },
  { target: 'parents', minutes: 60, minSeverity: 'minor' },
  { target: 'bureau', minutes: 120, minSeverity: 'serious' },
];

export const IncidentChain = z.object({ steps: z.array(ChainStep).max(12) });
export type IncidentChain = z.infer<typeof IncidentChain>;

/** The steps that apply to an incident: by severity, and the bureau always when the law requires a police report. */
export function chainFor(steps: ChainStep[], severity: Severity, mandatory: boolean): ChainStep[] {
  return steps.filter((s) => severityRank(severity) >= severityRank(s.minSeverity) || (mandatory && s.target === 'bureau'));
}

// ---- Mandatory reporting (强制报告) ----

/**
 * The questions the report form asks. Each is a plain yes/no a teacher can answer on a phone; together
 * with the child's sex and age they identify the nine situations of the 2020 opinion (§4) and the two
 * reportable situations of the 2016 opinion.
 */
export const MANDATORY_QUESTIONS = [
  'privateInjury',
  'sexualAbuse',
  'pregnancy',
  'multipleInjuries',
  'severeMalnutrition',
  'unconscious',
  'suspectedViolence',
  'nonNaturalHarm',
  'abandoned',
  'missingOrTrafficked',
  'begging',
  'otherSeriousHarm',
  'livingAlone',
  'guardianIncapable',
] as const;
export type MandatoryQuestion = (typeof MANDATORY_QUESTIONS)[number];
export const MandatoryAnswers = z.object(
  Object.fromEntries(MANDATORY_QUESTIONS.map((q) => [q, z.boolean().optional()])) as Record<MandatoryQuestion, z.ZodOptional<z.ZodBoolean>>,
);
export type MandatoryAnswers = z.infer<typeof MandatoryAnswers>;

/** s1-s9: the nine situations of the 2020 opinion; r2016_*: also reportable under the 2016 opinion. */
export const SITUATIONS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 'r2016_alone', 'r2016_guardian'] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface ReportedChild {
  gender: string | null;
  birthDate: string | null;
}

/** Kinds of case that are themselves the violence situation 4 asks about (bullying, abuse or neglect): the stricter reading protects the child. */
export const VIOLENT_KINDS: readonly IncidentKind[] = ['bullying', 'abuse_neglect'];

/**
 * Which reportable situations the answers identify, for these children on the day of the incident.
 * Sex and age decide between situations 2 and 3; sexual abuse of any child is at least situation 9.
 */
export function mandatorySituations(a: MandatoryAnswers, children: ReportedChild[], on: string, kind?: IncidentKind): Situation[] {
  const found = new Set<Situation>();
  // A case reported as bullying or abuse is suspected violence (欺凌、虐待) whether or not that box was ticked too.
  const violence = a.suspectedViolence || (kind !== undefined && VIOLENT_KINDS.includes(kind));
  const girls = children.filter((c) => c.gender === 'female');
  const age = (c: ReportedChild) => (c.birthDate ? ageAt(c.birthDate, on) : null);
  // Unknown age: the stricter reading (under 14) protects the child.
  const youngGirl = girls.some((c) => (age(c) ?? 0) < 14);
  const olderGirl = girls.some((c) => (age(c) ?? 0) >= 14);
  if (a.privateInjury) found.add('s1');
  if (youngGirl && (a.sexualAbuse || a.pregnancy)) found.add('s2');
  if (olderGirl && a.pregnancy && a.sexualAbuse) found.add('s3');
  if (a.sexualAbuse && !found.has('s2') && !found.has('s3')) found.add('s9');
  if ((a.multipleInjuries || a.severeMalnutrition || a.unconscious) && violence) found.add('s4');
  if (a.nonNaturalHarm) found.add('s5');
  if (a.abandoned) found.add('s6');
  if (a.missingOrTrafficked) found.add('s7');
  if (a.begging) found.add('s8');
  if (a.otherSeriousHarm) found.add('s9');
  if (a.livingAlone) found.add('r2016_alone');
  if (a.guardianIncapable) found.add('r2016_guardian');
  return SITUATIONS.filter((s) => found.has(s));
}

/** Questions that matter for a kind, shown first on the phone form (all stay reachable). */
export const KIND_QUESTIONS: Record<IncidentKind, MandatoryQuestion[]> = {
  injury: ['privateInjury', 'multipleInjuries', 'unconscious', 'suspectedViolence', 'nonNaturalHarm'],
  illness: ['severeMalnutrition', 'unconscious', 'abandoned'],
  missing: ['missingOrTrafficked', 'begging', 'livingAlone'],
  bullying: ['multipleInjuries', 'suspectedViolence', 'privateInjury', 'otherSeriousHarm'],
  abuse_neglect: ['sexualAbuse', 'pregnancy', 'privateInjury', 'multipleInjuries', 'suspectedViolence', 'severeMalnutrition', 'abandoned'],
  self_harm: ['nonNaturalHarm', 'otherSeriousHarm'],
  unsupervised: ['livingAlone', 'guardianIncapable', 'abandoned'],
  dropout: ['begging', 'guardianIncapable', 'otherSeriousHarm'],
  other: ['otherSeriousHarm'],
};

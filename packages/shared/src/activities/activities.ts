// Activities and meetings (活动, 会议): the seed's school practices, and safety education (issue 7, issue 8).

/** The seed's activities (DOMAIN.md §7); `other` takes the school's own name in `customKind`. */
export const ACTIVITY_KINDS = [
  'flag_speech',
  'class_meeting',
  'discussion',
  'reading',
  'essay_contest',
  'club',
  'social_practice',
  'sports_day',
  'childrens_day',
  'guardian_meeting',
  'work_meeting',
  'safety_education',
  'tutoring_group',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Kinds whose attendance a care-policy rule may count ("a guardian meeting once a term"). In a rule they read `activity.<kind>`. */
export const RULE_ACTIVITY_KINDS = ACTIVITY_KINDS.filter((k) => k !== 'other').map((k) => `activity.${k}` as const);
export type RuleActivityKind = (typeof RULE_ACTIVITY_KINDS)[number];
export const activityRuleKind = (k: ActivityKind) => `activity.${k}` as RuleActivityKind;

/** Kinds that are meetings: they keep minutes, decisions and follow-up tasks. */
export const MEETING_KINDS: readonly ActivityKind[] = ['discussion', 'guardian_meeting', 'work_meeting', 'class_meeting'];
/** Kinds with entries, judges' scores and awards. */
export const CONTEST_KINDS: readonly ActivityKind[] = ['essay_contest', 'reading'];

/** Who an activity is for; attendance is offered from this roster. */
export const ACTIVITY_TARGETS = ['all', 'grade', 'class', 'key_support', 'guardians', 'selected'] as const;
export type ActivityTarget = (typeof ACTIVITY_TARGETS)[number];

/** The seed's safety-education topics (交通, 防溺水, 防火, 用电, 燃气, 防烫伤, 食品, 传染病, 禁毒, 防诈骗, 地震与演练). */
export const SAFETY_TOPICS = [
  'traffic',
  'drowning',
  'fire',
  'electricity',
  'gas',
  'scald',
  'food',
  'epidemic',
  'drugs',
  'fraud',
  'earthquake',
  'drill',
  'bullying',
  'self_protection',
] as const;
export type SafetyTopic = (typeof SAFETY_TOPICS)[number];

export const ADULT_ROLES = ['guardian', 'parent', 'teacher', 'volunteer', 'guest', 'other'] as const;
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const RECURRENCE = ['week', 'two_weeks', 'month'] as const;

/** Areas a staff member is responsible for under the safety responsibility system (安全工作责任制). */
export const DUTY_AREAS = ['class', 'boarding', 'route', 'area', 'event', 'other'] as const;

export interface PriorityCandidate {
  id: string;
  /** Left-behind (from the archive) or not (another pupil asking for a place). */
  leftBehind: boolean;
  keySupport: boolean;
  /** When they asked; earlier first within a priority level. */
  at: string;
}

/**
 * Three priorities (三个优先): where places are limited, left-behind children are offered them
 * first, key-support children before the others, then everyone else in the order they asked.
 * Returns the candidates in offer order with whether each gets a place.
 */
export function offerPlaces<T extends PriorityCandidate>(candidates: T[], capacity: number | null): (T & { rank: 0 | 1 | 2; offered: boolean })[] {
  const rank = (c: PriorityCandidate): 0 | 1 | 2 => (c.leftBehind ? (c.keySupport ? 0 : 1) : 2);
  return candidates
    .map((c) => ({ ...c, rank: rank(c) }))
    .sort((a, b) => a.rank - b.rank || a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .map((c, i) => ({ ...c, offered: capacity === null || i < capacity }));
}

import { z } from 'zod';
import { IsoDate } from '../schemas/common.ts';

/** Kinds of care record (DOMAIN.md "Words"). Counselling is confidential. */
export const CARE_KINDS = ['talk', 'home_visit', 'family_call', 'family_letter', 'tutoring', 'counselling', 'material_aid', 'host_visit'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
export const CONFIDENTIAL_KINDS: readonly CareKind[] = ['counselling'];
/** Kinds that count as contact with the family (for "last family contact"). */
export const FAMILY_CONTACT_KINDS: readonly CareKind[] = ['family_call', 'family_letter'];

export const MOODS = ['happy', 'calm', 'sad', 'anxious', 'angry', 'withdrawn'] as const;
export const TALK_TOPICS = ['study', 'family', 'friends', 'health', 'safety', 'feelings', 'future', 'other'] as const;
export const TERM_POINTS = ['start', 'middle', 'end'] as const;
export const CALL_MODES = ['phone', 'video'] as const;
export const CALL_WITH = ['father', 'mother', 'both', 'other'] as const;
export const GUARDIAN_CAPACITY = ['good', 'fair', 'weak'] as const;

const t = (max: number) => z.string().trim().max(max).optional().nullable();

/** The fields each kind adds to the common ones. */
export const CARE_DETAILS = {
  talk: z.object({
    topics: z.array(z.enum(TALK_TOPICS)).max(TALK_TOPICS.length).optional(),
    mood: z.enum(MOODS).optional().nullable(),
    problem: t(500),
    help: t(500),
  }),
  home_visit: z.object({
    present: t(200),
    livingConditions: t(500),
    studyConditions: t(500),
    guardianCapacity: z.enum(GUARDIAN_CAPACITY).optional().nullable(),
    termPoint: z.enum(TERM_POINTS).optional().nullable(),
  }),
  family_call: z.object({
    mode: z.enum(CALL_MODES).optional().nullable(),
    withWhom: z.enum(CALL_WITH).optional().nullable(),
    minutes: z.number().int().min(0).max(600).optional().nullable(),
    helper: t(50),
  }),
  family_letter: z.object({
    to: z.enum(CALL_WITH).optional().nullable(),
    occasion: t(100),
    /** The letter's text is stored only when the child agrees (POLICY.md). */
    childConsents: z.boolean().optional(),
    text: t(5000),
  }),
  tutoring: z.object({ subject: t(30) }),
  counselling: z.object({ issue: t(500), approach: t(500) }),
  material_aid: z.object({ item: t(100), value: z.number().min(0).max(1_000_000).optional().nullable(), source: t(100) }),
  host_visit: z.object({ hostName: t(30), conditions: t(500), issues: t(500) }),
} satisfies Record<CareKind, z.ZodTypeAny>;

export type CareDetails = { [K in CareKind]: z.infer<(typeof CARE_DETAILS)[K]> };

export const FollowUp = { followUpNeeded: z.boolean().optional(), followUpDate: IsoDate.optional().nullable() };

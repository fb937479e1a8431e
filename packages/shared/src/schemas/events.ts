import { z } from 'zod';
import { TeamMember, TeamRules } from '../events/teams.ts';
import { Id, IsoDate, RequiredPhone, Version, withoutDefaults } from './common.ts';

const Text = (max: number) => z.string().trim().max(max);

// ---- Home-visit campaigns (走访) ----

export const CHECK_ANSWERS = ['ok', 'issue', 'na'] as const;
export const ChecklistItem = z.object({ key: z.string().regex(/^[a-z0-9_]{1,30}$/), label: Text(60).min(1) });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** Which children's homes or boarding hosts a campaign visits. */
export const CampaignTarget = z.object({
  scope: z.enum(['all', 'host', 'boarding', 'key_support', 'grade', 'class']),
  value: Text(64).optional().nullable(),
});

export const CampaignCreate = z.object({
  schoolId: Id,
  title: Text(100).min(1, { message: 'validation.required' }),
  date: IsoDate,
  description: Text(2000).optional().nullable(),
  target: CampaignTarget,
  checklist: z.array(ChecklistItem).max(20).optional(),
  groups: z
    .array(z.object({ name: Text(30).min(1, { message: 'validation.required' }), leaderId: Id, memberIds: z.array(Id).max(20).default([]) }))
    .min(1, { message: 'validation.required' })
    .max(30),
});
export type CampaignCreate = z.output<typeof CampaignCreate>;

export const CampaignPlace = z.object({
  id: Id,
  groupId: Id.nullable(),
  kind: z.enum(['home', 'host']),
  label: z.string(),
  address: z.string().nullable(),
  children: z.array(z.object({ id: Id, name: z.string(), className: z.string().nullable() })),
  visitedAt: z.string().nullable(),
  visitedBy: z.string().nullable(),
  careRecordId: Id.nullable(),
  answers: z.record(z.string(), z.enum(CHECK_ANSWERS)),
  note: z.string().nullable(),
});
export type CampaignPlace = z.infer<typeof CampaignPlace>;

export const CampaignGroup = z.object({
  id: Id,
  name: z.string(),
  leaderId: Id,
  leaderName: z.string(),
  members: z.array(z.object({ id: Id, name: z.string() })),
  total: z.number().int(),
  visited: z.number().int(),
});

export const Campaign = z.object({
  id: Id,
  schoolId: Id,
  title: z.string(),
  date: z.string(),
  description: z.string().nullable(),
  target: CampaignTarget,
  checklist: z.array(ChecklistItem),
  groups: z.array(CampaignGroup),
  progress: z.object({ total: z.number().int(), visited: z.number().int(), unassigned: z.number().int() }),
  /** Per checklist item: how many places showed an issue. */
  issues: z.record(z.string(), z.number().int()),
  /** The caller's own group, if it is in one. */
  myGroupId: Id.nullable(),
  canManage: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignSummary = Campaign.pick({ id: true, schoolId: true, title: true, date: true, progress: true, myGroupId: true });

/** What can be corrected after a campaign is made (its groups and places stay). */
export const CampaignUpdate = z.object({
  title: Text(100).min(1, { message: 'validation.required' }).optional(),
  date: IsoDate.optional(),
  description: Text(2000).optional().nullable(),
  version: Version,
});
export type CampaignUpdate = z.output<typeof CampaignUpdate>;

export const PlacesAssign = z.object({ placeIds: z.array(Id).min(1).max(1000), groupId: Id.nullable() });
export const PlaceVisit = z.object({
  answers: z.record(z.string(), z.enum(CHECK_ANSWERS)),
  note: Text(2000).optional().nullable(),
  /** Who was at home, what the living and study conditions were: goes into the care record. */
  summary: Text(2000).min(1, { message: 'validation.required' }),
});

// ---- Events with team registration (篇五) ----

export const EventCreate = z.object({
  /** The organiser: a region (bureau) or a school. */
  regionId: Id.optional().nullable(),
  schoolId: Id.optional().nullable(),
  title: Text(100).min(1, { message: 'validation.required' }),
  description: Text(4000).optional().nullable(),
  sport: Text(30).optional().nullable(),
  registrationOpens: IsoDate,
  registrationDeadline: IsoDate,
  eventDate: IsoDate,
  place: Text(100).optional().nullable(),
  /** Schools that may register; empty = every school under the organiser. */
  unitIds: z.array(Id).max(500).default([]),
  rules: TeamRules,
});
export type EventCreate = z.output<typeof EventCreate>;
/** Every field optional, without the create defaults, so that a change that leaves the unit list out keeps it. */
export const EventUpdate = z
  .object(withoutDefaults(EventCreate.omit({ regionId: true, schoolId: true }).shape))
  .partial()
  .extend({ version: Version });

export const TEAM_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export const TeamCreate = z.object({
  name: Text(50).min(1, { message: 'validation.required' }),
  /** The registering school first; more schools make a joint team (needs approval). */
  unitIds: z.array(Id).min(1).max(10),
  contactName: Text(30).min(1, { message: 'validation.required' }),
  contactPhone: RequiredPhone,
  members: z.array(TeamMember).max(100),
  jointReason: Text(300).optional().nullable(),
});
export type TeamCreate = z.output<typeof TeamCreate>;
export const TeamUpdate = TeamCreate.partial().extend({ version: Version });

export const Team = z.object({
  id: Id,
  eventId: Id,
  name: z.string(),
  units: z.array(z.object({ id: Id, name: z.string() })),
  contactName: z.string(),
  contactPhone: z.string(),
  members: z.array(TeamMember),
  jointReason: z.string().nullable(),
  status: z.enum(TEAM_STATUSES),
  returnReason: z.string().nullable(),
  /** Rules the team breaks now, worded. */
  problems: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type Team = z.infer<typeof Team>;

export const EventView = z.object({
  id: Id,
  organiser: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  sport: z.string().nullable(),
  registrationOpens: z.string(),
  registrationDeadline: z.string(),
  eventDate: z.string(),
  place: z.string().nullable(),
  units: z.array(z.object({ id: Id, name: z.string() })),
  rules: TeamRules,
  open: z.boolean(),
  teams: z.number().int(),
  canManage: z.boolean(),
  version: z.number().int(),
});
export type EventView = z.infer<typeof EventView>;

export const TeamReview = z.object({ reason: Text(300).optional().nullable(), version: Version });

export const Donation = z.object({
  id: Id,
  schoolId: Id,
  schoolName: z.string(),
  eventId: Id.nullable(),
  item: z.string(),
  quantity: z.number().int().nullable(),
  value: z.number().nullable(),
  donor: z.string(),
  date: z.string(),
  note: z.string().nullable(),
});
export const DonationCreate = z.object({
  schoolId: Id,
  eventId: Id.optional().nullable(),
  item: Text(100).min(1, { message: 'validation.required' }),
  quantity: z.number().int().min(1).max(1_000_000).optional().nullable(),
  value: z.number().min(0).max(100_000_000).optional().nullable(),
  donor: Text(100).min(1, { message: 'validation.required' }),
  date: IsoDate,
  note: Text(300).optional().nullable(),
});

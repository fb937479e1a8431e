import { z } from 'zod';

// Events with team registration (篇五: a public-welfare football festival): team rules and their check.

export const MEMBER_ROLES = ['leader', 'coach', 'player'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TeamRules = z
  .object({
    /** Exactly this many leaders (领队), e.g. 1. */
    leaders: z.number().int().min(0).max(5).default(1),
    /** At most this many coaches (教练). */
    maxCoaches: z.number().int().min(0).max(5).default(1),
    minPlayers: z.number().int().min(1).max(100).default(8),
    maxPlayers: z.number().int().min(1).max(100).default(12),
    /** The leader and the coach may also be players (counted among the players). */
    leaderMayPlay: z.boolean().default(true),
    coachMayPlay: z.boolean().default(true),
    /** A unit that cannot field a team alone may join with others, up to this many units, with approval. */
    maxJointUnits: z.number().int().min(1).max(10).default(2),
  })
  .refine((r) => r.maxPlayers >= r.minPlayers, { message: 'validation.range', path: ['maxPlayers'] });
export type TeamRules = z.output<typeof TeamRules>;

export const TeamMember = z.object({
  name: z.string().trim().min(1, { message: 'validation.required' }).max(30),
  role: z.enum(MEMBER_ROLES),
  /** A leader or coach who also plays. */
  plays: z.boolean().default(false),
  gender: z.enum(['male', 'female']).optional().nullable(),
  /** Shirt number. */
  number: z.number().int().min(0).max(999).optional().nullable(),
  note: z.string().trim().max(100).optional().nullable(),
});
export type TeamMember = z.output<typeof TeamMember>;

/** A broken team rule, named so that the message can say which rule and by how much. */
export interface TeamProblem {
  code: 'leaders' | 'coaches' | 'min_players' | 'max_players' | 'leader_plays' | 'coach_plays' | 'joint_units' | 'duplicate_member' | 'duplicate_number';
  path: string;
  params: Record<string, string | number>;
}

/** Check a team against the event's rules. Pure; the server refuses to submit a team with problems. */
export function checkTeam(rules: TeamRules, members: TeamMember[], units: number): TeamProblem[] {
  const out: TeamProblem[] = [];
  const leaders = members.filter((m) => m.role === 'leader');
  const coaches = members.filter((m) => m.role === 'coach');
  // A leader or coach counts as a player only where the rules let them play.
  const players = members.filter(
    (m) => m.role === 'player' || (m.plays && ((m.role === 'leader' && rules.leaderMayPlay) || (m.role === 'coach' && rules.coachMayPlay))),
  ).length;
  if (leaders.length !== rules.leaders) out.push({ code: 'leaders', path: 'members', params: { want: rules.leaders, got: leaders.length } });
  if (coaches.length > rules.maxCoaches) out.push({ code: 'coaches', path: 'members', params: { max: rules.maxCoaches, got: coaches.length } });
  if (!rules.leaderMayPlay && leaders.some((m) => m.plays)) out.push({ code: 'leader_plays', path: 'members', params: {} });
  if (!rules.coachMayPlay && coaches.some((m) => m.plays)) out.push({ code: 'coach_plays', path: 'members', params: {} });
  if (players < rules.minPlayers) out.push({ code: 'min_players', path: 'members', params: { min: rules.minPlayers, got: players } });
  if (players > rules.maxPlayers) out.push({ code: 'max_players', path: 'members', params: { max: rules.maxPlayers, got: players } });
  if (units > rules.maxJointUnits) out.push({ code: 'joint_units', path: 'unitIds', params: { max: rules.maxJointUnits, got: units } });
  const names = members.map((m) => `${m.role === 'player' ? 'p' : 's'}|${m.name}`);
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0) out.push({ code: 'duplicate_member', path: `members.${twice}.name`, params: { name: (members[twice] as TeamMember).name } });
  const numbers = members.map((m) => m.number).filter((n): n is number => n !== null && n !== undefined);
  const dup = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (dup !== undefined) out.push({ code: 'duplicate_number', path: 'members', params: { number: dup } });
  return out;
}

import '../../i18n/events.ts';
import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { type EventView, joinList, type Lang, type MeResponse, type Team, type TeamMember, type TeamRules } from '@carebridge/shared';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang.tsx';
import type { TFunction } from '../../i18n/translate.ts';

export type TeamStatus = Team['status'];
export type Registration = 'open' | 'notYet' | 'closed';

/** Whether teams may register today (the server's `open`), or not yet, or no longer. */
export function registrationOf(e: Pick<EventView, 'open' | 'registrationOpens'>, today: string): Registration {
  if (e.open) return 'open';
  return today < e.registrationOpens ? 'notYet' : 'closed';
}

const REGISTRATION_COLOUR: Record<Registration, string> = { open: 'green', notYet: 'blue', closed: 'default' };

export function RegistrationTag({ state }: { state: Registration }) {
  const t = useT();
  return (
    <Tag color={REGISTRATION_COLOUR[state]} data-testid="event-registration" style={{ marginInlineEnd: 0 }}>
      {t(`eventList.${state}`)}
    </Tag>
  );
}

/** Colour and icon of each team status: grey draft, blue submitted, green approved, orange returned. */
const STATUS_META: Record<TeamStatus, { color: string; icon: ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined /> },
  submitted: { color: 'processing', icon: <SendOutlined /> },
  approved: { color: 'success', icon: <CheckCircleOutlined /> },
  returned: { color: 'warning', icon: <RollbackOutlined /> },
};

export function TeamStatusTag({ status }: { status: TeamStatus }) {
  const t = useT();
  const m = STATUS_META[status] ?? { color: 'default', icon: <ClockCircleOutlined /> };
  return (
    <Tag color={m.color} icon={m.icon} data-testid="team-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`events.statuses.${status}`)}
    </Tag>
  );
}

/** The team rules as short sentences in plain words ("每队须有领队 1 人", "队员 8–12 人", …). */
export function ruleSentences(t: TFunction, r: TeamRules): string[] {
  const play = r.leaderMayPlay && r.coachMayPlay ? 'bothPlay' : r.leaderMayPlay ? 'leaderPlays' : r.coachMayPlay ? 'coachPlays' : ('nonePlay' as const);
  return [
    r.leaders ? t('ruleText.leaders', { count: r.leaders }) : t('ruleText.noLeader'),
    r.maxCoaches ? t('ruleText.coaches', { count: r.maxCoaches }) : t('ruleText.noCoach'),
    r.minPlayers === r.maxPlayers ? t('ruleText.playersExact', { min: r.minPlayers }) : t('ruleText.players', { min: r.minPlayers, max: r.maxPlayers }),
    ...(r.leaders || r.maxCoaches ? [t(`ruleText.${play}`)] : []),
    r.maxJointUnits > 1 ? t('ruleText.joint', { count: r.maxJointUnits }) : t('ruleText.noJoint'),
  ];
}

/** The rules as one numbered list. */
export function RuleList({ rules, testId }: { rules: TeamRules; testId?: string }) {
  const t = useT();
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid={testId}>
      {ruleSentences(t, rules).map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ol>
  );
}

/** Leaders, coaches and players as the rules count them (a leader or coach who plays counts where allowed). */
export function memberCounts(rules: TeamRules, members: readonly Pick<TeamMember, 'role' | 'plays'>[]) {
  const leaders = members.filter((m) => m.role === 'leader').length;
  const coaches = members.filter((m) => m.role === 'coach').length;
  const players = members.filter(
    (m) => m.role === 'player' || (m.plays && ((m.role === 'leader' && rules.leaderMayPlay) || (m.role === 'coach' && rules.coachMayPlay))),
  ).length;
  return { leaders, coaches, players };
}

/** Where the user may organise an event: bureau officers their region, school leaders their school (administrators any region). */
export interface Organiser {
  kind: 'region' | 'school';
  id: string;
  name: string;
}
export function organiserChoices(me: MeResponse | undefined): Organiser[] {
  const out: Organiser[] = [];
  for (const r of me?.roles ?? []) {
    if (r.role === 'bureau_officer' && r.regionId) out.push({ kind: 'region', id: r.regionId, name: r.scopeName ?? '' });
    if (r.role === 'school_leader' && r.schoolId) out.push({ kind: 'school', id: r.schoolId, name: r.scopeName ?? '' });
  }
  return out.filter((o, i) => out.findIndex((x) => x.kind === o.kind && x.id === o.id) === i);
}

export const isAdmin = (me: MeResponse | undefined) => !!me?.roles.some((r) => r.role === 'system_admin');

/** Units of the event this user registers teams for: where they lead the school or work in its moral-education office. */
export function registeringUnits(me: MeResponse | undefined, e: Pick<EventView, 'units'>): EventView['units'] {
  if (isAdmin(me)) return e.units;
  const mine = new Set(
    (me?.roles ?? []).filter((r) => (r.role === 'school_leader' || r.role === 'moral_education') && r.schoolId).map((r) => r.schoolId as string),
  );
  return e.units.filter((u) => mine.has(u.id));
}

/** The units of an event or a team as a list of the reader's language: "甲校、乙校" / "A, B". */
export function unitNames(lang: Lang, units: readonly Pick<EventView['units'][number], 'name'>[]): string {
  return joinList(
    lang,
    units.map((u) => u.name),
  );
}

export const nums = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

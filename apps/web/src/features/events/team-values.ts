import { checkTeam, type MemberRole, type Team, type TeamMember, type TeamRules } from '@carebridge/shared';

/** One editable row of the member list; numbers and notes may be blank while typing. */
export interface MemberRow {
  name?: string;
  role?: MemberRole;
  plays?: boolean;
  gender?: 'male' | 'female' | null;
  number?: number | null;
  note?: string | null;
}

/** The team form's values: the registering school and the joint-team units apart, members as rows. */
export interface TeamValues {
  schoolId?: string;
  jointUnitIds?: string[];
  name?: string;
  contactName?: string;
  contactPhone?: string;
  jointReason?: string | null;
  members?: MemberRow[];
}

/** A row the user has not started on is left out (the "add players" button adds several at once). */
const blank = (m: MemberRow | undefined) => !m || (!m.name?.trim() && (m.number === null || m.number === undefined) && !m.note?.trim());

/** The rows that go to the server, each with the index of its row in the form (for the server's field errors). */
export function filledMembers(rows: readonly (MemberRow | undefined)[] | undefined): { members: TeamMember[]; rowOf: number[] } {
  const members: TeamMember[] = [];
  const rowOf: number[] = [];
  (rows ?? []).forEach((m, i) => {
    if (!m || blank(m)) return;
    const role = m.role ?? 'player';
    members.push({
      name: m.name?.trim() ?? '',
      role,
      plays: role !== 'player' && !!m.plays,
      gender: m.gender ?? null,
      number: m.number ?? null,
      note: m.note?.trim() || null,
    });
    rowOf.push(i);
  });
  return { members, rowOf };
}

export function toTeamPayload(v: TeamValues) {
  const { members, rowOf } = filledMembers(v.members);
  const joint = (v.jointUnitIds ?? []).filter((u) => u !== v.schoolId);
  return {
    rowOf,
    body: {
      name: v.name?.trim() ?? '',
      unitIds: [v.schoolId ?? '', ...joint],
      contactName: v.contactName?.trim() ?? '',
      contactPhone: v.contactPhone?.trim() ?? '',
      members,
      jointReason: joint.length ? v.jointReason?.trim() || null : null,
    },
  };
}

export function toTeamValues(team: Team): TeamValues {
  return {
    schoolId: team.units[0]?.id ?? '',
    jointUnitIds: team.units.slice(1).map((u) => u.id),
    name: team.name,
    contactName: team.contactName,
    contactPhone: team.contactPhone,
    jointReason: team.jointReason ?? '',
    members: team.members.map((m) => ({ ...m })),
  };
}

/** The rules the team breaks now, as the server would word them, plus a joint team's missing reason. */
export function liveProblems(rules: TeamRules, v: TeamValues) {
  const { body } = toTeamPayload(v);
  const problems: { code: string; params: Record<string, string | number> }[] = checkTeam(rules, body.members, body.unitIds.length);
  if (body.unitIds.length > 1 && !body.jointReason) problems.push({ code: 'joint_reason', params: {} });
  return problems;
}

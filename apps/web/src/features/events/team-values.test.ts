import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './event-values.ts';
import { filledMembers, liveProblems, toTeamPayload } from './team-values.ts';

const players = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `队员${i + 1}`, role: 'player' as const }));

describe('team form values', () => {
  it('leaves out rows not started on and keeps the row of each member for the server’s errors', () => {
    const { members, rowOf } = filledMembers([
      { name: '王领队', role: 'leader', plays: true },
      { role: 'player' },
      { name: ' 队员1 ', role: 'player', plays: true },
    ]);
    expect(members).toEqual([
      { name: '王领队', role: 'leader', plays: true, gender: null, number: null, note: null },
      { name: '队员1', role: 'player', plays: false, gender: null, number: null, note: null },
    ]);
    expect(rowOf).toEqual([0, 2]);
  });

  it('names the broken rules live, a joint team without its reason included', () => {
    const values = { schoolId: 'a', jointUnitIds: ['b'], members: [{ name: '王领队', role: 'leader' as const }, ...players(6), { role: 'player' as const }] };
    expect(liveProblems(DEFAULT_RULES, values)).toEqual([
      { code: 'min_players', path: 'members', params: { min: 8, got: 6 } },
      { code: 'joint_reason', params: {} },
    ]);
    expect(liveProblems(DEFAULT_RULES, { ...values, jointReason: '人数不足', members: [{ name: '王领队', role: 'leader' }, ...players(8)] })).toEqual([]);
    expect(toTeamPayload({ ...values, jointUnitIds: [], jointReason: '旧理由' }).body.jointReason).toBeNull();
  });
});

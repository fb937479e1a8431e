import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimetable } from './check.ts';
import { campNames, describeCampViolation, explain } from './explain.ts';
import { seedCamp } from './seed-camp.ts';
import { solveCamp } from './solver.ts';
import {
  type CampCellLike,
  type CampInput,
  CampInput as CampInputSchema,
  type CampSession,
  type CampTimetable,
  type CampViolationCode,
  campUnits,
} from './types.ts';

const codes = (cells: CampCellLike[], input: CampInput) => checkTimetable(input, cells).violations.map((v) => v.code);

describe('campUnits', () => {
  it('cuts the seed windows into 11 units a day, 44 in all, each half-day its own block', () => {
    const input = seedCamp();
    const units = campUnits(input.days, input.windows, 30);
    expect(units).toHaveLength(44);
    expect(units[0]).toEqual({ index: 0, date: '2026-07-28', start: '09:00', end: '09:30', half: '2026-07-28#0' });
    expect(units[4]).toEqual({ index: 4, date: '2026-07-28', start: '11:00', end: '11:30', half: '2026-07-28#0' });
    expect(units[5]).toEqual({ index: 5, date: '2026-07-28', start: '14:30', end: '15:00', half: '2026-07-28#1' });
    expect(units[10]).toMatchObject({ start: '17:00', end: '17:30', half: '2026-07-28#1' });
    expect(units[43]).toMatchObject({ index: 43, date: '2026-07-31', end: '17:30' });
    expect(new Set(units.map((u) => u.half)).size).toBe(8);
  });
  it('drops a unit that would run past the end of its window', () => {
    expect(campUnits(['2026-07-28'], [{ start: '09:00', end: '11:15' }], 30).map((u) => u.end)).toEqual(['09:30', '10:00', '10:30', '11:00']);
    expect(campUnits(['2026-07-28'], [{ start: '09:00', end: '11:30' }], 45).map((u) => `${u.start}-${u.end}`)).toEqual([
      '09:00-09:45',
      '09:45-10:30',
      '10:30-11:15',
    ]);
    expect(campUnits(['2026-07-28'], [{ start: '09:00', end: '09:29' }], 30)).toEqual([]);
    expect(campUnits(['2026-07-28'], [{ start: '09:00', end: '09:30' }], 30)).toHaveLength(1);
  });
  it('orders dates (once each) and windows by start, numbering units in that order', () => {
    const units = campUnits(
      ['2026-07-29', '2026-07-28', '2026-07-29'],
      [
        { start: '14:00', end: '15:00' },
        { start: '08:00', end: '09:00' },
      ],
      30,
    );
    expect(units.map((u) => `${u.index} ${u.date} ${u.start} ${u.half}`)).toEqual([
      '0 2026-07-28 08:00 2026-07-28#0',
      '1 2026-07-28 08:30 2026-07-28#0',
      '2 2026-07-28 14:00 2026-07-28#1',
      '3 2026-07-28 14:30 2026-07-28#1',
      '4 2026-07-29 08:00 2026-07-29#0',
      '5 2026-07-29 08:30 2026-07-29#0',
      '6 2026-07-29 14:00 2026-07-29#1',
      '7 2026-07-29 14:30 2026-07-29#1',
    ]);
  });
  it('validates with the zod schema, rejecting a window that ends before it starts', () => {
    expect(CampInputSchema.safeParse(seedCamp()).success).toBe(true);
    expect(CampInputSchema.safeParse({ ...seedCamp(), windows: [{ start: '11:00', end: '09:00' }] }).success).toBe(false);
    expect(CampInputSchema.safeParse({ ...seedCamp(), days: ['2026-02-30'] }).success).toBe(false);
  });
});

/** One day: units 0-3 in the morning (09:00-11:00), 4-5 in the afternoon (14:00-15:00). */
const small: CampInput = {
  days: ['2026-07-28'],
  windows: [
    { start: '09:00', end: '11:00' },
    { start: '14:00', end: '15:00' },
  ],
  fixedEvents: [{ title: '升旗', date: '2026-07-28', start: '09:00', end: '09:30', groupIds: ['B'] }],
  groups: [
    { id: 'A', name: 'A组' },
    { id: 'B', name: 'B组' },
  ],
  sessions: [
    { id: 'L1', subject: 'x', title: 'L1', kind: 'lesson', unitsPerGroup: 1, allowConsecutive: false },
    { id: 'L2', subject: 'x', title: 'L2', kind: 'lesson', unitsPerGroup: 1, allowConsecutive: false },
    { id: 'L3', subject: 'x', title: 'L3', kind: 'lesson', unitsPerGroup: 1, allowConsecutive: false },
    { id: 'L4', subject: 'x', title: 'L4', kind: 'lesson', unitsPerGroup: 1, allowConsecutive: false },
    { id: 'GM', subject: 'x', title: 'GM', kind: 'game', unitsPerGroup: 2, allowConsecutive: false },
    { id: 'ART', subject: 'x', title: 'ART', kind: 'lesson', unitsPerGroup: 2, allowConsecutive: true },
    { id: 'ONLYB', subject: 'x', title: 'ONLYB', kind: 'lesson', groupIds: ['B'], unitsPerGroup: 1, allowConsecutive: false },
  ],
  volunteers: [
    { id: 'x', name: 'X', sessionIds: ['L1', 'L2', 'L3', 'L4', 'GM', 'ART', 'ONLYB'] },
    { id: 'y', name: 'Y', sessionIds: ['L1', 'GM'], available: [{ date: '2026-07-28', start: '14:00', end: '15:00' }] },
    { id: 'z', name: 'Z', sessionIds: ['L1', 'L2', 'GM'], maxUnits: 1 },
  ],
  options: { maxLessonsInRow: 3 },
};
const cell = (groupId: string, unitIndex: number, sessionId: string, volunteerId: string) => ({ groupId, unitIndex, sessionId, volunteerId });

describe('checkTimetable', () => {
  it('finds nothing wrong in a clean timetable, and counts what is short', () => {
    const cells = [cell('A', 0, 'L1', 'x'), cell('A', 1, 'L2', 'z'), cell('A', 2, 'GM', 'x'), cell('A', 4, 'GM', 'y'), cell('B', 1, 'ONLYB', 'x')];
    const result = checkTimetable(small, cells);
    expect(result.violations).toEqual([]);
    expect(result.excess).toEqual([]);
    expect(result.unmet).toContainEqual({ groupId: 'A', sessionId: 'ART', required: 2, got: 0 });
    expect(result.unmet.find((t) => t.groupId === 'A' && t.sessionId === 'GM')).toBeUndefined();
    expect(result.unmet.find((t) => t.groupId === 'A' && t.sessionId === 'ONLYB')).toBeUndefined();
  });
  it('reports units over the requirement separately', () => {
    expect(checkTimetable(small, [cell('A', 0, 'L1', 'x'), cell('A', 4, 'L1', 'y')]).excess).toEqual([{ groupId: 'A', sessionId: 'L1', required: 1, got: 2 }]);
  });
  it('finds a volunteer in two places at once, naming both cells', () => {
    const v = checkTimetable(small, [cell('A', 0, 'L1', 'x'), cell('B', 0, 'L2', 'x')]).violations;
    expect(v).toContainEqual({ code: 'volunteer_double', cells: [0, 1], volunteerId: 'x', unitIndex: 0 });
  });
  it('finds a group with two cells in one unit', () => {
    expect(checkTimetable(small, [cell('A', 1, 'L1', 'x'), cell('A', 1, 'L2', 'z')]).violations).toEqual([
      { code: 'group_double', cells: [0, 1], groupId: 'A', unitIndex: 1 },
    ]);
  });
  it('finds a volunteer outside their availability, and one over maxUnits', () => {
    expect(checkTimetable(small, [cell('A', 0, 'L1', 'y')]).violations).toEqual([
      { code: 'volunteer_unavailable', cells: [0], volunteerId: 'y', unitIndex: 0 },
    ]);
    expect(checkTimetable(small, [cell('A', 3, 'L1', 'z'), cell('A', 0, 'L2', 'z')]).violations).toEqual([
      { code: 'volunteer_over_max', cells: [0], volunteerId: 'z', max: 1, got: 2 },
    ]);
  });
  it('finds a volunteer teaching what they cannot, and a session not meant for the group', () => {
    expect(codes([cell('A', 0, 'ART', 'y')], small)).toEqual(['volunteer_unavailable', 'volunteer_unqualified']);
    expect(checkTimetable(small, [cell('A', 0, 'ONLYB', 'x')]).violations).toEqual([
      { code: 'session_unsuitable', cells: [0], groupId: 'A', sessionId: 'ONLYB' },
    ]);
  });
  it('finds a cell on a unit a fixed event blocks for that group only', () => {
    expect(checkTimetable(small, [cell('B', 0, 'L1', 'x')]).violations).toEqual([
      { code: 'blocked_by_event', cells: [0], groupId: 'B', unitIndex: 0, event: '升旗' },
    ]);
    expect(codes([cell('A', 0, 'L1', 'x')], small)).toEqual([]);
  });
  it('finds too many lessons in a row, and lets a game, a free unit or the lunch break reset the run', () => {
    const four = [cell('A', 0, 'L1', 'z'), cell('A', 1, 'L2', 'x'), cell('A', 2, 'L3', 'x'), cell('A', 3, 'L4', 'x')];
    expect(checkTimetable(small, four).violations).toEqual([{ code: 'lessons_in_row', cells: [0, 1, 2, 3], groupId: 'A', max: 3, run: 4 }]);
    const withGame = [cell('A', 0, 'L1', 'x'), cell('A', 1, 'GM', 'x'), cell('A', 2, 'L2', 'x'), cell('A', 3, 'L3', 'x')];
    expect(codes(withGame, small).filter((c) => c === 'lessons_in_row')).toEqual([]);
    const acrossLunch = [cell('A', 1, 'L1', 'x'), cell('A', 2, 'L2', 'x'), cell('A', 3, 'L3', 'x'), cell('A', 4, 'L4', 'x')];
    expect(codes(acrossLunch, small).filter((c) => c === 'lessons_in_row')).toEqual([]);
    const tight = { ...small, options: { maxLessonsInRow: 1 } };
    expect(codes([cell('A', 4, 'L2', 'x'), cell('A', 5, 'L1', 'y')], tight)).toEqual(['lessons_in_row']);
  });
  it('finds a session repeated in a half-day, and back-to-back units where not allowed', () => {
    expect(checkTimetable(small, [cell('A', 0, 'GM', 'x'), cell('A', 2, 'GM', 'x')]).violations).toEqual([
      { code: 'repeat_in_half', cells: [0, 1], groupId: 'A', sessionId: 'GM', half: '2026-07-28#0' },
    ]);
    expect(checkTimetable(small, [cell('A', 0, 'GM', 'x'), cell('A', 1, 'GM', 'z')]).violations.map((v) => v.code)).toEqual(['consecutive']);
    // Art may run as a double period (one occurrence), but not twice apart in one half-day.
    expect(codes([cell('A', 0, 'ART', 'x'), cell('A', 1, 'ART', 'x')], small)).toEqual([]);
    expect(codes([cell('A', 0, 'ART', 'x'), cell('A', 2, 'ART', 'x')], small)).toEqual(['repeat_in_half']);
    const repeatable = { ...small, sessions: small.sessions.map((s) => (s.id === 'GM' ? { ...s, allowRepeatInHalf: true } : s)) };
    expect(codes([cell('A', 0, 'GM', 'x'), cell('A', 2, 'GM', 'x')], repeatable)).toEqual([]);
  });
  it('names unknown groups, sessions, volunteers and units', () => {
    expect(codes([cell('Q', 0, 'L1', 'x'), cell('A', 9, 'L1', 'x'), cell('A', 0, 'NOPE', 'x'), cell('A', 1, 'L1', 'who')], small)).toEqual([
      'unknown_ref',
      'unknown_ref',
      'unknown_ref',
      'unknown_ref',
    ]);
  });
  it('words each violation in both languages', () => {
    const names = campNames(small);
    const v = checkTimetable(small, [cell('A', 0, 'L1', 'x'), cell('B', 0, 'L2', 'x')]).violations;
    expect(v.map((x) => describeCampViolation(x, 'zh-CN', names))).toContain('X在 7月28日 09:00 同时要上 2 处课');
    expect(v.map((x) => describeCampViolation(x, 'en-US', names))).toContain('X is booked 2 times at Jul 28 09:00');
  });
});

describe('solveCamp on the seed camp', () => {
  const input = seedCamp();
  const result = solveCamp(input);
  const units = campUnits(input.days, input.windows, 30);

  it('breaks no hard rule, meets every requirement and never overshoots', () => {
    const check = checkTimetable(input, result.cells);
    expect(check.violations).toEqual([]);
    expect(check.excess).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.unmet).toEqual(check.unmet.map((t) => expect.objectContaining(t)));
    expect(result.unmet).toEqual([]);
    expect(result.cells).toHaveLength(168);
  });
  it('keeps the opening session free for everyone', () => {
    expect(result.cells.filter((c) => c.unitIndex < 5)).toEqual([]);
  });
  it('spreads each session of a group across days and balances volunteer loads', () => {
    const perDay = new Map<string, number>();
    for (const c of result.cells) {
      const key = `${c.groupId}/${c.sessionId}/${units[c.unitIndex]!.date}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    for (const [key, n] of perDay) {
      const session = input.sessions.find((s) => s.id === key.split('/')[1])!;
      expect(n, key).toBeLessThanOrEqual(Math.ceil(session.unitsPerGroup / input.days.length));
    }
    const loads = input.volunteers.map((v) => result.cells.filter((c) => c.volunteerId === v.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(4);
  });
  it('is deterministic', () => {
    expect(solveCamp(seedCamp())).toEqual(result);
    expect(solveCamp(structuredClone(input))).toEqual(result);
  });
  it('solves in well under a second', () => {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) solveCamp(input);
    expect((performance.now() - t0) / 5).toBeLessThan(200);
  });
  it('keeps locked cells exactly where they are on re-solving', () => {
    const picked = result.cells
      .filter((_, i) => i % 13 === 0)
      .map(({ groupId, unitIndex, sessionId, volunteerId }) => ({ groupId, unitIndex, sessionId, volunteerId }));
    // And one hand-placed cell the solver did not choose: a game for group 1 in a unit it left free, away from other games.
    const g1 = new Map(result.cells.filter((c) => c.groupId === 'g1').map((c) => [c.unitIndex, c.sessionId]));
    const free = units.findLast((u) => u.index >= 5 && !g1.has(u.index) && ![...g1].some(([i, s]) => s === 'math-games' && units[i]!.half === u.half))!;
    const hand = { groupId: 'g1', unitIndex: free.index, sessionId: 'math-games', volunteerId: 'v11' };
    const locked = [...picked, hand];
    const again = solveCamp({ ...input, locked });
    for (const l of locked) expect(again.cells).toContainEqual({ ...l, locked: true });
    expect(again.cells.filter((c) => c.locked)).toHaveLength(locked.length);
    expect(checkTimetable(input, again.cells).violations).toEqual([]);
    expect(again.unmet).toEqual([]);
    expect(again.problems).toEqual([]);
  });
});

describe('solveCamp when not everything fits', () => {
  it('reports a starved session in unmet with a reason, sharing the few units out', () => {
    const input = seedCamp();
    input.volunteers = input.volunteers.map((v) =>
      v.id === 'v01'
        ? { ...v, available: [{ date: '2026-07-29', start: '14:30', end: '15:30' }] }
        : { ...v, sessionIds: v.sessionIds.filter((s) => s !== 'music') },
    );
    const result = solveCamp(input);
    const music = result.unmet.filter((u) => u.sessionId === 'music');
    expect(music).toHaveLength(6);
    expect(music.reduce((n, u) => n + u.got, 0)).toBe(2);
    expect(Math.max(...music.map((u) => u.got))).toBe(1);
    for (const u of music) expect(u.reason).toEqual({ code: 'volunteer_capacity', sessionId: 'music', volunteers: 1, capacity: 2, demand: 24 });
    expect(result.unmet.filter((u) => u.sessionId !== 'music')).toEqual([]);
    expect(checkTimetable(input, result.cells).violations).toEqual([]);
    const names = campNames(input);
    const g3 = music.find((u) => u.groupId === 'g3')!;
    expect(explain(g3, 'zh-CN', names)).toBe(`音乐：只有 1 名志愿者可上，第3组（9岁）只排到 ${g3.got}/4 个单元`);
  });
  it('says why for each kind of shortfall', () => {
    const base: CampInput = {
      days: ['2026-07-28', '2026-07-29'],
      windows: [{ start: '09:00', end: '10:30' }],
      groups: [{ id: 'A', name: 'A' }],
      sessions: [],
      volunteers: [{ id: 'x', name: 'X', sessionIds: ['S'] }],
    };
    const one = (s: Partial<CampSession>, extra: Partial<CampInput> = {}) =>
      solveCamp({ ...base, sessions: [{ id: 'S', subject: 's', title: 'S', kind: 'game', unitsPerGroup: 1, allowConsecutive: false, ...s }], ...extra })
        .unmet[0]?.reason;
    expect(one({ id: 'T' })).toEqual({ code: 'no_volunteer', sessionId: 'T' });
    expect(one({}, { volunteers: [{ id: 'x', name: 'X', sessionIds: ['S'], available: [{ date: '2026-08-01', start: '09:00', end: '10:00' }] }] })).toEqual({
      code: 'volunteer_unavailable',
      sessionId: 'S',
      volunteers: 1,
    });
    expect(one({ unitsPerGroup: 3 })).toEqual({ code: 'too_few_half_days', sessionId: 'S', halves: 2 });
    expect(one({ unitsPerGroup: 7, allowRepeatInHalf: true, allowConsecutive: true })).toEqual({ code: 'no_free_units', groupId: 'A' });
    expect(one({ unitsPerGroup: 5, allowRepeatInHalf: true })).toEqual({ code: 'schedule_rules', sessionId: 'S' });
    expect(one({ unitsPerGroup: 2 }, { volunteers: [{ id: 'x', name: 'X', sessionIds: ['S'], maxUnits: 1 }] })).toEqual({
      code: 'volunteer_capacity',
      sessionId: 'S',
      volunteers: 1,
      capacity: 1,
      demand: 2,
    });
    // Both groups can only use the last morning unit of day 1 while X is there: one of them misses out.
    const busy = {
      groups: [...base.groups, { id: 'B', name: 'B' }],
      fixedEvents: [{ title: 'e', date: '2026-07-28', start: '09:00', end: '10:00' }],
      volunteers: [{ id: 'x', name: 'X', sessionIds: ['S'], available: [{ date: '2026-07-28', start: '09:00', end: '10:30' }] }],
    };
    expect(one({}, busy)).toEqual({ code: 'volunteer_busy', sessionId: 'S', volunteers: 1 });
  });
  it('reports clashing locked cells as problems instead of throwing', () => {
    const input = seedCamp();
    const locked = [
      { groupId: 'g1', unitIndex: 6, sessionId: 'music', volunteerId: 'v01' },
      { groupId: 'g1', unitIndex: 6, sessionId: 'art', volunteerId: 'v10' },
      { groupId: 'g2', unitIndex: 6, sessionId: 'music', volunteerId: 'v01' },
      { groupId: 'g3', unitIndex: 2, sessionId: 'music', volunteerId: 'v05' },
      { groupId: 'g4', unitIndex: 7, sessionId: 'music', volunteerId: 'nobody' },
    ];
    const result = solveCamp({ ...input, locked });
    const conflicts = result.problems.filter((p) => p.code === 'locked_conflict');
    expect(conflicts.map((p) => [p.violation.code, p.violation.cells, p.dropped])).toEqual([
      ['unknown_ref', [4], [4]],
      ['group_double', [0, 1], [1]],
      ['blocked_by_event', [3], []],
      ['volunteer_double', [0, 2], []],
    ]);
    expect(result.cells).toContainEqual({ ...locked[0], locked: true });
    expect(result.cells).toContainEqual({ ...locked[2], locked: true });
    expect(result.cells).toContainEqual({ ...locked[3], locked: true });
    expect(result.cells.find((c) => c.groupId === 'g4' && c.unitIndex === 7)?.locked).not.toBe(true);
    // Whatever still breaks a rule involves a locked cell.
    for (const v of checkTimetable(input, result.cells).violations) expect(v.cells.some((i) => result.cells[i]!.locked)).toBe(true);
    const names = campNames(input);
    expect(conflicts.map((p) => explain(p, 'zh-CN', names))).toContain('锁定的课有冲突：王思雨在 7月28日 15:00 同时要上 2 处课');
  });
  it('does not blame locked units of a double period for a gap the solver then fills', () => {
    const input: CampInput = {
      days: ['2026-07-28'],
      windows: [{ start: '09:00', end: '10:30' }],
      groups: [{ id: 'A', name: 'A' }],
      sessions: [{ id: 'ART', subject: 'art', title: 'ART', kind: 'lesson', unitsPerGroup: 3, allowConsecutive: true }],
      volunteers: [{ id: 'x', name: 'X', sessionIds: ['ART'] }],
      locked: [
        { groupId: 'A', unitIndex: 0, sessionId: 'ART', volunteerId: 'x' },
        { groupId: 'A', unitIndex: 2, sessionId: 'ART', volunteerId: 'x' },
      ],
    };
    const result = solveCamp(input);
    expect(result.problems).toEqual([]);
    expect(result.cells.map((c) => [c.unitIndex, c.locked])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    // With nothing left to fill the gap, the two separate runs are reported.
    const stuck = solveCamp({ ...input, sessions: [{ ...input.sessions[0]!, unitsPerGroup: 2 }] });
    expect(stuck.problems).toEqual([
      {
        code: 'locked_conflict',
        violation: { code: 'repeat_in_half', cells: [0, 1], groupId: 'A', sessionId: 'ART', half: '2026-07-28#0' },
        dropped: [],
      },
    ]);
  });
  it('reports unknown references and duplicate ids in the input', () => {
    const input = seedCamp();
    input.sessions[0] = { ...input.sessions[0]!, groupIds: ['g3', 'g9'] };
    input.volunteers.push({ ...input.volunteers[0]!, name: '重复' });
    input.volunteers[1] = { ...input.volunteers[1]!, sessionIds: [...input.volunteers[1]!.sessionIds, 'chess'] };
    const result = solveCamp(input);
    expect(result.problems).toEqual([
      { code: 'duplicate_id', ref: 'volunteer', id: 'v01' },
      { code: 'unknown_ref', ref: 'group', id: 'g9', in: 'session', owner: 'en-stories' },
      { code: 'unknown_ref', ref: 'session', id: 'chess', in: 'volunteer', owner: 'v02' },
    ]);
    expect(explain(result.problems[2]!, 'en-US')).toBe('volunteer "v02" names an unknown session chess; ignored');
  });
});

describe('explain', () => {
  const unmet = {
    groupId: 'g3',
    sessionId: 'music',
    required: 4,
    got: 2,
    reason: { code: 'volunteer_capacity', sessionId: 'music', volunteers: 1, capacity: 2, demand: 24 },
  } as const;
  it('words a shortfall in Chinese and English', () => {
    expect(explain(unmet, 'zh-CN', { groups: { g3: '第3组' }, sessions: { music: '音乐' } })).toBe('音乐：只有 1 名志愿者可上，第3组只排到 2/4 个单元');
    expect(explain(unmet, 'en-US', { groups: { g3: 'group 3' }, sessions: { music: 'music' } })).toBe(
      'music: only 1 volunteer available, group 3 gets 2 of 4 units',
    );
  });
  it('words a bare reason, falling back to ids without names', () => {
    expect(explain({ code: 'no_volunteer', sessionId: 'chess' }, 'en-US')).toBe('chess: no volunteer can teach it');
    expect(explain({ code: 'too_few_half_days', sessionId: 'pe', halves: 7 }, 'zh-CN', { sessions: { pe: '体育' } })).toBe(
      '体育：每个半天只能上一次，只有 7 个半天',
    );
  });
});

// ——— Property-based: random small camps ———

const DATES = ['2026-07-01', '2026-07-02', '2026-07-03'];
const WINDOW_SETS = [
  [{ start: '09:00', end: '10:30' }],
  [
    { start: '09:00', end: '11:00' },
    { start: '14:00', end: '15:30' },
  ],
  [
    { start: '14:00', end: '15:00' },
    { start: '08:00', end: '09:45' },
  ],
];
const SPANS = [
  ['08:00', '17:00'],
  ['09:00', '10:00'],
  ['09:30', '11:00'],
  ['14:00', '15:30'],
  ['08:00', '09:00'],
] as const;
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A random camp of up to 3 days, 4 groups, 6 sessions and 5 volunteers, with events and odd windows. */
const arbCamp: fc.Arbitrary<CampInput> = fc
  .record({
    days: fc.integer({ min: 1, max: 3 }),
    windows: fc.integer({ min: 0, max: WINDOW_SETS.length - 1 }),
    groups: fc.integer({ min: 1, max: 4 }),
    sessions: fc.integer({ min: 1, max: 6 }),
    volunteers: fc.integer({ min: 1, max: 5 }),
  })
  .chain((n) => {
    const dates = DATES.slice(0, n.days);
    const groupIds = Array.from({ length: n.groups }, (_, i) => `g${i}`);
    const sessionIds = Array.from({ length: n.sessions }, (_, i) => `s${i}`);
    const span = fc.record({ date: fc.constantFrom(...dates), at: fc.constantFrom(...SPANS) }).map(({ date, at }) => ({ date, start: at[0], end: at[1] }));
    const session = (id: string) =>
      fc.record({
        id: fc.constant(id),
        subject: fc.constant('x'),
        title: fc.constant(id),
        kind: fc.constantFrom('lesson' as const, 'game' as const),
        groupIds: optional(fc.subarray(groupIds)),
        unitsPerGroup: fc.integer({ min: 0, max: 4 }),
        allowConsecutive: fc.boolean(),
        allowRepeatInHalf: optional(fc.boolean()),
      });
    const volunteer = (id: string) =>
      fc.record({
        id: fc.constant(id),
        name: fc.constant(id),
        sessionIds: fc.subarray(sessionIds),
        available: optional(fc.array(span, { maxLength: 3 })),
        maxUnits: optional(fc.integer({ min: 0, max: 8 })),
      });
    return fc.record({
      days: fc.constant(dates),
      windows: fc.constant(WINDOW_SETS[n.windows]!),
      unitMinutes: fc.constant(30),
      fixedEvents: fc.array(
        fc.record({
          title: fc.constant('event'),
          date: fc.constantFrom(...dates),
          start: fc.constant('09:00'),
          end: fc.constant('09:30'),
          groupIds: optional(fc.subarray(groupIds)),
        }),
        { maxLength: 2 },
      ),
      groups: fc.constant(groupIds.map((id) => ({ id, name: id }))),
      sessions: fc.tuple(...sessionIds.map(session)),
      volunteers: fc.tuple(...Array.from({ length: n.volunteers }, (_, i) => volunteer(`v${i}`))),
      options: fc.record({ maxLessonsInRow: fc.integer({ min: 1, max: 3 }) }),
    });
  });

/** Each (group, session) count never above its requirement. */
function expectNoOvershoot(input: CampInput, result: CampTimetable): void {
  const got = new Map<string, number>();
  for (const c of result.cells) got.set(`${c.groupId}/${c.sessionId}`, (got.get(`${c.groupId}/${c.sessionId}`) ?? 0) + 1);
  for (const [key, n] of got) {
    const session = input.sessions.find((s) => s.id === key.split('/')[1])!;
    expect(n).toBeLessThanOrEqual(session.unitsPerGroup);
  }
}

describe('solveCamp on random camps', () => {
  it('breaks no hard rule, never overshoots, and reports exactly the shortfalls the checker finds', () => {
    fc.assert(
      fc.property(arbCamp, (input) => {
        const result = solveCamp(input);
        const check = checkTimetable(input, result.cells);
        expect(check.violations).toEqual([]);
        expect(check.excess).toEqual([]);
        expectNoOvershoot(input, result);
        expect(result.unmet.map(({ reason: _, ...t }) => t)).toEqual(check.unmet);
        for (const u of result.unmet) expect(explain(u, 'zh-CN', campNames(input)).length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(arbCamp, (input) => {
        expect(solveCamp(structuredClone(input))).toEqual(solveCamp(input));
      }),
      { numRuns: 100 },
    );
  });
  it('keeps any subset of its own cells when they are locked, still breaking no rule', () => {
    fc.assert(
      fc.property(arbCamp, fc.infiniteStream(fc.boolean()), (input, coin) => {
        const first = solveCamp(input);
        const locked = first.cells
          .filter(() => coin.next().value)
          .map(({ groupId, unitIndex, sessionId, volunteerId }) => ({ groupId, unitIndex, sessionId, volunteerId }));
        const again = solveCamp({ ...input, locked });
        for (const l of locked) expect(again.cells).toContainEqual({ ...l, locked: true });
        expect(again.problems).toEqual([]);
        expect(checkTimetable(input, again.cells).violations).toEqual([]);
        expectNoOvershoot(input, again);
      }),
      { numRuns: 100 },
    );
  });
  it('survives arbitrary, clashing locked cells: keeps the placeable ones, blames them for any broken rule', () => {
    const arbLocked = fc.array(
      fc.record({
        groupId: fc.constantFrom('g0', 'g1', 'g2', 'gX'),
        unitIndex: fc.integer({ min: 0, max: 14 }),
        sessionId: fc.constantFrom('s0', 's1', 's2', 'sX'),
        volunteerId: fc.constantFrom('v0', 'v1', 'vX'),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arbCamp, arbLocked, (input, locked) => {
        const result = solveCamp({ ...input, locked });
        const dropped = new Set(result.problems.flatMap((p) => (p.code === 'locked_conflict' ? p.dropped : [])));
        const kept = result.cells.filter((c) => c.locked).map(({ locked: _, ...c }) => c);
        expect(kept).toHaveLength(locked.length - dropped.size);
        locked.forEach((l, i) => {
          if (!dropped.has(i)) expect(kept).toContainEqual(l);
        });
        const violations: { code: CampViolationCode; cells: number[] }[] = checkTimetable(input, result.cells).violations;
        for (const v of violations) expect(v.cells.some((i) => result.cells[i]!.locked)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

import type { Attendance, AttendanceLine } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { attendancePayload, heldBySaving, isDirty, noEdits, sheetCounts, sheetRows } from './attendance-state.ts';

const line = (over: Partial<AttendanceLine>): AttendanceLine => ({
  id: null,
  childId: null,
  name: '',
  className: null,
  kind: 'child',
  adultRole: null,
  leftBehind: true,
  keySupport: false,
  appliedAt: null,
  rank: null,
  offered: true,
  present: false,
  ...over,
});

const sheet: Attendance = {
  capacity: 2,
  status: 'planned',
  version: 7,
  lines: [
    line({ id: 'l1', childId: 'a', name: '甲', rank: 0, appliedAt: '2026-11-01T00:00:00Z', present: true }),
    line({ childId: 'b', name: '乙' }),
    line({ id: 'l3', name: '赵同学', kind: 'pupil', className: '三年级1班', leftBehind: false, rank: 2, offered: false, appliedAt: '2026-10-30T00:00:00Z' }),
    line({ id: 'l4', name: '王老师', kind: 'adult', adultRole: 'teacher', leftBehind: false, present: true }),
  ],
};

describe('attendance sheet edits', () => {
  it('sends every child on the sheet (a class teacher only its own), and every person added by name that stays', () => {
    const edits = { ...noEdits(), marks: { 'c:b': true, 'c:a': true } };
    expect(isDirty(sheet, edits)).toBe(true);
    expect(attendancePayload(sheet, edits, 'all')).toEqual({
      children: [
        { childId: 'a', present: true },
        { childId: 'b', present: true },
      ],
      others: [
        { id: 'l3', name: '赵同学', kind: 'pupil', adultRole: null, className: '三年级1班', present: false },
        { id: 'l4', name: '王老师', kind: 'adult', adultRole: 'teacher', className: null, present: true },
      ],
      version: 7,
    });
    // A class teacher sends no others (the server refuses them), and only the children of its classes.
    const own = attendancePayload(sheet, edits, 'own_classes', (c) => c === null);
    expect(own.others).toEqual([]);
    expect(own.children.map((c) => c.childId)).toEqual(['a', 'b']);
    expect(attendancePayload(sheet, edits, 'own_classes', () => false).children).toEqual([]);
  });

  it('adds children and people, removes a person, and counts', () => {
    const edits = {
      marks: { 'c:c': true, 'n:1': true },
      children: [
        { childId: 'c', name: '丙', className: '一年级1班' },
        { childId: 'a', name: '甲', className: null },
      ],
      people: [{ key: 'n:1', name: '李奶奶', kind: 'adult' as const, adultRole: 'guardian' as const, className: null }],
      removed: ['l4'],
    };
    const rows = sheetRows(sheet, edits);
    expect(rows.map((r) => r.name)).toEqual(['甲', '乙', '赵同学', '丙', '李奶奶']);
    // 赵同学 waits for a place and is not here: neither expected nor absent.
    expect(sheetCounts(rows)).toEqual({ present: 2, total: 3, adults: 1 });
    const body = attendancePayload(sheet, edits, 'all');
    expect(body.children).toEqual([
      { childId: 'a', present: true },
      { childId: 'b', present: false },
      { childId: 'c', present: true },
    ]);
    expect(body.others.map((o) => o.name)).toEqual(['赵同学', '李奶奶']);
    expect(isDirty(sheet, noEdits())).toBe(false);
  });

  it('counts one from the waiting list who came anyway as expected and present', () => {
    const rows = sheetRows(sheet, { ...noEdits(), marks: { 'o:l3': true } });
    expect(sheetCounts(rows)).toEqual({ present: 2, total: 3, adults: 1 });
    expect(sheetCounts(sheetRows(sheet, noEdits()))).toEqual({ present: 1, total: 2, adults: 1 });
  });
});

describe('saving the sheet of a planned activity', () => {
  const answer = (status: Attendance['status'], lines: AttendanceLine[], version = 3): Attendance => ({ capacity: null, status, version, lines });
  const came = [line({ id: 'l1', childId: 'a', present: true }), line({ childId: 'b' })];

  it('says it made the activity held when the server answers it held', () => {
    expect(heldBySaving(answer('planned', [], 2), answer('done', came))).toBe(true);
    // A class teacher sees only her class, where nobody came: the server still counts the others.
    expect(heldBySaving(answer('planned', [], 2), answer('done', [line({ childId: 'b' })]))).toBe(true);
  });

  it('does not when the server kept it planned, though someone is ticked (before it has begun)', () => {
    expect(heldBySaving(answer('planned', [], 2), answer('planned', came))).toBe(false);
  });

  it('does not when it was held or cancelled already', () => {
    expect(heldBySaving(answer('done', came, 2), answer('done', came))).toBe(false);
    expect(heldBySaving(answer('cancelled', [], 2), answer('cancelled', came))).toBe(false);
  });
});

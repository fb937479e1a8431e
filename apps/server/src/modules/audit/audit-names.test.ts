import { describe, expect, it } from 'vitest';
import { namedIds } from './audit-names.ts';

const entry = (action: string, entity: string, entityId: string | null, summary: Record<string, unknown> | null = null) => ({
  action,
  entity,
  entityId,
  summary,
});

describe('what an audit entry names by id', () => {
  it('finds the thing acted on, and the places, children and accounts in the details', () => {
    expect(namedIds(entry('child.view', 'child', 'c1'))).toEqual({ people: [], things: [['child', 'c1']] });
    expect(namedIds(entry('compliance.export', 'compliance', null, { period: '2026-11-01..2026-11-30', regionId: 'r1' }))).toEqual({
      people: [],
      things: [['region', 'r1']],
    });
    expect(namedIds(entry('roster.export', 'roster', null, { schoolId: 's1', classId: 'k1', regionId: null, termId: 't1' })).things).toEqual([
      ['school', 's1'],
      ['class', 'k1'],
      ['term', 't1'],
    ]);
    expect(namedIds(entry('pairing.create', 'pairing', 'p1', { childId: 'c1', mentorId: 'u1' }))).toEqual({
      people: ['u1'],
      things: [
        ['pairing', 'p1'],
        ['child', 'c1'],
      ],
    });
    expect(namedIds(entry('care.delete', 'care_record', 'r1', { kind: 'talk', date: '2026-11-18' })).things).toEqual([['care_record', 'r1']]);
    expect(namedIds(entry('activity.task', 'activity', 'a1', { task: 'x1', dueDate: [null, '2026-11-30'] })).things).toEqual([
      ['activity', 'a1'],
      ['task', 'x1'],
    ]);
  });

  it('reads where each role applies, before and after a change of roles', () => {
    const made = namedIds(entry('user.create', 'user', 'u1', { username: 'wang', roles: ['bureau_officer@r1', 'system_admin@global'] }));
    expect(made).toEqual({ people: ['u1'], things: [['region', 'r1']] });
    const changed = namedIds(entry('user.update', 'user', 'u1', { roles: [['mentor@s1'], ['mentor@s1', 'class_teacher@k1']] }));
    expect(changed.things).toEqual([
      ['school', 's1'],
      ['school', 's1'],
      ['class', 'k1'],
    ]);
  });

  it('reads a key by its action: a transfer’s from and to are schools, a report’s dates', () => {
    expect(namedIds(entry('child.transfer', 'child', 'c1', { from: 's1', to: 's2' })).things).toEqual([
      ['child', 'c1'],
      ['school', 's1'],
      ['school', 's2'],
    ]);
    // A briefing is named itself; its `from` and `to` are dates.
    expect(namedIds(entry('briefing.create', 'briefing', 'b1', { from: '2026-11-01', to: '2026-11-30' })).things).toEqual([['briefing', 'b1']]);
  });

  it('finds the accounts of an edit kept by column: a class teacher, a leadership member', () => {
    expect(namedIds(entry('class.update', 'class', 'k1', { head_teacher_id: [null, 'u2'] }))).toEqual({ people: ['u2'], things: [['class', 'k1']] });
    expect(namedIds(entry('leadership.update', 'leadership_member', 'm1', { user_id: ['u1', 'u2'] })).people).toEqual(['u1', 'u2']);
    expect(namedIds(entry('school.update', 'school', 's1', { region_id: ['r1', 'r2'] })).things).toEqual([
      ['school', 's1'],
      ['region', 'r1'],
      ['region', 'r2'],
    ]);
  });
});

import type { IncidentNotice } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { closeNotes, lateMinutes, stepState, triedTargets, waitingTargets, withheldTargets, withholdable } from './notice-state.ts';

const AT = '2026-11-20T01:55:00.000Z';
const attempt = (note: string | null) => ({ id: 'a', at: AT, method: 'phone', contactName: null, note, recordedByName: null, byReporter: false });
const step = (target: string, doneAt: string | null, overdue = false, more: Partial<IncidentNotice> = {}) =>
  ({ target, doneAt, overdue, reach: doneAt ? 'reached' : null, attempts: [], unreachable: false, ...more }) as IncidentNotice;
/** A step tried in vain, with a note (`unreachable`, as the server says) or without. */
const tried = (target: string, note: string | null, overdue = false) =>
  step(target, null, overdue, { attempts: [attempt(note)] as IncidentNotice['attempts'], unreachable: note !== null });
/** A step deliberately not told (不宜通知), the reason in its note. */
const withheld = (target: string) => step(target, AT, false, { reach: 'withheld', method: null, note: '疑似施暴者为监护人，已报警，由公安机关处理' });

describe('the steps of a case’s notification chain', () => {
  it('on an open case: done, overdue or waiting, as the server says; a step tried in vain reads 未联系上 until it is overdue', () => {
    expect(stepState(step('guardian', AT), 'open')).toBe('done');
    expect(stepState(step('guardian', null, true), 'open')).toBe('overdue');
    expect(stepState(step('guardian', null), 'open')).toBe('pending');
    expect(stepState(tried('guardian', '无人接听'), 'open')).toBe('unreachable');
    expect(stepState(tried('guardian', null), 'open')).toBe('unreachable');
    expect(stepState(tried('guardian', '无人接听', true), 'open')).toBe('overdue');
  });

  it('a notice that reached nobody is never done: an extra one reads unreachable, as does a step a closed case left tried', () => {
    expect(stepState(step('other', AT, false, { reach: 'not_reached' }), 'open')).toBe('unreachable');
    expect(stepState(step('other', AT, false, { reach: 'not_reached' }), 'closed')).toBe('unreachable');
    expect(stepState(tried('guardian', '两次电话无人接听'), 'closed')).toBe('unreachable');
    // Tried, then reached: done, whatever came before.
    expect(stepState({ ...tried('guardian', null), doneAt: AT, reach: 'reached' }, 'closed')).toBe('done');
  });

  it('on a closed case a step left waiting untried (closed by an earlier release) is not notified, neither overdue nor waiting', () => {
    expect(stepState(step('guardian', null, true), 'closed')).toBe('not_notified');
    expect(stepState(step('bureau', null), 'closed')).toBe('not_notified');
    expect(stepState(step('bureau', AT), 'closed')).toBe('done');
  });

  it('lists whom the chain still waits for before 结案, once each, in the chain’s order, and apart those only tried', () => {
    const notifications = [
      step('school_leader', AT),
      step('guardian', null, true),
      step('other', null),
      step('other', null),
      tried('parents', null),
      tried('bureau', '值班电话占线'),
      step('other', AT, false, { reach: 'not_reached' }),
    ];
    expect(waitingTargets({ notifications })).toEqual(['guardian', 'other', 'parents']);
    expect(triedTargets({ notifications })).toEqual(['bureau']);
    expect(waitingTargets({ notifications: [step('parents', AT)] })).toEqual([]);
  });
});

describe('a step deliberately not told (不宜通知)', () => {
  it('reads withheld, never done, overdue or waiting, open or closed, even after tries that reached nobody', () => {
    expect(stepState(withheld('guardian'), 'open')).toBe('withheld');
    expect(stepState(withheld('parents'), 'closed')).toBe('withheld');
    expect(stepState({ ...withheld('guardian'), attempts: tried('guardian', null).attempts }, 'open')).toBe('withheld');
  });

  it('does not hold the case open, and is named apart before 结案', () => {
    const notifications = [step('school_leader', AT), withheld('guardian'), withheld('parents'), step('bureau', AT)];
    expect(waitingTargets({ notifications })).toEqual([]);
    expect(triedTargets({ notifications })).toEqual([]);
    expect(withheldTargets({ notifications })).toEqual(['guardian', 'parents']);
    expect(closeNotes({ notifications, mandatory: true, policeReported: true })).toEqual({
      police: false,
      waiting: [],
      tried: [],
      withheld: ['guardian', 'parents'],
      blocked: false,
      hint: true,
    });
  });

  it('is offered only for the guardian and the parents, while a step for them still waits', () => {
    const notifications = [step('school_leader', null), step('guardian', null), step('parents', AT), step('bureau', null), step('other', null)];
    expect(withholdable({ notifications }, 'guardian')).toBe(true);
    // Tried in vain, the step still waits: it may still be withheld.
    expect(withholdable({ notifications: [tried('guardian', '无人接听')] }, 'guardian')).toBe(true);
    expect(withholdable({ notifications }, 'parents')).toBe(false);
    for (const target of ['school_leader', 'bureau', 'other'] as const) expect(withholdable({ notifications }, target)).toBe(false);
    expect(withholdable({ notifications: [withheld('guardian')] }, 'guardian')).toBe(false);
  });
});

describe('a notification after its deadline', () => {
  it('says by how many minutes it was late, rounded up; nothing when on time, not told or only tried', () => {
    const due = '2026-12-01T07:04:00.000Z';
    expect(lateMinutes({ dueAt: due, doneAt: '2026-12-01T07:05:10.000Z', reach: 'reached' })).toBe(2);
    expect(lateMinutes({ dueAt: due, doneAt: '2026-12-01T07:04:00.000Z', reach: 'reached' })).toBeNull();
    expect(lateMinutes({ dueAt: due, doneAt: '2026-12-01T06:50:00.000Z', reach: 'reached' })).toBeNull();
    expect(lateMinutes({ dueAt: due, doneAt: null, reach: null })).toBeNull();
    expect(lateMinutes({ dueAt: null, doneAt: '2026-12-01T07:05:00.000Z', reach: 'reached' })).toBeNull();
    expect(lateMinutes({ dueAt: due, doneAt: '2026-12-01T08:00:00.000Z', reach: 'not_reached' })).toBeNull();
    // Not told on purpose: never late.
    expect(lateMinutes({ dueAt: due, doneAt: '2026-12-01T08:00:00.000Z', reach: 'withheld' })).toBeNull();
  });
});

describe('what the 结案 form says before closing', () => {
  const facts = (notifications: IncidentNotice[], mandatory: boolean | null = false, policeReported: boolean | null = false) => ({
    notifications,
    mandatory,
    policeReported,
  });

  it('names what blocks closing once, without the generic hint, while a step waits', () => {
    const notes = closeNotes(facts([step('school_leader', AT), step('guardian', null, true), step('parents', null), step('bureau', null)]));
    expect(notes).toEqual({ police: false, waiting: ['guardian', 'parents', 'bureau'], tried: [], withheld: [], blocked: true, hint: false });
  });

  it('names a missing police report as a block, as the server does, and a reported one not', () => {
    expect(closeNotes(facts([step('guardian', AT)], true, false))).toEqual({ police: true, waiting: [], tried: [], withheld: [], blocked: true, hint: false });
    expect(closeNotes(facts([step('guardian', AT)], true, true))).toMatchObject({ police: false, blocked: false, hint: true });
    // A reader who may not know whether it is mandatory is not told it blocks.
    expect(closeNotes(facts([], null, null))).toMatchObject({ police: false, blocked: false });
  });

  it('keeps the generic hint only when nothing blocks, beside the steps only tried', () => {
    expect(closeNotes(facts([step('guardian', AT)]))).toEqual({ police: false, waiting: [], tried: [], withheld: [], blocked: false, hint: true });
    expect(closeNotes(facts([step('guardian', AT), tried('parents', '无人接听')]))).toEqual({
      police: false,
      waiting: [],
      tried: ['parents'],
      withheld: [],
      blocked: false,
      hint: true,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { stepState, waitingTargets } from './notice-state.ts';

const step = (target: string, doneAt: string | null, overdue = false) => ({ target, doneAt, overdue }) as const;

describe('the steps of a case’s notification chain', () => {
  it('on an open case: done, overdue or waiting, as the server says', () => {
    expect(stepState(step('guardian', '2026-11-20T01:55:00.000Z'), 'open')).toBe('done');
    expect(stepState(step('guardian', null, true), 'open')).toBe('overdue');
    expect(stepState(step('guardian', null), 'open')).toBe('pending');
  });

  it('on a closed case a step left waiting (closed by an earlier release) is not notified, neither overdue nor waiting', () => {
    expect(stepState(step('guardian', null, true), 'closed')).toBe('not_notified');
    expect(stepState(step('bureau', null), 'closed')).toBe('not_notified');
    expect(stepState(step('bureau', '2026-11-20T01:55:00.000Z'), 'closed')).toBe('done');
  });

  it('lists whom the chain still waits for before 结案, once each, in the chain’s order', () => {
    const notifications = [
      step('school_leader', '2026-11-20T01:35:00.000Z'),
      step('guardian', null, true),
      step('other', null),
      step('other', null),
      step('bureau', null),
    ];
    expect(waitingTargets({ notifications } as never)).toEqual(['guardian', 'other', 'bureau']);
    expect(waitingTargets({ notifications: [step('parents', '2026-11-20T01:35:00.000Z')] } as never)).toEqual([]);
  });
});

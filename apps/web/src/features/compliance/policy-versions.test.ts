import { describe, expect, it } from 'vitest';
import { inForce, versionStatuses } from './policy-versions.ts';

/** Versions as GET /api/care-policies lists them: newest saved first, the built-in rules last. */
const v = (version: number, effectiveFrom: string) => ({ id: `v${version}`, version, effectiveFrom });
const statuses = (list: ReturnType<typeof v>[], today: string) => Object.fromEntries(versionStatuses(list, today));

describe('policy version statuses', () => {
  it('puts the last of several versions saved for today in force and the earlier ones replaced', () => {
    const list = [v(3, '2026-11-20'), v(2, '2026-11-20'), v(1, '2026-11-20'), v(0, '2000-01-01')];
    expect(inForce(list, '2026-11-20')?.id).toBe('v3');
    expect(statuses(list, '2026-11-20')).toEqual({ v3: 'current', v2: 'superseded', v1: 'superseded', v0: 'superseded' });
  });

  it('shows only the last of several versions for the same future day as pending', () => {
    const list = [v(3, '2026-12-01'), v(2, '2026-12-01'), v(1, '2026-11-20'), v(0, '2000-01-01')];
    expect(statuses(list, '2026-11-25')).toEqual({ v3: 'future', v2: 'superseded', v1: 'current', v0: 'superseded' });
    // On that day the last one saved judges; the other never did.
    expect(statuses(list, '2026-12-01')).toEqual({ v3: 'current', v2: 'superseded', v1: 'superseded', v0: 'superseded' });
    expect(statuses(list, '2027-03-01').v3).toBe('current');
  });

  it('follows the effective dates, not the order of saving', () => {
    // Version 2 was saved later for an earlier day: it judges until version 1 begins.
    const list = [v(2, '2026-12-01'), v(1, '2026-12-10'), v(0, '2000-01-01')];
    expect(statuses(list, '2026-11-25')).toEqual({ v2: 'future', v1: 'future', v0: 'current' });
    expect(statuses(list, '2026-12-05')).toEqual({ v2: 'current', v1: 'future', v0: 'superseded' });
    expect(inForce(list, '2026-12-12')?.id).toBe('v1');
  });

  it('keeps the built-in rules in force until a first version begins', () => {
    expect(statuses([v(0, '2000-01-01')], '2026-11-20')).toEqual({ v0: 'current' });
    expect(inForce([], '2026-11-20')).toBeUndefined();
  });
});

import type { Attendance } from '@carebridge/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { activityKeys, sheetChanged } from './activities.api.ts';

const sheet = (n: number): Attendance => ({ capacity: 5, status: 'planned', version: n, lines: [] });

describe('sheetChanged', () => {
  it('takes the sheet as answered and refreshes the activity, whose attendance count the facts card shows', () => {
    const qc = new QueryClient();
    const id = 'a1';
    qc.setQueryData(activityKeys.one(id), { id, version: 3 });
    qc.setQueryData(activityKeys.attendance(id), sheet(3));
    qc.setQueryData(activityKeys.list({}), { pages: [] });
    qc.setQueryData(activityKeys.one('other'), { id: 'other' });

    sheetChanged(qc, id, sheet(4));

    expect(qc.getQueryData(activityKeys.attendance(id))).toEqual(sheet(4));
    expect(qc.getQueryState(activityKeys.attendance(id))?.isInvalidated).toBe(false);
    // Applying for a place or withdrawing moves the activity's counts and version on with the sheet.
    expect(qc.getQueryState(activityKeys.one(id))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(activityKeys.list({}))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(activityKeys.one('other'))?.isInvalidated).toBe(false);
  });
});

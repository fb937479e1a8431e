import { describe, expect, it } from 'vitest';
import { dueSoon, dueWhen } from './follow-up-due.ts';

const open = (followUpDate: string | null, extra: { followUpDone?: boolean; followUpNeeded?: boolean } = {}) => ({
  followUpNeeded: true,
  followUpDone: false,
  followUpDate,
  ...extra,
});

describe('the workbench’s follow-ups', () => {
  it('keeps the overdue and those due within a week, in the order given, and leaves out undated, later and closed ones', () => {
    const today = '2026-11-20';
    const list = [open('2026-11-02'), open('2026-11-20'), open('2026-11-27'), open('2026-11-28'), open(null), open('2026-11-19', { followUpDone: true })];
    expect(dueSoon(list, today).map((r) => r.followUpDate)).toEqual(['2026-11-02', '2026-11-20', '2026-11-27']);
  });

  it('says how overdue or how near a follow-up is', () => {
    const today = '2026-11-20';
    expect(dueWhen('2026-11-12', today)).toEqual({ key: 'followUps.overdueBy', days: 8, overdue: true });
    expect(dueWhen('2026-11-19', today)).toEqual({ key: 'followUps.overdueByOne', days: 1, overdue: true });
    expect(dueWhen('2026-11-20', today)).toEqual({ key: 'followUps.dueToday', days: 0, overdue: false });
    expect(dueWhen('2026-11-21', today)).toEqual({ key: 'followUps.dueTomorrow', days: 1, overdue: false });
    // Across a month's end.
    expect(dueWhen('2026-12-01', '2026-11-28')).toEqual({ key: 'followUps.dueIn', days: 3, overdue: false });
  });
});

import { describe, expect, it } from 'vitest';
import { talkMonthOf } from './talk-month.ts';

/** The demo county's terms: spring to 10 July, autumn from 1 September to 22 January. */
const DEMO = [
  { start: '2026-02-24', end: '2026-07-10' },
  { start: '2026-09-01', end: '2027-01-22' },
];
const autumn = { from: '2026-09-01', to: '2027-01-31' };
const spring = { from: '2026-02-01', to: '2026-08-31' };
const month = (m: string) => ({ from: `${m}-01`, to: new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)), 0)).toISOString().slice(0, 10) });

describe('the month of 谈心覆盖率 in the schools table', () => {
  it('is the last month over while the period runs, not the days of a month just begun', () => {
    // On 2 December the autumn term counts November, whole; so it does on the 1st.
    expect(talkMonthOf(autumn, '2026-12-02', DEMO)).toEqual(month('2026-11'));
    expect(talkMonthOf(autumn, '2026-12-01', DEMO)).toEqual(month('2026-11'));
    expect(talkMonthOf({ from: '2026-09-01', to: '2026-12-02' }, '2026-12-02', DEMO)).toEqual(month('2026-11'));
    // On 30 November November is not over yet.
    expect(talkMonthOf(autumn, '2026-11-30', DEMO)).toEqual(month('2026-10'));
    // A period over by today: its last month, whole, even when it ends on that month's first day.
    expect(talkMonthOf({ from: '2026-09-01', to: '2026-10-01' }, '2026-12-02', DEMO)).toEqual(month('2026-10'));
  });

  it('is the running month up to today only while no month of the period is over', () => {
    expect(talkMonthOf(month('2026-12'), '2026-12-02', DEMO)).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(talkMonthOf({ from: '2026-09-01', to: '2026-09-20' }, '2026-09-20', DEMO)).toEqual({ from: '2026-09-01', to: '2026-09-20' });
    // Before the school's term has begun this month no talk was due yet.
    expect(talkMonthOf({ from: '2026-09-01', to: '2026-09-05' }, '2026-09-05', [{ start: '2026-09-07', end: '2027-01-20' }])).toBeNull();
    // A period still to come has nothing counted.
    expect(talkMonthOf(month('2027-03'), '2026-12-02', DEMO)).toBeNull();
  });

  it('is never a month without term days, nor one the term only touches, as the compliance engine asks for no talk in them', () => {
    // The spring term: not August (summer holiday); July has ten term days, a month of care.
    expect(talkMonthOf(spring, '2026-12-02', DEMO)).toEqual(month('2026-07'));
    // A term ending on 3 July only touches July: June is the last month of care.
    expect(talkMonthOf(spring, '2026-12-02', [{ start: '2026-02-24', end: '2026-07-03' }])).toEqual(month('2026-06'));
    // The autumn term seen in February: January has 22 term days; February's holiday before the 24th asks for nothing.
    expect(talkMonthOf({ from: '2026-09-01', to: '2027-02-20' }, '2027-03-15', DEMO)).toEqual(month('2027-01'));
    // The summer holiday alone: no month of care, no rate.
    expect(talkMonthOf(month('2026-08'), '2026-12-02', DEMO)).toBeNull();
  });

  it('takes every month as one of care for a school without terms, as the engine does (the calendar terms leave no month out)', () => {
    expect(talkMonthOf(spring, '2026-12-02', [])).toEqual(month('2026-08'));
    expect(talkMonthOf(autumn, '2026-12-02', [])).toEqual(month('2026-11'));
    expect(talkMonthOf(month('2026-12'), '2026-12-02', [])).toEqual({ from: '2026-12-01', to: '2026-12-02' });
  });
});

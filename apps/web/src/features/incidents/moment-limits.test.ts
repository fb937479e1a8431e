import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { momentLimits } from './moment-limits.ts';

describe('the moments an incident’s pickers offer', () => {
  const now = dayjs('2026-12-02T14:25:00');
  it('offers no hour or minute still to come today, and every one of an earlier day', () => {
    const { disabledTime, disabledDate } = momentLimits(now, null);
    const today = disabledTime(dayjs('2026-12-02T09:00:00'));
    expect(today.disabledHours?.()).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(today.disabledMinutes?.(14)).toEqual([...Array(34).keys()].map((i) => i + 26));
    expect(today.disabledMinutes?.(13)).toEqual([]);
    const before = disabledTime(dayjs('2026-12-01T09:00:00'));
    expect([before.disabledHours?.(), before.disabledMinutes?.(14)]).toEqual([[], []]);
    expect([disabledDate(dayjs('2026-12-03')), disabledDate(dayjs('2026-12-02')), disabledDate(dayjs('2020-01-01'))]).toEqual([true, false, false]);
  });

  it('offers nothing before the incident on its day, nor a day before it', () => {
    const { disabledTime, disabledDate } = momentLimits(now, dayjs('2026-12-01T08:40:00'));
    const day = disabledTime(dayjs('2026-12-01T12:00:00'));
    expect(day.disabledHours?.()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(day.disabledMinutes?.(8)).toEqual([...Array(40).keys()]);
    expect(day.disabledMinutes?.(9)).toEqual([]);
    expect([disabledDate(dayjs('2026-11-30')), disabledDate(dayjs('2026-12-01'))]).toEqual([true, false]);
  });
});

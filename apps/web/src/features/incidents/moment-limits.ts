import type { Dayjs } from 'dayjs';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * What a moment picker of an incident offers: nothing after `now`, and nothing before `first` (the
 * incident itself, for what was done about it and whom it was told). Days outside are greyed out;
 * on today the hours and minutes still to come, on the incident's day those before it.
 */
export function momentLimits(now: Dayjs, first: Dayjs | null) {
  return {
    disabledDate: (d: Dayjs) => d.isAfter(now, 'day') || (!!first && d.isBefore(first, 'day')),
    disabledTime: (d: Dayjs | null) => {
      if (!d) return {};
      const today = d.isSame(now, 'day');
      const firstDay = !!first && d.isSame(first, 'day');
      return {
        disabledHours: () => [...(today ? range(now.hour() + 1, 24) : []), ...(firstDay && first ? range(0, first.hour()) : [])],
        disabledMinutes: (hour: number) => [
          ...(today && hour === now.hour() ? range(now.minute() + 1, 60) : []),
          ...(firstDay && first && hour === first.hour() ? range(0, first.minute()) : []),
        ],
      };
    },
  };
}

import type { CareRecord } from '@carebridge/shared';
import { daysBetween } from '../../lib/dates.ts';

/** The workbench lists follow-ups due within this many days, besides those overdue. */
export const SOON_DAYS = 7;

type FollowUp = Pick<CareRecord, 'followUpNeeded' | 'followUpDone' | 'followUpDate'>;

/** Of open follow-ups (as `followUp=open` lists them, most overdue first), those dated up to a week from today, in that order. */
export function dueSoon<R extends FollowUp>(records: readonly R[], today: string): R[] {
  return records.filter((r) => r.followUpNeeded && !r.followUpDone && !!r.followUpDate && daysBetween(today, r.followUpDate) <= SOON_DAYS);
}

/** The message keys `dueWhen` answers with. */
export type DueWhenKey = 'followUps.overdueBy' | 'followUps.overdueByOne' | 'followUps.dueToday' | 'followUps.dueTomorrow' | 'followUps.dueIn';

/** How a follow-up date reads against today: a message key of `followUps`, its day count, and whether it is overdue. */
export function dueWhen(date: string, today: string): { key: DueWhenKey; days: number; overdue: boolean } {
  const days = daysBetween(today, date);
  if (days < 0) return { key: days === -1 ? 'followUps.overdueByOne' : 'followUps.overdueBy', days: -days, overdue: true };
  if (days === 0) return { key: 'followUps.dueToday', days, overdue: false };
  return { key: days === 1 ? 'followUps.dueTomorrow' : 'followUps.dueIn', days, overdue: false };
}

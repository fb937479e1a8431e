/**
 * Which month a school's 谈心覆盖率 in the schools table counts: the latest month of the period that is
 * over and in which talks were due — what a school leader reads as "last month's talks", never the two
 * days of a month just begun nor a summer holiday.
 */

import { type CareRule, DEFAULT_RULES } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { minDate, monthEnd, monthsBetween } from '../compliance/dates.ts';
import { type Term, windows } from '../compliance/engine.ts';

/** The days whose talks a school's figure counts (a whole month, or the running one up to today). */
export interface TalkDays {
  from: string;
  to: string;
}

/** The default policy's monthly talk: its windows are the months in which talks fall due. */
const MONTHLY_TALK = DEFAULT_RULES.find((r) => r.key === 'talk_monthly') as CareRule;

/**
 * The month of the period [from, to] whose talks the school's figure counts, seen on `today`: the
 * latest month the period touches that is over by today and is a month of care; while none is over,
 * the running month up to today. A month of care is one in which the compliance engine asks for the
 * monthly talk (`windows`): a month with at least a week of the school's own `terms`, or all of it —
 * a holiday month, or one a term only touches, asks nothing. Without terms the school's calendar is
 * unknown and, as for the engine, every month asks for talks (the calendar terms, 1 September to 31
 * January and 1 February to 31 August, leave no month out). Null when the period has no month of care
 * up to today: no talk was due, there is no rate.
 */
export function talkMonthOf(period: { from: string; to: string }, today: string, terms: Term[]): TalkDays | null {
  const last = minDate(period.to, today);
  if (last < period.from) return null;
  // Term days up to today: a term starting later this month has asked for nothing yet.
  const ofCare = (m: string) => windows(MONTHLY_TALK, terms, `${m}-01`, minDate(monthEnd(m), today)).length > 0;
  const months = monthsBetween(period.from, last).filter(ofCare);
  const month = months.findLast((m) => monthEnd(m) < today) ?? months.at(-1);
  return month ? { from: `${month}-01`, to: minDate(monthEnd(month), today) } : null;
}

/** `talkMonthOf` for each school, with its own terms (all of them: whether it has any decides the calendar). */
export async function talkMonthsOf(
  db: Tx,
  schoolIds: readonly string[],
  period: { from: string; to: string },
  today: string,
): Promise<Map<string, TalkDays | null>> {
  const termsOf = new Map<string, Term[]>();
  for (const ids of chunks(schoolIds))
    for (const t of await db
      .selectFrom('terms')
      .select(['school_id', 'start_date', 'end_date'])
      .where('school_id', 'in', ids)
      .orderBy('start_date')
      .execute()) {
      const list = termsOf.get(t.school_id) ?? [];
      list.push({ start: t.start_date, end: t.end_date });
      termsOf.set(t.school_id, list);
    }
  return new Map(schoolIds.map((id) => [id, talkMonthOf(period, today, termsOf.get(id) ?? [])]));
}

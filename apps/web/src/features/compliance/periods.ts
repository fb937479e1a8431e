/** How a report's period is chosen: a month, a term (a school's own, or the calendar's for a region), or any range. */

export type PeriodMode = 'month' | 'term' | 'range';

/** A term by the calendar, as a region reports it (its schools' own terms differ by a few days): autumn 1 September – 31 January, spring 1 February – 31 August. */
export interface CalendarTerm {
  /** "2026-2027" */
  year: string;
  semester: 1 | 2;
  /** The period as the API spells it: "2026-09-01..2027-01-31". */
  period: string;
}

/** The calendar term running on `today` and the `count - 1` before it, latest first. */
export function calendarTerms(today: string, count = 4): CalendarTerm[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  // Autumn of the school year starting in `start`, or the spring ending it.
  let start = m >= 9 ? y : y - 1;
  let semester: 1 | 2 = m >= 9 || m === 1 ? 1 : 2;
  const out: CalendarTerm[] = [];
  while (out.length < count) {
    const year = `${start}-${start + 1}`;
    out.push({ year, semester, period: semester === 1 ? `${start}-09-01..${start + 1}-01-31` : `${start + 1}-02-01..${start + 1}-08-31` });
    if (semester === 2) semester = 1;
    else {
      semester = 2;
      start -= 1;
    }
  }
  return out;
}

/** Whether a range is a calendar term (what "by term" chooses for a region). */
export const isCalendarTerm = (period: string) =>
  /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(period) && calendarTerms(period.slice(-10), 1)[0]?.period === period;

/**
 * "2026-11" → month, "term:<id>" → term, "2026-09-01..2026-11-30" → range; for a region (no
 * school), a range that is a calendar term ("2026-09-01..2027-01-31") → term.
 */
export function periodMode(period: string, schoolId?: string | null): PeriodMode {
  if (period.startsWith('term:')) return 'term';
  if (!schoolId && isCalendarTerm(period)) return 'term';
  if (period.includes('..')) return 'range';
  return 'month';
}

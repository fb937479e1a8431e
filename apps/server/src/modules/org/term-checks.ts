import type { Lang } from '@carebridge/shared';
import { AppError, type FieldProblem } from '../../errors.ts';
import { termName } from './mappers.ts';

/** A term's dates as stored (`id` absent for one not yet saved). */
export interface TermDates {
  id?: string;
  academic_year: string;
  semester: number;
  start_date: string;
  end_date: string;
}

interface Problem extends FieldProblem {
  code: string;
  params: Record<string, string | number>;
}

/** The days a term of school year "Y-(Y+1)" may take: 1 August of Y to 31 August of Y+1 (a summer term may run late). */
export function yearRange(academicYear: string): { from: string; to: string } {
  const y = Number(academicYear.slice(0, 4));
  return { from: `${y}-08-01`, to: `${y + 1}-08-31` };
}

/**
 * What is wrong with a term among the school's other terms (pure): a date outside its school year,
 * days shared with another term (named with its dates), a first semester not before the second of
 * the same year. One problem per field, the first found; the error's code is the first problem's.
 * The care rules cut their windows to terms: two over the same days gave a mentor each to-do twice.
 */
export function termProblems(term: TermDates, others: readonly TermDates[], lang: Lang): AppError | undefined {
  const problems: Problem[] = [];
  const add = (path: 'startDate' | 'endDate', code: string, params: Record<string, string | number>) => {
    if (!problems.some((p) => p.path === path)) problems.push({ path, code, message: `errors.${code}`, params });
  };
  const { from, to } = yearRange(term.academic_year);
  const outside = { year: term.academic_year, from, to };
  if (term.start_date < from || term.start_date > to) add('startDate', 'term_outside_year', outside);
  if (term.end_date < from || term.end_date > to) add('endDate', 'term_outside_year', outside);

  const rest = others.filter((o) => o.id !== term.id).sort((a, b) => a.start_date.localeCompare(b.start_date));
  const overlapped = rest.find((o) => term.start_date <= o.end_date && o.start_date <= term.end_date);
  if (overlapped) {
    const params = { term: termName(overlapped.academic_year, overlapped.semester, lang), start: overlapped.start_date, end: overlapped.end_date };
    // Named where it falls inside the other term: its start, else its end (also when it holds the other).
    add(overlapped.start_date <= term.start_date ? 'startDate' : 'endDate', 'term_overlap', params);
  }

  const sibling = rest.find((o) => o.academic_year === term.academic_year && o.semester !== term.semester);
  if (sibling) {
    const params = { start: sibling.start_date, end: sibling.end_date };
    if (term.semester === 1 && term.start_date >= sibling.start_date) add('startDate', 'term_semester_order', params);
    if (term.semester === 2 && term.start_date <= sibling.start_date) add('startDate', 'term_semester_after', params);
  }

  const first = problems[0];
  if (!first) return undefined;
  const order = ['startDate', 'endDate'];
  const fields = [...problems].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path)).map(({ path, message, params }) => ({ path, message, params }));
  return new AppError(first.code, 422, first.params, fields);
}

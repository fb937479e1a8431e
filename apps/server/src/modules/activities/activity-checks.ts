/** Write-time checks of activities: one field's problem, a plan's fields, the dates of a repeating plan. */

import { GRADE_MAX, GRADE_MIN } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { AppError, type FieldProblem } from '../../errors.ts';
import { shanghaiTime } from '../../lib/dates.ts';

/** A repeating plan makes at most this many occurrences. */
export const MAX_OCCURRENCES = 24;

/** One field's problem; `params` fill the placeholders of its message. */
export const invalid = (path: string, message: string, params: Record<string, string | number> = {}, status = 422): never => {
  throw new AppError('validation_failed', status, params, [{ path, message, params }]);
};

/**
 * Whether an activity has begun at `now` (Asia/Shanghai): its day is past, or it is today and its start
 * time (if it has one) has come. Ticking the roster ahead of a meeting later today does not make it held.
 */
export function hasBegun(a: { date: string; startTime: string | null }, now: Date): boolean {
  const [today = '', time = ''] = shanghaiTime(now.toISOString()).split(' ');
  return a.date < today || (a.date === today && (!a.startTime || a.startTime <= time));
}

export function nextDate(date: string, every: 'week' | 'two_weeks' | 'month', n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (every === 'month') {
    const day = d.getUTCDate();
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
    // The 31st of a short month falls on its last day.
    const last = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 0)).getUTCDate();
    m.setUTCDate(Math.min(day, last));
    return m.toISOString().slice(0, 10);
  }
  d.setUTCDate(d.getUTCDate() + n * (every === 'week' ? 7 : 14));
  return d.toISOString().slice(0, 10);
}

/** Every problem of a plan's fields at once (a class target must be a class of the school). */
export async function checkFields(
  db: Tx,
  schoolId: string,
  f: {
    kind?: string;
    customKind?: string | null;
    startTime?: string | null;
    endTime?: string | null;
    target?: { scope: string; value?: string | null };
    topics?: string[];
  },
) {
  const problems: { path: string; message: string }[] = [];
  if (f.kind === 'other' && !f.customKind) problems.push({ path: 'customKind', message: 'errors.activity_custom_kind' });
  if (f.kind === 'safety_education' && !f.topics?.length) problems.push({ path: 'topics', message: 'errors.activity_topics_required' });
  if (f.startTime && f.endTime && f.endTime < f.startTime) problems.push({ path: 'endTime', message: 'errors.activity_end_before_start' });
  if (f.target) problems.push(...(await targetProblems(db, schoolId, f.target)));
  if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
}

/**
 * A grade or class target's value, on `target.value`: a grade is a whole number GRADE_MIN…GRADE_MAX
 * written as the classes' grade is ("3", not "03" or "3.0": the value is compared as text and as a
 * number), a class one of the school's. Activities and home-visit campaigns share it.
 */
export async function targetProblems(db: Tx, schoolId: string, target: { scope: string; value?: string | null }): Promise<FieldProblem[]> {
  const value = target.value ?? '';
  let ok = true;
  if (target.scope === 'grade') ok = /^(0|[1-9]\d?)$/.test(value) && Number(value) >= GRADE_MIN && Number(value) <= GRADE_MAX;
  else if (target.scope === 'class')
    ok = !!value && !!(await db.selectFrom('classes').select('id').where('id', '=', value).where('school_id', '=', schoolId).executeTakeFirst());
  return ok ? [] : [{ path: 'target.value', message: 'errors.activity_target_value' }];
}

import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { AppError, checkPeriodLength, monthOrRange, notFound } from '../../errors.ts';

/** A school or a region whose figures are asked for, with the SQL condition selecting its schools. */
export interface ReportScope {
  kind: 'school' | 'region';
  id: string;
  name: string;
  /** Region path of the region, or of the school's region. */
  path: string;
  /** Condition on a `school_id` column (alias given). */
  schools: (column: string) => Expression<SqlBool>;
}

/**
 * Statistics are read for a whole school by its leaders, moral-education office and counsellors,
 * for a region by its bureau officers, anywhere by administrators. Class teachers and mentors have
 * their own views; nobody reads another school's numbers (404, not 403: the school is not theirs to know).
 */
export async function reportScope(ctx: Ctx, auth: Auth, q: { schoolId?: string | undefined; regionId?: string | undefined }): Promise<ReportScope> {
  if (q.schoolId) {
    const s = await ctx.db.selectFrom('schools').select(['id', 'name', 'region_path']).where('id', '=', q.schoolId).executeTakeFirst();
    const reads =
      !!s &&
      (auth.scope.global ||
        auth.roles.some((a) => ['school_leader', 'moral_education', 'counsellor'].includes(a.role) && a.scopeId === s.id) ||
        auth.scope.regionPaths.some((p) => s.region_path.startsWith(p)));
    if (!s || !reads) return notFound('school');
    const id = s.id;
    return { kind: 'school', id, name: s.name, path: s.region_path, schools: (c) => sql<SqlBool>`${sql.ref(c)} = ${id}` };
  }
  if (q.regionId) {
    const r = await ctx.db.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', q.regionId).executeTakeFirst();
    const reads = !!r && (auth.scope.global || auth.scope.regionPaths.some((p) => r.path.startsWith(p)));
    if (!r || !reads) return notFound('region');
    return {
      kind: 'region',
      id: r.id,
      name: r.name,
      path: r.path,
      schools: (c) => sql<SqlBool>`${sql.ref(c)} in (select s.id from schools s where ${pathUnder(r.path, 's.region_path')})`,
    };
  }
  throw new AppError('missing_scope', 422, {}, [{ path: 'schoolId', message: 'errors.missing_scope' }]);
}

/**
 * "2026-11" → that month; "term:<id>" → the term (of a school in the scope); "a..b" → the range;
 * nothing → this term so far (what the dashboard shows by default). Dates are Beijing calendar days.
 */
export async function reportPeriod(
  ctx: Ctx,
  scope: ReportScope,
  q: { termId?: string | undefined; from?: string | undefined; to?: string | undefined; period?: string | undefined },
  today: string,
) {
  const p = q.period;
  const termId = q.termId ?? (p?.startsWith('term:') ? p.slice(5) : undefined);
  if (termId) {
    const t =
      (await ctx.db
        .selectFrom('terms')
        .select(['id', 'start_date', 'end_date'])
        .where('id', '=', termId)
        .where(scope.schools('school_id'))
        .executeTakeFirst()) ?? notFound('term');
    return { from: t.start_date, to: t.end_date, termId: t.id };
  }
  const days = p ? monthOrRange(p) : null;
  if (days) return { ...days, termId: null };
  if (p) throw new AppError('validation_failed', 400, {}, [{ path: 'period', message: 'validation.period' }]);
  if (q.from || q.to) {
    const from = q.from ?? q.to ?? today;
    const to = q.to ?? today;
    if (to < from) throw new AppError('validation_failed', 400, {}, [{ path: 'to', message: 'validation.date_order' }]);
    checkPeriodLength(from, to, q.to ? 'to' : 'from');
    return { from, to, termId: null };
  }
  return { from: await currentTermStart(ctx, scope, today), to: today, termId: null };
}

/**
 * Where the default period ("this term so far", as the dashboard opens) begins: a school's own term
 * running today, else — and for a region, whose schools' terms differ — the calendar term's start.
 */
async function currentTermStart(ctx: Ctx, scope: ReportScope, today: string): Promise<string> {
  if (scope.kind === 'school') {
    const own = await ctx.db
      .selectFrom('terms')
      .select('start_date')
      .where('school_id', '=', scope.id)
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .orderBy('start_date', 'desc')
      .executeTakeFirst();
    if (own) return own.start_date;
  }
  return termStartOf(today);
}

/** The months a period touches, as "YYYY-MM". */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The start of the school term a day belongs to, by the calendar (autumn from 1 September, spring from 1 February). */
export function termStartOf(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (m >= 9) return `${y}-09-01`;
  if (m === 1) return `${y - 1}-09-01`;
  return `${y}-02-01`;
}

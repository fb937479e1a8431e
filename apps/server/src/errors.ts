import { isIsoDate, MAX_PERIOD_YEARS, withinMaxPeriod } from '@carebridge/shared';

/** A field-level problem; `message` is an i18n key (e.g. "validation.phone") or already localised text. */
export interface FieldProblem {
  path: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * The one error type services throw. `code` is stable (clients switch on it) and names the message
 * `errors.<code>` in the dictionaries; `params` fill its placeholders. Entity names in params are
 * i18n keys ("entities.school") and get translated too.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
    /** More of the answer, beside the envelope's keys (e.g. `duplicates`: the archives a new one may repeat). */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const notFound = (entity: string): never => {
  throw new AppError('not_found', 404, { entity: `entities.${entity}` });
};
export const forbidden = (): never => {
  throw new AppError('forbidden', 403);
};
export const versionConflict = (entity: string): never => {
  throw new AppError('version_conflict', 409, { entity: `entities.${entity}` });
};
export const conflict = (code: string, params: Record<string, string | number> = {}): never => {
  throw new AppError(code, 409, params);
};
/** A 422 for one field whose value is well-formed but not acceptable (e.g. a parent region of the wrong level). */
export const invalidField = (code: string, path: string, message: string, params: Record<string, string | number> = {}): never => {
  throw new AppError(code, 422, params, [{ path, message, params }]);
};

/**
 * A 400 on `path` when the period `from`..`to` is longer than `MAX_PERIOD_YEARS`: reports, compliance and
 * due lists count month by month, and a period of centuries would run the server out of memory.
 */
export function checkPeriodLength(from: string, to: string, path: string): void {
  if (!withinMaxPeriod(from, to))
    throw new AppError('validation_failed', 400, {}, [{ path, message: 'validation.period_too_long', params: { years: MAX_PERIOD_YEARS } }]);
}

/**
 * A period asked as a month ("2026-11") or a range ("2026-09-01..2027-01-31"), as its first and last
 * days; null when `p` is neither (a term, say). A range out of order, not of real days or longer than
 * `MAX_PERIOD_YEARS` is a 400 naming `period`. Compliance, briefings and statistics read periods so.
 */
export function monthOrRange(p: string): { from: string; to: string } | null {
  if (/^\d{4}-\d{2}$/.test(p) && isIsoDate(`${p}-01`)) {
    const [y, m] = p.split('-').map(Number) as [number, number];
    return { from: `${p}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
  }
  if (!p.includes('..')) return null;
  const [from = '', to = '', ...rest] = p.split('..');
  if (rest.length || !isIsoDate(from) || !isIsoDate(to) || to < from)
    throw new AppError('validation_failed', 400, {}, [{ path: 'period', message: 'validation.period' }]);
  checkPeriodLength(from, to, 'period');
  return { from, to };
}

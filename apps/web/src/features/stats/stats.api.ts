import '../../i18n/reports.ts';
import { ChildPage, Stats } from '@carebridge/shared';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

export type StatsData = z.infer<typeof Stats>;
export type Bucket = StatsData['breakdowns'][string][number];
export type SchoolRow = StatsData['schools'][number];
/** The total row of a region's schools (null for a school). */
export type SchoolsTotal = NonNullable<StatsData['schoolsTotal']>;

/** GET /api/stats: a school or a region, and a term or a date range. */
export type StatsQuery = { schoolId?: string | undefined; regionId?: string | undefined; termId?: string | undefined; from?: string; to?: string };
/** Filters of a drill-down: GET /api/children's (the scope and one breakdown, `gender=female`) or GET /api/stats/children's. */
export type ChildDrillQuery = Record<string, string>;
/** Which list a drill-down reads: the archive's, or the children behind a coverage bar or a term. */
export type DrillSource = 'children' | 'stats';

const DRAWER_PAGE = 50;

export const statsKeys = {
  all: ['stats'] as const,
  one: (q: StatsQuery) => ['stats', q] as const,
  children: (source: DrillSource, q: ChildDrillQuery) => ['stats', 'children', source, q] as const,
};

export const statsApi = {
  get: (q: StatsQuery) => api.get('/stats', { query: q, schema: Stats }),
  children: (source: DrillSource, q: ChildDrillQuery, cursor: string | null) =>
    api.get(source === 'stats' ? '/stats/children' : '/children', { query: { ...q, cursor, limit: DRAWER_PAGE }, schema: ChildPage }),
};

/** The last day of a "YYYY-MM" month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The start of the school term a day falls in, by the calendar (autumn from 1 September, spring from 1 February), as the server counts. */
export function termStartOf(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (m >= 9) return `${y}-09-01`;
  if (m === 1) return `${y - 1}-09-01`;
  return `${y}-02-01`;
}

/**
 * The dashboard's period when none is chosen, the one GET /api/stats counts without a period: this
 * term so far — a school's own term running today, else (and for a region) the calendar term.
 */
export function defaultPeriod(terms: readonly { startDate: string; endDate: string }[] | undefined, today: string): string {
  const running = (terms ?? []).filter((x) => x.startDate <= today && today <= x.endDate).sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  return `${running?.startDate ?? termStartOf(today)}..${today}`;
}

/** The period as the page keeps it ("2026-11", "term:<id>", "2026-09-01..2026-11-30") → the query of /api/stats. */
export function periodQuery(period: string): Pick<StatsQuery, 'termId' | 'from' | 'to'> {
  if (period.startsWith('term:')) return { termId: period.slice(5) };
  if (period.includes('..')) {
    const [from, to] = period.split('..') as [string, string];
    return { from, to };
  }
  if (/^\d{4}-\d{2}$/.test(period)) return { from: `${period}-01`, to: monthEnd(period) };
  return {};
}

/** The figures take a moment for a county (a query per month and term): keep the last ones on screen while the period changes. */
export function useStats(q: StatsQuery, enabled = true) {
  return useQuery({ queryKey: statsKeys.one(q), queryFn: () => statsApi.get(q), enabled, staleTime: 60_000, placeholderData: keepPreviousData });
}

/** The children behind one bar, page by page (for the filters the children page does not offer, coverage and terms). */
export function useDrillChildren(source: DrillSource, q: ChildDrillQuery | null) {
  return useInfiniteQuery({
    queryKey: statsKeys.children(source, q ?? {}),
    queryFn: ({ pageParam }) => statsApi.children(source, q ?? {}, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!q,
  });
}

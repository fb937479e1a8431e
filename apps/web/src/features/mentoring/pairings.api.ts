import {
  Page,
  Pairing,
  type PairingBatch,
  type PairingCreate,
  PairingCreated,
  PairingOverview,
  type PairingSuggestBody,
  PairingSuggestions,
} from '@carebridge/shared';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client.ts';

/** The shared package exports these as schemas only (no inferred types yet). */
export type Overview = z.infer<typeof PairingOverview>;
export type Suggestions = z.infer<typeof PairingSuggestions>;
export type Created = z.infer<typeof PairingCreated>;

export type PairingListParams = { schoolId: string; active: 'true' | 'all'; mentorId?: string | undefined };

const PairingPage = Page(Pairing);
const PAGE_SIZE = 200;

export const pairingKeys = {
  all: ['pairings'] as const,
  overview: (schoolId: string | undefined) => ['pairings', 'overview', schoolId] as const,
  list: (params: PairingListParams) => ['pairings', 'list', params] as const,
};

export const pairingsApi = {
  overview: (schoolId: string) => api.get('/pairings/overview', { query: { schoolId }, schema: PairingOverview }),
  page: (params: PairingListParams, cursor: string | null) => api.get('/pairings', { query: { ...params, cursor, limit: PAGE_SIZE }, schema: PairingPage }),
  create: (body: PairingCreate) => api.post('/pairings', body, { schema: PairingCreated }),
  /** Many children, each with its mentor, saved all or nothing (accepting suggestions). */
  createBatch: (body: PairingBatch) => api.post('/pairings/batch', body, { schema: PairingCreated }),
  end: (id: string, body: { endDate?: string; reason: string; version: number }) => api.post(`/pairings/${id}/end`, body, { schema: Pairing }),
  /** Suggestions for the school's unpaired children (they depend on no term: it is chosen on accepting). */
  suggest: (schoolId: string) => api.post('/pairings/suggest', { schoolId } satisfies PairingSuggestBody, { schema: PairingSuggestions }),
  carry: (schoolId: string, toTermId: string) => api.post('/pairings/carry', { schoolId, toTermId }, { schema: z.object({ carried: z.number() }) }),
};

export function usePairingOverview(schoolId: string | undefined) {
  return useQuery({ queryKey: pairingKeys.overview(schoolId), queryFn: () => pairingsApi.overview(schoolId ?? ''), enabled: !!schoolId, staleTime: 0 });
}

/** The pairings of a school, page by page (200 a page: a whole school usually fits in one). */
export function usePairingPages(params: PairingListParams, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: pairingKeys.list(params),
    queryFn: ({ pageParam }) => pairingsApi.page(params, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 0,
  });
}

/** After pairing, ending or carrying: the overview, the lists, the mentors' own views and the to-do lists and risks. */
export function usePairingInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: pairingKeys.all });
    void qc.invalidateQueries({ queryKey: ['care', 'mine'] });
    // Who is responsible for each to-do, and "no mentor" in the risk levels (complianceKeys.all).
    void qc.invalidateQueries({ queryKey: ['compliance'] });
  };
}

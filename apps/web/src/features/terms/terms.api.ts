import { type RegionTermCreate, RegionTermResult, Term, type TermCreate, type TermUpdate } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { Items, keys } from '../../api/queries.ts';

export const termsApi = {
  list: (schoolId: string) => api.get('/terms', { query: { schoolId }, schema: Items(Term) }).then((r) => r.items),
  create: (body: TermCreate) => api.post('/terms', body, { schema: Term }),
  /** The same term for every school of a region; what happened in each school. */
  createForRegion: (body: RegionTermCreate) => api.post('/terms/for-region', body, { schema: RegionTermResult }),
  update: (id: string, body: TermUpdate) => api.patch(`/terms/${id}`, body, { schema: Term }),
  /** 204; 409 `in_use` naming what still uses the term. */
  remove: (id: string) => api.delete(`/terms/${id}`),
};

export function useTerms(schoolId: string | undefined) {
  return useQuery({ queryKey: keys.terms(schoolId), queryFn: () => termsApi.list(schoolId ?? ''), enabled: !!schoolId });
}

import { AuditEntry, Page } from '@carebridge/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  /** Text in the actor's name or login. */
  q?: string | undefined;
}

const AuditPage = Page(AuditEntry);
const PAGE_SIZE = 50;

/** The audit log, newest first, one page per "load more" (nextCursor). */
export function useAuditPages(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: keys.audit({ ...filters }),
    queryFn: ({ pageParam }) => api.get('/audit', { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE }, schema: AuditPage }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

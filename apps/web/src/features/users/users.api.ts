import { type PasswordReset, User, type UserCreate, type UserUpdate } from '@carebridge/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys, UserPage } from '../../api/queries.ts';

export interface UserFilters {
  q?: string | undefined;
  role?: string | undefined;
  /** Users holding a role in the region (a township, its schools and classes), among those the caller sees. */
  regionId?: string | undefined;
}

const PAGE_SIZE = 50;

export const usersApi = {
  page: (filters: UserFilters, cursor: string | null) => api.get('/users', { query: { ...filters, cursor, limit: PAGE_SIZE }, schema: UserPage }),
  get: (id: string) => api.get(`/users/${id}`, { schema: User }),
  create: (body: UserCreate) => api.post('/users', body, { schema: User }),
  update: (id: string, body: UserUpdate) => api.patch(`/users/${id}`, body, { schema: User }),
  resetPassword: (id: string, body: PasswordReset) => api.post(`/users/${id}/reset-password`, body),
};

/** Users page by page ("load more" follows nextCursor). */
export function useUserPages(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: keys.users({ ...filters, list: 'pages' }),
    queryFn: ({ pageParam }) => usersApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

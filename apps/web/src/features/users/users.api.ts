import { Page, Pairing, type PasswordReset, SchoolClass, User, type UserCreate, type UserUpdate } from '@carebridge/shared';
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { Items, keys, UserPage } from '../../api/queries.ts';

export interface UserFilters {
  q?: string | undefined;
  role?: string | undefined;
  /** Users holding a role in the region (a township, its schools and classes), among those the caller sees. */
  regionId?: string | undefined;
}

const PAGE_SIZE = 50;
const PairingPage = Page(Pairing);

export const usersApi = {
  page: (filters: UserFilters, cursor: string | null) => api.get('/users', { query: { ...filters, cursor, limit: PAGE_SIZE }, schema: UserPage }),
  get: (id: string) => api.get(`/users/${id}`, { schema: User }),
  create: (body: UserCreate) => api.post('/users', body, { schema: User }),
  update: (id: string, body: UserUpdate) => api.patch(`/users/${id}`, body, { schema: User }),
  resetPassword: (id: string, body: PasswordReset) => api.post(`/users/${id}/reset-password`, body),
  /** A mentor's open pairings (of the children the caller sees): those a deactivation or a role change ends. */
  openPairings: (mentorId: string) => api.get('/pairings', { query: { mentorId, active: 'true', limit: 500 }, schema: PairingPage }).then((r) => r.items),
};

/** The open pairings of the user being edited; under the pairings' key, so that pairing changes refresh it. */
export function useOpenPairings(userId: string | undefined) {
  return useQuery({ queryKey: ['pairings', 'mentor', userId], queryFn: () => usersApi.openPairings(userId ?? ''), enabled: !!userId, staleTime: 0 });
}

/**
 * The classes of the schools where the user being edited holds the class-teacher role, as the class
 * list gives them (each with its head teacher): those it heads lose their head teacher when it is
 * deactivated or the role goes (headships-ending.ts). A head teacher always holds the role for its
 * class, so these schools hold every class it heads. Under the class list's keys, so that class
 * changes refresh them. Undefined until every school's list has arrived.
 */
export function useClassesHeadedBy(user: User | undefined): SchoolClass[] | undefined {
  const schoolIds = [...new Set((user?.roles ?? []).filter((r) => r.role === 'class_teacher' && r.schoolId).map((r) => r.schoolId as string))];
  const lists = useQueries({
    queries: schoolIds.map((schoolId) => ({
      queryKey: keys.classes({ schoolId }),
      queryFn: () => api.get('/classes', { query: { schoolId }, schema: Items(SchoolClass) }).then((r) => r.items),
    })),
  });
  if (lists.some((l) => !l.data)) return undefined;
  return lists.flatMap((l) => (l.data ?? []).filter((c) => c.headTeacherId === user?.id));
}

/** Users page by page ("load more" follows nextCursor). */
export function useUserPages(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: keys.users({ ...filters, list: 'pages' }),
    queryFn: ({ pageParam }) => usersApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

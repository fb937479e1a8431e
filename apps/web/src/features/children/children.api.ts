import {
  Child,
  type ChildCreate,
  ChildCreated,
  ChildHistoryEntry,
  ChildListPage,
  type ChildPsychology,
  type ChildStatusChange,
  type ChildTransfer,
  type ChildUpdate,
  PrintChild,
  TransferTarget,
} from '@carebridge/shared';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items } from '../../api/queries.ts';

/** The list filters as the API spells them (every value a string, as in the URL). */
export type ChildFilters = Partial<Record<ChildFilterKey, string>>;

/** Query parameters of GET /api/children that the list page sets (paging aside). */
export const CHILD_FILTER_KEYS = [
  'schoolId',
  'regionId',
  'grade',
  'classId',
  'leftBehindType',
  'xuejiCode',
  'narrow',
  'difficulty',
  'ageBand',
  'guardianRelation',
  'boarding',
  'custodyQuality',
  'keySupport',
  'threeClear',
  'status',
  'studyLevel',
  'psychologyLevel',
  'safetyLevel',
  'conductLevel',
  'lifeLevel',
  'q',
  'sort',
  'order',
] as const;
export type ChildFilterKey = (typeof CHILD_FILTER_KEYS)[number];

const PAGE_SIZE = 50;

export const HistoryList = Items(ChildHistoryEntry);

export const childKeys = {
  all: ['children'] as const,
  lists: ['children', 'list'] as const,
  list: (filters: ChildFilters) => ['children', 'list', filters] as const,
  one: (id: string) => ['children', 'one', id] as const,
  history: (id: string) => ['children', 'history', id] as const,
  targets: (id: string) => ['children', 'targets', id] as const,
  print: (query: string) => ['children', 'print', query] as const,
};

export const childrenApi = {
  /** A page of the list; the first also counts the children that match (共 N 名). */
  page: (filters: ChildFilters, cursor: string | null, limit = PAGE_SIZE) =>
    api.get('/children', { query: { ...filters, cursor, limit, total: cursor ? undefined : true }, schema: ChildListPage }),
  get: (id: string) => api.get(`/children/${id}`, { schema: Child }),
  history: (id: string) => api.get(`/children/${id}/history`, { schema: HistoryList }).then((r) => r.items),
  /** The new archive; 409 `possible_duplicate` (ChildDuplicateRefusal) unless confirmed, then `warnings` names what it was confirmed over. */
  create: (body: ChildCreate) => api.post('/children', body, { schema: ChildCreated }),
  update: (id: string, body: ChildUpdate) => api.patch(`/children/${id}`, body, { schema: Child }),
  /** The psychology level alone (the counsellor's psychological risk flag). */
  setPsychology: (id: string, body: ChildPsychology) => api.patch(`/children/${id}/psychology`, body, { schema: Child }),
  setStatus: (id: string, body: ChildStatusChange) => api.post(`/children/${id}/status`, body, { schema: Child }),
  transferTargets: (id: string) => api.get(`/children/${id}/transfer-targets`).then((r) => parseTargets(r)),
  transfer: (id: string, body: ChildTransfer) => api.post(`/children/${id}/transfer`, body),
  erase: (id: string, reason: string) => api.delete(`/children/${id}`, { body: { reason } }),
  /** A bureau officer's reason to open this child's details (kept in the audit log). */
  giveViewReason: (id: string, reason: string) => api.post(`/children/${id}/view-reason`, { reason }),
  /** Full archives for the print views in one call (the server audits it as printing), each with its mentor now: a class's active children, or the given ids. */
  forPrint: (query: { classId: string } | { ids: string[] }) =>
    api.get('/children/print', { query: 'ids' in query ? { ids: query.ids.join(',') } : query, schema: Items(PrintChild) }).then((r) => r.items),
};

/** The targets come as a bare array (contract) or as `{ items }` (the other list endpoints); accept both. */
function parseTargets(body: unknown): Target[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && 'items' in body ? (body as { items: unknown }).items : [];
  const parsed = TransferTarget.array().safeParse(list);
  return parsed.success ? parsed.data : [];
}
export type Target = z.infer<typeof TransferTarget>;

/** The child list page by page ("load more" follows nextCursor). */
export function useChildPages(filters: ChildFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: childKeys.list(filters),
    queryFn: ({ pageParam }) => childrenApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useChild(id: string | undefined) {
  return useQuery({ queryKey: childKeys.one(id ?? ''), queryFn: () => childrenApi.get(id ?? ''), enabled: !!id, staleTime: 0 });
}

export function useChildHistory(id: string, enabled: boolean) {
  return useQuery({ queryKey: childKeys.history(id), queryFn: () => childrenApi.history(id), enabled, staleTime: 0 });
}

/** The archives to print; fetched afresh each time (each print is audited). */
export function usePrintArchives(query: { classId: string } | { ids: string[] } | null) {
  const key = query ? ('ids' in query ? `ids:${query.ids.join(',')}` : `class:${query.classId}`) : '';
  return useQuery({
    queryKey: childKeys.print(key),
    queryFn: () => childrenApi.forPrint(query as { classId: string } | { ids: string[] }),
    enabled: !!query,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useTransferTargets(id: string, enabled: boolean) {
  return useQuery({ queryKey: childKeys.targets(id), queryFn: () => childrenApi.transferTargets(id), enabled });
}

import {
  CareRecord,
  type CareRecordCreate,
  type CareRecordUpdate,
  ChildContact,
  ChildPage,
  HomeVisitWindows,
  MyChild,
  Page,
  TimelineItem,
} from '@carebridge/shared';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { upload } from '../../api/files.ts';
import { Items } from '../../api/queries.ts';

/** The list filters as the API spells them (every value a string, as in the URL). */
export type CareFilters = Partial<Record<'schoolId' | 'regionId' | 'kind' | 'from' | 'to' | 'childId' | 'authorId' | 'followUp', string>>;

const PAGE_SIZE = 30;
export const CarePage = Page(CareRecord);

export const careKeys = {
  all: ['care'] as const,
  lists: ['care', 'list'] as const,
  list: (filters: CareFilters) => ['care', 'list', filters] as const,
  one: (id: string) => ['care', 'one', id] as const,
  timelines: ['care', 'timeline'] as const,
  timeline: (childId: string) => ['care', 'timeline', childId] as const,
  mine: ['care', 'mine'] as const,
  childSearch: (q: string, schoolId: string | undefined) => ['care', 'child-search', q, schoolId] as const,
  visitWindows: (schoolId: string | undefined, date: string | undefined) => ['care', 'visit-windows', schoolId, date] as const,
};

/** The term and its 期初/期中/期末 windows a home visit on `date` counts towards (nothing asked without a school or a date). */
export function useHomeVisitWindows(schoolId: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: careKeys.visitWindows(schoolId, date),
    queryFn: () => api.get('/care-policies/home-visit-windows', { query: { schoolId, date }, schema: HomeVisitWindows }),
    enabled: !!schoolId && !!date && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 5 * 60_000,
  });
}

export const careApi = {
  page: (filters: CareFilters, cursor: string | null, limit = PAGE_SIZE) =>
    api.get('/care-records', { query: { ...filters, cursor, limit }, schema: CarePage }),
  get: (id: string) => api.get(`/care-records/${id}`, { schema: CareRecord }),
  create: (body: CareRecordCreate) => api.post('/care-records', body, { schema: CareRecord }),
  update: (id: string, body: CareRecordUpdate) => api.patch(`/care-records/${id}`, body, { schema: CareRecord }),
  remove: (id: string) => api.delete(`/care-records/${id}`),
  /** One photo, with upload progress; the answer is the record with all its photos. */
  addPhoto: (id: string, file: Blob, name: string, onProgress?: (percent: number) => void) => {
    const form = new FormData();
    form.append('file', file, name);
    return upload(`/care-records/${id}/photos`, form, { schema: CareRecord, ...(onProgress ? { onProgress } : {}) });
  },
  timeline: (childId: string) => api.get(`/children/${childId}/timeline`, { schema: Items(TimelineItem) }).then((r) => r.items),
  mine: () => api.get('/mentoring/mine', { schema: Items(MyChild) }).then((r) => r.items),
  /** One child's guardian phone in full, for the call button (the list masks it); each call is audited. */
  revealContact: (childId: string) => api.post(`/children/${childId}/contact`, undefined, { schema: ChildContact }),
  /** Children for the pickers: a search by name (the list endpoint, no audited full view). */
  searchChildren: (q: string, schoolId: string | undefined) =>
    api.get('/children', { query: { q: q || undefined, schoolId, limit: 30 }, schema: ChildPage }).then((r) => r.items),
};

/** Care records page by page ("load more" follows nextCursor). */
export function useCarePages(filters: CareFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: careKeys.list(filters),
    queryFn: ({ pageParam }) => careApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCareRecord(id: string | undefined) {
  return useQuery({ queryKey: careKeys.one(id ?? ''), queryFn: () => careApi.get(id ?? ''), enabled: !!id, staleTime: 0 });
}

export function useTimeline(childId: string, enabled: boolean) {
  return useQuery({ queryKey: careKeys.timeline(childId), queryFn: () => careApi.timeline(childId), enabled, staleTime: 0 });
}

/** 我的帮扶对象: the signed-in mentor's children with what is due. */
export function useMine(enabled = true) {
  return useQuery({ queryKey: careKeys.mine, queryFn: careApi.mine, enabled });
}

/**
 * After a record is written, changed or removed: lists, timelines, the mentor's cards and that record,
 * and everything judged from records (to-do lists, completion rates, risk levels: `complianceKeys.all`,
 * spelled out here so that the care pages do not load the compliance module).
 */
export function useCareInvalidate() {
  const qc = useQueryClient();
  return (record?: CareRecord) => {
    if (record) qc.setQueryData(careKeys.one(record.id), record);
    void qc.invalidateQueries({ queryKey: careKeys.lists });
    void qc.invalidateQueries({ queryKey: careKeys.timelines });
    void qc.invalidateQueries({ queryKey: careKeys.mine });
    void qc.invalidateQueries({ queryKey: ['compliance'] });
  };
}

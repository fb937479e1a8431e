import '../../i18n/incidents.ts';
import {
  type AcknowledgeCreate,
  type ActionCreate,
  CareRecord,
  ChildPage,
  Incident,
  IncidentChain,
  type IncidentCreate,
  IncidentSummary,
  type IncidentUpdate,
  type MandatoryReportCreate,
  type NoticeCreate,
  Page,
} from '@carebridge/shared';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** GET /api/incidents filters as the API spells them (every value a string, as in the URL). */
export type IncidentFilters = Partial<Record<'schoolId' | 'childId' | 'status' | 'kind' | 'attention' | 'acknowledgement' | 'from' | 'to', string>>;

const PAGE_SIZE = 30;
export const IncidentPage = Page(IncidentSummary);
const CarePage = Page(CareRecord);

/** One root, so that a report or any step of a case refreshes every list, panel and child card. */
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: ['incidents', 'list'] as const,
  list: (filters: IncidentFilters) => ['incidents', 'list', filters] as const,
  short: (filters: IncidentFilters & { limit: number }) => ['incidents', 'short', filters] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
  chain: (schoolId: string | undefined) => ['incidents', 'chain', schoolId] as const,
  facts: (ids: string) => ['incidents', 'child-facts', ids] as const,
  records: (childId: string) => ['incidents', 'care-records', childId] as const,
};

export const incidentsApi = {
  page: (filters: IncidentFilters, cursor: string | null, limit = PAGE_SIZE) =>
    api.get('/incidents', { query: { ...filters, cursor, limit }, schema: IncidentPage }),
  get: (id: string) => api.get(`/incidents/${id}`, { schema: Incident }),
  create: (body: IncidentCreate) => api.post('/incidents', body, { schema: Incident }),
  update: (id: string, body: IncidentUpdate) => api.patch(`/incidents/${id}`, body, { schema: Incident }),
  notify: (id: string, body: NoticeCreate) => api.post(`/incidents/${id}/notifications`, body, { schema: Incident }),
  act: (id: string, body: ActionCreate) => api.post(`/incidents/${id}/actions`, body, { schema: Incident }),
  reportToPolice: (id: string, body: MandatoryReportCreate) => api.post(`/incidents/${id}/mandatory-report`, body, { schema: Incident }),
  /** The bureau acknowledges (签收) what the school reported to it, with an optional instruction (批示). */
  acknowledge: (id: string, body: AcknowledgeCreate) => api.post(`/incidents/${id}/acknowledge`, body, { schema: Incident }),
  chain: (schoolId: string) => api.get(`/incident-chains/${schoolId}`, { schema: IncidentChain }),
  saveChain: (schoolId: string, body: IncidentChain) => api.put(`/incident-chains/${schoolId}`, body, { schema: IncidentChain }),
  /** Sex and birth date of the chosen children, for the instant mandatory-report warning (the list view: no audited full archive). */
  childFacts: (ids: string[]) => api.get('/children', { query: { ids: ids.join(','), limit: 200 }, schema: ChildPage }).then((r) => r.items),
  /** A child's recent care records, to link one to a follow-up action. */
  careRecords: (childId: string) => api.get('/care-records', { query: { childId, limit: 20 }, schema: CarePage }).then((r) => r.items),
};

/** Incidents page by page ("load more" follows nextCursor). */
export function useIncidentPages(filters: IncidentFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: incidentKeys.list(filters),
    queryFn: ({ pageParam }) => incidentsApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 0,
  });
}

/** One short list (workbench panel, a child's card): the first `limit` incidents, always fresh. */
export function useIncidentList(filters: IncidentFilters & { limit: number }, enabled = true) {
  return useQuery({
    queryKey: incidentKeys.short(filters),
    queryFn: () => incidentsApi.page(filters, null, filters.limit),
    enabled,
    staleTime: 0,
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({ queryKey: incidentKeys.one(id ?? ''), queryFn: () => incidentsApi.get(id ?? ''), enabled: !!id, staleTime: 0, retry: false });
}

export function useChain(schoolId: string | undefined) {
  return useQuery({ queryKey: incidentKeys.chain(schoolId), queryFn: () => incidentsApi.chain(schoolId ?? ''), enabled: !!schoolId });
}

/** After a report or a step of a case: that incident as answered, every list, and the notification bell. */
export function useIncidentInvalidate() {
  const qc = useQueryClient();
  return (incident?: Incident) => {
    if (incident) qc.setQueryData(incidentKeys.one(incident.id), incident);
    void qc.invalidateQueries({ queryKey: incidentKeys.lists });
    void qc.invalidateQueries({ queryKey: ['incidents', 'short'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
}

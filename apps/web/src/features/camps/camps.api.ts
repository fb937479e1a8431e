import '../../i18n/camps.ts';
import {
  Camp,
  type CampChild,
  type CampCreate,
  CampReport,
  type CampSession,
  CampSummary,
  type CampUpdate,
  type CampVolunteerEntry,
  Timetable,
  type TimetableCell,
} from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { download, upload } from '../../api/files.ts';
import { Items, UserPage } from '../../api/queries.ts';

/** One root, so that any change of a camp refreshes its list card, timetable and summary. */
export const campKeys = {
  all: ['camps'] as const,
  lists: ['camps', 'list'] as const,
  list: (schoolId: string | undefined) => ['camps', 'list', schoolId ?? null] as const,
  one: (id: string) => ['camps', 'one', id] as const,
  timetable: (id: string) => ['camps', 'timetable', id] as const,
  summary: (id: string) => ['camps', 'summary', id] as const,
  volunteerUsers: (schoolId: string) => ['camps', 'volunteer-users', schoolId] as const,
};

export const campsApi = {
  list: (schoolId: string | undefined) => api.get('/camps', { query: { schoolId }, schema: Items(CampSummary) }).then((r) => r.items),
  get: (id: string) => api.get(`/camps/${id}`, { schema: Camp }),
  create: (body: CampCreate) => api.post('/camps', body, { schema: Camp }),
  update: (id: string, body: CampUpdate) => api.patch(`/camps/${id}`, body, { schema: Camp }),
  remove: (id: string) => api.delete(`/camps/${id}`),
  setSessions: (id: string, items: CampSession[], version: number) => api.put(`/camps/${id}/sessions`, { items, version }, { schema: Camp }),
  setVolunteers: (id: string, items: CampVolunteerEntry[], version: number) => api.put(`/camps/${id}/volunteers`, { items, version }, { schema: Camp }),
  setChildren: (id: string, items: CampChild[], version: number) => api.put(`/camps/${id}/children`, { items, version }, { schema: Camp }),
  /** Fill the grid; cells locked in the saved timetable stay. */
  solve: (id: string) => api.post(`/camps/${id}/solve`, { keepLocked: true }, { schema: Timetable }),
  timetable: (id: string) => api.get(`/camps/${id}/timetable`, { schema: Timetable }),
  saveTimetable: (id: string, cells: TimetableCell[], version: number) => api.put(`/camps/${id}/timetable`, { cells, version }, { schema: Timetable }),
  summary: (id: string) => api.get(`/camps/${id}/summary`, { schema: CampReport }),
  /** A photo of a camp day, with its caption (the fields go before the file, as the server reads them). */
  addPhoto: (id: string, file: Blob, name: string, fields: { date?: string; caption?: string }, onProgress?: (percent: number) => void) => {
    const form = new FormData();
    if (fields.date) form.append('date', fields.date);
    if (fields.caption) form.append('caption', fields.caption);
    form.append('file', file, name);
    return upload(`/camps/${id}/photos`, form, { schema: Camp, ...(onProgress ? { onProgress } : {}) });
  },
  updatePhoto: (id: string, photoId: string, body: { caption?: string | null; date?: string }) =>
    api.patch(`/camps/${id}/photos/${photoId}`, body, { schema: Camp }),
  removePhoto: (id: string, photoId: string) => api.delete(`/camps/${id}/photos/${photoId}`, { schema: Camp }),
  /** The workbook: a sheet per group, per volunteer, and attendance per group. */
  exportXlsx: (id: string, title: string) => download(`/camps/${id}/timetable.xlsx`, undefined, `${title}.xlsx`),
  /** Volunteer accounts of the host school, to link a camp volunteer to (the server accepts members of the school). */
  volunteerUsers: (schoolId: string) =>
    api
      .get('/users', { query: { schoolId, role: 'volunteer', limit: 200 }, schema: UserPage })
      .then((r) => r.items.filter((u) => u.active && u.roles.some((a) => a.role === 'volunteer' && a.schoolId === schoolId))),
};

export function useCamps(schoolId: string | undefined, enabled = true) {
  return useQuery({ queryKey: campKeys.list(schoolId), queryFn: () => campsApi.list(schoolId), enabled });
}

export function useCamp(id: string) {
  return useQuery({ queryKey: campKeys.one(id), queryFn: () => campsApi.get(id), enabled: !!id, staleTime: 0 });
}

export function useTimetable(id: string, enabled = true) {
  return useQuery({ queryKey: campKeys.timetable(id), queryFn: () => campsApi.timetable(id), enabled: !!id && enabled, staleTime: 0 });
}

export function useCampSummary(id: string, enabled = true) {
  return useQuery({ queryKey: campKeys.summary(id), queryFn: () => campsApi.summary(id), enabled: !!id && enabled });
}

export function useVolunteerUsers(schoolId: string, enabled = true) {
  return useQuery({ queryKey: campKeys.volunteerUsers(schoolId), queryFn: () => campsApi.volunteerUsers(schoolId), enabled: !!schoolId && enabled });
}

/**
 * Every change of a camp bumps its one version. After a change that returns the camp, the cached
 * timetable (which carries the same version) follows when it was current, and is refetched (its units
 * and findings may have changed); after a timetable change, the camp follows.
 */
export function useCampCache() {
  const qc = useQueryClient();
  return {
    camp(next: Camp) {
      const before = qc.getQueryData<Camp>(campKeys.one(next.id));
      qc.setQueryData(campKeys.one(next.id), next);
      qc.setQueryData<Timetable>(campKeys.timetable(next.id), (t) => (t && before && t.version === before.version ? { ...t, version: next.version } : t));
      void qc.invalidateQueries({ queryKey: campKeys.timetable(next.id) });
      void qc.invalidateQueries({ queryKey: campKeys.summary(next.id) });
      void qc.invalidateQueries({ queryKey: campKeys.lists });
    },
    timetable(id: string, t: Timetable) {
      qc.setQueryData(campKeys.timetable(id), t);
      qc.setQueryData<Camp>(campKeys.one(id), (c) => (c ? { ...c, version: t.version, solvedAt: t.solvedAt } : c));
      void qc.invalidateQueries({ queryKey: campKeys.summary(id) });
      void qc.invalidateQueries({ queryKey: campKeys.lists });
    },
    removed(id: string) {
      void qc.invalidateQueries({ queryKey: campKeys.lists });
      setTimeout(() => {
        qc.removeQueries({ queryKey: campKeys.one(id), type: 'inactive' });
        qc.removeQueries({ queryKey: campKeys.timetable(id), type: 'inactive' });
      }, 1000);
    },
  };
}

import '../../i18n/activities.ts';
import {
  Activity,
  type ActivityCreate,
  ActivitySummary,
  type ActivityUpdate,
  Attendance,
  type AttendanceUpdate,
  type EntryCreate,
  type EntryScore,
  Page,
  type TaskCreate,
  type TaskUpdate,
} from '@carebridge/shared';
import { keepPreviousData, type QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { upload } from '../../api/files.ts';

/** GET /api/activities filters as the API spells them (every value a string, as in the URL). */
export type ActivityFilters = Partial<Record<'schoolId' | 'regionId' | 'kind' | 'status' | 'from' | 'to' | 'q', string>>;

const PAGE_SIZE = 30;
export const ActivityPage = Page(ActivitySummary);

/** One root, so that a change to an activity refreshes every list, the activity and its sheet. */
export const activityKeys = {
  all: ['activities'] as const,
  lists: ['activities', 'list'] as const,
  list: (filters: ActivityFilters) => ['activities', 'list', filters] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  attendance: (id: string) => ['activities', 'attendance', id] as const,
};

/** DELETE answers with a body here (the sheet, the activity). */
const removeWith =
  <S extends z.ZodType>(schema: S) =>
  (path: string) =>
    api.delete(path, { schema });

export const activitiesApi = {
  page: (filters: ActivityFilters, cursor: string | null, limit = PAGE_SIZE) =>
    api.get('/activities', { query: { ...filters, cursor, limit }, schema: ActivityPage }),
  get: (id: string) => api.get(`/activities/${id}`, { schema: Activity }),
  create: (body: ActivityCreate) => api.post('/activities', body, { schema: Activity }),
  update: (id: string, body: ActivityUpdate) => api.patch(`/activities/${id}`, body, { schema: Activity }),
  remove: (id: string) => api.delete(`/activities/${id}`),
  attendance: (id: string) => api.get(`/activities/${id}/attendance`, { schema: Attendance }),
  setAttendance: (id: string, body: AttendanceUpdate) => api.put(`/activities/${id}/attendance`, body, { schema: Attendance }),
  apply: (id: string, body: { childIds?: string[]; pupils?: { name: string; className?: string | null }[] }) =>
    api.post(`/activities/${id}/applicants`, body, { schema: Attendance }),
  withdraw: (id: string, lineId: string) => removeWith(Attendance)(`/activities/${id}/applicants/${lineId}`),
  addTask: (id: string, body: z.input<typeof TaskCreate>) => api.post(`/activities/${id}/tasks`, body, { schema: Activity }),
  /** Tick a task off or on, or set or clear its due date. */
  setTask: (id: string, taskId: string, body: z.input<typeof TaskUpdate>) => api.patch(`/activities/${id}/tasks/${taskId}`, body, { schema: Activity }),
  addEntry: (id: string, body: z.input<typeof EntryCreate>) => api.post(`/activities/${id}/entries`, body, { schema: Activity }),
  scoreEntry: (id: string, entryId: string, body: z.input<typeof EntryScore>) => api.patch(`/activities/${id}/entries/${entryId}`, body, { schema: Activity }),
  /** A photo (re-encoded by the server) or an attachment, with upload progress; the answer is the activity. */
  addFile: (id: string, file: Blob, name: string, onProgress?: (percent: number) => void) => {
    const form = new FormData();
    form.append('file', file, name);
    return upload(`/activities/${id}/files`, form, { schema: Activity, ...(onProgress ? { onProgress } : {}) });
  },
  removeFile: (id: string, fileId: string) => removeWith(Activity)(`/activities/${id}/files/${fileId}`),
};

/** Activities page by page ("load more" follows nextCursor). */
export function useActivityPages(filters: ActivityFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: activityKeys.list(filters),
    queryFn: ({ pageParam }) => activitiesApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 0,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({ queryKey: activityKeys.one(id ?? ''), queryFn: () => activitiesApi.get(id ?? ''), enabled: !!id, staleTime: 0, retry: false });
}

/** The sheet is edited locally: it is not refetched behind the user's back (only after a save or an explicit reload). */
export function useAttendance(id: string) {
  return useQuery({ queryKey: activityKeys.attendance(id), queryFn: () => activitiesApi.attendance(id), staleTime: 0, refetchOnWindowFocus: false });
}

/** Every list, and the things judged from attendance: to-do lists and completion rates (`['compliance']`), a child's timeline (`['care', 'timeline']`). */
function invalidateAround(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: activityKeys.lists });
  void qc.invalidateQueries({ queryKey: ['compliance'] });
  void qc.invalidateQueries({ queryKey: ['care', 'timeline'] });
}

/**
 * After an activity changed: that activity as answered, every list, and the things judged from
 * attendance. The sheet shares the activity's version, so it is refetched too unless `sheet` is false.
 */
export function useActivityInvalidate() {
  const qc = useQueryClient();
  return (activity?: Activity, opts: { sheet?: boolean } = {}) => {
    if (activity) qc.setQueryData(activityKeys.one(activity.id), activity);
    if (activity && opts.sheet !== false) void qc.invalidateQueries({ queryKey: activityKeys.attendance(activity.id) });
    invalidateAround(qc);
  };
}

/**
 * After the sheet changed (saved, a place asked for or given up): the sheet as answered, and the
 * activity refetched — its attendance count (the facts card, the lists) and its version moved on with
 * the sheet, and the answer is the sheet only.
 */
export function sheetChanged(qc: QueryClient, activityId: string, next: Attendance) {
  qc.setQueryData(activityKeys.attendance(activityId), next);
  void qc.invalidateQueries({ queryKey: activityKeys.one(activityId) });
  invalidateAround(qc);
}

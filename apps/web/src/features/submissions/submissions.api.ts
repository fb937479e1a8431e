import '../../i18n/reports.ts';
import { RosterPending, RosterSubmission } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items } from '../../api/queries.ts';

export type Submission = z.infer<typeof RosterSubmission>;
/** One submission with its frozen snapshot: the children as the archive had them when it was sent. */
export const SubmissionDetail = RosterSubmission.extend({ rows: z.array(z.record(z.string(), z.unknown())) });
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;
export type SubmissionQuery = { schoolId?: string | undefined; regionId?: string | undefined; termId?: string | undefined; level?: 'class' | 'school' };

export const submissionKeys = {
  all: ['roster-submissions'] as const,
  list: (q: SubmissionQuery) => ['roster-submissions', 'list', q] as const,
  one: (id: string) => ['roster-submissions', 'one', id] as const,
  pending: (schoolId: string, termId: string) => ['roster-submissions', 'pending', schoolId, termId] as const,
  awaiting: ['roster-submissions', 'awaiting'] as const,
};

export const submissionsApi = {
  list: (q: SubmissionQuery) => api.get('/roster-submissions', { query: q, schema: Items(RosterSubmission) }).then((r) => r.items),
  /** The rosters sent up that the caller may approve or return now, newest sent first. */
  awaiting: () => api.get('/roster-submissions', { query: { review: 'awaiting' }, schema: Items(RosterSubmission) }).then((r) => r.items),
  /** The classes the school's roster of the term waits for (with children, roster not approved). */
  pending: (schoolId: string, termId: string) => api.get('/roster-submissions/pending', { query: { schoolId, termId }, schema: RosterPending }),
  get: (id: string) => api.get(`/roster-submissions/${id}`, { schema: SubmissionDetail }),
  /** Opens (or finds) the class's or, without a class, the school's submission for the term. */
  open: (body: { termId: string; classId?: string | undefined }) => api.post('/roster-submissions', body, { schema: SubmissionDetail }),
  submit: (id: string, version: number) => api.post(`/roster-submissions/${id}/submit`, { version }, { schema: SubmissionDetail }),
  approve: (id: string, version: number, comment?: string) =>
    api.post(`/roster-submissions/${id}/approve`, { version, ...(comment ? { comment } : {}) }, { schema: SubmissionDetail }),
  return: (id: string, version: number, comment: string) => api.post(`/roster-submissions/${id}/return`, { version, comment }, { schema: SubmissionDetail }),
};

/** States change on the other side (a leader approves what a teacher sent): always asked afresh. */
export function useSubmissions(q: SubmissionQuery, enabled = true) {
  return useQuery({ queryKey: submissionKeys.list(q), queryFn: () => submissionsApi.list(q), enabled, staleTime: 0 });
}

/** The classes the school's roster waits for; refreshed with the lists after every submission and review. */
export function usePendingClasses(schoolId: string, termId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: submissionKeys.pending(schoolId, termId ?? ''),
    queryFn: () => submissionsApi.pending(schoolId, termId ?? ''),
    enabled: enabled && !!termId,
    staleTime: 0,
  });
}

/** 待审核的花名册 of the workbench; under `submissionKeys.all`, so a review anywhere refreshes it. */
export function useAwaitingReview(enabled = true) {
  return useQuery({ queryKey: submissionKeys.awaiting, queryFn: submissionsApi.awaiting, enabled, staleTime: 0 });
}

export function useSubmission(id: string | null) {
  return useQuery({ queryKey: submissionKeys.one(id ?? ''), queryFn: () => submissionsApi.get(id ?? ''), enabled: !!id, staleTime: 0 });
}

/** After a submission, a review or a return: every list, and the dashboards showing roster states. */
export function useSubmissionInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: submissionKeys.all });
    void qc.invalidateQueries({ queryKey: ['stats'] });
  };
}

import '../../i18n/activities.ts';
import { SafetyCoverage, SafetyDuty, type SafetyDutyCreate, type SafetyDutyUpdate, SafetyPlan, type SafetyTopic } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items } from '../../api/queries.ts';

const Duties = Items(SafetyDuty);

export const safetyKeys = {
  all: ['safety'] as const,
  plan: (schoolId: string | undefined, termId: string | undefined) => ['safety', 'plan', schoolId, termId] as const,
  coverage: (schoolId: string | undefined, termId: string | undefined) => ['safety', 'coverage', schoolId, termId] as const,
  duties: (schoolId: string | undefined) => ['safety', 'duties', schoolId] as const,
};

export const safetyApi = {
  plan: (schoolId: string, termId: string) => api.get(`/safety/plans/${schoolId}/${termId}`, { schema: SafetyPlan }),
  putPlan: (schoolId: string, termId: string, topics: SafetyTopic[]) => api.put(`/safety/plans/${schoolId}/${termId}`, { topics }, { schema: SafetyPlan }),
  coverage: (schoolId: string, termId: string) => api.get(`/safety/coverage/${schoolId}/${termId}`, { schema: SafetyCoverage }),
  duties: (schoolId: string) => api.get('/safety/duties', { query: { schoolId }, schema: Duties }).then((r) => r.items),
  addDuty: (body: z.input<typeof SafetyDutyCreate>) => api.post('/safety/duties', body, { schema: Duties }).then((r) => r.items),
  updateDuty: (id: string, body: z.input<typeof SafetyDutyUpdate>) => api.patch(`/safety/duties/${id}`, body, { schema: Duties }).then((r) => r.items),
  removeDuty: (id: string) => api.delete(`/safety/duties/${id}`, { schema: Duties }).then((r) => r.items),
};

export function usePlan(schoolId: string | undefined, termId: string | undefined) {
  return useQuery({
    queryKey: safetyKeys.plan(schoolId, termId),
    queryFn: () => safetyApi.plan(schoolId ?? '', termId ?? ''),
    enabled: !!schoolId && !!termId,
  });
}

export function useCoverage(schoolId: string | undefined, termId: string | undefined) {
  return useQuery({
    queryKey: safetyKeys.coverage(schoolId, termId),
    queryFn: () => safetyApi.coverage(schoolId ?? '', termId ?? ''),
    enabled: !!schoolId && !!termId,
    staleTime: 0,
  });
}

export function useDuties(schoolId: string | undefined) {
  return useQuery({ queryKey: safetyKeys.duties(schoolId), queryFn: () => safetyApi.duties(schoolId ?? ''), enabled: !!schoolId });
}

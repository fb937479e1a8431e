import { CareOrganisation, type DutyCreate, type DutyUpdate, type LeadershipMemberCreate, type LeadershipMemberUpdate } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

/** Every write answers with the whole organisation of the school, so the page can show it at once. */
export const organisationApi = {
  get: (schoolId: string) => api.get(`/schools/${schoolId}/organisation`, { schema: CareOrganisation }),
  addMember: (schoolId: string, body: LeadershipMemberCreate) => api.post(`/schools/${schoolId}/leadership`, body, { schema: CareOrganisation }),
  updateMember: (id: string, body: LeadershipMemberUpdate) => api.patch(`/leadership/${id}`, body, { schema: CareOrganisation }),
  removeMember: (id: string) => api.delete(`/leadership/${id}`),
  addDuty: (schoolId: string, body: DutyCreate) => api.post(`/schools/${schoolId}/duties`, body, { schema: CareOrganisation }),
  updateDuty: (id: string, body: DutyUpdate) => api.patch(`/duties/${id}`, body, { schema: CareOrganisation }),
  removeDuty: (id: string) => api.delete(`/duties/${id}`),
};

export function useOrganisation(schoolId: string | undefined) {
  return useQuery({ queryKey: keys.organisation(schoolId), queryFn: () => organisationApi.get(schoolId ?? ''), enabled: !!schoolId });
}

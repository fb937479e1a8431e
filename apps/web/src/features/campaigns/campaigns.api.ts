import '../../i18n/campaigns.ts';
import { Campaign, type CampaignCreate, CampaignPlace, CampaignSummary, type CampaignUpdate, type PlaceVisit } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items } from '../../api/queries.ts';

/** Progress changes while groups are out visiting: open pages refetch this often. */
export const LIVE_MS = 10_000;

/** One root, so that a visit or an assignment refreshes the list, the campaign and its places. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (schoolId: string | undefined) => ['campaigns', 'list', schoolId ?? ''] as const,
  one: (id: string) => ['campaigns', 'one', id] as const,
  places: (id: string, groupId: string | undefined) => ['campaigns', 'places', id, groupId ?? ''] as const,
};

export const campaignsApi = {
  list: (schoolId: string | undefined) => api.get('/campaigns', { query: { schoolId }, schema: Items(CampaignSummary) }).then((r) => r.items),
  get: (id: string) => api.get(`/campaigns/${id}`, { schema: Campaign }),
  create: (body: CampaignCreate) => api.post('/campaigns', body, { schema: Campaign }),
  update: (id: string, body: CampaignUpdate) => api.patch(`/campaigns/${id}`, body, { schema: Campaign }),
  remove: (id: string) => api.delete(`/campaigns/${id}`),
  places: (id: string, groupId: string | undefined) =>
    api.get(`/campaigns/${id}/places`, { query: { groupId }, schema: Items(CampaignPlace) }).then((r) => r.items),
  assign: (id: string, placeIds: string[], groupId: string | null) => api.post(`/campaigns/${id}/places/assign`, { placeIds, groupId }, { schema: Campaign }),
  visit: (id: string, placeId: string, body: z.input<typeof PlaceVisit>) =>
    api.post(`/campaigns/${id}/places/${placeId}/visit`, body, { schema: CampaignPlace }),
};

export function useCampaigns(schoolId: string | undefined, enabled = true) {
  return useQuery({ queryKey: campaignKeys.list(schoolId), queryFn: () => campaignsApi.list(schoolId), enabled, staleTime: 0 });
}

/** The campaign with its live progress (refetched every LIVE_MS while the page is open). */
export function useCampaign(id: string) {
  return useQuery({ queryKey: campaignKeys.one(id), queryFn: () => campaignsApi.get(id), staleTime: 0, retry: false, refetchInterval: LIVE_MS });
}

/** Places of the campaign: every place for a manager, or one group's (a group member always gets only its own). */
export function useCampaignPlaces(id: string, groupId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.places(id, groupId),
    queryFn: () => campaignsApi.places(id, groupId),
    enabled,
    staleTime: 0,
    refetchInterval: LIVE_MS,
  });
}

/** After a visit or an assignment: the campaign as answered (if given), its places and every list. */
export function useCampaignInvalidate() {
  const qc = useQueryClient();
  return (id: string, campaign?: Campaign) => {
    if (campaign) qc.setQueryData(campaignKeys.one(id), campaign);
    else void qc.invalidateQueries({ queryKey: campaignKeys.one(id) });
    void qc.invalidateQueries({ queryKey: ['campaigns', 'places', id] });
    void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    // Each visit is a care record: lists, timelines and to-do lists change too.
    void qc.invalidateQueries({ queryKey: ['care'] });
    void qc.invalidateQueries({ queryKey: ['compliance'] });
  };
}

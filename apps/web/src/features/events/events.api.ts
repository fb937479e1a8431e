import '../../i18n/events.ts';
import { Donation, type DonationCreate, type EventCreate, type EventUpdate, EventView, Team, type TeamCreate, type TeamUpdate } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { Items } from '../../api/queries.ts';

export type DonationInput = z.output<typeof DonationCreate>;

/** One root, so that a change to an event or a team refreshes the list, the event and its teams. */
export const eventKeys = {
  all: ['events'] as const,
  list: ['events', 'list'] as const,
  one: (id: string) => ['events', 'one', id] as const,
  teams: (id: string) => ['events', 'teams', id] as const,
  donations: (id: string) => ['events', 'donations', id] as const,
};

export const eventsApi = {
  list: () => api.get('/events', { schema: Items(EventView) }).then((r) => r.items),
  get: (id: string) => api.get(`/events/${id}`, { schema: EventView }),
  create: (body: EventCreate) => api.post('/events', body, { schema: EventView }),
  update: (id: string, body: z.output<typeof EventUpdate>) => api.patch(`/events/${id}`, body, { schema: EventView }),
  teams: (id: string) => api.get(`/events/${id}/teams`, { schema: Items(Team) }).then((r) => r.items),
  team: (id: string, teamId: string) => api.get(`/events/${id}/teams/${teamId}`, { schema: Team }),
  addTeam: (id: string, body: TeamCreate) => api.post(`/events/${id}/teams`, body, { schema: Team }),
  updateTeam: (id: string, teamId: string, body: z.output<typeof TeamUpdate>) => api.patch(`/events/${id}/teams/${teamId}`, body, { schema: Team }),
  submit: (id: string, teamId: string, version: number) => api.post(`/events/${id}/teams/${teamId}/submit`, { version }, { schema: Team }),
  approve: (id: string, teamId: string, version: number) => api.post(`/events/${id}/teams/${teamId}/approve`, { version }, { schema: Team }),
  return: (id: string, teamId: string, reason: string, version: number) =>
    api.post(`/events/${id}/teams/${teamId}/return`, { reason, version }, { schema: Team }),
  donations: (eventId: string) => api.get('/donations', { query: { eventId }, schema: Items(Donation) }).then((r) => r.items),
  addDonation: (body: DonationInput) => api.post('/donations', body, { schema: Items(Donation) }),
};

export function useEvents(enabled = true) {
  return useQuery({ queryKey: eventKeys.list, queryFn: eventsApi.list, enabled, staleTime: 0 });
}

export function useEvent(id: string | undefined) {
  return useQuery({ queryKey: eventKeys.one(id ?? ''), queryFn: () => eventsApi.get(id ?? ''), enabled: !!id, staleTime: 0, retry: false });
}

export function useTeams(id: string | undefined) {
  return useQuery({ queryKey: eventKeys.teams(id ?? ''), queryFn: () => eventsApi.teams(id ?? ''), enabled: !!id, staleTime: 0 });
}

export function useDonations(eventId: string) {
  return useQuery({ queryKey: eventKeys.donations(eventId), queryFn: () => eventsApi.donations(eventId), staleTime: 0 });
}

/** After an event or one of its teams changed: the event (its team count), its teams, and the list. */
export function useEventInvalidate() {
  const qc = useQueryClient();
  return (eventId?: string) => {
    void qc.invalidateQueries({ queryKey: eventKeys.list });
    if (eventId) {
      void qc.invalidateQueries({ queryKey: eventKeys.one(eventId) });
      void qc.invalidateQueries({ queryKey: eventKeys.teams(eventId) });
    }
  };
}

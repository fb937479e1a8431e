import { Page, Region, School, SchoolClass, User } from '@carebridge/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './client.ts';

/** `{ items: T[] }`, the shape of the unpaged list endpoints. */
export const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const UserPage = Page(User);

/** Query keys in one place, so that mutations invalidate what they change. */
export const keys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  regions: ['regions'] as const,
  schools: (params: { regionId?: string | undefined; q?: string | undefined } = {}) => ['schools', params] as const,
  terms: (schoolId: string | undefined) => ['terms', schoolId] as const,
  classes: (params: { schoolId?: string | undefined; grade?: number | undefined }) => ['classes', params] as const,
  users: (params: Record<string, string | undefined>) => ['users', params] as const,
  organisation: (schoolId: string | undefined) => ['organisation', schoolId] as const,
  audit: (params: Record<string, string | undefined>) => ['audit', params] as const,
};

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: () => api.get('/regions', { schema: Items(Region) }).then((r) => r.items),
  });
}

export function useSchools(params: { regionId?: string | undefined; q?: string | undefined } = {}) {
  return useQuery({
    queryKey: keys.schools(params),
    queryFn: () => api.get('/schools', { query: params, schema: Items(School) }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export function useClasses(params: { schoolId?: string | undefined; grade?: number | undefined }, enabled = true) {
  return useQuery({
    queryKey: keys.classes(params),
    queryFn: () => api.get('/classes', { query: params, schema: Items(SchoolClass) }).then((r) => r.items),
    enabled,
  });
}

/** Users of one school (for head teacher, leadership and duty pickers); the first 200 are plenty for a school. */
export function useSchoolUsers(schoolId: string | undefined) {
  return useQuery({
    queryKey: keys.users({ schoolId, limit: '200' }),
    queryFn: () => api.get('/users', { query: { schoolId, limit: 200 }, schema: UserPage }).then((r) => r.items),
    enabled: !!schoolId,
  });
}

import '../../i18n/reports.ts';
import { Briefing, BriefingSummary, type BriefingUpdate } from '@carebridge/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { download } from '../../api/files.ts';
import { Items } from '../../api/queries.ts';

export type BriefingData = z.infer<typeof Briefing>;
export type BriefingItem = z.infer<typeof BriefingSummary>;
export type BriefingChanges = z.input<typeof BriefingUpdate>;
export type BriefingScope = { schoolId?: string | undefined; regionId?: string | undefined };

export const briefingKeys = {
  all: ['briefings'] as const,
  list: (q: BriefingScope) => ['briefings', 'list', q] as const,
  one: (id: string) => ['briefings', 'one', id] as const,
};

export const briefingsApi = {
  list: (q: BriefingScope) => api.get('/briefings', { query: q, schema: Items(BriefingSummary) }).then((r) => r.items),
  get: (id: string) => api.get(`/briefings/${id}`, { schema: Briefing }),
  /** Drafts the text and figures from the records of the period ("2026-11", "term:<id>" or "from..to"). */
  create: (body: BriefingScope & { period: string; title?: string | undefined }) => api.post('/briefings', body, { schema: Briefing }),
  update: (id: string, body: BriefingChanges) => api.put(`/briefings/${id}`, body, { schema: Briefing }),
  /** The Word document (the server renders it from what was last saved). */
  docx: (id: string, fallbackName: string) => download(`/briefings/${id}.docx`, undefined, fallbackName),
};

export function useBriefings(q: BriefingScope, enabled = true) {
  return useQuery({ queryKey: briefingKeys.list(q), queryFn: () => briefingsApi.list(q), enabled, staleTime: 0, placeholderData: keepPreviousData });
}

export function useBriefing(id: string | undefined) {
  return useQuery({ queryKey: briefingKeys.one(id ?? ''), queryFn: () => briefingsApi.get(id ?? ''), enabled: !!id, staleTime: 0, retry: false });
}

import type { CampaignCreate, ChecklistItem } from '@carebridge/shared';
import type { z } from 'zod';
import type { CampaignScope } from './campaign-format.tsx';

/** The create form's values: the payload's fields, plus whether the default checklist is kept. */
export interface CampaignValues {
  schoolId: string;
  title?: string;
  date: string;
  description?: string | null;
  target: { scope: CampaignScope; value?: string | null };
  customChecklist: boolean;
  checklist: ChecklistItem[];
  groups: { name: string; leaderId?: string; memberIds?: string[] }[];
}

/** The POST /api/campaigns body: no checklist when the default one is kept (the server fills it in the reader's language). */
export function createPayload(v: CampaignValues): z.input<typeof CampaignCreate> {
  return {
    schoolId: v.schoolId,
    title: v.title ?? '',
    date: v.date,
    description: v.description?.trim() || null,
    target: { scope: v.target.scope, value: v.target.scope === 'grade' || v.target.scope === 'class' ? (v.target.value ?? null) : null },
    ...(v.customChecklist ? { checklist: (v.checklist ?? []).map((c) => ({ key: c.key, label: c.label ?? '' })) } : {}),
    groups: (v.groups ?? []).map((g) => ({
      name: g.name ?? '',
      leaderId: g.leaderId as string,
      memberIds: (g.memberIds ?? []).filter((m) => m !== g.leaderId),
    })),
  };
}

/** A key for a new checklist item that no other item has (keys only tie answers to items; labels are what people read). */
export function newItemKey(items: readonly Pick<ChecklistItem, 'key'>[]): string {
  let n = items.length + 1;
  while (items.some((c) => c.key === `item_${n}`)) n++;
  return `item_${n}`;
}

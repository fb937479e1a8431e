import { type Child, type ChildCreated, ChildWarning } from '@carebridge/shared';

/** A created archive parted from its warnings: the archive is cached as any other, the warnings are shown once. */
export function splitCreated(created: ChildCreated): { child: Child; warnings: ChildWarning[] } {
  const { warnings, ...child } = created;
  return { child, warnings: warnings ?? [] };
}

/** Each likely duplicate as a line to show, with a link to the other archive when the user may open it. */
export function duplicateLines(warnings: readonly ChildWarning[]): { key: string; text: string; href: string | null }[] {
  return warnings
    .filter((w) => w.code === 'possible_duplicate')
    .map((w, i) => ({ key: w.childId ?? `w${i}`, text: w.message, href: w.childId ? `/children/${w.childId}` : null }));
}

/** The router state the create page leaves for the new archive's page: the likely duplicates to show there. */
export interface CreatedState {
  duplicates: ChildWarning[];
}

/** What the create page hands over, if anything; the history state may hold anything else (or be stale). */
export function handedOverDuplicates(state: unknown): ChildWarning[] {
  const list = (state as Partial<CreatedState> | null)?.duplicates;
  if (!Array.isArray(list)) return [];
  return list.flatMap((w) => {
    const parsed = ChildWarning.safeParse(w);
    return parsed.success && parsed.data.code === 'possible_duplicate' ? [parsed.data] : [];
  });
}

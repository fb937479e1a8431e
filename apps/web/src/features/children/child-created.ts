import { type Child, type ChildCreated, ChildDuplicateRefusal, type ChildWarning } from '@carebridge/shared';
import { ApiError } from '../../api/client.ts';

/** A created archive parted from its warnings: the archive is cached as any other. */
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

/**
 * The likely duplicates a new archive was refused over (409 `possible_duplicate`), to ask the user
 * before creating it anyway; null for any other error, or a refusal that does not name them.
 */
export function duplicatesRefused(err: unknown): ChildWarning[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'possible_duplicate') return null;
  const parsed = ChildDuplicateRefusal.safeParse(err.body);
  return parsed.success && parsed.data.duplicates.length ? parsed.data.duplicates : null;
}

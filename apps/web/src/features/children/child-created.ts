import type { Child, ChildCreated, ChildWarning } from '@carebridge/shared';

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

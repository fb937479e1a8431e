/**
 * Which policy version judges when, as the server's engine reads them (`spans` in engine.ts): the
 * versions ordered by effective date, versions of the same day in the order they were saved; each
 * judges from its day until the next one's, so of several versions effective on one day only the
 * last saved ever judges — the others were replaced before they took effect.
 */
export type VersionStatus = 'current' | 'future' | 'superseded';

interface Dated {
  id: string;
  effectiveFrom: string;
}

/** `versions` as the API lists them (newest saved first), in the order they take effect: by date, then as saved. */
function effectiveOrder<V extends Dated>(versions: readonly V[]): V[] {
  return [...versions].reverse().sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/** The version that judges `today`: of those begun, the one effective last (the last saved of its day). */
export function inForce<V extends Dated>(versions: readonly V[], today: string): V | undefined {
  let found: V | undefined;
  for (const v of effectiveOrder(versions)) if (v.effectiveFrom <= today) found = v;
  return found;
}

/**
 * Each version's status today: `current` (judges today), `future` (will judge from its day) or
 * `superseded` (a later version judges instead — begun before the current one, or replaced by a
 * version saved later for the same day).
 */
export function versionStatuses<V extends Dated>(versions: readonly V[], today: string): Map<string, VersionStatus> {
  const ordered = effectiveOrder(versions);
  const current = inForce(versions, today);
  const out = new Map<string, VersionStatus>();
  ordered.forEach((v, i) => {
    const next = ordered[i + 1];
    const lastOfDay = !next || next.effectiveFrom !== v.effectiveFrom;
    out.set(v.id, v === current ? 'current' : v.effectiveFrom > today && lastOfDay ? 'future' : 'superseded');
  });
  return out;
}

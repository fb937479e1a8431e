import { CHILD_FIELD_KEYS, type Child, type ChildFieldKey } from '@carebridge/shared';
import { type ChildValues, changedFields, sameValue, toFormValues } from './child-format.ts';

/** One field another user saved while this user was editing the archive. */
export interface ConflictRow {
  field: ChildFieldKey;
  before: unknown;
  after: unknown;
  /** The user had changed this field too; their value gave way to the saved one. */
  both: boolean;
  /** What the user had typed there (shown so that it is not lost: they may put it back). */
  mine?: unknown;
}

/**
 * Someone saved first (409): the form starts again from their version, keeps the user's edits
 * wherever the other save left the field alone, and lists every field that the other save changed.
 */
export function mergeConflict(base: Child, latest: Child, mine: ChildValues): { values: ChildValues; rows: ConflictRow[] } {
  const myChanges = new Set(changedFields(mine, base));
  const theirs = CHILD_FIELD_KEYS.filter((k) => !sameValue(base[k], latest[k]));
  const values = toFormValues(latest);
  for (const k of myChanges) if (!theirs.includes(k)) values[k] = mine[k];
  const rows = theirs.map((k) => {
    // Both saving the same value loses nothing of the user's.
    const both = myChanges.has(k) && !sameValue(mine[k], latest[k]);
    return { field: k, before: base[k], after: latest[k], both, ...(both ? { mine: mine[k] } : {}) };
  });
  return { values, rows };
}

/** A long note cut short for the line under its field (the notice above the form shows it whole). */
export function clip(text: string, max = 40): string {
  return [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text;
}

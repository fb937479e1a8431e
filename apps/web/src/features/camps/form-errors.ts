import type { FormInstance } from 'antd';
import type { KeyboardEvent } from 'react';

type NamePath = (string | number)[];

/** The paths of the leaves in antd's `changedValues` (list rows come as sparse arrays; a list of ids is one leaf). */
function leafPaths(value: unknown, prefix: NamePath = []): NamePath[] {
  if (Array.isArray(value)) {
    if (!value.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) return [prefix];
    return value.flatMap((x, i) => (x === undefined ? [] : leafPaths(x, [...prefix, i])));
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return [prefix];
}

/** A path inside a list row stands for the whole row ("windows.1.end" → "windows.1"): a start/end pair shares its errors. */
function rowOf(path: NamePath): NamePath {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return path.slice(0, i + 1);
  return path;
}

const within = (name: readonly (string | number)[], prefix: NamePath) => prefix.every((x, i) => name[i] === x);

/**
 * Errors put on a field from zod or the server stay until the next submit, because our Form.Items
 * have no rules to re-run. Clear them (and those of the same list row, and those of the list itself,
 * e.g. "groups": a group that still has children) as soon as the user edits it.
 * Use as the Form's onValuesChange.
 */
export function clearErrorsOnEdit(form: FormInstance) {
  return (changed: unknown) => {
    const rows = leafPaths(changed).map(rowOf);
    const stale = form
      .getFieldsError()
      .filter(
        (f) =>
          f.errors.length && rows.some((r) => within(f.name, r) || (r.length > f.name.length && typeof r[f.name.length] === 'number' && within(r, f.name))),
      );
    if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
  };
}

/**
 * A camp settings error's field: the server names a group by its hidden id, shown on its name; what
 * concerns the groups as a whole ("groups") stays on the list, which shows it under its rows.
 */
export const settingsFieldPath = (path: string) => path.replace(/^groups\.(\d+)\.id$/, 'groups.$1.name');

/** Enter in a text box of a long form must not send it half-filled (a date picker takes Enter to accept the typed date). */
export function noEnterSubmit(e: KeyboardEvent) {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
}

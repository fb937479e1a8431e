import type { z } from 'zod';

/**
 * Reading a route's zod schemas from the outside, for tests that hold every route to a rule: which
 * top-level fields a schema has, what kind of value each takes, a value that is wrong for it, and a
 * valid input where one can be made from the schema alone.
 */

/** Any zod schema (classic or core). */
export type Schema = z.core.$ZodType;
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
  left?: Schema;
  right?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
}

const defOf = (s: Schema): Def => s._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

export function isZod(value: unknown): value is Schema {
  return !!value && typeof value === 'object' && '_zod' in value;
}

/** The schema under optional / nullable / default / the input side of a pipe. */
export function unwrap(s: Schema): Schema {
  let node = s;
  for (;;) {
    const d = defOf(node);
    if (WRAPPERS.has(d.type) && d.innerType) node = d.innerType;
    else if (d.type === 'pipe' && d.in) node = d.in;
    else return node;
  }
}

/** The top-level fields of an object schema (of every branch of a union), or undefined when it has none. */
export function fieldsOf(s: Schema): Map<string, Schema> | undefined {
  const d = defOf(unwrap(s));
  if (d.type === 'object' && d.shape) return new Map(Object.entries(d.shape));
  const parts = d.type === 'union' ? d.options : d.type === 'intersection' ? [d.left, d.right] : undefined;
  if (!parts) return undefined;
  const out = new Map<string, Schema>();
  for (const p of parts) for (const [k, v] of p ? (fieldsOf(p) ?? []) : []) if (!out.has(k)) out.set(k, v);
  return out.size ? out : undefined;
}

/** What a field takes: string, number, boolean, array, object, enum, literal, union … */
export const kindOf = (s: Schema): string => defOf(unwrap(s)).type;

/** The most characters a text field takes, if it says so. */
export function maxLengthOf(s: Schema): number | undefined {
  return defOf(unwrap(s)).checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
}

/** A JSON value of another type than the field takes (a number for text, text for a number, an object for a list). */
export function wrongValue(s: Schema): unknown {
  switch (kindOf(s)) {
    case 'number':
    case 'int':
    case 'boolean':
      return 'abc';
    case 'array':
      return { a: 1 };
    case 'object':
    case 'record':
      return [1];
    default:
      return 12345;
  }
}

/** An id that looks like ours (UUIDv7) and names nothing. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

const ID_KEY = /^id$|Ids?$/;
const TEXT_SAMPLES = ['2026-11-20', '2026-11-20T01:30:00.000Z', '08:00', '2026-11', '13800138000', '2026', 'true', 'a@b.cn', '示例'];
const NUMBER_SAMPLES = [1, 0, 2026, 3, 10, 100];

/**
 * A valid value for a schema where simple choices make one; undefined when none is found (a
 * refinement across fields, a pattern not tried). `ids` gives the real id to use by field name (other
 * ids name nothing); `allIds` fills optional id fields too, else optional fields are left out.
 */
export function sample(s: Schema, opts: { ids?: Record<string, string>; allIds?: boolean } = {}, key = ''): { value: unknown } | undefined {
  const ok = (value: unknown) => ((s as z.ZodType).safeParse(value).success ? { value } : undefined);
  const d = defOf(s);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return (opts.allIds && ID_KEY.test(key) && d.innerType && sample(d.innerType, opts, key)) || ok(undefined);
    case 'nullable':
      return (d.innerType && sample(d.innerType, opts, key)) ?? ok(null);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return d.innerType && sample(d.innerType, opts, key);
    case 'pipe': {
      const inner = d.in && sample(d.in, opts, key);
      return inner && ok(inner.value);
    }
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(d.shape ?? {})) {
        const v = sample(field, opts, k);
        if (!v) return undefined;
        if (v.value !== undefined) value[k] = v.value;
      }
      return ok(value);
    }
    case 'array': {
      const min = d.checks?.find((c) => c._zod.def.check === 'min_length')?._zod.def.minimum ?? 0;
      const items: unknown[] = [];
      for (let i = 0; i < min; i++) {
        const v = d.element && sample(d.element, opts, key);
        if (!v) return undefined;
        items.push(v.value);
      }
      return ok(items);
    }
    case 'union':
      for (const option of d.options ?? []) {
        const v = sample(option, opts, key);
        if (v && ok(v.value)) return v;
      }
      return undefined;
    case 'string': {
      const id = opts.ids?.[key] ?? (ID_KEY.test(key) ? UNKNOWN_ID : undefined);
      for (const v of [...(id ? [id] : []), 'x', 'xx', '示例文字', ...TEXT_SAMPLES]) if (ok(v)) return ok(v);
      return undefined;
    }
    case 'number':
    case 'int':
      for (const v of NUMBER_SAMPLES) if (ok(v)) return ok(v);
      return undefined;
    case 'boolean':
      return ok(false);
    case 'enum':
      return ok(Object.values(d.entries ?? {})[0]);
    case 'literal':
      return ok(d.values?.[0]);
    case 'record':
      return ok({});
    case 'unknown':
    case 'any':
      return ok(undefined);
    default:
      return undefined;
  }
}

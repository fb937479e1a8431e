import { z } from 'zod';
import { isIsoDate, isPhone, normalisePhone } from '../validators.ts';

/** App-generated ids (UUIDv7 text). */
export const Id = z.string().min(1).max(64);
export const IsoDate = z.string().refine(isIsoDate, { message: 'validation.date' });
/** A mainland phone number, stored in one form (`normalisePhone`: "139 1234 5678" and "+86 13912345678" as 13912345678). */
export const Phone = z.string().overwrite(normalisePhone).refine(isPhone, { message: 'validation.phone' });
/** A phone that may be left out: null, undefined or '' (an emptied input) are none. */
export const OptionalPhone = Phone.optional()
  .nullable()
  .or(z.literal('').transform(() => null));
/** A phone that must be given: blank is 必填, anything else must be a phone. */
export const RequiredPhone = z.string().trim().min(1, { message: 'validation.required' }).pipe(Phone);
export const OptionalText = (max: number) => z.string().trim().max(max).optional().nullable();
/** Zero-width characters (U+200B–U+200D, U+2060, U+FEFF), as pasted from a chat: a name of them alone reads as empty. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Text without its zero-width characters: what the archive keeps, and what a roster cell is compared as. */
export const withoutInvisible = (s: string): string => s.replace(INVISIBLE, '');
/** A required name: trimmed, without zero-width characters, blank (or invisible) refused as 必填. */
export const Name = (max = 50) => z.string().overwrite(withoutInvisible).trim().min(1, { message: 'validation.required' }).max(max);
/** A row's version: a positive 32-bit integer, as the `version` columns hold (a larger one was a 500 on PostgreSQL). */
export const Version = z.number().int().min(1).max(2_147_483_647);

type NoDefaults<T extends z.ZodRawShape> = { [K in keyof T]: T[K] extends z.ZodDefault<infer I> ? I : T[K] };
/**
 * The fields of a create schema for a PATCH: zod applies a `.default()` even inside `.partial()`,
 * so a change that leaves such a field out would silently reset it (a camp's groups to [], an
 * incident's answers to {}). Use as `z.object(withoutDefaults(shape)).partial()`.
 */
export function withoutDefaults<T extends z.ZodRawShape>(shape: T): NoDefaults<T> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap() : v])) as NoDefaults<T>;
}
export const Limit = z.coerce.number().int().min(1).max(200).default(50);

export const ErrorBody = z.object({
  error: z.string(),
  status: z.number().int(),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const IdParams = z.object({ id: Id });

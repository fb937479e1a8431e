import { z } from 'zod';
import { isIsoDate, isPhone } from '../validators.ts';

/** App-generated ids (UUIDv7 text). */
export const Id = z.string().min(1).max(64);
export const IsoDate = z.string().refine(isIsoDate, { message: 'validation.date' });
export const Phone = z.string().trim().refine(isPhone, { message: 'validation.phone' });
export const OptionalText = (max: number) => z.string().trim().max(max).optional().nullable();
export const Name = (max = 50) => z.string().trim().min(1, { message: 'validation.required' }).max(max);
export const Version = z.number().int().min(1);
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

import { z } from 'zod';
import { Id, IsoDate, Limit } from './common.ts';

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  userId: Id.nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  schoolId: Id.nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  schoolId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: Limit,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

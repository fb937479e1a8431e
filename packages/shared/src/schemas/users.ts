import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { NewPassword, RoleAssignmentView, Username } from './auth.ts';
import { Id, Name, OptionalPhone, Version } from './common.ts';

export const RoleAssignmentInput = z.object({ role: z.enum(ROLES), scopeId: Id.nullable().optional() });
export type RoleAssignmentInput = z.infer<typeof RoleAssignmentInput>;

export const User = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(RoleAssignmentView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserCreate = z.object({
  username: Username,
  name: Name(50),
  phone: OptionalPhone,
  password: NewPassword,
  roles: z.array(RoleAssignmentInput).min(1).max(20),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  name: Name(50).optional(),
  phone: OptionalPhone,
  active: z.boolean().optional(),
  roles: z.array(RoleAssignmentInput).min(1).max(20).optional(),
  version: Version,
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const PasswordReset = z.object({ newPassword: NewPassword });
export type PasswordReset = z.infer<typeof PasswordReset>;

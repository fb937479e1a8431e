import { z } from 'zod';
import { ROLES, SCOPE_KINDS } from '../roles.ts';
import { isStrongPassword } from '../validators.ts';
import { Id, Name } from './common.ts';

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'validation.username' });
/** An empty password is missing (必填), not weak; a typed one must pass the rule. */
export const NewPassword = z.string().min(1, { message: 'validation.required', abort: true }).refine(isStrongPassword, { message: 'validation.password_weak' });

export const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const SetupBody = z.object({ admin: z.object({ username: Username, password: NewPassword, name: Name() }) });
export type SetupBody = z.infer<typeof SetupBody>;

export const RoleAssignmentView = z.object({
  id: Id,
  role: z.enum(ROLES),
  scopeKind: z.enum(SCOPE_KINDS),
  scopeId: Id.nullable(),
  scopeName: z.string().nullable(),
  schoolId: Id.nullable(),
  regionId: Id.nullable(),
});
export type RoleAssignmentView = z.infer<typeof RoleAssignmentView>;

export const MeResponse = z.object({
  user: z.object({ id: Id, username: z.string(), name: z.string(), phone: z.string().nullable(), mustChangePassword: z.boolean() }),
  roles: z.array(RoleAssignmentView),
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const DemoAccount = z.object({
  username: z.string(),
  password: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  schoolId: Id.optional(),
  classId: Id.optional(),
  regionId: Id.optional(),
});
export const DemoResponse = z.object({ accounts: z.array(DemoAccount) });
export type DemoResponse = z.infer<typeof DemoResponse>;

/**
 * How far the set-up of the caller's area has got, for the workbench's 开始使用 card: what exists and
 * which schools still lack a term or classes. Counts are within the caller's scope.
 */
export const SetupProgress = z.object({
  /** Regions the caller may add to: an administrator all; a bureau officer those under its own. */
  regions: z.number().int(),
  schools: z.number().int(),
  /** Schools with no term running today or starting later. */
  schoolsWithoutTerm: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Schools with no class in use. */
  schoolsWithoutClasses: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Accounts holding a role in the caller's area, the caller left out. */
  users: z.number().int(),
  /** Children in the archive (active). */
  children: z.number().int(),
  /** Of them, those with no mentor paired today. */
  unpaired: z.number().int(),
});
export type SetupProgress = z.infer<typeof SetupProgress>;

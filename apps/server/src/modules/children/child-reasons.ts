/** A bureau officer's reason to view a child's details: who needs one, which reasons still hold, the check. */

import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';

/** How long a bureau officer's reason to view a child's details holds (a working day). */
const REASON_HOURS = 8;

/** Whether the caller sees this school's children only as a bureau officer (so a child's details need a reason). */
export function viewsByReason(auth: Auth, schoolId: string): boolean {
  if (auth.scope.global) return false;
  return !auth.roles.some((r) => r.role !== 'bureau_officer' && (r.schoolId === schoolId || (r.scopeKind === 'school' && r.scopeId === schoolId)));
}

/** Of these children, those the caller gave a reason for (a `child.view_reason` audit row) that still holds. */
export async function reasonsGiven(ctx: Ctx, auth: Auth, childIds: readonly string[]): Promise<Set<string>> {
  if (!childIds.length) return new Set();
  const since = new Date(ctx.clock().getTime() - REASON_HOURS * 3_600_000).toISOString();
  const given = await ctx.db
    .selectFrom('audit_log')
    .select('entity_id')
    .distinct()
    .where('entity', '=', 'child')
    .where('entity_id', 'in', [...new Set(childIds)])
    .where('action', '=', 'child.view_reason')
    .where('user_id', '=', auth.userId)
    .where('at', '>=', since)
    .execute();
  return new Set(given.map((g) => g.entity_id).filter((id): id is string => !!id));
}

/** 403 unless the caller gave a reason that still holds for each of these children it sees only as a bureau officer (one look-up for all). */
export async function assertReasons(ctx: Ctx, auth: Auth, rows: readonly { id: string; school_id: string }[]): Promise<void> {
  const needed = rows.filter((r) => viewsByReason(auth, r.school_id));
  if (!needed.length) return;
  const given = await reasonsGiven(
    ctx,
    auth,
    needed.map((r) => r.id),
  );
  if (needed.some((r) => !given.has(r.id))) throw new AppError('view_reason_required', 403, {}, [{ path: 'reason', message: 'errors.view_reason_required' }]);
}

/** Contact and archive cards: full archives with each child's mentor now and class teacher, audited as one print. */

import { maskMiddle, type PrintChild } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChildRowView } from './child.mapper.ts';
import { childRepo } from './child.repository.ts';
import type { ChildService } from './child.service.ts';
import { assertReasons } from './child-reasons.ts';

/** One child or a class's active children (200 at most); the ids, the reasons and the mentors each read in one query. */
export async function printCards(
  ctx: Ctx,
  audit: AuditService,
  children: ChildService,
  auth: Auth,
  q: { ids?: string[]; classId?: string },
): Promise<{ items: PrintChild[] }> {
  let rows: ChildRowView[];
  if (q.classId) {
    const res = await childRepo.list(ctx.db, auth, {
      classId: q.classId,
      status: 'active',
      sort: 'name',
      order: 'asc',
      limit: 200,
      today: children.today(),
    } as never);
    rows = res.rows;
  } else {
    // Many ids at once: one query, in the order asked; one the caller does not see answers 404 as `visible` does.
    const ids = [...new Set(q.ids ?? [])];
    const found = new Map((await childRepo.findManyById(ctx.db, auth, ids)).map((r) => [r.id, r]));
    rows = ids.map((id) => found.get(id) ?? notFound('child'));
  }
  await assertReasons(ctx, auth, rows);
  const mentors = await childRepo.activeMentors(
    ctx.db,
    rows.map((r) => r.id),
  );
  const teachers = await childRepo.headTeachers(
    ctx.db,
    rows.flatMap((r) => (r.class_id ? [r.class_id] : [])),
  );
  if (rows.length) {
    const first = rows[0] as ChildRowView;
    await audit.record(ctx.db, auth, {
      action: 'child.print',
      entity: 'child',
      entityId: rows.length === 1 ? first.id : null,
      schoolId: first.school_id,
      regionPath: first.region_path,
      summary: { count: rows.length, classId: q.classId ?? null },
    });
  }
  return {
    items: rows.map((r) => {
      const child = children.view(auth, r);
      // Staff phones as the card's family phones: in full only for those who call families.
      const staff = (p: { name: string; phone: string | null } | undefined) =>
        p ? { name: p.name, phone: child.revealed.phones ? p.phone : maskMiddle(p.phone) } : null;
      return { ...child, mentor: staff(mentors.get(r.id)), classTeacher: staff(r.class_id ? teachers.get(r.class_id) : undefined) };
    }),
  };
}

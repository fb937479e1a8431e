/** A meeting's follow-up tasks: added by the activity's editors, ticked off by their owners. */

import { newId } from '@carebridge/db';
import type { Activity } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { editsActivity } from './activity.policy.ts';
import { invalid } from './activity-checks.ts';
import { findActivity } from './activity-rows.ts';

/** The activity's tasks as its view shows them; one not done by its due date is overdue. */
export async function taskViews(db: Tx, activityId: string, today: string): Promise<Activity['tasks']> {
  const tasks = await db.selectFrom('activity_tasks').selectAll().where('activity_id', '=', activityId).orderBy('created_at').execute();
  return tasks.map((t) => ({
    id: t.id,
    text: t.text,
    ownerId: t.owner_id,
    ownerName: t.owner_name,
    dueDate: t.due_date,
    doneAt: t.done_at,
    overdue: !t.done_at && !!t.due_date && t.due_date < today,
  }));
}

export class ActivityTasks {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  async addTask(auth: Auth, id: string, body: { text: string; ownerId?: string | null; dueDate?: string | null }): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    // A follow-up is due on or after the meeting, else it would read 已逾期 the moment it is added.
    if (body.dueDate && body.dueDate < r.date) invalid('dueDate', 'errors.activity_task_due_before');
    let ownerName: string | null = null;
    if (body.ownerId) {
      const u = await this.ctx.db
        .selectFrom('users as u')
        .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
        .select('u.name')
        .where('u.id', '=', body.ownerId)
        .where('ra.school_id', '=', r.school_id)
        .executeTakeFirst();
      if (!u) invalid('ownerId', 'errors.not_a_member');
      ownerName = u?.name ?? null;
    }
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('activity_tasks')
        .values({
          id: newId(),
          activity_id: id,
          text: body.text,
          owner_id: body.ownerId ?? null,
          owner_name: ownerName,
          due_date: body.dueDate ?? null,
          created_at: this.ctx.clock().toISOString(),
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'activity.task',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: {},
      });
    });
  }

  /** The task's owner ticks it off, as do the activity's editors. */
  async setTask(auth: Auth, id: string, taskId: string, done: boolean): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    const t =
      (await this.ctx.db.selectFrom('activity_tasks').selectAll().where('id', '=', taskId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity_task');
    if (!editsActivity(auth, r) && t.owner_id !== auth.userId) forbidden();
    await this.ctx.db
      .updateTable('activity_tasks')
      .set({ done_at: done ? this.ctx.clock().toISOString() : null })
      .where('id', '=', taskId)
      .execute();
  }
}

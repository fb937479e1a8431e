/** A meeting's follow-up tasks: added and given due dates by the activity's editors, ticked off by their owners. */

import { newId } from '@carebridge/db';
import { type Activity, joinList, type Lang, type TaskUpdate } from '@carebridge/shared';
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

/** A later date would put open follow-up tasks due before the activity: 422 on `date`, naming them. */
export async function refuseTasksDueBefore(tx: Tx, id: string, date: string, lang: Lang) {
  const early = await tx
    .selectFrom('activity_tasks')
    .select('text')
    .where('activity_id', '=', id)
    .where('done_at', 'is', null)
    .where('due_date', '<', date)
    .orderBy('due_date')
    .orderBy('created_at')
    .execute();
  if (early.length)
    invalid('date', 'errors.activity_date_after_tasks', {
      tasks: joinList(
        lang,
        early.map((t) => `“${t.text}”`),
      ),
    });
}

/** A follow-up is due on or after the meeting, else it would read 已逾期 the moment it is set. */
function checkDue(dueDate: string | null | undefined, activityDate: string) {
  if (dueDate && dueDate < activityDate) invalid('dueDate', 'errors.activity_task_due_before');
}

export class ActivityTasks {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  /**
   * The activity's date as it is inside `tx`. On PostgreSQL its row is locked until commit, as an update
   * of the activity locks it before checking the tasks against a new date: a due date and a date moved
   * at once see each other. SQLite runs one write transaction at a time.
   */
  private async dateIn(tx: Tx, id: string): Promise<string> {
    let q = tx.selectFrom('activities').select('date').where('id', '=', id);
    if (this.ctx.dialect === 'postgres') q = q.forUpdate();
    return (await q.executeTakeFirst())?.date ?? notFound('activity');
  }

  async addTask(auth: Auth, id: string, body: { text: string; ownerId?: string | null; dueDate?: string | null }): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    checkDue(body.dueDate, r.date);
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
      if (body.dueDate) checkDue(body.dueDate, await this.dateIn(tx, id));
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

  /** The task's owner ticks it off, as do the activity's editors; only the editors set or clear its due date. */
  async setTask(auth: Auth, id: string, taskId: string, body: TaskUpdate): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    const t =
      (await this.ctx.db.selectFrom('activity_tasks').selectAll().where('id', '=', taskId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity_task');
    const edits = editsActivity(auth, r);
    if (!edits && (t.owner_id !== auth.userId || body.dueDate !== undefined)) forbidden();
    checkDue(body.dueDate, r.date);
    const set = {
      ...(body.done === undefined ? {} : { done_at: body.done ? this.ctx.clock().toISOString() : null }),
      ...(body.dueDate === undefined ? {} : { due_date: body.dueDate }),
    };
    if (!Object.keys(set).length) return;
    await this.ctx.db.transaction().execute(async (tx) => {
      if (body.dueDate) checkDue(body.dueDate, await this.dateIn(tx, id));
      await tx.updateTable('activity_tasks').set(set).where('id', '=', taskId).execute();
      if (body.dueDate !== undefined && body.dueDate !== t.due_date)
        await this.audit.record(tx, auth, {
          action: 'activity.task',
          entity: 'activity',
          entityId: id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: { task: taskId, dueDate: [t.due_date, body.dueDate] },
        });
    });
  }
}

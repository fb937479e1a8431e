/** Entries of a contest (征文比赛, 读书活动): one per child, scored by judges, perhaps awarded. */

import { isUniqueViolation, newId } from '@carebridge/db';
import { CONTEST_KINDS, type ContestEntry } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, conflict, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { editsActivity, marksAttendance } from './activity.policy.ts';
import { findActivity } from './activity-rows.ts';

export type EntryScoreBody = { scores?: { judge: string; score: number }[]; award?: string | null };

/** The activity's entries of children the caller sees, with the judges' average. */
export async function entryViews(db: Tx, auth: Auth, activityId: string): Promise<ContestEntry[]> {
  const entries = await db
    .selectFrom('contest_entries as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .selectAll('e')
    .select(['c.name as child_name', 'k.name as class_name'])
    .where('e.activity_id', '=', activityId)
    .where(childVisible(auth, 'c'))
    .orderBy('e.created_at')
    .execute();
  return entries.map((e): ContestEntry => {
    const scores = JSON.parse(e.scores) as { judge: string; score: number }[];
    return {
      id: e.id,
      childId: e.child_id,
      childName: e.child_name,
      className: e.class_name,
      title: e.title,
      text: e.consent === 1 ? e.text : null,
      consent: e.consent === 1,
      scores,
      average: scores.length ? Math.round((scores.reduce((s, x) => s + x.score, 0) / scores.length) * 10) / 10 : null,
      award: e.award,
    };
  });
}

export class ActivityEntries {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  async addEntry(auth: Auth, id: string, body: { childId: string; title: string; consent: boolean; text?: string | null }): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!CONTEST_KINDS.includes(r.kind as never)) throw new AppError('activity_not_contest', 422);
    if (marksAttendance(auth, r) === 'none') forbidden();
    const c =
      (await this.ctx.db
        .selectFrom('children as c')
        .select(['c.id'])
        .where('c.id', '=', body.childId)
        .where('c.school_id', '=', r.school_id)
        .where(childVisible(auth, 'c'))
        .executeTakeFirst()) ?? notFound('child');
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('contest_entries')
          .values({
            id: newId(),
            activity_id: id,
            child_id: c.id,
            title: body.title,
            consent: body.consent ? 1 : 0,
            // The text of a child's work is kept only when the child agrees to share it.
            text: body.consent ? (body.text ?? null) : null,
            scores: '[]',
            award: null,
            created_at: this.ctx.clock().toISOString(),
          })
          .execute();
        await this.audit.record(tx, auth, {
          action: 'activity.entry',
          entity: 'child',
          entityId: c.id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: { activity: id },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) conflict('entry_taken');
      throw err;
    }
  }

  async scoreEntry(auth: Auth, id: string, entryId: string, body: EntryScoreBody): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const e =
      (await this.ctx.db.selectFrom('contest_entries').select(['id', 'child_id']).where('id', '=', entryId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('contest_entry');
    const set: { scores?: string; award?: string | null } = {};
    if (body.scores) set.scores = JSON.stringify(body.scores);
    if (body.award !== undefined) set.award = body.award || null;
    if (!Object.keys(set).length) return;
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('contest_entries').set(set).where('id', '=', e.id).execute();
      // A child's scores and award are part of its record, audited as its entry was.
      await this.audit.record(tx, auth, {
        action: 'activity.score',
        entity: 'child',
        entityId: e.child_id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { activity: id },
      });
    });
  }
}

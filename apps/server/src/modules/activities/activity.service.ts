import { escapeLike, newId } from '@carebridge/db';
import {
  type Activity,
  type ActivityCreate,
  type ActivityQuery,
  type ActivitySummary,
  type ActivityUpdate,
  type Attendance,
  type AttendanceUpdate,
  activityRuleKind,
  type Lang,
  type TaskUpdate,
} from '@carebridge/shared';
import { type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathInRegion } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../lib/key-cursor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childSeen } from '../children/child.policy.ts';
import { createsActivity, editsActivity, readsActivities } from './activity.policy.ts';
import { ActivityAttendance } from './activity-attendance.ts';
import { checkFields, invalid, MAX_OCCURRENCES, nextDate } from './activity-checks.ts';
import { ActivityEntries, type EntryScoreBody, entryViews } from './activity-entries.ts';
import { ActivityFiles, fileViews, removeStoredFiles } from './activity-files.ts';
import { type ActivityRow, attendanceCounts, findActivity, readableActivities, targetLabels, toSummary } from './activity-rows.ts';
import { ActivityTasks, refuseTasksDueBefore, taskViews } from './activity-tasks.ts';

/**
 * Activities and meetings (issue 7): plans, recurring occurrences, attendance from the roster with
 * the three priorities where places are limited, meeting minutes and tasks, contest entries,
 * photos and attachments. Attendance of a child counts toward care rules naming the activity kind.
 *
 * List, read, create, edit and delete here; reading and figures in activity-rows.ts, write-time checks in
 * activity-checks.ts, attendance in activity-attendance.ts, meeting tasks in activity-tasks.ts, contest
 * entries in activity-entries.ts, photos and attachments in activity-files.ts.
 */
export class ActivityService {
  private readonly attendanceSheet: ActivityAttendance;
  private readonly tasks: ActivityTasks;
  private readonly entries: ActivityEntries;
  private readonly files: ActivityFiles;

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {
    this.attendanceSheet = new ActivityAttendance(ctx, audit);
    this.tasks = new ActivityTasks(ctx, audit);
    this.entries = new ActivityEntries(ctx, audit);
    this.files = new ActivityFiles(ctx, audit);
  }

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  private async school(auth: Auth, schoolId: string) {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    if (!readsActivities(auth, s)) notFound('school');
    return s;
  }

  async list(auth: Auth, q: ActivityQuery, lang: Lang): Promise<{ items: ActivitySummary[]; nextCursor: string | null }> {
    let query = readableActivities(this.ctx.db, auth);
    if (q.schoolId) query = query.where('a.school_id', '=', q.schoolId);
    if (q.regionId) query = query.where(pathInRegion(q.regionId, 's.region_path'));
    if (q.kind) query = query.where('a.kind', '=', q.kind);
    if (q.status) query = query.where('a.status', '=', q.status);
    if (q.from) query = query.where('a.date', '>=', q.from);
    if (q.to) query = query.where('a.date', '<=', q.to);
    if (q.q) query = query.where(sql<SqlBool>`a.title like ${`%${escapeLike(q.q)}%`} escape '\\'`);
    if (q.classId) {
      const classId = q.classId;
      query = query.where((eb) =>
        eb.or([
          eb('a.target_scope', 'in', ['all', 'key_support', 'guardians']),
          eb.and([eb('a.target_scope', '=', 'class'), eb('a.target_value', '=', classId)]),
          eb.and([
            eb('a.target_scope', '=', 'grade'),
            eb('a.target_value', '=', eb.selectFrom('classes').select(sql<string>`cast(grade as varchar(10))`.as('g')).where('id', '=', classId)),
          ]),
        ]),
      );
    }
    if (q.childId) {
      const childId = q.childId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('activity_people as p')
            .select('p.id')
            .whereRef('p.activity_id', '=', 'a.id')
            .where('p.child_id', '=', childId)
            .where('p.present', '=', 1),
        ),
      );
      // Who attended is told only of a child the caller sees (everyone at the school reads its activities).
      query = query.where(childSeen(auth, childId));
    }
    if (q.cursor) {
      const { key: date, id } = decodeKeyCursor(q.cursor);
      query = query.where((eb) => eb.or([eb('a.date', '<', date), eb.and([eb('a.date', '=', date), eb('a.id', '<', id)])]));
    }
    const rows = (await query
      .orderBy('a.date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(q.limit + 1)
      .execute()) as ActivityRow[];
    const page = rows.slice(0, q.limit);
    const labels = await targetLabels(this.ctx.db, page, lang);
    const counts = await attendanceCounts(this.ctx.db, page);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toSummary(r, labels.get(r.id) ?? '', counts.get(r.id))),
      nextCursor: rows.length > q.limit && last ? encodeKeyCursor(last.date, last.id) : null,
    };
  }

  async get(auth: Auth, id: string, lang: Lang): Promise<Activity> {
    const r = await findActivity(this.ctx.db, auth, id);
    return this.view(auth, r, lang);
  }

  private async view(auth: Auth, r: ActivityRow, lang: Lang): Promise<Activity> {
    const labels = await targetLabels(this.ctx.db, [r], lang);
    const counts = await attendanceCounts(this.ctx.db, [r]);
    const today = this.today();
    const tasks = await taskViews(this.ctx.db, r.id, today);
    const entries = await entryViews(this.ctx.db, auth, r.id);
    const files = await fileViews(this.ctx.db, r.id);
    return {
      ...toSummary(r, labels.get(r.id) ?? '', counts.get(r.id)),
      endTime: r.end_time,
      organiserName: r.organiser_name,
      target: { scope: r.target_scope as Activity['target']['scope'], value: r.target_value },
      description: r.description,
      outcome: r.outcome,
      minutes: r.minutes,
      decisions: r.decisions,
      tasks,
      entries,
      ...files,
      canEdit: editsActivity(auth, r),
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  async create(auth: Auth, input: ActivityCreate, lang: Lang): Promise<Activity> {
    const s = await this.school(auth, input.schoolId);
    if (!createsActivity(auth, s.id, input.target)) forbidden();
    await checkFields(this.ctx.db, s.id, input);
    const dates = [input.date];
    if (input.repeat) {
      if (input.repeat.until < input.date) invalid('repeat.until', 'validation.date_order');
      for (let n = 1; ; n++) {
        const d = nextDate(input.date, input.repeat.every, n);
        if (d > input.repeat.until) break;
        if (dates.length >= MAX_OCCURRENCES) invalid('repeat.until', 'errors.activity_repeat_too_long', { max: MAX_OCCURRENCES });
        dates.push(d);
      }
    }
    const seriesId = dates.length > 1 ? newId() : null;
    const now = this.ctx.clock().toISOString();
    const ids = dates.map(() => newId());
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('activities')
        .values(
          dates.map((date, i) => ({
            id: ids[i] as string,
            school_id: s.id,
            kind: input.kind,
            custom_kind: input.kind === 'other' ? (input.customKind ?? null) : null,
            title: input.title,
            date,
            start_time: input.startTime ?? null,
            end_time: input.endTime ?? null,
            place: input.place || null,
            organiser_id: auth.userId || null,
            organiser_name: input.organiserName || auth.name,
            target_scope: input.target.scope,
            target_value: input.target.value ?? null,
            description: input.description || null,
            capacity: input.capacity ?? null,
            topics: JSON.stringify(input.topics ?? []),
            status: 'planned',
            series_id: seriesId,
            created_by: auth.userId || null,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await this.audit.record(tx, auth, {
        action: 'activity.create',
        entity: 'activity',
        entityId: ids[0] as string,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { kind: input.kind, date: input.date, occurrences: dates.length },
      });
    });
    return this.get(auth, ids[0] as string, lang);
  }

  async update(auth: Auth, id: string, input: ActivityUpdate, lang: Lang): Promise<Activity> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    if (r.version !== input.version) versionConflict('activity');
    const merged = {
      kind: input.kind ?? r.kind,
      customKind: input.customKind === undefined ? r.custom_kind : input.customKind,
      startTime: input.startTime === undefined ? r.start_time : input.startTime,
      endTime: input.endTime === undefined ? r.end_time : input.endTime,
      target: input.target ?? { scope: r.target_scope, value: r.target_value },
      topics: input.topics ?? (JSON.parse(r.topics) as string[]),
    };
    await checkFields(this.ctx.db, r.school_id, merged);
    if (input.status === 'done' && (input.date ?? r.date) > this.today()) invalid('status', 'validation.date_future');
    const date = input.date ?? r.date;
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('activities')
        .set({
          kind: merged.kind,
          custom_kind: merged.kind === 'other' ? (merged.customKind ?? null) : null,
          title: input.title ?? r.title,
          date,
          start_time: merged.startTime ?? null,
          end_time: merged.endTime ?? null,
          place: input.place === undefined ? r.place : input.place || null,
          organiser_name: input.organiserName === undefined ? r.organiser_name : input.organiserName || null,
          target_scope: merged.target.scope,
          target_value: merged.target.value ?? null,
          description: input.description === undefined ? r.description : input.description || null,
          capacity: input.capacity === undefined ? r.capacity : input.capacity,
          topics: JSON.stringify(merged.topics),
          status: input.status ?? r.status,
          outcome: input.outcome === undefined ? r.outcome : input.outcome || null,
          minutes: input.minutes === undefined ? r.minutes : input.minutes || null,
          decisions: input.decisions === undefined ? r.decisions : input.decisions || null,
          version: r.version + 1,
          updated_at: this.ctx.clock().toISOString(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('activity');
      // Checked under the row's lock (PostgreSQL), which a task's due date set meanwhile takes too (activity-tasks.ts).
      if (date > r.date) await refuseTasksDueBefore(tx, id, date, lang);
      // Attendance carries the activity's kind and date for the compliance engine.
      await tx
        .updateTable('activity_people')
        .set({ kind: activityRuleKind(merged.kind as never), date })
        .where('activity_id', '=', id)
        .execute();
      await this.audit.record(tx, auth, {
        action: 'activity.update',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { fields: Object.keys(input).filter((k) => k !== 'version') },
      });
    });
    return this.get(auth, id, lang);
  }

  async remove(auth: Auth, id: string): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const files = await this.ctx.db.selectFrom('activity_files').select(['path', 'file_kind']).where('activity_id', '=', id).execute();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('activities').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'activity.delete',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { kind: r.kind, date: r.date, title: r.title },
      });
    });
    await removeStoredFiles(this.ctx.config.dataDir, files);
  }

  // ---- Attendance and the three priorities (activity-attendance.ts) ----

  attendance(auth: Auth, id: string, lang: Lang): Promise<Attendance> {
    return this.attendanceSheet.attendance(auth, id, lang);
  }

  setAttendance(auth: Auth, id: string, body: AttendanceUpdate, lang: Lang): Promise<Attendance> {
    return this.attendanceSheet.setAttendance(auth, id, body, lang);
  }

  apply(auth: Auth, id: string, body: { childIds: string[]; pupils: { name: string; className?: string | null }[] }, lang: Lang): Promise<Attendance> {
    return this.attendanceSheet.apply(auth, id, body, lang);
  }

  withdraw(auth: Auth, id: string, lineId: string, lang: Lang): Promise<Attendance> {
    return this.attendanceSheet.withdraw(auth, id, lineId, lang);
  }

  // ---- Meeting tasks (activity-tasks.ts), contest entries (activity-entries.ts): each answers the activity as it now is ----

  async addTask(auth: Auth, id: string, body: { text: string; ownerId?: string | null; dueDate?: string | null }, lang: Lang): Promise<Activity> {
    await this.tasks.addTask(auth, id, body);
    return this.get(auth, id, lang);
  }

  async setTask(auth: Auth, id: string, taskId: string, body: TaskUpdate, lang: Lang): Promise<Activity> {
    await this.tasks.setTask(auth, id, taskId, body);
    return this.get(auth, id, lang);
  }

  async addEntry(auth: Auth, id: string, body: { childId: string; title: string; consent: boolean; text?: string | null }, lang: Lang): Promise<Activity> {
    await this.entries.addEntry(auth, id, body);
    return this.get(auth, id, lang);
  }

  async scoreEntry(auth: Auth, id: string, entryId: string, body: EntryScoreBody, lang: Lang): Promise<Activity> {
    await this.entries.scoreEntry(auth, id, entryId, body);
    return this.get(auth, id, lang);
  }

  // ---- Photos and attachments (activity-files.ts) ----

  async addFile(auth: Auth, id: string, file: { name: string; data: Buffer; photo: boolean }, lang: Lang): Promise<Activity> {
    await this.files.addFile(auth, id, file, lang);
    return this.get(auth, id, lang);
  }

  file(auth: Auth, id: string, fileId: string, thumb: boolean): Promise<{ data: Buffer; mime: string; name: string }> {
    return this.files.file(auth, id, fileId, thumb);
  }

  async removeFile(auth: Auth, id: string, fileId: string, lang: Lang): Promise<Activity> {
    await this.files.removeFile(auth, id, fileId);
    return this.get(auth, id, lang);
  }

  /** Activities a child attended, for its timeline. */
  async attendedBy(auth: Auth, childId: string, lang: Lang): Promise<ActivitySummary[]> {
    return (await this.list(auth, { childId, limit: 200 }, lang)).items;
  }
}

import { join } from 'node:path';
import { escapeLike, isUniqueViolation, newId, type Row } from '@carebridge/db';
import {
  type Activity,
  type ActivityCreate,
  type ActivityQuery,
  type ActivitySummary,
  type ActivityUpdate,
  type Attendance,
  type AttendanceLine,
  type AttendanceUpdate,
  activityRuleKind,
  CONTEST_KINDS,
  type ContestEntry,
  joinList,
  type Lang,
  leftBehindType,
  type SafetyTopic,
  translate,
} from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathInRegion } from '../../access/scope-sql.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, conflict, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { normalisePhoto, readPhoto, removePhoto, removePhotoFiles, savePhoto, thumbPath } from '../care-records/photos.ts';
import { childVisible } from '../children/child.policy.ts';
import { classesOf, createsActivity, editsActivity, marksAttendance, readsActivities } from './activity.policy.ts';
import { attendanceFigures, isLeftBehind, placesOf } from './activity-places.ts';

type ActivityRow = Row<'activities'> & { school_name: string; region_path: string };
type Count = ActivitySummary['attendance'];
type EntryScoreBody = { scores?: { judge: string; score: number }[]; award?: string | null };

/** A repeating plan makes at most this many occurrences. */
const MAX_OCCURRENCES = 24;
const MAX_FILES = 20;
const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  txt: 'text/plain',
};

const invalid = (path: string, message: string, params: Record<string, string | number> = {}, status = 422): never => {
  throw new AppError('validation_failed', status, params, [{ path, message }]);
};

function nextDate(date: string, every: 'week' | 'two_weeks' | 'month', n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (every === 'month') {
    const day = d.getUTCDate();
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
    // The 31st of a short month falls on its last day.
    const last = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 0)).getUTCDate();
    m.setUTCDate(Math.min(day, last));
    return m.toISOString().slice(0, 10);
  }
  d.setUTCDate(d.getUTCDate() + n * (every === 'week' ? 7 : 14));
  return d.toISOString().slice(0, 10);
}

/**
 * Activities and meetings (issue 7): plans, recurring occurrences, attendance from the roster with
 * the three priorities where places are limited, meeting minutes and tasks, contest entries,
 * photos and attachments. Attendance of a child counts toward care rules naming the activity kind.
 */
export class ActivityService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  /** Activities of schools the caller reads, as one SQL condition. */
  private readable(auth: Auth): Expression<SqlBool> {
    if (auth.scope.global) return sql<SqlBool>`1 = 1`;
    const schools = [...new Set(auth.roles.map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null)).filter((x): x is string => !!x))];
    const ors: Expression<SqlBool>[] = [];
    if (schools.length) ors.push(sql<SqlBool>`a.school_id in (${sql.join(schools)})`);
    for (const p of auth.scope.regionPaths) ors.push(sql<SqlBool>`s.region_path like ${`${p}%`}`);
    return ors.length ? sql<SqlBool>`(${sql.join(ors, sql` or `)})` : sql<SqlBool>`1 = 0`;
  }

  private base(db: Tx, auth: Auth) {
    return db
      .selectFrom('activities as a')
      .innerJoin('schools as s', 's.id', 'a.school_id')
      .selectAll('a')
      .select(['s.name as school_name', 's.region_path'])
      .where(this.readable(auth));
  }

  private async find(auth: Auth, id: string, db: Tx = this.ctx.db): Promise<ActivityRow> {
    return ((await this.base(db, auth).where('a.id', '=', id).executeTakeFirst()) as ActivityRow | undefined) ?? notFound('activity');
  }

  private async school(auth: Auth, schoolId: string) {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    if (!readsActivities(auth, s)) notFound('school');
    return s;
  }

  private async targetLabel(rows: ActivityRow[], lang: Lang): Promise<Map<string, string>> {
    const classIds = rows.filter((r) => r.target_scope === 'class' && r.target_value).map((r) => r.target_value as string);
    const names = classIds.length
      ? new Map((await this.ctx.db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute()).map((c) => [c.id, c.name]))
      : new Map<string, string>();
    return new Map(
      rows.map((r) => [
        r.id,
        translate(lang, `activities.targets.${r.target_scope}`, {
          value: r.target_scope === 'class' ? (names.get(r.target_value ?? '') ?? '') : (r.target_value ?? ''),
        }),
      ]),
    );
  }

  /** The figures of each activity (`attendanceFigures`): counted in SQL where places are open, from the lines where the waiting list must be left out. */
  private async counts(acts: Pick<ActivityRow, 'id' | 'capacity'>[]): Promise<Map<string, Count>> {
    const out = new Map<string, Count>();
    const open = acts.filter((a) => !a.capacity).map((a) => a.id);
    const limited = acts.filter((a) => a.capacity);
    if (open.length) {
      const rows = await this.ctx.db
        .selectFrom('activity_people')
        .select([
          'activity_id',
          sql<number>`sum(case when person_kind <> 'adult' then 1 else 0 end)`.as('children'),
          sql<number>`sum(case when person_kind <> 'adult' and present = 1 then 1 else 0 end)`.as('present'),
          sql<number>`sum(case when person_kind = 'adult' and present = 1 then 1 else 0 end)`.as('adults'),
        ])
        .where('activity_id', 'in', open)
        .groupBy('activity_id')
        .execute();
      for (const r of rows) out.set(r.activity_id, { children: Number(r.children), present: Number(r.present), adults: Number(r.adults) });
    }
    if (limited.length) {
      const lines = await this.placeLines(this.ctx.db)
        .where(
          'p.activity_id',
          'in',
          limited.map((a) => a.id),
        )
        .execute();
      for (const a of limited)
        out.set(
          a.id,
          attendanceFigures(
            lines.filter((l) => l.activity_id === a.id),
            a.capacity,
          ),
        );
    }
    return out;
  }

  /** Stored lines of sheets with what the three priorities need of the child's archive. */
  private placeLines(db: Tx) {
    return db
      .selectFrom('activity_people as p')
      .leftJoin('children as c', 'c.id', 'p.child_id')
      .select(['p.id', 'p.activity_id', 'p.child_id', 'p.person_kind', 'p.applied_at', 'p.present', 'c.key_support', 'c.father_status', 'c.mother_status']);
  }

  private summary(r: ActivityRow, label: string, count: Count | undefined): ActivitySummary {
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      kind: r.kind as ActivitySummary['kind'],
      customKind: r.custom_kind,
      title: r.title,
      date: r.date,
      startTime: r.start_time,
      place: r.place,
      targetLabel: label,
      status: r.status as ActivitySummary['status'],
      capacity: r.capacity,
      topics: JSON.parse(r.topics) as SafetyTopic[],
      attendance: count ?? { children: 0, present: 0, adults: 0 },
      seriesId: r.series_id,
    };
  }

  async list(auth: Auth, q: ActivityQuery, lang: Lang): Promise<{ items: ActivitySummary[]; nextCursor: string | null }> {
    let query = this.base(this.ctx.db, auth);
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
    }
    if (q.cursor) {
      const [date, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
      if (!date || !id) invalid('cursor', 'validation.invalid', {}, 400);
      query = query.where((eb) => eb.or([eb('a.date', '<', date as string), eb.and([eb('a.date', '=', date as string), eb('a.id', '<', id as string)])]));
    }
    const rows = (await query
      .orderBy('a.date', 'desc')
      .orderBy('a.id', 'desc')
      .limit(q.limit + 1)
      .execute()) as ActivityRow[];
    const page = rows.slice(0, q.limit);
    const labels = await this.targetLabel(page, lang);
    const counts = await this.counts(page);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.summary(r, labels.get(r.id) ?? '', counts.get(r.id))),
      nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.date}|${last.id}`).toString('base64url') : null,
    };
  }

  async get(auth: Auth, id: string, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
    return this.view(auth, r, lang);
  }

  private async view(auth: Auth, r: ActivityRow, lang: Lang): Promise<Activity> {
    const labels = await this.targetLabel([r], lang);
    const counts = await this.counts([r]);
    const today = this.today();
    const tasks = await this.ctx.db.selectFrom('activity_tasks').selectAll().where('activity_id', '=', r.id).orderBy('created_at').execute();
    const entries = await this.ctx.db
      .selectFrom('contest_entries as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .selectAll('e')
      .select(['c.name as child_name', 'k.name as class_name'])
      .where('e.activity_id', '=', r.id)
      .where(childVisible(auth, 'c'))
      .orderBy('e.created_at')
      .execute();
    const files = await this.ctx.db.selectFrom('activity_files').selectAll().where('activity_id', '=', r.id).orderBy('created_at').execute();
    const url = (f: { id: string }) => `/api/activities/${r.id}/files/${f.id}`;
    return {
      ...this.summary(r, labels.get(r.id) ?? '', counts.get(r.id)),
      endTime: r.end_time,
      organiserName: r.organiser_name,
      target: { scope: r.target_scope as Activity['target']['scope'], value: r.target_value },
      description: r.description,
      outcome: r.outcome,
      minutes: r.minutes,
      decisions: r.decisions,
      tasks: tasks.map((t) => ({
        id: t.id,
        text: t.text,
        ownerId: t.owner_id,
        ownerName: t.owner_name,
        dueDate: t.due_date,
        doneAt: t.done_at,
        overdue: !t.done_at && !!t.due_date && t.due_date < today,
      })),
      entries: entries.map((e): ContestEntry => {
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
      }),
      photos: files
        .filter((f) => f.file_kind === 'photo')
        .map((f) => ({ id: f.id, url: url(f), thumbUrl: `${url(f)}?size=thumb`, width: f.width ?? 0, height: f.height ?? 0, size: f.size })),
      files: files.filter((f) => f.file_kind === 'file').map((f) => ({ id: f.id, name: f.name, size: f.size, url: url(f), createdAt: f.created_at })),
      canEdit: editsActivity(auth, r),
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private async checkFields(
    schoolId: string,
    f: {
      kind?: string;
      customKind?: string | null;
      startTime?: string | null;
      endTime?: string | null;
      target?: { scope: string; value?: string | null };
      topics?: string[];
    },
  ) {
    const problems: { path: string; message: string }[] = [];
    if (f.kind === 'other' && !f.customKind) problems.push({ path: 'customKind', message: 'errors.activity_custom_kind' });
    if (f.kind === 'safety_education' && !f.topics?.length) problems.push({ path: 'topics', message: 'errors.activity_topics_required' });
    if (f.startTime && f.endTime && f.endTime < f.startTime) problems.push({ path: 'endTime', message: 'errors.activity_end_before_start' });
    if (f.target?.scope === 'class') {
      const k = f.target.value
        ? await this.ctx.db.selectFrom('classes').select('id').where('id', '=', f.target.value).where('school_id', '=', schoolId).executeTakeFirst()
        : undefined;
      if (!k) problems.push({ path: 'target.value', message: 'errors.activity_target_value' });
    }
    if (f.target?.scope === 'grade' && !/^\d{1,2}$/.test(f.target.value ?? ''))
      problems.push({ path: 'target.value', message: 'errors.activity_target_value' });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
  }

  async create(auth: Auth, input: ActivityCreate, lang: Lang): Promise<Activity> {
    const s = await this.school(auth, input.schoolId);
    if (!createsActivity(auth, s.id, input.target)) forbidden();
    await this.checkFields(s.id, input);
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
    const r = await this.find(auth, id);
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
    await this.checkFields(r.school_id, merged);
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
    const r = await this.find(auth, id);
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
    // Photos have a thumbnail beside them; attachments do not.
    await removePhotoFiles(
      this.ctx.config.dataDir,
      files.filter((f) => f.file_kind === 'photo').map((f) => f.path),
    );
    for (const f of files) if (f.file_kind !== 'photo') await removePhoto(this.ctx.config.dataDir, f.path);
  }

  // ---- Attendance and the three priorities ----

  /** The children an activity is for, among those the caller sees. */
  private async roster(auth: Auth, r: ActivityRow) {
    let q = this.ctx.db
      .selectFrom('children as c')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'c.id',
        'c.name',
        'c.class_id',
        'k.name as class_name',
        'k.grade',
        'c.key_support',
        'c.father_status',
        'c.mother_status',
        'c.guardian_name',
        'c.name_pinyin',
      ])
      .where('c.school_id', '=', r.school_id)
      .where('c.status', '=', 'active')
      .where(childVisible(auth, 'c'));
    // Limited places come through applications; a selected list through names added by hand.
    if (r.target_scope === 'selected' || r.capacity) return [];
    if (r.target_scope === 'all') q = q.where('c.left_behind_type', '!=', 'none');
    else if (r.target_scope === 'class') q = q.where('c.class_id', '=', r.target_value ?? '');
    else if (r.target_scope === 'grade') q = q.where('k.grade', '=', Number(r.target_value));
    else if (r.target_scope === 'key_support') q = q.where('c.key_support', '=', 1);
    return q.orderBy('k.grade').orderBy('k.name').orderBy('c.name_pinyin').execute();
  }

  async attendance(auth: Auth, id: string, lang: Lang): Promise<Attendance> {
    const r = await this.find(auth, id);
    return this.sheet(auth, r, lang);
  }

  /** The attendance sheet; a guardian's line names the child aside in `lang`'s brackets (王奶奶（王小明） / 王奶奶 (王小明)). */
  private async sheet(auth: Auth, r: ActivityRow, lang: Lang): Promise<Attendance> {
    const stored = await this.ctx.db
      .selectFrom('activity_people as p')
      .leftJoin('children as c', 'c.id', 'p.child_id')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'p.id',
        'p.child_id',
        'p.name',
        'p.person_kind',
        'p.adult_role',
        'p.class_name',
        'p.applied_at',
        'p.present',
        'k.name as child_class',
        'c.key_support',
        'c.father_status',
        'c.mother_status',
      ])
      .select(sql<number>`case when p.child_id is null or ${childVisible(auth, 'c')} then 1 else 0 end`.as('visible'))
      .where('p.activity_id', '=', r.id)
      .execute();
    const roster = await this.roster(auth, r);
    const byChild = new Map(stored.filter((p) => p.child_id).map((p) => [p.child_id as string, p]));
    const lb = (f: string | null, m: string | null) => leftBehindType({ fatherStatus: f, motherStatus: m } as never) !== 'none';
    const lines: AttendanceLine[] = [];
    for (const c of roster) {
      const p = byChild.get(c.id);
      lines.push({
        id: p?.id ?? null,
        childId: c.id,
        name: r.target_scope === 'guardians' && c.guardian_name ? translate(lang, 'validation.aside', { text: c.guardian_name, note: c.name }) : c.name,
        className: c.class_name,
        kind: 'child',
        adultRole: null,
        leftBehind: lb(c.father_status, c.mother_status),
        keySupport: c.key_support === 1,
        appliedAt: p?.applied_at ?? null,
        rank: null,
        offered: true,
        present: p?.present === 1,
      });
      byChild.delete(c.id);
    }
    // Applicants and people added by name; children of the archive only where the caller sees them.
    const rest = stored.filter((p) => p.visible === 1 && (!p.child_id || byChild.has(p.child_id)));
    const extra: AttendanceLine[] = rest.map((p) => ({
      id: p.id,
      childId: p.child_id,
      name: p.name,
      className: p.child_class ?? p.class_name,
      kind: p.person_kind as AttendanceLine['kind'],
      adultRole: p.adult_role as AttendanceLine['adultRole'],
      leftBehind: isLeftBehind(p),
      keySupport: p.key_support === 1,
      appliedAt: p.applied_at,
      rank: null,
      offered: true,
      present: p.present === 1,
    }));
    if (r.capacity) {
      // Places among every application, also those the caller does not see.
      const places = placesOf(stored, r.capacity);
      const placed = (l: AttendanceLine) => (l.id ? places.get(l.id) : undefined);
      const applicants = extra.filter((l) => placed(l)).sort((a, b) => (placed(a)?.order ?? 0) - (placed(b)?.order ?? 0));
      lines.push(...applicants.map((l) => ({ ...l, rank: placed(l)?.rank ?? null, offered: placed(l)?.offered ?? true })));
      lines.push(...extra.filter((l) => !placed(l)));
    } else lines.push(...extra);
    return { capacity: r.capacity, lines, version: r.version };
  }

  /** Mark who came. Children outside the caller's part of the school (a class teacher's classes) stay as they were. */
  async setAttendance(auth: Auth, id: string, body: AttendanceUpdate, lang: Lang): Promise<Attendance> {
    const r = await this.find(auth, id);
    const may = marksAttendance(auth, r);
    if (may === 'none') forbidden();
    if (r.version !== body.version) versionConflict('activity');
    if (r.date > this.today() && [...body.children, ...body.others].some((x) => x.present)) invalid('date', 'validation.date_future');
    const ids = [...new Set(body.children.map((c) => c.childId))];
    const kids = ids.length
      ? await this.ctx.db
          .selectFrom('children as c')
          .select(['c.id', 'c.name', 'c.class_id'])
          .where('c.id', 'in', ids)
          .where('c.school_id', '=', r.school_id)
          .where(childVisible(auth, 'c'))
          .execute()
      : [];
    if (kids.length !== ids.length) notFound('child');
    const own = classesOf(auth);
    if (may === 'own_classes' && (kids.some((k) => !k.class_id || !own.includes(k.class_id)) || body.others.length)) forbidden();
    const kind = activityRuleKind(r.kind as never);
    await this.ctx.db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('activity_people').select(['id', 'child_id', 'applied_at']).where('activity_id', '=', id).execute();
      const lineOf = new Map(existing.filter((e) => e.child_id).map((e) => [e.child_id as string, e.id]));
      for (const c of body.children) {
        const k = kids.find((x) => x.id === c.childId) as (typeof kids)[number];
        const line = lineOf.get(c.childId);
        if (line)
          await tx
            .updateTable('activity_people')
            .set({ present: c.present ? 1 : 0 })
            .where('id', '=', line)
            .execute();
        else
          await tx
            .insertInto('activity_people')
            .values({
              id: newId(),
              activity_id: id,
              school_id: r.school_id,
              child_id: c.childId,
              name: k.name,
              person_kind: 'child',
              kind,
              date: r.date,
              present: c.present ? 1 : 0,
            })
            .execute();
      }
      if (may === 'all') {
        const keep = body.others.filter((o) => o.id).map((o) => o.id as string);
        const named = existing.filter((e) => !e.child_id).map((e) => e.id);
        // Applications for a limited place stay unless withdrawn on their own.
        const applied = new Set(existing.filter((e) => !e.child_id && e.applied_at).map((e) => e.id));
        const gone = named.filter((n) => !keep.includes(n) && !applied.has(n));
        if (gone.length) await tx.deleteFrom('activity_people').where('id', 'in', gone).execute();
        for (const o of body.others) {
          const values = {
            name: o.name,
            person_kind: o.kind,
            adult_role: o.kind === 'adult' ? (o.adultRole ?? 'other') : null,
            class_name: o.className ?? null,
            present: o.present ? 1 : 0,
          };
          if (o.id) {
            if (!named.includes(o.id)) invalid('others', 'validation.invalid');
            await tx.updateTable('activity_people').set(values).where('id', '=', o.id).execute();
          } else
            await tx
              .insertInto('activity_people')
              .values({ id: newId(), activity_id: id, school_id: r.school_id, child_id: null, kind, date: r.date, ...values })
              .execute();
        }
      }
      // Someone came, so a planned activity was held: it reads 已开展 and counts in the statistics,
      // briefings and safety coverage as its attendance counts for the care rules.
      const held =
        r.status === 'planned' &&
        !!(await tx.selectFrom('activity_people').select('id').where('activity_id', '=', id).where('present', '=', 1).limit(1).executeTakeFirst());
      await tx
        .updateTable('activities')
        .set({ version: r.version + 1, updated_at: this.ctx.clock().toISOString(), ...(held ? { status: 'done' } : {}) })
        .where('id', '=', id)
        .execute();
      await this.audit.record(tx, auth, {
        action: 'activity.attendance',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: {
          present: body.children.filter((c) => c.present).length + body.others.filter((o) => o.present).length,
          ...(held ? { status: ['planned', 'done'] } : {}),
        },
      });
    });
    return this.sheet(auth, await this.find(auth, id), lang);
  }

  /** Ask for places in a limited activity: archive children and other pupils; offered by the three priorities. */
  async apply(auth: Auth, id: string, body: { childIds: string[]; pupils: { name: string; className?: string | null }[] }, lang: Lang): Promise<Attendance> {
    const r = await this.find(auth, id);
    if (!r.capacity) throw new AppError('activity_no_capacity', 422);
    if (marksAttendance(auth, r) === 'none') forbidden();
    const ids = [...new Set(body.childIds)];
    const kids = ids.length
      ? await this.ctx.db
          .selectFrom('children as c')
          .select(['c.id', 'c.name'])
          .where('c.id', 'in', ids)
          .where('c.school_id', '=', r.school_id)
          .where(childVisible(auth, 'c'))
          .execute()
      : [];
    if (kids.length !== ids.length) notFound('child');
    const now = this.ctx.clock().toISOString();
    const kind = activityRuleKind(r.kind as never);
    await this.ctx.db.transaction().execute(async (tx) => {
      const have = new Set(
        (
          await tx
            .selectFrom('activity_people')
            .select('child_id')
            .where('activity_id', '=', id)
            .where('child_id', 'in', ids.length ? ids : [''])
            .execute()
        ).map((x) => x.child_id),
      );
      const rows = [
        ...kids.filter((k) => !have.has(k.id)).map((k) => ({ child_id: k.id, name: k.name, person_kind: 'child', class_name: null as string | null })),
        ...body.pupils.map((p) => ({ child_id: null as string | null, name: p.name, person_kind: 'pupil', class_name: p.className ?? null })),
      ];
      if (rows.length)
        await tx
          .insertInto('activity_people')
          .values(rows.map((x) => ({ id: newId(), activity_id: id, school_id: r.school_id, kind, date: r.date, applied_at: now, present: 0, ...x })))
          .execute();
      await this.audit.record(tx, auth, {
        action: 'activity.apply',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { children: kids.length, pupils: body.pupils.length },
      });
    });
    return this.sheet(auth, await this.find(auth, id), lang);
  }

  async withdraw(auth: Auth, id: string, lineId: string, lang: Lang): Promise<Attendance> {
    const r = await this.find(auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const res = await this.ctx.db.deleteFrom('activity_people').where('id', '=', lineId).where('activity_id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) notFound('activity');
    return this.sheet(auth, r, lang);
  }

  // ---- Meeting tasks ----

  async addTask(auth: Auth, id: string, body: { text: string; ownerId?: string | null; dueDate?: string | null }, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
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
    return this.get(auth, id, lang);
  }

  /** The task's owner ticks it off, as do the activity's editors. */
  async setTask(auth: Auth, id: string, taskId: string, done: boolean, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
    const t =
      (await this.ctx.db.selectFrom('activity_tasks').selectAll().where('id', '=', taskId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity_task');
    if (!editsActivity(auth, r) && t.owner_id !== auth.userId) forbidden();
    await this.ctx.db
      .updateTable('activity_tasks')
      .set({ done_at: done ? this.ctx.clock().toISOString() : null })
      .where('id', '=', taskId)
      .execute();
    return this.get(auth, id, lang);
  }

  // ---- Contest entries ----

  async addEntry(auth: Auth, id: string, body: { childId: string; title: string; consent: boolean; text?: string | null }, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
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
    return this.get(auth, id, lang);
  }

  async scoreEntry(auth: Auth, id: string, entryId: string, body: EntryScoreBody, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const e =
      (await this.ctx.db.selectFrom('contest_entries').select('id').where('id', '=', entryId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('contest_entry');
    const set: { scores?: string; award?: string | null } = {};
    if (body.scores) set.scores = JSON.stringify(body.scores);
    if (body.award !== undefined) set.award = body.award || null;
    if (Object.keys(set).length) await this.ctx.db.updateTable('contest_entries').set(set).where('id', '=', e.id).execute();
    return this.get(auth, id, lang);
  }

  // ---- Photos and attachments ----

  async addFile(auth: Auth, id: string, file: { name: string; data: Buffer; photo: boolean }, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const count = await this.ctx.db
      .selectFrom('activity_files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES) throw new AppError('activity_file_count', 422, { max: MAX_FILES });
    const fileId = newId();
    const dir = join('activities', r.school_id, id);
    let row: { file_kind: string; name: string; path: string; mime: string; width: number | null; height: number | null; size: number };
    if (file.photo) {
      const p = await normalisePhoto(file.data, this.ctx.config.photoMaxBytes);
      const path = join(dir, `${fileId}.jpg`);
      await savePhoto(this.ctx.config.dataDir, path, p.jpeg);
      await savePhoto(this.ctx.config.dataDir, thumbPath(path), p.thumb);
      row = { file_kind: 'photo', name: file.name, path, mime: 'image/jpeg', width: p.width, height: p.height, size: p.jpeg.length };
    } else {
      const ext = (file.name.split('.').pop() ?? '').toLowerCase();
      const mime = FILE_TYPES[ext];
      if (!mime) throw new AppError('file_type', 415, { types: joinList(lang, Object.keys(FILE_TYPES)) });
      if (file.data.length > this.ctx.config.photoMaxBytes)
        throw new AppError('photo_too_large', 413, { mb: Math.round(this.ctx.config.photoMaxBytes / 1024 / 1024) });
      const path = join(dir, `${fileId}.${ext}`);
      await savePhoto(this.ctx.config.dataDir, path, file.data);
      row = { file_kind: 'file', name: file.name.slice(0, 200), path, mime, width: null, height: null, size: file.data.length };
    }
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('activity_files')
        .values({ id: fileId, activity_id: id, school_id: r.school_id, created_by: auth.userId || null, created_at: this.ctx.clock().toISOString(), ...row })
        .execute();
      await this.audit.record(tx, auth, {
        action: file.photo ? 'activity.photo' : 'activity.file',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { name: row.name },
      });
    });
    return this.get(auth, id, lang);
  }

  async file(auth: Auth, id: string, fileId: string, thumb: boolean): Promise<{ data: Buffer; mime: string; name: string }> {
    await this.find(auth, id);
    const f =
      (await this.ctx.db.selectFrom('activity_files').selectAll().where('id', '=', fileId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity');
    const path = thumb && f.file_kind === 'photo' ? thumbPath(f.path) : f.path;
    return { data: await readPhoto(this.ctx.config.dataDir, path), mime: f.mime, name: f.name };
  }

  async removeFile(auth: Auth, id: string, fileId: string, lang: Lang): Promise<Activity> {
    const r = await this.find(auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const f =
      (await this.ctx.db.selectFrom('activity_files').selectAll().where('id', '=', fileId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity');
    await this.ctx.db.deleteFrom('activity_files').where('id', '=', fileId).execute();
    if (f.file_kind === 'photo') await removePhotoFiles(this.ctx.config.dataDir, [f.path]);
    else await removePhoto(this.ctx.config.dataDir, f.path);
    return this.get(auth, id, lang);
  }

  /** Activities a child attended, for its timeline. */
  async attendedBy(auth: Auth, childId: string, lang: Lang): Promise<ActivitySummary[]> {
    return (await this.list(auth, { childId, limit: 200 }, lang)).items;
  }
}

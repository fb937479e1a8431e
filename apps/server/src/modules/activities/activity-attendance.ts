/** An activity's attendance sheet: the roster it is for, who came, and applications for limited places (the three priorities). */

import { newId } from '@carebridge/db';
import { type Attendance, type AttendanceLine, type AttendanceUpdate, activityRuleKind, type Lang, leftBehindType, translate } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError, type FieldProblem, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { classesOf, editsActivity, marksAttendance } from './activity.policy.ts';
import { hasBegun, invalid } from './activity-checks.ts';
import { isLeftBehind, placesOf } from './activity-places.ts';
import { type ActivityRow, findActivity } from './activity-rows.ts';

export class ActivityAttendance {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

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
    const r = await findActivity(this.ctx.db, auth, id);
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
    return { capacity: r.capacity, lines, status: r.status as Attendance['status'], version: r.version };
  }

  /**
   * Mark who came. Children outside the caller's part of the school (a class teacher's classes) stay as
   * they were. Saved only onto the version the sheet was read at, all in one transaction.
   */
  async setAttendance(auth: Auth, id: string, body: AttendanceUpdate, lang: Lang): Promise<Attendance> {
    const r = await findActivity(this.ctx.db, auth, id);
    const may = marksAttendance(auth, r);
    if (may === 'none') forbidden();
    if (r.version !== body.version) versionConflict('activity');
    const now = this.ctx.clock();
    if (r.date > shanghaiDate(now) && [...body.children, ...body.others].some((x) => x.present)) invalid('date', 'validation.date_future');
    // One child is one line of the sheet (and one named person too): a second mention of either is refused, naming the first.
    const repeats: FieldProblem[] = [];
    const childIds = body.children.map((c) => c.childId);
    childIds.forEach((c, i) => {
      const first = childIds.indexOf(c);
      if (first !== i) repeats.push({ path: `children.${i}.childId`, message: 'validation.duplicate', params: { n: first + 1 } });
    });
    const otherIds = body.others.map((o) => o.id ?? null);
    otherIds.forEach((o, i) => {
      const first = o ? otherIds.indexOf(o) : i;
      if (first !== i) repeats.push({ path: `others.${i}.id`, message: 'validation.duplicate', params: { n: first + 1 } });
    });
    if (repeats.length) throw new AppError('validation_failed', 422, {}, repeats);
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
      // The version first, moved on only from the one the sheet was read at: a change saved since (a
      // leader cancelling) is answered 409 rather than undone, and `r` is the activity as it now is.
      // On PostgreSQL the row stays locked until commit.
      const moved = await tx
        .updateTable('activities')
        .set({ version: body.version + 1, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) versionConflict('activity');
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
      // Someone came to an activity that has begun, so a planned activity was held: it reads 已开展 and
      // counts in the statistics, briefings and safety coverage as its attendance counts for the care
      // rules. Names ticked before it starts (the roster ready for 16:00 at 09:00) say nothing yet.
      const held =
        r.status === 'planned' &&
        hasBegun({ date: r.date, startTime: r.start_time }, now) &&
        !!(await tx.selectFrom('activity_people').select('id').where('activity_id', '=', id).where('present', '=', 1).limit(1).executeTakeFirst());
      if (held) await tx.updateTable('activities').set({ status: 'done' }).where('id', '=', id).where('status', '=', 'planned').execute();
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
    return this.sheet(auth, await findActivity(this.ctx.db, auth, id), lang);
  }

  /** Ask for places in a limited activity: archive children and other pupils; offered by the three priorities. */
  async apply(auth: Auth, id: string, body: { childIds: string[]; pupils: { name: string; className?: string | null }[] }, lang: Lang): Promise<Attendance> {
    const r = await findActivity(this.ctx.db, auth, id);
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
      // Two applications at once for one child would both find it unlisted and list it twice: the second
      // waits on the activity's row and then reads the first's line (PostgreSQL; SQLite writes one at a time).
      if (this.ctx.dialect === 'postgres') await tx.selectFrom('activities').select('id').where('id', '=', id).forNoKeyUpdate().execute();
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
      // Applications sent together share their time; their lines' ids keep the order they were listed
      // in, which breaks the tie among equals (the database returns the children in no set order).
      const listed = [...kids].sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
      const rows = [
        ...listed.filter((k) => !have.has(k.id)).map((k) => ({ child_id: k.id, name: k.name, person_kind: 'child', class_name: null as string | null })),
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
    return this.sheet(auth, await findActivity(this.ctx.db, auth, id), lang);
  }

  async withdraw(auth: Auth, id: string, lineId: string, lang: Lang): Promise<Attendance> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    await this.ctx.db.transaction().execute(async (tx) => {
      const line =
        (await tx.selectFrom('activity_people').select(['id', 'child_id']).where('id', '=', lineId).where('activity_id', '=', id).executeTakeFirst()) ??
        notFound('activity');
      await tx.deleteFrom('activity_people').where('id', '=', line.id).execute();
      // A child of the archive is named by its entry (as a contest entry is); a pupil typed by name is counted.
      await this.audit.record(tx, auth, {
        action: 'activity.withdraw',
        entity: line.child_id ? 'child' : 'activity',
        entityId: line.child_id ?? id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: line.child_id ? { activity: id } : { pupils: 1 },
      });
    });
    return this.sheet(auth, r, lang);
  }
}

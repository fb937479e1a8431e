import { newId } from '@carebridge/db';
import {
  CHILD_FIELD_META,
  type Child,
  type ChildCreate,
  type ChildCreated,
  type ChildErase,
  type ChildHistoryEntry,
  type ChildQuery,
  type ChildStatusChange,
  type ChildSummary,
  type ChildTransfer,
  type ChildUpdate,
  type ChildValues,
  type ChildWarning,
  ChildCreate as CreateSchema,
  checkChild,
  maskMiddle,
  type PrintChild,
  translate,
} from '@carebridge/shared';
import type { Expression, SqlBool } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate, shanghaiDayOf } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { removePhoto, thumbPath } from '../care-records/photos.ts';
import { type ChildRowView, columnsOf, derivedColumns, diffValues, toChild, toSummary, valuesOf } from './child.mapper.ts';
import { editsChild, reveals, transfersChild } from './child.policy.ts';
import { childRepo } from './child.repository.ts';

/** Throw a 422 naming every field a cross-field rule rejects. */
export function rejectProblems(problems: { path: string; message: string; params?: Record<string, string | number> }[]): void {
  if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
}

/** How long a bureau officer's reason to view a child's details holds (a working day). */
const REASON_HOURS = 8;

/** Whether the caller sees this school's children only as a bureau officer (so a child's details need a reason). */
export function viewsByReason(auth: Auth, schoolId: string): boolean {
  if (auth.scope.global) return false;
  return !auth.roles.some((r) => r.role !== 'bureau_officer' && (r.schoolId === schoolId || (r.scopeKind === 'school' && r.scopeId === schoolId)));
}

export class ChildService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  today(): string {
    return shanghaiDate(this.ctx.clock());
  }

  private place(row: ChildRowView) {
    return { schoolId: row.school_id, classId: row.class_id, regionPath: row.region_path };
  }

  /** The child if the caller sees it; 404 otherwise (the same answer whether it exists or not). */
  async visible(auth: Auth, id: string, db: Tx = this.ctx.db): Promise<ChildRowView> {
    return (await childRepo.findById(db, auth, id)) ?? notFound('child');
  }

  /** Visible children by the list's filters; `where` narrows further (the children behind a statistic). */
  async list(auth: Auth, q: ChildQuery, where?: Expression<SqlBool>): Promise<{ items: ChildSummary[]; nextCursor: string | null }> {
    const today = this.today();
    let regionPath: string | undefined;
    if (q.regionId) {
      const region = await this.ctx.db.selectFrom('regions').select('path').where('id', '=', q.regionId).executeTakeFirst();
      regionPath = region?.path ?? '/none/';
    }
    const { rows, nextCursor } = await childRepo.list(this.ctx.db, auth, {
      ...q,
      today,
      summary: true,
      ...(regionPath ? { regionPath } : {}),
      ...(where ? { where } : {}),
    });
    return { items: rows.map((r) => toSummary(r, today, reveals(auth, { schoolId: r.school_id, classId: r.class_id }))), nextCursor };
  }

  /**
   * A bureau officer sees a region's children in lists and figures, and one child's details only with
   * a logged reason (DOMAIN.md): `giveReason` writes it to the audit log, where it holds for
   * REASON_HOURS. Whoever sees the child through a role at its school (or an administrator) needs none.
   */
  async assertReason(auth: Auth, row: { id: string; school_id: string }): Promise<void> {
    if (!viewsByReason(auth, row.school_id)) return;
    if (!(await this.reasonsGiven(auth, [row.id])).has(row.id))
      throw new AppError('view_reason_required', 403, {}, [{ path: 'reason', message: 'errors.view_reason_required' }]);
  }

  /** Of these children, those the caller gave a reason for that still holds (`giveReason`). */
  async reasonsGiven(auth: Auth, childIds: readonly string[]): Promise<Set<string>> {
    if (!childIds.length) return new Set();
    const since = new Date(this.ctx.clock().getTime() - REASON_HOURS * 3_600_000).toISOString();
    const given = await this.ctx.db
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

  async giveReason(auth: Auth, id: string, reason: string): Promise<void> {
    const row = await this.visible(auth, id);
    await this.audit.record(this.ctx.db, auth, {
      action: 'child.view_reason',
      entity: 'child',
      entityId: id,
      schoolId: row.school_id,
      regionPath: row.region_path,
      summary: { reason },
    });
  }

  /** The full archive; each full view is audited. */
  async get(auth: Auth, id: string): Promise<Child> {
    const row = await this.visible(auth, id);
    await this.assertReason(auth, row);
    await this.audit.record(this.ctx.db, auth, { action: 'child.view', entity: 'child', entityId: id, schoolId: row.school_id, regionPath: row.region_path });
    return this.view(auth, row);
  }

  view(auth: Auth, row: ChildRowView): Child {
    const place = this.place(row);
    return toChild(row, this.today(), reveals(auth, place), { canEdit: editsChild(auth, place), canTransfer: transfersChild(auth, place) });
  }

  /** The class must belong to the school. */
  private async checkClass(db: Tx, schoolId: string, classId: string | null | undefined): Promise<void> {
    if (!classId) return;
    const k = await db.selectFrom('classes').select('school_id').where('id', '=', classId).executeTakeFirst();
    if (!k || k.school_id !== schoolId) throw new AppError('class_not_in_school', 422, {}, [{ path: 'classId', message: 'errors.class_not_in_school' }]);
  }

  async create(auth: Auth, input: ChildCreate): Promise<ChildCreated> {
    const values = CreateSchema.parse(input) as unknown as ChildValues;
    const school =
      (await this.ctx.db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', values.schoolId).executeTakeFirst()) ?? notFound('school');
    const place = { schoolId: school.id, classId: values.classId ?? null, regionPath: school.region_path };
    if (!seesPlace(auth, place)) notFound('school');
    if (!editsChild(auth, place)) {
      // A class teacher registers children of its own class: the class is what is missing, not the right.
      if (!place.classId && auth.roles.some((r) => r.role === 'class_teacher'))
        throw new AppError('class_required', 422, {}, [{ path: 'classId', message: 'errors.class_required' }]);
      forbidden();
    }
    await this.checkClass(this.ctx.db, school.id, values.classId);
    rejectProblems(checkChild(values, this.today()));
    await this.rejectTakenIdNumber(values.idNumber, null);
    const warnings = await this.likelyDuplicates(auth, values, school);
    const id = newId();
    await this.ctx.db.transaction().execute(async (tx) => {
      await this.insertChild(tx, auth, id, values, 'create');
      await this.audit.record(tx, auth, { action: 'child.create', entity: 'child', entityId: id, schoolId: school.id, regionPath: school.region_path });
    });
    return { ...this.view(auth, await this.visibleOrAny(auth, id)), warnings };
  }

  /**
   * Archives of the same county with the same name and birth date: a child entered twice (without an
   * ID number, or with a typo in it). A warning, not a refusal (namesakes born the same day exist);
   * where the other archive is only named when the caller may see it.
   */
  private async likelyDuplicates(auth: Auth, values: ChildValues, school: { id: string; region_path: string }): Promise<ChildWarning[]> {
    const county = await countyPathOf(this.ctx.db, school.region_path);
    const found = await childRepo.sameNameAndBirth(this.ctx.db, auth, {
      name: values.name as string,
      birthDate: values.birthDate as string,
      regionPath: county,
    });
    return found.map((c) => {
      const sameSchool = c.school_id === school.id;
      const seen = c.visible;
      const place = seen ? [c.school_name, c.class_name].filter(Boolean).join(' ') : '';
      const key = seen ? 'errors.possible_duplicate_seen' : sameSchool ? 'errors.possible_duplicate_school' : 'errors.possible_duplicate_county';
      return {
        code: 'possible_duplicate' as const,
        childId: seen ? c.id : null,
        schoolName: seen ? c.school_name : null,
        className: seen ? c.class_name : null,
        sameSchool,
        message: translate(auth.lang, key, { place, name: values.name as string, birthDate: values.birthDate as string }),
      };
    });
  }

  /** One archive per child: an ID number already archived (here or in another school) is refused. */
  private async rejectTakenIdNumber(idNumber: string | null | undefined, exceptId: string | null): Promise<void> {
    if (!idNumber) return;
    let q = this.ctx.db.selectFrom('children').select('id').where('id_number', '=', idNumber);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) throw new AppError('id_number_taken', 409, {}, [{ path: 'idNumber', message: 'errors.id_number_taken' }]);
  }

  /** Insert one archive with derived columns and its first history entry (used by create and import). */
  async insertChild(tx: Tx, auth: Auth, id: string, values: ChildValues, action: 'create' | 'import', note: string | null = null): Promise<void> {
    const now = this.ctx.clock().toISOString();
    await childRepo.insert(tx, this.newRow(auth, id, values, now) as never);
    await childRepo.addHistory(tx, [this.historyRow(auth, id, values.schoolId as string, action, note, diffValues({}, values), now)]);
  }

  newRow(auth: Auth, id: string, values: ChildValues, now: string) {
    return {
      id,
      school_id: values.schoolId,
      class_id: values.classId ?? null,
      status: 'active',
      status_note: null,
      ...columnsOf(values),
      ...derivedColumns(values),
      version: 1,
      entered_on: shanghaiDayOf(now),
      created_by: auth.userId || null,
      created_at: now,
      updated_at: now,
    };
  }

  historyRow(auth: Auth, childId: string, schoolId: string, action: string, note: string | null, changes: unknown[], at: string) {
    return {
      id: newId(),
      child_id: childId,
      school_id: schoolId,
      at,
      user_id: auth.userId || null,
      user_name: auth.name,
      action,
      note,
      changes: JSON.stringify(changes),
    };
  }

  /** After a write the caller may no longer see the child (e.g. moved out of the teacher's class): fall back to the row itself. */
  private async visibleOrAny(auth: Auth, id: string): Promise<ChildRowView> {
    return (await childRepo.findById(this.ctx.db, auth, id)) ?? (await childRepo.findAnyById(this.ctx.db, id)) ?? notFound('child');
  }

  async update(auth: Auth, id: string, input: ChildUpdate): Promise<Child> {
    const row = await this.visible(auth, id);
    if (!editsChild(auth, this.place(row))) forbidden();
    if (row.status !== 'active') throw new AppError('child_not_active', 409, { status: `codes.childStatus.${row.status}` });
    const { version, ...patch } = input;
    const before = valuesOf(row);
    const merged = { ...before, ...patch, schoolId: row.school_id } as ChildValues;
    if (patch.classId !== undefined && patch.classId !== row.class_id) {
      await this.checkClass(this.ctx.db, row.school_id, patch.classId);
      // A class teacher may move a child only into another class of their own.
      if (!editsChild(auth, { schoolId: row.school_id, classId: patch.classId ?? null })) forbidden();
    }
    rejectProblems(checkChild(merged, this.today()));
    if (patch.idNumber && patch.idNumber !== row.id_number) await this.rejectTakenIdNumber(patch.idNumber, row.id);
    await this.ctx.db.transaction().execute(async (tx) => {
      await this.applyUpdate(tx, auth, row, before, patch as Partial<ChildValues>, version, 'update', null);
      await this.audit.record(tx, auth, {
        action: 'child.update',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { fields: Object.keys(patch) },
      });
    });
    return this.view(auth, await this.visibleOrAny(auth, id));
  }

  /** Write changed fields with a version check and a history entry; returns the changes (none → nothing written). */
  async applyUpdate(
    tx: Tx,
    auth: Auth,
    row: ChildRowView,
    before: ChildValues,
    patch: Partial<ChildValues>,
    version: number,
    action: string,
    note: string | null,
  ) {
    const changes = diffValues(before, patch);
    const now = this.ctx.clock().toISOString();
    if (!changes.length) {
      if (row.version !== version) versionConflict('child');
      return changes;
    }
    const merged = { ...before, ...patch } as ChildValues;
    const set = { ...columnsOf(Object.fromEntries(changes.map((c) => [c.field, c.new])) as Partial<ChildValues>), ...derivedColumns(merged), updated_at: now };
    if (!(await childRepo.update(tx, row.id, version, set))) versionConflict('child');
    await childRepo.addHistory(tx, [this.historyRow(auth, row.id, row.school_id, action, note, changes, now)]);
    return changes;
  }

  async history(auth: Auth, id: string): Promise<{ items: ChildHistoryEntry[] }> {
    const row = await this.visible(auth, id);
    await this.assertReason(auth, row);
    const reveal = reveals(auth, this.place(row));
    const rows = await childRepo.history(this.ctx.db, id);
    const parsed = rows.map((h) => ({ h, changes: JSON.parse(h.changes) as { field: string; old: unknown; new: unknown }[] }));
    const names = await this.placeNames(parsed.flatMap((p) => p.changes));
    const named = (c: { field: string; old: unknown; new: unknown }) =>
      c.field === 'schoolId' || c.field === 'classId' ? { ...c, old: names.get(c.old as string) ?? c.old, new: names.get(c.new as string) ?? c.new } : c;
    return {
      items: parsed.map(({ h, changes }) => ({
        id: h.id,
        at: h.at,
        // Written by the system (the demo loader, a background job): no person to name.
        userName: h.user_id ? h.user_name : null,
        action: h.action,
        note: h.note,
        changes: changes.map((c) => maskChange(named(c), reveal)),
      })),
    };
  }

  /** School and class ids in history read as their names. */
  private async placeNames(changes: { field: string; old: unknown; new: unknown }[]): Promise<Map<string, string>> {
    const ids = (field: string) => [
      ...new Set(
        changes
          .filter((c) => c.field === field)
          .flatMap((c) => [c.old, c.new])
          .filter((v): v is string => typeof v === 'string'),
      ),
    ];
    const out = new Map<string, string>();
    const schoolIds = ids('schoolId');
    const classIds = ids('classId');
    if (schoolIds.length)
      for (const s of await this.ctx.db.selectFrom('schools').select(['id', 'name']).where('id', 'in', schoolIds).execute()) out.set(s.id, s.name);
    if (classIds.length)
      for (const k of await this.ctx.db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute()) out.set(k.id, k.name);
    return out;
  }

  /** Parents returned (no longer left-behind), left school, or back to active. */
  async changeStatus(auth: Auth, id: string, input: ChildStatusChange): Promise<Child> {
    const row = await this.visible(auth, id);
    if (!editsChild(auth, this.place(row))) forbidden();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const ok = await childRepo.update(tx, id, input.version, { status: input.status, status_note: input.note ?? null, updated_at: now });
      if (!ok) versionConflict('child');
      await childRepo.addHistory(tx, [
        this.historyRow(auth, id, row.school_id, 'status', input.note ?? null, [{ field: 'status', old: row.status, new: input.status }], now),
      ]);
      await this.audit.record(tx, auth, {
        action: 'child.status',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { status: [row.status, input.status] },
      });
    });
    return this.view(auth, await this.visibleOrAny(auth, id));
  }

  /** Schools a child may be transferred to: those of the same county (or the caller's region), without the current one. */
  async transferTargets(auth: Auth, id: string) {
    const row = await this.visible(auth, id);
    if (!transfersChild(auth, this.place(row))) forbidden();
    const county = await countyPathOf(this.ctx.db, row.region_path);
    const rows = await this.ctx.db
      .selectFrom('schools as s')
      .leftJoin('regions as r', 'r.id', 's.region_id')
      .select(['s.id', 's.name', 'r.name as regionName'])
      .where('s.region_path', 'like', `${county}%`)
      .where('s.id', '!=', row.school_id)
      .orderBy('s.name')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, regionName: r.regionName ?? null }));
  }

  /** The archive and its history move; the old school keeps no access. */
  async transfer(auth: Auth, id: string, input: ChildTransfer): Promise<void> {
    const row = await this.visible(auth, id);
    if (!transfersChild(auth, this.place(row))) forbidden();
    if (input.schoolId === row.school_id) throw new AppError('transfer_same_school', 422, {}, [{ path: 'schoolId', message: 'errors.transfer_same_school' }]);
    const targets = await this.transferTargets(auth, id);
    const target = targets.find((t) => t.id === input.schoolId) ?? notFound('school');
    await this.checkClass(this.ctx.db, target.id, input.classId);
    const now = this.ctx.clock().toISOString();
    const to = await this.ctx.db.selectFrom('schools').select(['region_path']).where('id', '=', target.id).executeTakeFirstOrThrow();
    await this.ctx.db.transaction().execute(async (tx) => {
      const ok = await childRepo.update(tx, id, input.version, {
        school_id: target.id,
        class_id: input.classId ?? null,
        entered_on: shanghaiDate(this.ctx.clock()),
        updated_at: now,
      });
      if (!ok) versionConflict('child');
      await tx.updateTable('child_history').set({ school_id: target.id }).where('child_id', '=', id).execute();
      const changes = [
        { field: 'schoolId', old: row.school_name, new: target.name },
        { field: 'classId', old: row.class_name, new: null },
      ];
      await childRepo.addHistory(tx, [this.historyRow(auth, id, target.id, 'transfer', input.note ?? null, changes, now)]);
      const summary = { from: row.school_id, to: target.id };
      await this.audit.record(tx, auth, {
        action: 'child.transfer',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary,
      });
      await this.audit.record(tx, auth, { action: 'child.transfer', entity: 'child', entityId: id, schoolId: target.id, regionPath: to.region_path, summary });
    });
  }

  /** PIPL deletion on request: administrators only, with a reason; personal data is really removed. */
  async erase(auth: Auth, id: string, input: ChildErase): Promise<void> {
    if (!auth.scope.global) {
      await this.visible(auth, id);
      forbidden();
    }
    const row = (await childRepo.findAnyById(this.ctx.db, id)) ?? notFound('child');
    const files = await this.ctx.db.transaction().execute(async (tx) => {
      const files = await childRepo.erase(tx, id);
      await this.audit.record(tx, auth, {
        action: 'child.erase',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { reason: input.reason },
      });
      return files;
    });
    for (const f of files) {
      await removePhoto(this.ctx.config.dataDir, f);
      await removePhoto(this.ctx.config.dataDir, thumbPath(f));
    }
  }

  /** Full archives for printing contact or archive cards, with each child's mentor now and class teacher: one child, or a class; audited as one print. */
  async forPrint(auth: Auth, q: { ids?: string[]; classId?: string }): Promise<{ items: PrintChild[] }> {
    let rows: ChildRowView[];
    if (q.classId) {
      const res = await childRepo.list(this.ctx.db, auth, {
        classId: q.classId,
        status: 'active',
        sort: 'name',
        order: 'asc',
        limit: 200,
        today: this.today(),
      } as never);
      rows = res.rows;
    } else {
      // Many ids at once: one query, in the order asked; one the caller does not see answers 404 as `visible` does.
      const ids = [...new Set(q.ids ?? [])];
      const found = new Map((await childRepo.findManyById(this.ctx.db, auth, ids)).map((r) => [r.id, r]));
      rows = ids.map((id) => found.get(id) ?? notFound('child'));
    }
    await this.assertReasons(auth, rows);
    const mentors = await childRepo.activeMentors(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const teachers = await childRepo.headTeachers(
      this.ctx.db,
      rows.flatMap((r) => (r.class_id ? [r.class_id] : [])),
    );
    if (rows.length) {
      const first = rows[0] as ChildRowView;
      await this.audit.record(this.ctx.db, auth, {
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
        const child = this.view(auth, r);
        // Staff phones as the card's family phones: in full only for those who call families.
        const staff = (p: { name: string; phone: string | null } | undefined) =>
          p ? { name: p.name, phone: child.revealed.phones ? p.phone : maskMiddle(p.phone) } : null;
        return { ...child, mentor: staff(mentors.get(r.id)), classTeacher: staff(r.class_id ? teachers.get(r.class_id) : undefined) };
      }),
    };
  }

  /** `assertReason` for many children with one look-up of the reasons given. */
  private async assertReasons(auth: Auth, rows: readonly ChildRowView[]): Promise<void> {
    const needed = rows.filter((r) => viewsByReason(auth, r.school_id));
    if (!needed.length) return;
    const given = await this.reasonsGiven(
      auth,
      needed.map((r) => r.id),
    );
    if (needed.some((r) => !given.has(r.id))) throw new AppError('view_reason_required', 403, {}, [{ path: 'reason', message: 'errors.view_reason_required' }]);
  }
}

/** History shows old → new; sensitive values are masked as in the archive view. */
function maskChange(c: { field: string; old: unknown; new: unknown }, reveal: { idNumbers: boolean; phones: boolean }) {
  const kind = (CHILD_FIELD_META as Record<string, { sensitive?: 'id' | 'phone' }>)[c.field]?.sensitive;
  if (!kind || (kind === 'id' ? reveal.idNumbers : reveal.phones)) return c;
  const m = (v: unknown) => (typeof v === 'string' ? maskMiddle(v) : v);
  return { field: c.field, old: m(c.old), new: m(c.new) };
}

/** The path of the county (or the nearest region above township level) a school lies in. */
async function countyPathOf(db: Tx, regionPath: string): Promise<string> {
  const ids = regionPath.split('/').filter(Boolean);
  const regions = await db.selectFrom('regions').select(['id', 'level', 'path']).where('id', 'in', ids).execute();
  const county = regions.find((r) => r.level === 'county') ?? regions.sort((a, b) => b.path.length - a.path.length).find((r) => r.level !== 'township');
  return county?.path ?? regionPath;
}

import { newId } from '@carebridge/db';
import {
  type Child,
  type ChildContact,
  type ChildCreate,
  type ChildCreated,
  type ChildErase,
  type ChildHistoryEntry,
  type ChildListPage,
  type ChildPsychology,
  type ChildQuery,
  type ChildStatusChange,
  type ChildTransfer,
  type ChildUpdate,
  type ChildValues,
  ChildCreate as CreateSchema,
  checkChild,
  type PrintChild,
} from '@carebridge/shared';
import type { Expression, SqlBool } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate, shanghaiDayOf } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type ChildRowView, columnsOf, derivedColumns, diffValues, placeOf, toChild, toSummary, valuesOf } from './child.mapper.ts';
import { editsChild, reveals, setsPsychology, transfersChild } from './child.policy.ts';
import { childRepo } from './child.repository.ts';
import { checkClass, confirmedDuplicates, holdClass, rejectProblems, rejectTakenIdNumber } from './child-checks.ts';
import { historyEntries, historyRow } from './child-history.ts';
import { ChildLifecycle } from './child-lifecycle.ts';
import { printCards } from './child-print.ts';
import { assertReasons, reasonsGiven } from './child-reasons.ts';

/** The stored early-warning levels (compliance/risk-levels.ts): `current` brings schools' levels up to date. */
export interface StoredRiskLevels {
  current(schoolIds: readonly string[]): Promise<unknown>;
}

/**
 * Child archives: list, read, create, edit and history here; write-time checks in child-checks.ts,
 * view reasons in child-reasons.ts, status, transfer and erasure in child-lifecycle.ts, cards in child-print.ts.
 */
export class ChildService {
  private readonly lifecycle: ChildLifecycle;

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly riskLevels: StoredRiskLevels,
  ) {
    this.lifecycle = new ChildLifecycle(ctx, audit, this);
  }

  today(): string {
    return shanghaiDate(this.ctx.clock());
  }

  /** The child if the caller sees it; 404 otherwise (the same answer whether it exists or not). */
  async visible(auth: Auth, id: string, db: Tx = this.ctx.db): Promise<ChildRowView> {
    return (await childRepo.findById(db, auth, id)) ?? notFound('child');
  }

  /** After a write the caller may no longer see the child (e.g. moved out of the teacher's class): fall back to the row itself. */
  async visibleOrAny(auth: Auth, id: string): Promise<ChildRowView> {
    return (await childRepo.findById(this.ctx.db, auth, id)) ?? (await childRepo.findAnyById(this.ctx.db, id)) ?? notFound('child');
  }

  /** Visible children by the list's filters; `where` narrows further (the children behind a statistic). */
  async list(auth: Auth, q: ChildQuery, where?: Expression<SqlBool>): Promise<ChildListPage> {
    const today = this.today();
    let regionPath: string | undefined;
    if (q.regionId) {
      const region = await this.ctx.db.selectFrom('regions').select('path').where('id', '=', q.regionId).executeTakeFirst();
      regionPath = region?.path ?? '/none/';
    }
    // The level filter reads stored levels: those of the schools it reaches are brought up to date first
    // (recomputed only where a school's data, the day, its policies or incidents moved since).
    if (q.riskLevel) await this.riskLevels.current(await childRepo.schoolsReached(this.ctx.db, auth, { ...q, ...(regionPath ? { regionPath } : {}) }));
    const { rows, nextCursor, total, totalCapped } = await childRepo.list(this.ctx.db, auth, {
      ...q,
      today,
      summary: true,
      ...(regionPath ? { regionPath } : {}),
      ...(where ? { where } : {}),
    });
    return { items: rows.map((r) => toSummary(r, today)), nextCursor, ...(total === undefined ? {} : { total }), ...(totalCapped ? { totalCapped } : {}) };
  }

  /**
   * A bureau officer sees a region's children in lists and figures, and one child's details only with
   * a logged reason (DOMAIN.md): `giveReason` writes it to the audit log, where it holds for a working
   * day (child-reasons.ts). Whoever sees the child through a role at its school (or an administrator) needs none.
   */
  assertReason(auth: Auth, row: { id: string; school_id: string }): Promise<void> {
    return assertReasons(this.ctx, auth, [row]);
  }

  /** Of these children, those the caller gave a reason for that still holds (`giveReason`). */
  reasonsGiven(auth: Auth, childIds: readonly string[]): Promise<Set<string>> {
    return reasonsGiven(this.ctx, auth, childIds);
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

  /**
   * The guardian's phone in full, for a call from a list without opening the archive: to those who
   * see phones in the full view (`reveals`), 403 to others who see the child, 404 to the rest; audited.
   */
  async contact(auth: Auth, id: string): Promise<ChildContact> {
    const row = await this.visible(auth, id);
    if (!reveals(auth, placeOf(row)).phones) forbidden();
    await this.audit.record(this.ctx.db, auth, {
      action: 'child.contact_view',
      entity: 'child',
      entityId: id,
      schoolId: row.school_id,
      regionPath: row.region_path,
      summary: { fields: ['guardianPhone'] },
    });
    return { childId: row.id, guardianPhone: row.guardian_phone };
  }

  view(auth: Auth, row: ChildRowView): Child {
    const place = placeOf(row);
    return toChild(row, this.today(), reveals(auth, place), {
      canEdit: editsChild(auth, place),
      canTransfer: transfersChild(auth, place),
      canSetPsychology: setsPsychology(auth, place),
    });
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
    await checkClass(this.ctx.db, school.id, values.classId);
    rejectProblems(checkChild(values, this.today()));
    await rejectTakenIdNumber(this.ctx.db, values.idNumber, null);
    const warnings = await confirmedDuplicates(this.ctx.db, auth, values, school, input.confirmDuplicate === true);
    const id = newId();
    await this.ctx.db.transaction().execute(async (tx) => {
      await holdClass(tx, this.ctx.dialect, values.classId as string | null | undefined);
      await this.insertChild(tx, auth, id, values, 'create');
      await this.audit.record(tx, auth, {
        action: 'child.create',
        entity: 'child',
        entityId: id,
        schoolId: school.id,
        regionPath: school.region_path,
        // Created over a "likely the same child" warning: how many archives it named (not who: the auditor may not see them).
        ...(warnings.length ? { summary: { duplicatesConfirmed: warnings.length } } : {}),
      });
    });
    return { ...this.view(auth, await this.visibleOrAny(auth, id)), warnings };
  }

  /** Insert one archive with derived columns and its first history entry (the roster import writes `newRow`s in bulk instead). */
  async insertChild(tx: Tx, auth: Auth, id: string, values: ChildValues, action: 'create' | 'import', note: string | null = null): Promise<void> {
    const now = this.ctx.clock().toISOString();
    await childRepo.insert(tx, this.newRow(auth, id, values, now) as never);
    await childRepo.addHistory(tx, [historyRow(auth, id, values.schoolId as string, action, note, diffValues({}, values), now)]);
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

  /** A history row (child-history.ts), for the roster import and the demo loader. */
  historyRow(auth: Auth, childId: string, schoolId: string, action: string, note: string | null, changes: unknown[], at: string) {
    return historyRow(auth, childId, schoolId, action, note, changes, at);
  }

  async update(auth: Auth, id: string, input: ChildUpdate): Promise<Child> {
    const row = await this.visible(auth, id);
    if (!editsChild(auth, placeOf(row))) forbidden();
    if (row.status !== 'active') throw new AppError('child_not_active', 409, { status: `codes.childStatus.${row.status}` });
    const { version, ...patch } = input;
    const before = valuesOf(row);
    const merged = { ...before, ...patch, schoolId: row.school_id } as ChildValues;
    const moves = patch.classId !== undefined && patch.classId !== row.class_id;
    if (moves) {
      await checkClass(this.ctx.db, row.school_id, patch.classId);
      // A class teacher may move a child only into another class of their own.
      if (!editsChild(auth, { schoolId: row.school_id, classId: patch.classId ?? null })) forbidden();
    }
    rejectProblems(checkChild(merged, this.today()));
    if (patch.idNumber && patch.idNumber !== row.id_number) await rejectTakenIdNumber(this.ctx.db, patch.idNumber, row.id);
    return this.edit(auth, row, before, patch as Partial<ChildValues>, version, { auditUnchanged: true, intoClass: moves ? patch.classId : null });
  }

  /**
   * The psychological risk flag: the child's psychology level alone, for the school's counsellors as
   * for the archive's keepers. History and audit as any archive edit; the stamp the write moves makes
   * the child's risk level count it (a serious level is a `seriousDimension` signal, risk.ts).
   */
  async setPsychology(auth: Auth, id: string, input: ChildPsychology): Promise<Child> {
    const row = await this.visible(auth, id);
    if (!setsPsychology(auth, placeOf(row))) forbidden();
    if (row.status !== 'active') throw new AppError('child_not_active', 409, { status: `codes.childStatus.${row.status}` });
    const patch: Partial<ChildValues> = { psychologyLevel: input.psychologyLevel };
    return this.edit(auth, row, valuesOf(row), patch, input.version, { auditUnchanged: false, intoClass: null });
  }

  /**
   * An edit of the archive in one transaction: the changed fields written (`applyUpdate`) and a
   * `child.update` audit row naming the fields sent. `auditUnchanged`: the archive's form saved as it
   * was is audited all the same; a psychology level set again is not. `intoClass`: the class the edit
   * moves the child into, held for the write (`holdClass`). Returns the archive as the caller now sees it.
   */
  private async edit(
    auth: Auth,
    row: ChildRowView,
    before: ChildValues,
    patch: Partial<ChildValues>,
    version: number,
    opts: { auditUnchanged: boolean; intoClass: string | null | undefined },
  ): Promise<Child> {
    await this.ctx.db.transaction().execute(async (tx) => {
      await holdClass(tx, this.ctx.dialect, opts.intoClass);
      const changes = await this.applyUpdate(tx, auth, row, before, patch, version, 'update', null);
      if (!changes.length && !opts.auditUnchanged) return;
      await this.audit.record(tx, auth, {
        action: 'child.update',
        entity: 'child',
        entityId: row.id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { fields: Object.keys(patch) },
      });
    });
    return this.view(auth, await this.visibleOrAny(auth, row.id));
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
    await childRepo.addHistory(tx, [historyRow(auth, row.id, row.school_id, action, note, changes, now)]);
    return changes;
  }

  /** Every change of the archive, old and new values as the full view reveals them: audited as a view of it (`child.history`). */
  async history(auth: Auth, id: string): Promise<{ items: ChildHistoryEntry[] }> {
    const row = await this.visible(auth, id);
    await this.assertReason(auth, row);
    const items = await historyEntries(this.ctx.db, id, reveals(auth, placeOf(row)));
    await this.audit.record(this.ctx.db, auth, {
      action: 'child.history',
      entity: 'child',
      entityId: id,
      schoolId: row.school_id,
      regionPath: row.region_path,
    });
    return { items };
  }

  // ---- Status, transfer, erasure (child-lifecycle.ts) and cards (child-print.ts) ----

  changeStatus(auth: Auth, id: string, input: ChildStatusChange): Promise<Child> {
    return this.lifecycle.changeStatus(auth, id, input);
  }

  transferTargets(auth: Auth, id: string) {
    return this.lifecycle.transferTargets(auth, id);
  }

  transfer(auth: Auth, id: string, input: ChildTransfer): Promise<void> {
    return this.lifecycle.transfer(auth, id, input);
  }

  erase(auth: Auth, id: string, input: ChildErase): Promise<void> {
    return this.lifecycle.erase(auth, id, input);
  }

  forPrint(auth: Auth, q: { ids?: string[]; classId?: string }): Promise<{ items: PrintChild[] }> {
    return printCards(this.ctx, this.audit, this, auth, q);
  }
}

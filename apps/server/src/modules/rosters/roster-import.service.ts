import { newId, toBool } from '@carebridge/db';
import { type ChildValues, type ImportPreview, type ImportResult, type ImportRow, joinList, type Lang, translate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { insertRows, type RowsAsBuilt, sent } from '../../lib/insert-rows.ts';
import { packValue, unpackValue } from '../../lib/packed-value.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { type ChildRowView, columnsOf, derivedColumns, diffValues, valuesOf } from '../children/child.mapper.ts';
import { editsChild } from '../children/child.policy.ts';
import { childRepo } from '../children/child.repository.ts';
import type { ChildService } from '../children/child.service.ts';
import { classInactive, holdClasses } from '../children/child-checks.ts';
import { withoutStampTrigger, withStampHeld } from '../compliance/cache.ts';
import { headerOf, isOwnName, REQUIRED_FIELDS } from './roster.columns.ts';
import { loadSheets, readRoster } from './roster.parse.ts';
import { checkRows, fieldHeader, type RowJob } from './roster-rows.ts';

/** How long a preview waits for its commit. */
const PREVIEW_HOURS = 24;
/** Previews whose rows this process keeps in memory for their commit: the latest few, 20,000 rows at most. */
const KEPT_PREVIEWS = 4;
const KEPT_ROWS = 20_000;

interface PayloadRow {
  row: number;
  action: 'create' | 'update';
  childId: string;
  version: number;
  name: string;
  /** Create: every value; update: the changed fields only. */
  values: Record<string, unknown>;
}

/**
 * A stored preview or payload read back. One that cannot be read (damaged, or written by a newer Node
 * whose serialisation this one does not know, after a rollback) or is not of the shape stored is gone
 * for the user: upload again.
 */
function unpackStored<T>(text: string, shape: (v: unknown) => boolean): T {
  let value: unknown;
  try {
    value = unpackValue<unknown>(text);
  } catch {
    value = undefined;
  }
  if (!shape(value)) throw new AppError('import_unreadable', 410);
  return value as T;
}
/** A stored preview as far as the commit reads it: its rows and summary. */
const isPreview = (v: unknown) =>
  typeof v === 'object' && v !== null && Array.isArray((v as ImportPreview).rows) && typeof (v as ImportPreview).summary === 'object';

export class RosterImportService {
  /**
   * The rows to write of this process's latest previews, so that a commit soon after its preview does
   * not read back and parse the stored JSON (megabytes for 10,000 rows). The stored payload stays the
   * record: a commit after a restart, on another process or of an older preview reads it.
   */
  private readonly kept = new Map<string, { preview: ImportPreview; payload: PayloadRow[] }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly children: ChildService,
  ) {}

  /** Parse and check every row of an upload; nothing is written to the archives. */
  async preview(auth: Auth, input: { schoolId: string; classId?: string | null; fileName: string; data: Buffer; lang: Lang }): Promise<ImportPreview> {
    const { db } = this.ctx;
    const school = (await db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', input.schoolId).executeTakeFirst()) ?? notFound('school');
    if (!seesPlace(auth, { schoolId: school.id, regionPath: school.region_path })) notFound('school');
    const classes = await db.selectFrom('classes').select(['id', 'name', 'grade', 'active']).where('school_id', '=', school.id).execute();
    const chosen = input.classId ? classes.find((c) => c.id === input.classId) : undefined;
    if (input.classId && !chosen) throw new AppError('class_not_in_school', 422, {}, [{ path: 'classId', message: 'errors.class_not_in_school' }]);
    if (chosen && !toBool(chosen.active)) classInactive();
    if (!editsChild(auth, { schoolId: school.id, classId: input.classId ?? null })) forbidden();

    const sheet = readRoster(await loadSheets(input.data));
    const present = new Set(sheet.columns.map((c) => c.field).filter(Boolean));
    const missing = REQUIRED_FIELDS.filter((f) => !present.has(f) && !(f !== 'name' && present.has('idNumber')));
    if (missing.length)
      throw new AppError('import_missing_columns', 422, {
        columns: joinList(
          input.lang,
          missing.map((f) => headerOf(f as 'name', input.lang)),
        ),
      });

    const lang = input.lang;
    const job: RowJob = {
      lang,
      today: this.children.today(),
      schoolId: school.id,
      classId: input.classId ?? null,
      auth,
      columns: sheet.columns.map((c) => ({ header: c.header, field: c.field })),
      read: sheet.read,
      classes,
      existing: await childRepo.allOfSchool(db, school.id),
    };

    const rows: ImportRow[] = [];
    const payload: PayloadRow[] = [];
    const newIdNumbers: { idNumber: string; index: number }[] = [];
    for (const c of await checkRows(job, sheet.rows)) {
      if (!c) continue;
      const { row, name, outcome } = c;
      if (!outcome) {
        // A matched archive the caller may not keep (another class) is not named by its id.
        rows.push({ row, status: 'error', name, childId: c.visibleId, changed: [], errors: c.problems });
        continue;
      }
      if (outcome.action === 'update') {
        rows.push({ row, status: outcome.changed.length ? 'update' : 'unchanged', name, childId: outcome.childId, changed: outcome.changed, errors: [] });
        if (outcome.changed.length)
          payload.push({ row, action: 'update', childId: outcome.childId, version: outcome.version, name: name ?? '', values: outcome.values });
      } else {
        rows.push({ row, status: 'create', name, childId: null, changed: [], errors: [] });
        payload.push({ row, action: 'create', childId: newId(), version: 0, name: name ?? '', values: outcome.values });
        if (outcome.idNumber) newIdNumbers.push({ idNumber: outcome.idNumber, index: rows.length - 1 });
      }
    }
    // The template's example row alone is an empty file.
    if (!rows.length) throw new AppError('import_empty', 422);
    await this.rejectOtherSchools(db, school.id, newIdNumbers, rows, payload, fieldHeader(job, 'idNumber'), lang);

    const summary = { create: 0, update: 0, unchanged: 0, error: 0 };
    for (const r of rows) summary[r.status]++;
    const now = this.ctx.clock();
    const preview: ImportPreview = {
      importId: newId(),
      fileName: input.fileName,
      sheet: sheet.sheet,
      headerRow: sheet.headerRow,
      columns: sheet.columns.map((c) => ({
        header: c.header,
        field: c.field && !c.field.startsWith('_') ? c.field : c.field === '_ignore' ? null : (c.field ?? null),
        renamed: !!c.field && c.field !== '_ignore' && !isOwnName(c.header, c.field),
      })),
      summary,
      rows,
      expiresAt: new Date(now.getTime() + PREVIEW_HOURS * 3600_000).toISOString(),
    };
    // Serialised here, deflated in the thread pool, the two at once (packed-value.ts).
    const [summaryText, payloadText] = await Promise.all([packValue(preview), packValue(payload)]);
    await db
      .insertInto('roster_imports')
      .values({
        id: preview.importId,
        school_id: school.id,
        class_id: input.classId ?? null,
        user_id: auth.userId,
        file_name: input.fileName.slice(0, 255),
        status: 'preview',
        summary: summaryText,
        payload: payloadText,
        created_at: now.toISOString(),
        expires_at: preview.expiresAt,
      })
      .execute();
    this.kept.set(preview.importId, { preview, payload });
    let rowsKept = 0;
    for (const k of this.kept.values()) rowsKept += k.payload.length;
    for (const [id, k] of this.kept) {
      if (this.kept.size <= KEPT_PREVIEWS && rowsKept <= KEPT_ROWS) break;
      this.kept.delete(id);
      rowsKept -= k.payload.length;
    }
    return preview;
  }

  /** An ID number already archived in another school cannot be created here (the other school must transfer the child). */
  private async rejectOtherSchools(
    db: Tx,
    schoolId: string,
    ids: { idNumber: string; index: number }[],
    rows: ImportRow[],
    payload: PayloadRow[],
    column: string,
    lang: Lang,
  ) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const found = await db
        .selectFrom('children')
        .select('id_number')
        .where(
          'id_number',
          'in',
          chunk.map((c) => c.idNumber),
        )
        .where('school_id', '!=', schoolId)
        .execute();
      const taken = new Set(found.map((f) => f.id_number));
      for (const c of chunk) {
        if (!taken.has(c.idNumber)) continue;
        const row = rows[c.index] as ImportRow;
        row.status = 'error';
        row.errors.push({ column, message: translate(lang, 'validation.school_mismatch') });
        const at = payload.findIndex((p) => p.row === row.row);
        if (at >= 0) payload.splice(at, 1);
      }
    }
  }

  /** The stored preview of an import (its owner only). */
  async get(auth: Auth, importId: string): Promise<ImportPreview> {
    const imp = await this.load(importId, auth);
    return unpackStored<ImportPreview>(imp.summary, isPreview);
  }

  /** An import of the caller that has not expired, without its payload. */
  private async load(importId: string, auth: Auth) {
    const imp = await this.ctx.db
      .selectFrom('roster_imports')
      .select(['id', 'school_id', 'user_id', 'status', 'summary', 'expires_at'])
      .where('id', '=', importId)
      .executeTakeFirst();
    if (!imp || imp.user_id !== auth.userId || imp.expires_at < this.ctx.clock().toISOString()) throw new AppError('import_not_found', 404);
    return imp;
  }

  /**
   * The created children's rows, each made as it is written. The columns are those of one row per set
   * of filled fields (a row's columns follow only which fields it has).
   */
  private newRows(auth: Auth, creates: PayloadRow[], now: string): RowsAsBuilt {
    const make = (p: PayloadRow) => this.children.newRow(auth, p.childId, p.values as ChildValues, now);
    const columns = new Set<string>();
    const shapes = new Set<string>();
    for (const p of creates) {
      const shape = Object.keys(p.values).join('\t');
      if (shapes.has(shape)) continue;
      shapes.add(shape);
      for (const k of Object.keys(make(p))) columns.add(k);
    }
    return { length: creates.length, columns: [...columns], at: (i) => make(creates[i] as PayloadRow) };
  }

  /** Write the previewed rows in one transaction: all or nothing. */
  async commit(auth: Auth, importId: string, opts: { skipInvalid?: boolean | undefined }): Promise<ImportResult> {
    const imp = await this.load(importId, auth);
    if (imp.status !== 'preview') throw new AppError('import_already_committed', 409);
    const kept = this.kept.get(importId);
    const preview = kept?.preview ?? unpackStored<ImportPreview>(imp.summary, isPreview);
    if (preview.summary.error > 0 && !opts.skipInvalid) throw new AppError('import_has_errors', 422, { count: preview.summary.error });
    const payload =
      kept?.payload ??
      unpackStored<PayloadRow[]>(
        (await this.ctx.db.selectFrom('roster_imports').select('payload').where('id', '=', importId).executeTakeFirstOrThrow()).payload,
        Array.isArray,
      );
    const school = await this.ctx.db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', imp.school_id).executeTakeFirstOrThrow();
    const now = this.ctx.clock().toISOString();
    const creates = payload.filter((p) => p.action === 'create');
    const updates = payload.filter((p) => p.action === 'update');
    await this.ctx.db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable('roster_imports')
        // The payload has served its purpose: no second copy of the children's data is kept (and the
        // multi-megabyte row is not written again).
        .set({ status: 'committed', payload: '[]' })
        .where('id', '=', importId)
        .where('status', '=', 'preview')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('import_already_committed', 409);
      // A class deactivated since the preview takes none of its children (and is not deactivated while they go in).
      const classes = await holdClasses(
        tx,
        this.ctx.dialect,
        [...creates, ...updates].map((p) => p.values.classId as string | null | undefined),
      );
      const closed = classes.find((k) => !toBool(k.active));
      if (closed) throw new AppError('import_class_inactive', 409, { name: closed.name });
      // On PostgreSQL the COPY below then starts without first asking which connection is the transaction's.
      await this.ctx.copy?.ready(tx);
      const history: ReturnType<ChildService['historyRow']>[] = [];
      // Every row is the school's: its compliance stamp moves once, not once per child.
      await withStampHeld(tx, school.id, now, async () => {
        const inserting = withoutStampTrigger(tx, this.ctx, school.id, 'children', () =>
          insertRows(tx, this.ctx, 'children', this.newRows(auth, creates, now), 100),
        );
        inserting.catch(() => undefined);
        // On PostgreSQL the history rows are built while the server copies the children in, a slice at a
        // time so that the COPY stream is fed in between (on SQLite the insert is done by now); a failed
        // insert is thrown just below.
        await sent();
        for (const [i, p] of creates.entries()) {
          history.push(this.children.historyRow(auth, p.childId, school.id, 'import', preview.fileName, diffValues({}, p.values as ChildValues), now));
          if (i % 500 === 499) await sent();
        }
        await inserting;
        for (const u of updates) {
          const row = (await tx.selectFrom('children').selectAll().where('id', '=', u.childId).executeTakeFirst()) as ChildRowView | undefined;
          if (!row || row.version !== u.version) throw new AppError('import_stale', 409, { name: u.name });
          const before = valuesOf(row);
          const changes = diffValues(before, u.values as Partial<ChildValues>);
          const merged = { ...before, ...u.values } as ChildValues;
          const set = {
            ...columnsOf(u.values as Partial<ChildValues>),
            ...derivedColumns(merged),
            updated_at: now,
            class_id: (merged.classId as string | null) ?? null,
          };
          const res = await tx
            .updateTable('children')
            .set({ ...set, version: row.version + 1 } as never)
            .where('id', '=', u.childId)
            .where('version', '=', u.version)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw new AppError('import_stale', 409, { name: u.name });
          history.push(this.children.historyRow(auth, u.childId, school.id, 'import', preview.fileName, changes, now));
        }
      });
      await insertRows(tx, this.ctx, 'child_history', history, 200);
      const where = { entity: 'child', schoolId: school.id, regionPath: school.region_path };
      await this.audit.recordMany(tx, auth, [
        {
          action: 'roster.import',
          entity: 'roster_import',
          entityId: importId,
          schoolId: school.id,
          regionPath: school.region_path,
          summary: { file: preview.fileName, created: creates.length, updated: updates.length, skipped: preview.summary.error },
        },
        ...creates.map((p) => ({ ...where, action: 'child.create', entityId: p.childId, summary: { importId } })),
        ...updates.map((p) => ({ ...where, action: 'child.update', entityId: p.childId, summary: { importId, fields: Object.keys(p.values) } })),
      ]);
    });
    this.kept.delete(importId);
    return { created: creates.length, updated: updates.length };
  }
}

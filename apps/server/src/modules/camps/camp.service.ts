import { newId, type Row } from '@carebridge/db';
import {
  type Camp,
  type CampChild,
  type CampCreate,
  type CampGroup,
  type CampSession,
  type CampSummary,
  type CampUpdate,
  type CampVolunteerEntry,
  campUnits,
  type Lang,
  solveCamp,
  type Timetable,
  type TimetableCell,
} from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { removePhotoFiles } from '../care-records/photos.ts';
import { childVisible } from '../children/child.policy.ts';
import { type CampRow, createsCamp } from './camp.policy.ts';
import { cellProblems, checkSettings, childProblems, datesBetween, reject, sessionProblems, volunteerProblems } from './camp-checks.ts';
import { campWorkbook } from './camp-export.ts';
import { CampPhotos } from './camp-photos.ts';
import { dropDaysOutside, mergeSettings, refuseLosses, settingsRow } from './camp-settings.ts';
import { campSummary, solverInput, timetableReport } from './camp-timetable.ts';
import { campView, findCamp, listCamps } from './camp-view.ts';

/**
 * Volunteer camps (issue 10): settings, the session catalogue, volunteers, children in groups,
 * the solver and the hand-edited timetable, always returned with what the checker finds.
 * Reading is in camp-view.ts, the input rules in camp-checks.ts, the timetable's wording in
 * camp-timetable.ts, photos in camp-photos.ts.
 */
export class CampService {
  private readonly photos: CampPhotos;

  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {
    this.photos = new CampPhotos(ctx, audit);
  }

  list(auth: Auth, q: { schoolId?: string }): Promise<{ items: CampSummary[] }> {
    return listCamps(this.ctx.db, auth, q);
  }

  async get(auth: Auth, id: string): Promise<Camp> {
    const { r, volunteers, rights } = await findCamp(this.ctx.db, auth, id);
    return campView(this.ctx.db, auth, r, volunteers, rights);
  }

  async create(auth: Auth, input: CampCreate): Promise<Camp> {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', input.schoolId).executeTakeFirst()) ?? notFound('school');
    if (!createsCamp(auth, s.id)) forbidden();
    checkSettings(input);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('camps')
        .values({
          id,
          school_id: s.id,
          title: input.title,
          place: input.place || null,
          start_date: input.startDate,
          end_date: input.endDate,
          windows: JSON.stringify(input.windows),
          unit_minutes: input.unitMinutes,
          fixed_events: JSON.stringify(input.fixedEvents),
          max_lessons_in_row: input.maxLessonsInRow,
          groups: JSON.stringify(input.groups),
          sessions: '[]',
          timetable: '[]',
          created_by: auth.userId || null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'camp.create',
        entity: 'camp',
        entityId: id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { title: input.title },
      });
    });
    return this.get(auth, id);
  }

  /** Whether findCamp locks the camp row (PostgreSQL; SQLite runs one write transaction at a time). */
  private get locks(): boolean {
    return this.ctx.dialect === 'postgres';
  }

  /**
   * Change something of the camp in one transaction with the version check, audit and a new version;
   * the camp row is locked first, so a photo added or re-dated meanwhile waits or is seen (camp-photos.ts).
   */
  private async change(auth: Auth, id: string, version: number, action: string, fn: (tx: Tx, r: CampRow) => Promise<Partial<Row<'camps'>>>): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await findCamp(tx, auth, id, this.locks);
      if (!rights.edits) forbidden();
      if (r.version !== version) versionConflict('camp');
      const set = await fn(tx, r);
      const res = await tx
        .updateTable('camps')
        .set({ ...set, version: r.version + 1, updated_at: this.ctx.clock().toISOString() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('camp');
      await this.audit.record(tx, auth, { action, entity: 'camp', entityId: id, schoolId: r.school_id, regionPath: r.region_path, summary: {} });
    });
  }

  /** Settings, refused where they would lose or break something (camp-settings.ts); what no longer exists goes in the same transaction. */
  async update(auth: Auth, id: string, input: CampUpdate): Promise<Camp> {
    await this.change(auth, id, input.version, 'camp.update', async (tx, r) => {
      const settings = mergeSettings(r, input);
      checkSettings(settings);
      await refuseLosses(tx, r, settings, auth.lang);
      await dropDaysOutside(tx, id, datesBetween(settings.startDate, settings.endDate));
      return settingsRow(r, settings);
    });
    return this.get(auth, id);
  }

  /** The photos' files are listed on the locked camp row: a photo uploaded meanwhile is listed, or finds the camp gone. */
  async remove(auth: Auth, id: string): Promise<void> {
    const files = await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await findCamp(tx, auth, id, this.locks);
      if (!rights.edits) forbidden();
      const files = await tx.selectFrom('camp_photos').select('path').where('camp_id', '=', id).execute();
      await tx.deleteFrom('camps').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'camp.delete',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { title: r.title },
      });
      return files;
    });
    // The rows went with the camp (cascade); the files follow once the deletion is committed.
    await removePhotoFiles(
      this.ctx.config.dataDir,
      files.map((f) => f.path),
    );
  }

  async setSessions(auth: Auth, id: string, items: CampSession[], version: number): Promise<Camp> {
    await this.change(auth, id, version, 'camp.sessions', async (tx, r) => {
      const groups = (JSON.parse(r.groups) as CampGroup[]).map((g) => g.id);
      reject(sessionProblems(items, groups));
      // Volunteers keep only sessions that still exist; cells of removed sessions go.
      const ids = new Set(items.map((x) => x.id));
      const volunteers = await tx.selectFrom('camp_volunteers').select(['id', 'session_ids']).where('camp_id', '=', id).execute();
      for (const v of volunteers) {
        const kept = (JSON.parse(v.session_ids) as string[]).filter((x) => ids.has(x));
        await tx
          .updateTable('camp_volunteers')
          .set({ session_ids: JSON.stringify(kept) })
          .where('camp_id', '=', id)
          .where('id', '=', v.id)
          .execute();
      }
      const cells = (JSON.parse(r.timetable) as TimetableCell[]).filter((c) => ids.has(c.sessionId));
      return { sessions: JSON.stringify(items), timetable: JSON.stringify(cells) };
    });
    return this.get(auth, id);
  }

  async setVolunteers(auth: Auth, id: string, items: CampVolunteerEntry[], version: number): Promise<Camp> {
    await this.change(auth, id, version, 'camp.volunteers', async (tx, r) => {
      const userIds = items.map((v) => v.userId).filter((u): u is string => !!u);
      // Accounts must be volunteers (or staff) of the host school.
      const members = userIds.length
        ? new Set(
            (await tx.selectFrom('role_assignments').select('user_id').where('user_id', 'in', userIds).where('school_id', '=', r.school_id).execute()).map(
              (m) => m.user_id,
            ),
          )
        : new Set<string>();
      const sessions = (JSON.parse(r.sessions) as CampSession[]).map((s) => s.id);
      reject(volunteerProblems(items, sessions, members, r));
      await tx.deleteFrom('camp_volunteers').where('camp_id', '=', id).execute();
      if (items.length)
        await tx
          .insertInto('camp_volunteers')
          .values(
            items.map((v, i) => ({
              id: v.id,
              camp_id: id,
              user_id: v.userId ?? null,
              name: v.name,
              phone: v.phone ?? null,
              leader: v.leader ? 1 : 0,
              session_ids: JSON.stringify(v.sessionIds),
              available: v.available ? JSON.stringify(v.available) : null,
              max_units: v.maxUnits ?? null,
              sort_order: i,
            })),
          )
          .execute();
      return {};
    });
    return this.get(auth, id);
  }

  /** Children of the archive must be ones the caller sees, of the host school. */
  async setChildren(auth: Auth, id: string, items: CampChild[], version: number): Promise<Camp> {
    await this.change(auth, id, version, 'camp.children', async (tx, r) => {
      const childIds = [...new Set(items.map((c) => c.childId).filter((c): c is string => !!c))];
      const seen = childIds.length
        ? new Set(
            (
              await tx
                .selectFrom('children as c')
                .select('c.id')
                .where('c.id', 'in', childIds)
                .where('c.school_id', '=', r.school_id)
                .where(childVisible(auth, 'c'))
                .execute()
            ).map((c) => c.id),
          )
        : new Set<string>();
      reject(childProblems(items, JSON.parse(r.groups) as CampGroup[], seen));
      await tx.deleteFrom('camp_children').where('camp_id', '=', id).execute();
      if (items.length)
        await tx
          .insertInto('camp_children')
          .values(
            items.map((c, i) => ({
              id: c.id,
              camp_id: id,
              child_id: c.childId ?? null,
              name: c.name,
              grade: c.grade ?? null,
              group_id: c.groupId,
              sort_order: i,
            })),
          )
          .execute();
      return {};
    });
    return this.get(auth, id);
  }

  async timetable(auth: Auth, id: string, lang: Lang): Promise<Timetable> {
    const { r, volunteers, rights } = await findCamp(this.ctx.db, auth, id);
    const c = await campView(this.ctx.db, auth, r, volunteers, rights);
    return timetableReport(c, JSON.parse(r.timetable) as TimetableCell[], lang);
  }

  /** The timetable workbook (camp-export.ts) of one reading of the camp; the export is audited. */
  async exportTimetable(auth: Auth, id: string, lang: Lang): Promise<{ fileName: string; data: Buffer }> {
    const { r, volunteers, rights } = await findCamp(this.ctx.db, auth, id);
    const c = await campView(this.ctx.db, auth, r, volunteers, rights);
    const data = await campWorkbook(c, campUnits(c.days, c.windows, c.unitMinutes), JSON.parse(r.timetable) as TimetableCell[], lang);
    await this.audit.record(this.ctx.db, auth, {
      action: 'camp.export',
      entity: 'camp',
      entityId: id,
      schoolId: r.school_id,
      regionPath: r.region_path,
      summary: {},
    });
    return { fileName: `${c.title}.xlsx`, data };
  }

  /** Save a hand-edited grid. Clashes are allowed to be saved (the editor shows them); unknown references are not. */
  async putTimetable(auth: Auth, id: string, cells: TimetableCell[], version: number, lang: Lang): Promise<Timetable> {
    const before = await this.get(auth, id);
    reject(cellProblems(cells, before, campUnits(before.days, before.windows, before.unitMinutes).length));
    await this.change(auth, id, version, 'camp.timetable', async () => ({ timetable: JSON.stringify(cells) }));
    return this.timetable(auth, id, lang);
  }

  /** Fill the grid; locked cells survive. Deterministic for the same camp. */
  async solve(auth: Auth, id: string, keepLocked: boolean, lang: Lang): Promise<Timetable> {
    const { r, volunteers, rights } = await findCamp(this.ctx.db, auth, id);
    if (!rights.edits) forbidden();
    const c = await campView(this.ctx.db, auth, r, volunteers, rights);
    if (!c.groups.length || !c.sessions.length || !c.volunteers.length) throw new AppError('camp_incomplete', 422);
    const result = solveCamp(solverInput(c, JSON.parse(r.timetable) as TimetableCell[], keepLocked));
    const now = this.ctx.clock().toISOString();
    await this.change(auth, id, r.version, 'camp.solve', async () => ({ timetable: JSON.stringify(result.cells), solved_at: now }));
    const after = await this.get(auth, id);
    return timetableReport(after, result.cells, lang, result);
  }

  /** After the camp: children, units taught by subject (for the briefing). */
  async summary(auth: Auth, id: string) {
    const c = await this.get(auth, id);
    const cells = JSON.parse(
      (await this.ctx.db.selectFrom('camps').select('timetable').where('id', '=', id).executeTakeFirstOrThrow()).timetable,
    ) as TimetableCell[];
    return campSummary(c, cells);
  }

  // ---- Photos (camp-photos.ts); each change answers the camp as it is now ----

  async addPhoto(auth: Auth, id: string, data: Buffer, fields: { caption?: string; date?: string }): Promise<Camp> {
    await this.photos.add(auth, id, data, fields);
    return this.get(auth, id);
  }

  photo(auth: Auth, id: string, photoId: string, thumb: boolean): Promise<Buffer> {
    return this.photos.read(auth, id, photoId, thumb);
  }

  async updatePhoto(auth: Auth, id: string, photoId: string, body: { caption?: string | null; date?: string }): Promise<Camp> {
    await this.photos.update(auth, id, photoId, body);
    return this.get(auth, id);
  }

  async removePhoto(auth: Auth, id: string, photoId: string): Promise<Camp> {
    await this.photos.remove(auth, id, photoId);
    return this.get(auth, id);
  }
}

import { join } from 'node:path';
import { newId, type Row } from '@carebridge/db';
import {
  type Camp,
  type CampChild,
  type CampCreate,
  type CampGroup,
  type CampInput,
  type CampSession,
  type CampSummary,
  type CampUpdate,
  type CampVolunteerEntry,
  campInput,
  campNames,
  campUnits,
  checkTimetable,
  describeCampViolation,
  explain,
  type FixedEvent,
  type Lang,
  solveCamp,
  type Timetable,
  type TimetableCell,
  translate,
} from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { normalisePhoto, readPhoto, removePhoto, savePhoto, thumbPath } from '../care-records/photos.ts';
import { childVisible } from '../children/child.policy.ts';

type CampRow = Row<'camps'> & { school_name: string; region_path: string };

/** A camp is a few days to a few weeks. */
const MAX_DAYS = 60;
/** Photos a camp keeps (the briefing offers a handful). */
const MAX_PHOTOS = 200;

const invalid = (fields: { path: string; message: string }[], status = 422): never => {
  throw new AppError('validation_failed', status, {}, fields);
};

function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && out.length <= MAX_DAYS; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

/**
 * Volunteer camps (issue 10): settings, the session catalogue, volunteers, children in groups,
 * the solver and the hand-edited timetable, always returned with what the checker finds.
 */
export class CampService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  /** The school's leaders, administrators, the camp's creator and its volunteer leaders edit it; everyone at the school and its volunteers read it. */
  private rights(auth: Auth, r: CampRow, volunteers: { user_id: string | null; leader: number }[]) {
    const school = auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === r.school_id);
    const leader = volunteers.some((v) => v.leader === 1 && !!auth.userId && v.user_id === auth.userId);
    const edits = auth.scope.global || school || leader || (!!auth.userId && r.created_by === auth.userId);
    const reads =
      edits ||
      auth.roles.some((a) => a.scopeId === r.school_id || a.schoolId === r.school_id) ||
      auth.scope.regionPaths.some((p) => r.region_path.startsWith(p)) ||
      volunteers.some((v) => !!auth.userId && v.user_id === auth.userId);
    const photos = edits || volunteers.some((v) => !!auth.userId && v.user_id === auth.userId);
    return { reads, edits, photos };
  }

  private async find(auth: Auth, id: string, db: Tx = this.ctx.db) {
    const r = (await db
      .selectFrom('camps as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .selectAll('c')
      .select(['s.name as school_name', 's.region_path'])
      .where('c.id', '=', id)
      .executeTakeFirst()) as CampRow | undefined;
    if (!r) return notFound('camp');
    const volunteers = await db.selectFrom('camp_volunteers').selectAll().where('camp_id', '=', id).orderBy('sort_order').execute();
    const rights = this.rights(auth, r, volunteers);
    if (!rights.reads) notFound('camp');
    return { r, volunteers, rights };
  }

  async list(auth: Auth, q: { schoolId?: string }): Promise<{ items: CampSummary[] }> {
    let query = this.ctx.db
      .selectFrom('camps as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select(['c.id', 'c.school_id', 's.name as school_name', 'c.title', 'c.place', 'c.start_date', 'c.end_date', 'c.groups', 'c.solved_at'])
      .select([
        sql<number>`(select count(*) from camp_children cc where cc.camp_id = c.id)`.as('children'),
        sql<number>`(select count(*) from camp_volunteers cv where cv.camp_id = c.id)`.as('volunteers'),
      ]);
    if (!auth.scope.global) {
      const schools = [...new Set(auth.roles.map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null)).filter((x): x is string => !!x))];
      query = query.where((eb) =>
        eb.or([
          ...(schools.length ? [eb('c.school_id', 'in', schools)] : []),
          ...auth.scope.regionPaths.map((p) => eb('s.region_path', 'like', `${p}%`)),
          eb(
            'c.id',
            'in',
            eb
              .selectFrom('camp_volunteers')
              .select('camp_id')
              .where('user_id', '=', auth.userId || '-'),
          ),
        ]),
      );
    }
    if (q.schoolId) query = query.where('c.school_id', '=', q.schoolId);
    const rows = await query.orderBy('c.start_date', 'desc').limit(200).execute();
    return {
      items: rows.map((c) => ({
        id: c.id,
        schoolId: c.school_id,
        schoolName: c.school_name,
        title: c.title,
        place: c.place,
        startDate: c.start_date,
        endDate: c.end_date,
        groups: (JSON.parse(c.groups) as unknown[]).length,
        children: Number(c.children),
        volunteers: Number(c.volunteers),
        solvedAt: c.solved_at,
      })),
    };
  }

  private async view(auth: Auth, r: CampRow, volunteers: Row<'camp_volunteers'>[], rights: { edits: boolean; photos: boolean }): Promise<Camp> {
    const children = await this.ctx.db.selectFrom('camp_children').selectAll().where('camp_id', '=', r.id).orderBy('sort_order').execute();
    const photos = await this.ctx.db
      .selectFrom('camp_photos as p')
      .leftJoin('users as u', 'u.id', 'p.created_by')
      .selectAll('p')
      .select('u.name as author')
      .where('p.camp_id', '=', r.id)
      .orderBy('p.date')
      .orderBy('p.created_at')
      .execute();
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      title: r.title,
      place: r.place,
      startDate: r.start_date,
      endDate: r.end_date,
      days: datesBetween(r.start_date, r.end_date),
      windows: JSON.parse(r.windows),
      unitMinutes: r.unit_minutes,
      fixedEvents: JSON.parse(r.fixed_events),
      maxLessonsInRow: r.max_lessons_in_row,
      groups: JSON.parse(r.groups),
      sessions: JSON.parse(r.sessions),
      volunteers: volunteers.map((v) => ({
        id: v.id,
        userId: v.user_id,
        name: v.name,
        phone: v.phone,
        leader: v.leader === 1,
        sessionIds: JSON.parse(v.session_ids),
        ...(v.available ? { available: JSON.parse(v.available) } : {}),
        ...(v.max_units !== null ? { maxUnits: v.max_units } : {}),
      })),
      children: children.map((c) => ({ id: c.id, childId: c.child_id, name: c.name, grade: c.grade, groupId: c.group_id })),
      photos: photos.map((p) => ({
        id: p.id,
        date: p.date,
        caption: p.caption,
        url: `/api/camps/${r.id}/photos/${p.id}`,
        thumbUrl: `/api/camps/${r.id}/photos/${p.id}?size=thumb`,
        width: p.width,
        height: p.height,
        createdBy: p.author,
        createdAt: p.created_at,
        canEdit: rights.edits || (!!auth.userId && p.created_by === auth.userId),
      })),
      solvedAt: r.solved_at,
      canEdit: rights.edits,
      canAddPhotos: rights.photos,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  async get(auth: Auth, id: string): Promise<Camp> {
    const { r, volunteers, rights } = await this.find(auth, id);
    return this.view(auth, r, volunteers, rights);
  }

  /** Dates in order and not too many; windows and fixed events inside the camp; group ids unique. */
  private checkSettings(s: { startDate: string; endDate: string; windows: { start: string; end: string }[]; fixedEvents: FixedEvent[]; groups: CampGroup[] }) {
    const problems: { path: string; message: string }[] = [];
    if (s.endDate < s.startDate) problems.push({ path: 'endDate', message: 'validation.date_order' });
    else if (datesBetween(s.startDate, s.endDate).length > MAX_DAYS) problems.push({ path: 'endDate', message: 'errors.camp_too_long' });
    // Overlaps are reported on the window as the user typed it (its index in the request).
    const order = s.windows.map((w, i) => ({ ...w, i })).sort((a, b) => a.start.localeCompare(b.start));
    for (let j = 1; j < order.length; j++) {
      const cur = order[j] as { start: string; i: number };
      if (cur.start < (order[j - 1] as { end: string }).end) problems.push({ path: `windows.${cur.i}`, message: 'errors.camp_windows_overlap' });
    }
    s.fixedEvents.forEach((e, i) => {
      if (e.date < s.startDate || e.date > s.endDate) problems.push({ path: `fixedEvents.${i}.date`, message: 'errors.camp_date_outside' });
      for (const g of e.groupIds ?? [])
        if (!s.groups.some((x) => x.id === g)) problems.push({ path: `fixedEvents.${i}.groupIds`, message: 'errors.camp_unknown_group' });
    });
    const ids = s.groups.map((g) => g.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push({ path: `groups.${i}.id`, message: 'errors.camp_duplicate_id' });
    });
    if (problems.length) invalid(problems);
  }

  async create(auth: Auth, input: CampCreate): Promise<Camp> {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', input.schoolId).executeTakeFirst()) ?? notFound('school');
    const allowed = auth.scope.global || auth.roles.some((a) => ['school_leader', 'moral_education', 'volunteer'].includes(a.role) && a.scopeId === s.id);
    if (!allowed) forbidden();
    this.checkSettings(input);
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

  /** Change something of the camp in one transaction with the version check, audit and a new version. */
  private async change(auth: Auth, id: string, version: number, action: string, fn: (tx: Tx, r: CampRow) => Promise<Partial<Row<'camps'>>>): Promise<void> {
    await this.ctx.db.transaction().execute(async (tx) => {
      const { r, rights } = await this.find(auth, id, tx);
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

  async update(auth: Auth, id: string, input: CampUpdate): Promise<Camp> {
    await this.change(auth, id, input.version, 'camp.update', async (_tx, r) => {
      const merged = {
        startDate: input.startDate ?? r.start_date,
        endDate: input.endDate ?? r.end_date,
        windows: input.windows ?? JSON.parse(r.windows),
        fixedEvents: input.fixedEvents ?? JSON.parse(r.fixed_events),
        groups: input.groups ?? JSON.parse(r.groups),
      };
      this.checkSettings(merged);
      // What no longer exists goes: sessions' groups, cells of removed groups or of units past the new end.
      const groupIds = new Set((merged.groups as CampGroup[]).map((g) => g.id));
      const units = campUnits(datesBetween(merged.startDate, merged.endDate), merged.windows, input.unitMinutes ?? r.unit_minutes).length;
      const sessions = (JSON.parse(r.sessions) as CampSession[]).map((x) => (x.groupIds ? { ...x, groupIds: x.groupIds.filter((g) => groupIds.has(g)) } : x));
      const cells = (JSON.parse(r.timetable) as TimetableCell[]).filter((c) => groupIds.has(c.groupId) && c.unitIndex < units);
      return {
        sessions: JSON.stringify(sessions),
        timetable: JSON.stringify(cells),
        title: input.title ?? r.title,
        place: input.place === undefined ? r.place : input.place || null,
        start_date: merged.startDate,
        end_date: merged.endDate,
        windows: JSON.stringify(merged.windows),
        unit_minutes: input.unitMinutes ?? r.unit_minutes,
        fixed_events: JSON.stringify(merged.fixedEvents),
        max_lessons_in_row: input.maxLessonsInRow ?? r.max_lessons_in_row,
        groups: JSON.stringify(merged.groups),
      };
    });
    return this.get(auth, id);
  }

  async remove(auth: Auth, id: string): Promise<void> {
    const { r, rights } = await this.find(auth, id);
    if (!rights.edits) forbidden();
    const files = await this.ctx.db.selectFrom('camp_photos').select('path').where('camp_id', '=', id).execute();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('camps').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'camp.delete',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { title: r.title },
      });
    });
    // The rows went with the camp (cascade); the files follow once the deletion is committed.
    for (const f of files) await Promise.all([removePhoto(this.ctx.config.dataDir, f.path), removePhoto(this.ctx.config.dataDir, thumbPath(f.path))]);
  }

  async setSessions(auth: Auth, id: string, items: CampSession[], version: number): Promise<Camp> {
    await this.change(auth, id, version, 'camp.sessions', async (tx, r) => {
      const groups = (JSON.parse(r.groups) as CampGroup[]).map((g) => g.id);
      const problems: { path: string; message: string }[] = [];
      items.forEach((s, i) => {
        if (items.findIndex((x) => x.id === s.id) !== i) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
        for (const g of s.groupIds ?? []) if (!groups.includes(g)) problems.push({ path: `items.${i}.groupIds`, message: 'errors.camp_unknown_group' });
      });
      if (problems.length) invalid(problems);
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
      const sessions = (JSON.parse(r.sessions) as CampSession[]).map((s) => s.id);
      const problems: { path: string; message: string }[] = [];
      const userIds = items.map((v) => v.userId).filter((u): u is string => !!u);
      // Accounts must be volunteers (or staff) of the host school.
      const members = userIds.length
        ? new Set(
            (await tx.selectFrom('role_assignments').select('user_id').where('user_id', 'in', userIds).where('school_id', '=', r.school_id).execute()).map(
              (m) => m.user_id,
            ),
          )
        : new Set<string>();
      items.forEach((v, i) => {
        if (items.findIndex((x) => x.id === v.id) !== i) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
        if (v.userId && !members.has(v.userId)) problems.push({ path: `items.${i}.userId`, message: 'errors.not_a_member' });
        for (const s of v.sessionIds) if (!sessions.includes(s)) problems.push({ path: `items.${i}.sessionIds`, message: 'errors.camp_unknown_session' });
        (v.available ?? []).forEach((a, j) => {
          if (a.date < r.start_date || a.date > r.end_date) problems.push({ path: `items.${i}.available.${j}.date`, message: 'errors.camp_date_outside' });
        });
      });
      if (problems.length) invalid(problems);
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
      const groups = (JSON.parse(r.groups) as CampGroup[]).map((g) => g.id);
      const problems: { path: string; message: string }[] = [];
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
      const sizes = new Map<string, number>();
      items.forEach((c, i) => {
        if (items.findIndex((x) => x.id === c.id) !== i) problems.push({ path: `items.${i}.id`, message: 'errors.camp_duplicate_id' });
        if (!groups.includes(c.groupId)) problems.push({ path: `items.${i}.groupId`, message: 'errors.camp_unknown_group' });
        if (c.childId && !seen.has(c.childId)) problems.push({ path: `items.${i}.childId`, message: 'errors.camp_child_unknown' });
        sizes.set(c.groupId, (sizes.get(c.groupId) ?? 0) + 1);
      });
      (JSON.parse(r.groups) as CampGroup[]).forEach((g, i) => {
        if (g.size && (sizes.get(g.id) ?? 0) > g.size) problems.push({ path: `groups.${i}.size`, message: 'errors.camp_group_full' });
      });
      if (problems.length) invalid(problems);
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

  /** The solver's input from the stored camp; locked cells of the timetable are kept when asked. */
  private input(c: Camp, cells: TimetableCell[], keepLocked: boolean): CampInput {
    const locked = keepLocked
      ? cells.filter((x) => x.locked).map(({ groupId, unitIndex, sessionId, volunteerId }) => ({ groupId, unitIndex, sessionId, volunteerId }))
      : [];
    return { ...campInput(c), locked };
  }

  /** The timetable with the checker's findings, worded for the caller. */
  private report(c: Camp, cells: TimetableCell[], lang: Lang, solved?: ReturnType<typeof solveCamp>): Timetable {
    const input = this.input(c, cells, false);
    const names = campNames(input);
    const check = checkTimetable(input, cells);
    const loads: Record<string, number> = Object.fromEntries(c.volunteers.map((v) => [v.id, 0]));
    for (const cell of cells) loads[cell.volunteerId] = (loads[cell.volunteerId] ?? 0) + 1;
    return {
      units: campUnits(input.days, input.windows, input.unitMinutes),
      cells,
      violations: check.violations.map((v) => ({ code: v.code, cells: v.cells, text: describeCampViolation(v, lang, names) })),
      // Right after solving, each shortfall comes with the solver's reason; after hand edits, as a count.
      unmet: check.unmet.map((u) => {
        const why = solved?.unmet.find((x) => x.groupId === u.groupId && x.sessionId === u.sessionId && x.got === u.got);
        const text = why
          ? explain(why, lang, names)
          : translate(lang, 'camps.shortfall', {
              group: names.groups?.[u.groupId] ?? u.groupId,
              session: names.sessions?.[u.sessionId] ?? u.sessionId,
              got: u.got,
              required: u.required,
            });
        return { ...u, text };
      }),
      problems: (solved?.problems ?? []).map((p) => ({ code: p.code, text: explain(p, lang, names) })),
      loads,
      solvedAt: c.solvedAt,
      version: c.version,
    };
  }

  async timetable(auth: Auth, id: string, lang: Lang): Promise<Timetable> {
    const { r, volunteers, rights } = await this.find(auth, id);
    const c = await this.view(auth, r, volunteers, rights);
    return this.report(c, JSON.parse(r.timetable) as TimetableCell[], lang);
  }

  /** Save a hand-edited grid. Clashes are allowed to be saved (the editor shows them); unknown references are not. */
  async putTimetable(auth: Auth, id: string, cells: TimetableCell[], version: number, lang: Lang): Promise<Timetable> {
    const before = await this.get(auth, id);
    const units = campUnits(before.days, before.windows, before.unitMinutes).length;
    const problems: { path: string; message: string }[] = [];
    cells.forEach((x, i) => {
      if (!before.groups.some((g) => g.id === x.groupId)) problems.push({ path: `cells.${i}.groupId`, message: 'errors.camp_unknown_group' });
      if (!before.sessions.some((s) => s.id === x.sessionId)) problems.push({ path: `cells.${i}.sessionId`, message: 'errors.camp_unknown_session' });
      if (!before.volunteers.some((v) => v.id === x.volunteerId)) problems.push({ path: `cells.${i}.volunteerId`, message: 'errors.camp_unknown_volunteer' });
      if (x.unitIndex >= units) problems.push({ path: `cells.${i}.unitIndex`, message: 'errors.camp_unknown_unit' });
    });
    if (problems.length) invalid(problems);
    await this.change(auth, id, version, 'camp.timetable', async () => ({ timetable: JSON.stringify(cells) }));
    return this.timetable(auth, id, lang);
  }

  /** Fill the grid; locked cells survive. Deterministic for the same camp. */
  async solve(auth: Auth, id: string, keepLocked: boolean, lang: Lang): Promise<Timetable> {
    const { r, volunteers, rights } = await this.find(auth, id);
    if (!rights.edits) forbidden();
    const c = await this.view(auth, r, volunteers, rights);
    if (!c.groups.length || !c.sessions.length || !c.volunteers.length) throw new AppError('camp_incomplete', 422);
    const result = solveCamp(this.input(c, JSON.parse(r.timetable) as TimetableCell[], keepLocked));
    const now = this.ctx.clock().toISOString();
    await this.change(auth, id, r.version, 'camp.solve', async () => ({ timetable: JSON.stringify(result.cells), solved_at: now }));
    const after = await this.get(auth, id);
    return this.report(after, result.cells, lang, result);
  }

  /** After the camp: children, units taught by subject (for the briefing). */
  async summary(auth: Auth, id: string) {
    const c = await this.get(auth, id);
    const cells = JSON.parse(
      (await this.ctx.db.selectFrom('camps').select('timetable').where('id', '=', id).executeTakeFirstOrThrow()).timetable,
    ) as TimetableCell[];
    const subject = new Map(c.sessions.map((s) => [s.id, s.subject]));
    const by = new Map<string, number>();
    for (const cell of cells) by.set(subject.get(cell.sessionId) ?? '?', (by.get(subject.get(cell.sessionId) ?? '?') ?? 0) + 1);
    return {
      children: c.children.length,
      groups: c.groups.length,
      volunteers: c.volunteers.length,
      units: cells.length,
      photos: c.photos.length,
      bySubject: [...by].map(([s, units]) => ({ subject: s, units })).sort((a, b) => b.units - a.units),
    };
  }

  // ---- Photos (taken by volunteers and staff during the camp; offered to the briefing) ----

  /** The photo's camp day: the one given, else today when the camp is on, else the nearest camp day. */
  private photoDate(r: CampRow, date: string | undefined): string {
    if (date !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < r.start_date || date > r.end_date) invalid([{ path: 'date', message: 'errors.camp_date_outside' }], 400);
      return date;
    }
    // The middle of the three (ISO dates sort as text) is today clamped into the camp.
    return [r.start_date, shanghaiDate(this.ctx.clock()), r.end_date].sort()[1] ?? r.start_date;
  }

  async addPhoto(auth: Auth, id: string, data: Buffer, fields: { caption?: string; date?: string }): Promise<Camp> {
    const { r, rights } = await this.find(auth, id);
    if (!rights.photos) forbidden();
    const caption = fields.caption?.trim() || null;
    if (caption && caption.length > 100) invalid([{ path: 'caption', message: 'errors.camp_photo_caption' }], 400);
    const date = this.photoDate(r, fields.date || undefined);
    const count = await this.ctx.db
      .selectFrom('camp_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('camp_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_PHOTOS) throw new AppError('camp_photo_count', 422, { max: MAX_PHOTOS });
    const p = await normalisePhoto(data, this.ctx.config.photoMaxBytes);
    const photoId = newId();
    const path = join('camps', r.school_id, id, `${photoId}.jpg`);
    await savePhoto(this.ctx.config.dataDir, path, p.jpeg);
    await savePhoto(this.ctx.config.dataDir, thumbPath(path), p.thumb);
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('camp_photos')
          .values({
            id: photoId,
            camp_id: id,
            school_id: r.school_id,
            date,
            caption,
            path,
            width: p.width,
            height: p.height,
            size: p.jpeg.length,
            created_by: auth.userId || null,
            created_at: this.ctx.clock().toISOString(),
          })
          .execute();
        await this.audit.record(tx, auth, {
          action: 'camp.photo',
          entity: 'camp',
          entityId: id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: { date, caption },
        });
      });
    } catch (err) {
      // Nothing half-written: the files go if the row could not be kept.
      await Promise.all([removePhoto(this.ctx.config.dataDir, path), removePhoto(this.ctx.config.dataDir, thumbPath(path))]);
      throw err;
    }
    return this.get(auth, id);
  }

  private async ownPhoto(auth: Auth, id: string, photoId: string) {
    const { r, rights } = await this.find(auth, id);
    const p =
      (await this.ctx.db.selectFrom('camp_photos').selectAll().where('id', '=', photoId).where('camp_id', '=', id).executeTakeFirst()) ?? notFound('camp');
    return { r, rights, p, mine: rights.edits || (!!auth.userId && p.created_by === auth.userId) };
  }

  async photo(auth: Auth, id: string, photoId: string, thumb: boolean): Promise<Buffer> {
    const { p } = await this.ownPhoto(auth, id, photoId);
    return readPhoto(this.ctx.config.dataDir, thumb ? thumbPath(p.path) : p.path);
  }

  async updatePhoto(auth: Auth, id: string, photoId: string, body: { caption?: string | null; date?: string }): Promise<Camp> {
    const { r, p, mine } = await this.ownPhoto(auth, id, photoId);
    if (!mine) forbidden();
    const date = body.date === undefined ? p.date : this.photoDate(r, body.date);
    const caption = body.caption === undefined ? p.caption : body.caption?.trim() || null;
    if (caption && caption.length > 100) invalid([{ path: 'caption', message: 'errors.camp_photo_caption' }], 400);
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('camp_photos').set({ date, caption }).where('id', '=', photoId).execute();
      await this.audit.record(tx, auth, {
        action: 'camp.photo_update',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { date, caption },
      });
    });
    return this.get(auth, id);
  }

  async removePhoto(auth: Auth, id: string, photoId: string): Promise<Camp> {
    const { r, p, mine } = await this.ownPhoto(auth, id, photoId);
    if (!mine) forbidden();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('camp_photos').where('id', '=', photoId).execute();
      await this.audit.record(tx, auth, {
        action: 'camp.photo_delete',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { date: p.date, caption: p.caption },
      });
    });
    await Promise.all([removePhoto(this.ctx.config.dataDir, p.path), removePhoto(this.ctx.config.dataDir, thumbPath(p.path))]);
    return this.get(auth, id);
  }
}

import { newId, type Row } from '@carebridge/db';
import type { DonationCreate, EventUpdate, TeamUpdate } from '@carebridge/shared';
import { checkTeam, type EventCreate, type EventView, type Lang, type Team, type TeamCreate, type TeamMember, TeamRules, translate } from '@carebridge/shared';
import type { z } from 'zod';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';

type EventRow = Row<'events'>;

/** Who registers a school's teams: its leader and moral-education office. */
const registersFor = (auth: Auth, schoolId: string) =>
  auth.scope.global || auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === schoolId);

/**
 * Events with team registration (篇五): a registration period and deadline, units that may
 * register, team rules checked on every save and enforced on submit, review (approve / return
 * with a reason) by the organiser, and linked welfare donations.
 */
export class EventService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  /** The organiser: bureau officers over the event's region, or the organising school's leaders. */
  private organises(auth: Auth, e: EventRow): boolean {
    if (auth.scope.global) return true;
    if (e.school_id) return auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === e.school_id);
    return auth.scope.regionPaths.some((p) => e.scope_path.startsWith(p));
  }

  /** Schools that may register: the listed ones, or every school under the organiser. */
  private async units(e: EventRow): Promise<{ id: string; name: string }[]> {
    const ids = JSON.parse(e.unit_ids) as string[];
    let q = this.ctx.db.selectFrom('schools').select(['id', 'name']);
    q = ids.length ? q.where('id', 'in', ids) : e.school_id ? q.where('id', '=', e.school_id) : q.where(pathUnder(e.scope_path, 'region_path'));
    return q.orderBy('name').execute();
  }

  private async find(auth: Auth, id: string) {
    const e = (await this.ctx.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('event');
    const units = await this.units(e);
    const mine = units.some((u) => auth.scope.schoolIds.includes(u.id) || auth.scope.classSchoolIds.includes(u.id));
    if (!this.organises(auth, e) && !mine && !auth.scope.regionPaths.some((p) => e.scope_path.startsWith(p))) notFound('event');
    return { e, units };
  }

  private async view(auth: Auth, e: EventRow, units: { id: string; name: string }[]): Promise<EventView> {
    const teams = await this.ctx.db
      .selectFrom('event_teams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', e.id)
      .executeTakeFirstOrThrow();
    const organiser = e.school_id
      ? (await this.ctx.db.selectFrom('schools').select('name').where('id', '=', e.school_id).executeTakeFirst())?.name
      : (
          await this.ctx.db
            .selectFrom('regions')
            .select('name')
            .where('id', '=', e.region_id ?? '')
            .executeTakeFirst()
        )?.name;
    const today = this.today();
    return {
      id: e.id,
      organiser: organiser ?? '',
      title: e.title,
      description: e.description,
      sport: e.sport,
      registrationOpens: e.registration_opens,
      registrationDeadline: e.registration_deadline,
      eventDate: e.event_date,
      place: e.place,
      units,
      rules: TeamRules.parse(JSON.parse(e.rules)),
      open: today >= e.registration_opens && today <= e.registration_deadline,
      teams: Number(teams.n),
      canManage: this.organises(auth, e),
      version: e.version,
    };
  }

  async list(auth: Auth): Promise<{ items: EventView[] }> {
    const rows = await this.ctx.db.selectFrom('events').select('id').orderBy('event_date', 'desc').limit(200).execute();
    const items: EventView[] = [];
    for (const r of rows) {
      try {
        const { e, units } = await this.find(auth, r.id);
        items.push(await this.view(auth, e, units));
      } catch (err) {
        if ((err as AppError).status !== 404) throw err;
      }
    }
    return { items };
  }

  async get(auth: Auth, id: string): Promise<EventView> {
    const { e, units } = await this.find(auth, id);
    return this.view(auth, e, units);
  }

  private checkDates(d: { registrationOpens: string; registrationDeadline: string; eventDate: string }) {
    const problems: { path: string; message: string }[] = [];
    if (d.registrationDeadline < d.registrationOpens) problems.push({ path: 'registrationDeadline', message: 'validation.date_order' });
    if (d.eventDate < d.registrationDeadline) problems.push({ path: 'eventDate', message: 'errors.event_before_deadline' });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
  }

  /** The units that may register are schools under the organiser (`scopePath`): a 422 on `unitIds` for any other id, on create and on change. */
  private async checkUnits(scopePath: string, unitIds: readonly string[]) {
    if (!unitIds.length) return;
    const found = await this.ctx.db.selectFrom('schools').select('id').where('id', 'in', unitIds).where(pathUnder(scopePath, 'region_path')).execute();
    if (found.length !== new Set(unitIds).size) throw new AppError('validation_failed', 422, {}, [{ path: 'unitIds', message: 'errors.event_unit_outside' }]);
  }

  async create(auth: Auth, input: EventCreate): Promise<EventView> {
    let scopePath: string;
    if (input.schoolId) {
      const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', input.schoolId).executeTakeFirst()) ?? notFound('school');
      if (!auth.scope.global && !auth.roles.some((a) => a.role === 'school_leader' && a.scopeId === s.id)) forbidden();
      scopePath = s.region_path;
    } else if (input.regionId) {
      const r = (await this.ctx.db.selectFrom('regions').selectAll().where('id', '=', input.regionId).executeTakeFirst()) ?? notFound('region');
      if (!auth.scope.global && !auth.scope.regionPaths.some((p) => r.path.startsWith(p))) forbidden();
      scopePath = r.path;
    } else throw new AppError('missing_scope', 422, {}, [{ path: 'regionId', message: 'errors.missing_scope' }]);
    this.checkDates(input);
    await this.checkUnits(scopePath, input.unitIds);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('events')
        .values({
          id,
          region_id: input.schoolId ? null : (input.regionId ?? null),
          school_id: input.schoolId ?? null,
          scope_path: scopePath,
          title: input.title,
          description: input.description || null,
          sport: input.sport || null,
          registration_opens: input.registrationOpens,
          registration_deadline: input.registrationDeadline,
          event_date: input.eventDate,
          place: input.place || null,
          unit_ids: JSON.stringify(input.unitIds),
          rules: JSON.stringify(input.rules),
          created_by: auth.userId || null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'event.create',
        entity: 'event',
        entityId: id,
        schoolId: input.schoolId ?? null,
        regionPath: scopePath,
        summary: { title: input.title },
      });
    });
    return this.get(auth, id);
  }

  async update(auth: Auth, id: string, input: z.output<typeof EventUpdate>): Promise<EventView> {
    const { e } = await this.find(auth, id);
    if (!this.organises(auth, e)) forbidden();
    if (e.version !== input.version) versionConflict('event');
    const merged = {
      registrationOpens: input.registrationOpens ?? e.registration_opens,
      registrationDeadline: input.registrationDeadline ?? e.registration_deadline,
      eventDate: input.eventDate ?? e.event_date,
    };
    this.checkDates(merged);
    if (input.unitIds) await this.checkUnits(e.scope_path, input.unitIds);
    await this.ctx.db.transaction().execute(async (tx) => {
      const changed = await tx
        .updateTable('events')
        .set({
          title: input.title ?? e.title,
          description: input.description === undefined ? e.description : input.description || null,
          sport: input.sport === undefined ? e.sport : input.sport || null,
          registration_opens: merged.registrationOpens,
          registration_deadline: merged.registrationDeadline,
          event_date: merged.eventDate,
          place: input.place === undefined ? e.place : input.place || null,
          unit_ids: input.unitIds ? JSON.stringify(input.unitIds) : e.unit_ids,
          rules: input.rules ? JSON.stringify(input.rules) : e.rules,
          version: e.version + 1,
          updated_at: this.ctx.clock().toISOString(),
        })
        .where('id', '=', id)
        // Saved meanwhile by another organiser: told, not overwritten.
        .where('version', '=', e.version)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) versionConflict('event');
      await this.audit.record(tx, auth, {
        action: 'event.update',
        entity: 'event',
        entityId: id,
        regionPath: e.scope_path,
        summary: { fields: Object.keys(input) },
      });
    });
    return this.get(auth, id);
  }

  // ---- Teams ----

  private problems(rules: TeamRules, members: TeamMember[], units: number, lang: Lang) {
    return checkTeam(rules, members, units).map((p) => ({ code: p.code, path: p.path, message: translate(lang, `events.rules.${p.code}`, p.params) }));
  }

  private async teamView(auth: Auth, e: EventRow, t: Row<'event_teams'>, lang: Lang): Promise<Team> {
    const unitIds = JSON.parse(t.unit_ids) as string[];
    const units = await this.ctx.db.selectFrom('schools').select(['id', 'name']).where('id', 'in', unitIds).execute();
    const members = JSON.parse(t.members) as TeamMember[];
    return {
      id: t.id,
      eventId: t.event_id,
      name: t.name,
      units: unitIds.map((u) => units.find((x) => x.id === u) ?? { id: u, name: '' }),
      contactName: t.contact_name,
      contactPhone: t.contact_phone,
      members,
      jointReason: t.joint_reason,
      status: t.status as Team['status'],
      returnReason: t.return_reason,
      problems: this.problems(TeamRules.parse(JSON.parse(e.rules)), members, unitIds.length, lang),
      submittedAt: t.submitted_at,
      reviewedAt: t.reviewed_at,
      canEdit: registersFor(auth, t.school_id) && (t.status === 'draft' || t.status === 'returned'),
      version: t.version,
    };
  }

  /** Teams of the event: all for the organiser, the caller's schools' teams for a school. */
  async teams(auth: Auth, id: string, lang: Lang): Promise<{ items: Team[] }> {
    const { e } = await this.find(auth, id);
    let q = this.ctx.db.selectFrom('event_teams').selectAll().where('event_id', '=', id);
    if (!this.organises(auth, e) && !auth.scope.regionPaths.some((p) => e.scope_path.startsWith(p)))
      q = q.where('school_id', 'in', [...auth.scope.schoolIds, ...auth.scope.classSchoolIds, '-']);
    const rows = await q.orderBy('created_at').execute();
    const items: Team[] = [];
    for (const t of rows) items.push(await this.teamView(auth, e, t, lang));
    return { items };
  }

  /** Every unit of a team must be one that may register. */
  private checkTeamUnits(units: { id: string }[], unitIds: string[]) {
    const allowed = new Set(units.map((x) => x.id));
    const outside = unitIds.findIndex((u) => !allowed.has(u));
    if (outside >= 0) throw new AppError('validation_failed', 422, {}, [{ path: `unitIds.${outside}`, message: 'errors.event_unit_outside' }]);
  }

  /** Registration is open from the opening day to the deadline (Beijing dates); the error names the deadline. */
  private checkOpen(e: EventRow) {
    const today = this.today();
    if (today < e.registration_opens) throw new AppError('event_not_open', 422, { date: e.registration_opens });
    if (today > e.registration_deadline) throw new AppError('event_closed', 422, { date: e.registration_deadline });
  }

  async addTeam(auth: Auth, id: string, input: TeamCreate, lang: Lang): Promise<Team> {
    const { e, units } = await this.find(auth, id);
    const schoolId = input.unitIds[0] as string;
    if (!registersFor(auth, schoolId)) forbidden();
    this.checkOpen(e);
    this.checkTeamUnits(units, input.unitIds);
    const tid = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('event_teams')
        .values({
          id: tid,
          event_id: id,
          school_id: schoolId,
          name: input.name,
          unit_ids: JSON.stringify([...new Set(input.unitIds)]),
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          members: JSON.stringify(input.members),
          joint_reason: input.jointReason || null,
          status: 'draft',
          created_by: auth.userId || null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'event.team',
        entity: 'event',
        entityId: id,
        schoolId,
        regionPath: e.scope_path,
        summary: { team: input.name },
      });
    });
    return this.team(auth, id, tid, lang);
  }

  async team(auth: Auth, id: string, teamId: string, lang: Lang): Promise<Team> {
    const { e } = await this.find(auth, id);
    const t =
      (await this.ctx.db.selectFrom('event_teams').selectAll().where('id', '=', teamId).where('event_id', '=', id).executeTakeFirst()) ?? notFound('team');
    if (!this.organises(auth, e) && !registersFor(auth, t.school_id) && !auth.scope.regionPaths.some((p) => e.scope_path.startsWith(p))) notFound('team');
    return this.teamView(auth, e, t, lang);
  }

  async updateTeam(auth: Auth, id: string, teamId: string, input: z.output<typeof TeamUpdate>, lang: Lang): Promise<Team> {
    const { e, units } = await this.find(auth, id);
    const t =
      (await this.ctx.db.selectFrom('event_teams').selectAll().where('id', '=', teamId).where('event_id', '=', id).executeTakeFirst()) ?? notFound('team');
    if (!registersFor(auth, t.school_id)) forbidden();
    if (t.status === 'submitted' || t.status === 'approved') throw new AppError('team_locked', 409);
    if (t.version !== input.version) versionConflict('team');
    this.checkOpen(e);
    if (input.unitIds) {
      if (input.unitIds[0] !== t.school_id) throw new AppError('validation_failed', 422, {}, [{ path: 'unitIds.0', message: 'errors.team_first_unit' }]);
      this.checkTeamUnits(units, input.unitIds);
    }
    const changed = await this.ctx.db
      .updateTable('event_teams')
      .set({
        name: input.name ?? t.name,
        unit_ids: input.unitIds ? JSON.stringify([...new Set(input.unitIds)]) : t.unit_ids,
        contact_name: input.contactName ?? t.contact_name,
        contact_phone: input.contactPhone ?? t.contact_phone,
        members: input.members ? JSON.stringify(input.members) : t.members,
        joint_reason: input.jointReason === undefined ? t.joint_reason : input.jointReason || null,
        version: t.version + 1,
        updated_at: this.ctx.clock().toISOString(),
      })
      .where('id', '=', teamId)
      .where('version', '=', t.version)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) versionConflict('team');
    return this.team(auth, id, teamId, lang);
  }

  /** Submit for review: before the deadline and only without broken rules; a joint team needs its reason. */
  async submit(auth: Auth, id: string, teamId: string, version: number, lang: Lang): Promise<Team> {
    const { e } = await this.find(auth, id);
    const t =
      (await this.ctx.db.selectFrom('event_teams').selectAll().where('id', '=', teamId).where('event_id', '=', id).executeTakeFirst()) ?? notFound('team');
    if (!registersFor(auth, t.school_id)) forbidden();
    if (t.version !== version) versionConflict('team');
    this.checkOpen(e);
    if (t.status === 'submitted' || t.status === 'approved') throw new AppError('team_locked', 409);
    const unitIds = JSON.parse(t.unit_ids) as string[];
    const problems: { code: string; path: string; message: string }[] = this.problems(
      TeamRules.parse(JSON.parse(e.rules)),
      JSON.parse(t.members),
      unitIds.length,
      lang,
    );
    if (unitIds.length > 1 && !t.joint_reason)
      problems.push({ code: 'joint_reason', path: 'jointReason', message: translate(lang, 'events.rules.joint_reason') });
    if (problems.length)
      throw new AppError(
        'team_breaks_rules',
        422,
        { rules: problems.map((p) => p.message).join('；') },
        problems.map((p) => ({ path: p.path, message: p.message })),
      );
    await this.ctx.db.transaction().execute(async (tx) => {
      const changed = await tx
        .updateTable('event_teams')
        .set({ status: 'submitted', submitted_at: this.ctx.clock().toISOString(), return_reason: null, version: t.version + 1 })
        .where('id', '=', teamId)
        .where('version', '=', t.version)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) versionConflict('team');
      await this.audit.record(tx, auth, {
        action: 'event.submit',
        entity: 'event',
        entityId: id,
        schoolId: t.school_id,
        regionPath: e.scope_path,
        summary: { team: t.name },
      });
    });
    return this.team(auth, id, teamId, lang);
  }

  /** The organiser approves a submitted team (a joint team's approval included) or returns it with a reason. */
  async review(auth: Auth, id: string, teamId: string, approve: boolean, body: { reason?: string | null; version: number }, lang: Lang): Promise<Team> {
    const { e } = await this.find(auth, id);
    if (!this.organises(auth, e)) forbidden();
    const t =
      (await this.ctx.db.selectFrom('event_teams').selectAll().where('id', '=', teamId).where('event_id', '=', id).executeTakeFirst()) ?? notFound('team');
    if (t.version !== body.version) versionConflict('team');
    if (t.status !== 'submitted') throw new AppError('team_not_submitted', 409);
    if (!approve && !body.reason) throw new AppError('validation_failed', 422, {}, [{ path: 'reason', message: 'validation.required' }]);
    await this.ctx.db.transaction().execute(async (tx) => {
      const changed = await tx
        .updateTable('event_teams')
        .set({
          status: approve ? 'approved' : 'returned',
          return_reason: approve ? null : (body.reason ?? null),
          reviewed_at: this.ctx.clock().toISOString(),
          reviewed_by: auth.name,
          version: t.version + 1,
        })
        .where('id', '=', teamId)
        .where('version', '=', t.version)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) versionConflict('team');
      await this.audit.record(tx, auth, {
        action: approve ? 'event.approve' : 'event.return',
        entity: 'event',
        entityId: id,
        schoolId: t.school_id,
        regionPath: e.scope_path,
        summary: { team: t.name },
      });
    });
    return this.team(auth, id, teamId, lang);
  }

  // ---- Welfare donations (公益行动) ----

  async donations(auth: Auth, q: { schoolId?: string; eventId?: string }) {
    let query = this.ctx.db.selectFrom('donations as d').innerJoin('schools as s', 's.id', 'd.school_id').selectAll('d').select('s.name as school_name');
    if (!auth.scope.global) {
      const schools = [...auth.scope.schoolIds, ...auth.scope.classSchoolIds];
      query = query.where((eb) =>
        eb.or([
          ...(schools.length ? [eb('d.school_id', 'in', schools)] : [eb('d.id', '=', '-')]),
          ...auth.scope.regionPaths.map((p) => pathUnder(p, 's.region_path')),
        ]),
      );
    }
    if (q.schoolId) query = query.where('d.school_id', '=', q.schoolId);
    if (q.eventId) query = query.where('d.event_id', '=', q.eventId);
    const rows = await query.orderBy('d.date', 'desc').limit(500).execute();
    return {
      items: rows.map((d) => ({
        id: d.id,
        schoolId: d.school_id,
        schoolName: d.school_name,
        eventId: d.event_id,
        item: d.item,
        quantity: d.quantity,
        value: d.value,
        donor: d.donor,
        date: d.date,
        note: d.note,
      })),
    };
  }

  async addDonation(auth: Auth, body: z.output<typeof DonationCreate>) {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', body.schoolId).executeTakeFirst()) ?? notFound('school');
    const may = auth.scope.global || registersFor(auth, s.id) || auth.scope.regionPaths.some((p) => s.region_path.startsWith(p));
    if (!may) forbidden();
    if (body.date > this.today()) throw new AppError('validation_failed', 422, {}, [{ path: 'date', message: 'validation.date_future' }]);
    // An event of nothing (or one the caller does not see) is the field's fault, not a foreign-key failure.
    if (body.eventId)
      await this.find(auth, body.eventId).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404) invalidField('validation_failed', 'eventId', 'errors.not_found', { entity: 'entities.event' });
        throw err;
      });
    const id = newId();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('donations')
        .values({
          id,
          school_id: s.id,
          event_id: body.eventId ?? null,
          item: body.item,
          quantity: body.quantity ?? null,
          value: body.value ?? null,
          donor: body.donor,
          date: body.date,
          note: body.note || null,
          created_by: auth.userId || null,
          created_at: this.ctx.clock().toISOString(),
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'donation.create',
        entity: 'school',
        entityId: s.id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { item: body.item },
      });
    });
    return this.donations(auth, { schoolId: s.id });
  }
}

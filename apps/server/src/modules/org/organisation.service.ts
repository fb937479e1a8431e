import { newId } from '@carebridge/db';
import type { CareOrganisation, DutyCreate, DutyUpdate, LeadershipMemberCreate, LeadershipMemberUpdate, LeadershipPosition, Office } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { updateVersioned } from './org.repository.ts';
import type { SchoolService } from './schools.service.ts';

/** The school's care organisation (DOMAIN.md §3): the leadership group and the duties by office. */
export class OrganisationService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly schools: SchoolService,
  ) {}

  async get(auth: Auth, schoolId: string): Promise<CareOrganisation> {
    const { place } = await this.schools.place(schoolId);
    access.requireSee(auth, place, 'school');
    const { db } = this.ctx;
    const members = await db
      .selectFrom('leadership_members')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('sort_order')
      .orderBy('created_at')
      .execute();
    const duties = await db
      .selectFrom('duties')
      .leftJoin('users', 'users.id', 'duties.user_id')
      .selectAll('duties')
      .select('users.name as user_name')
      .where('duties.school_id', '=', schoolId)
      .orderBy('duties.sort_order')
      .orderBy('duties.created_at')
      .execute();
    return {
      members: members.map((m) => ({
        id: m.id,
        schoolId: m.school_id,
        userId: m.user_id,
        name: m.name,
        position: m.position as LeadershipPosition,
        title: m.title,
        sortOrder: m.sort_order,
        version: m.version,
      })),
      duties: duties.map((d) => ({
        id: d.id,
        schoolId: d.school_id,
        office: d.office as Office,
        duty: d.duty,
        userId: d.user_id,
        userName: d.user_name ?? null,
        sortOrder: d.sort_order,
        version: d.version,
      })),
    };
  }

  /** The name of a person chosen for the school's group or a duty: one who holds a role at the school (not another school's staff, who stay unnamed). */
  private async userName(tx: Tx, schoolId: string, userId: string | null | undefined, path: string): Promise<string | undefined> {
    if (!userId) return undefined;
    const u = await tx
      .selectFrom('users as u')
      .select('u.name')
      .where('u.id', '=', userId)
      .where((eb) => eb.exists(eb.selectFrom('role_assignments as r').select('r.id').whereRef('r.user_id', '=', 'u.id').where('r.school_id', '=', schoolId)))
      .executeTakeFirst();
    return u?.name ?? invalidField('validation_failed', path, 'errors.not_a_member');
  }

  async addMember(auth: Auth, schoolId: string, input: LeadershipMemberCreate): Promise<CareOrganisation> {
    const { place } = await this.schools.place(schoolId);
    access.requireManage(auth, place, 'school');
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const linkedName = await this.userName(tx, schoolId, input.userId, 'userId');
      const name = input.name ?? linkedName ?? invalidField('validation_failed', 'name', 'validation.required');
      const id = newId();
      await tx
        .insertInto('leadership_members')
        .values({
          id,
          school_id: schoolId,
          user_id: input.userId ?? null,
          name,
          position: input.position,
          title: input.title ?? null,
          sort_order: input.sortOrder ?? 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'leadership.create',
        entity: 'leadership_member',
        entityId: id,
        schoolId,
        regionPath: place.regionPath,
        summary: { name, position: input.position },
      });
    });
    return this.get(auth, schoolId);
  }

  async updateMember(auth: Auth, id: string, input: LeadershipMemberUpdate): Promise<CareOrganisation> {
    const before = (await this.ctx.db.selectFrom('leadership_members').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('leadership_member');
    const { place } = await this.schools.place(before.school_id, 'leadership_member');
    access.requireManage(auth, place, 'leadership_member');
    await this.ctx.db.transaction().execute(async (tx) => {
      // A link kept as it was is not checked again: its person may have left the school since, and the entry is still edited.
      const relinked = !!input.userId && input.userId !== before.user_id;
      const linkedName = relinked ? await this.userName(tx, before.school_id, input.userId, 'userId') : undefined;
      const set = defined({
        user_id: input.userId,
        name: input.name ?? linkedName,
        position: input.position,
        title: input.title,
        sort_order: input.sortOrder,
        updated_at: this.ctx.clock().toISOString(),
      });
      if (!(await updateVersioned(tx, 'leadership_members', id, input.version, set))) versionConflict('leadership_member');
      await this.audit.record(tx, auth, {
        action: 'leadership.update',
        entity: 'leadership_member',
        entityId: id,
        schoolId: before.school_id,
        regionPath: place.regionPath,
        summary: changes(before, set),
      });
    });
    return this.get(auth, before.school_id);
  }

  async removeMember(auth: Auth, id: string): Promise<void> {
    const before = (await this.ctx.db.selectFrom('leadership_members').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('leadership_member');
    const { place } = await this.schools.place(before.school_id, 'leadership_member');
    access.requireManage(auth, place, 'leadership_member');
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('leadership_members').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'leadership.delete',
        entity: 'leadership_member',
        entityId: id,
        schoolId: before.school_id,
        regionPath: place.regionPath,
        summary: { name: before.name, position: before.position },
      });
    });
  }

  async addDuty(auth: Auth, schoolId: string, input: DutyCreate): Promise<CareOrganisation> {
    const { place } = await this.schools.place(schoolId);
    access.requireManage(auth, place, 'school');
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await this.userName(tx, schoolId, input.userId, 'userId');
      const id = newId();
      await tx
        .insertInto('duties')
        .values({
          id,
          school_id: schoolId,
          office: input.office,
          duty: input.duty,
          user_id: input.userId ?? null,
          sort_order: input.sortOrder ?? 100,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'duty.create',
        entity: 'duty',
        entityId: id,
        schoolId,
        regionPath: place.regionPath,
        summary: { office: input.office, duty: input.duty },
      });
    });
    return this.get(auth, schoolId);
  }

  async updateDuty(auth: Auth, id: string, input: DutyUpdate): Promise<CareOrganisation> {
    const before = (await this.ctx.db.selectFrom('duties').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('duty');
    const { place } = await this.schools.place(before.school_id, 'duty');
    access.requireManage(auth, place, 'duty');
    await this.ctx.db.transaction().execute(async (tx) => {
      if (input.userId !== before.user_id) await this.userName(tx, before.school_id, input.userId, 'userId');
      const set = defined({
        office: input.office,
        duty: input.duty,
        user_id: input.userId,
        sort_order: input.sortOrder,
        updated_at: this.ctx.clock().toISOString(),
      });
      if (!(await updateVersioned(tx, 'duties', id, input.version, set))) versionConflict('duty');
      await this.audit.record(tx, auth, {
        action: 'duty.update',
        entity: 'duty',
        entityId: id,
        schoolId: before.school_id,
        regionPath: place.regionPath,
        summary: changes(before, set),
      });
    });
    return this.get(auth, before.school_id);
  }

  async removeDuty(auth: Auth, id: string): Promise<void> {
    const before = (await this.ctx.db.selectFrom('duties').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('duty');
    const { place } = await this.schools.place(before.school_id, 'duty');
    access.requireManage(auth, place, 'duty');
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('duties').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'duty.delete',
        entity: 'duty',
        entityId: id,
        schoolId: before.school_id,
        regionPath: place.regionPath,
        summary: { office: before.office, duty: before.duty },
      });
    });
  }
}

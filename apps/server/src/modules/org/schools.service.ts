import { isUniqueViolation, newId } from '@carebridge/db';
import { DEFAULT_DUTIES, type School, type SchoolCreate, type SchoolUpdate, translate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx } from '../../context.ts';
import { conflict, forbidden, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { schoolView } from './mappers.ts';
import { regionRepo, schoolRepo, updateVersioned } from './org.repository.ts';
import { lockRow } from './org-lock.ts';
import { refusedByKey, refuseWhileUsed, SCHOOL_OWNED, SCHOOL_USES } from './org-usage.ts';

export class SchoolService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  async list(auth: Auth, f: { regionId?: string | undefined; q?: string | undefined }): Promise<School[]> {
    let regionPath: string | undefined;
    if (f.regionId) regionPath = (await regionRepo.findById(this.ctx.db, f.regionId))?.path ?? '/none/';
    return (await schoolRepo.list(this.ctx.db, auth.scope, { regionPath, q: f.q })).map(schoolView);
  }

  /** A school the caller can see, or 404. */
  async get(auth: Auth, id: string): Promise<School> {
    const s = (await schoolRepo.findById(this.ctx.db, id)) ?? notFound('school');
    access.requireSee(auth, { schoolId: s.id, regionPath: s.region_path }, 'school');
    const region = await regionRepo.findById(this.ctx.db, s.region_id);
    return schoolView({ ...s, region_name: region?.name ?? null });
  }

  async create(auth: Auth, input: SchoolCreate): Promise<School> {
    const { db } = this.ctx;
    const region =
      (await regionRepo.findById(db, input.regionId)) ?? invalidField('invalid_parent', 'regionId', 'errors.not_found', { entity: 'entities.region' });
    access.requireManagedRegion(auth, region);
    const now = this.ctx.clock().toISOString();
    const row = {
      id: newId(),
      region_id: region.id,
      region_path: region.path,
      name: input.name,
      code: input.code ?? null,
      kind: input.kind,
      address: input.address ?? null,
      phone: input.phone ?? null,
      mentor_limit: input.mentorLimit ?? 3,
      record_edit_days: input.recordEditDays ?? 7,
      incident_chain: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    try {
      await db.transaction().execute(async (tx) => {
        // The region is held until the school is in: a delete of the region waits, or is waited for and refused.
        (await lockRow(tx, this.ctx.dialect, 'regions', region.id)) ??
          invalidField('invalid_parent', 'regionId', 'errors.not_found', { entity: 'entities.region' });
        await schoolRepo.insert(tx, row);
        // The seed's division of duties by office, ready to edit.
        await tx
          .insertInto('duties')
          .values(
            DEFAULT_DUTIES.map((d, i) => ({
              id: newId(),
              school_id: row.id,
              office: d.office,
              duty: translate('zh-CN', `duties.${d.dutyKey}`),
              user_id: null,
              sort_order: i,
              version: 1,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        await this.audit.record(tx, auth, {
          action: 'school.create',
          entity: 'school',
          entityId: row.id,
          schoolId: row.id,
          regionPath: row.region_path,
          summary: { name: row.name },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) conflict('duplicate', { entity: 'entities.school', detail: input.name });
      throw err;
    }
    return schoolView({ ...row, region_name: region.name });
  }

  async update(auth: Auth, id: string, input: SchoolUpdate): Promise<School> {
    const { db } = this.ctx;
    const before = (await schoolRepo.findById(db, id)) ?? notFound('school');
    access.requireManage(auth, { schoolId: id, regionPath: before.region_path }, 'school');
    const now = this.ctx.clock().toISOString();
    const set = defined({
      name: input.name,
      code: input.code,
      kind: input.kind,
      address: input.address,
      phone: input.phone,
      mentor_limit: input.mentorLimit,
      record_edit_days: input.recordEditDays,
      updated_at: now,
    });
    try {
      await db.transaction().execute(async (tx) => {
        if (!(await updateVersioned(tx, 'schools', id, input.version, set))) versionConflict('school');
        await this.audit.record(tx, auth, {
          action: 'school.update',
          entity: 'school',
          entityId: id,
          schoolId: id,
          regionPath: before.region_path,
          summary: changes(before, set),
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) conflict('duplicate', { entity: 'entities.school', detail: input.name ?? '' });
      throw err;
    }
    return this.get(auth, id);
  }

  /**
   * Delete a school nothing uses: no class, term, child, staff role, record, activity, submission …
   * (409 naming what does); the duties it was created with, its import previews, notifications and
   * cached counts go with it. Whoever may create a school may delete it: the administrator and the
   * bureau over its region, not its own leader.
   */
  async remove(auth: Auth, id: string): Promise<void> {
    const { db } = this.ctx;
    const before = (await schoolRepo.findById(db, id)) ?? notFound('school');
    access.requireSee(auth, { schoolId: id, regionPath: before.region_path }, 'school');
    if (!access.manages(auth, { regionPath: before.region_path })) forbidden();
    try {
      await db.transaction().execute(async (tx) => {
        // Held until the end: a term written meanwhile (it takes this row too) is counted here, or waits and finds no school;
        // a row naming the school by a foreign key waits as well.
        const school = (await lockRow(tx, this.ctx.dialect, 'schools', id)) ?? notFound('school');
        await refuseWhileUsed(tx, SCHOOL_USES, school, 'school', auth.lang);
        for (const table of SCHOOL_OWNED) await tx.deleteFrom(table).where('school_id', '=', id).execute();
        await tx.deleteFrom('schools').where('id', '=', id).execute();
        await this.audit.record(tx, auth, {
          action: 'school.delete',
          entity: 'school',
          entityId: id,
          schoolId: id,
          regionPath: before.region_path,
          summary: { name: before.name },
        });
      });
    } catch (err) {
      refusedByKey(err, 'school');
      throw err;
    }
  }

  /** Load a school for a permission check by the other org services. */
  async place(id: string, entity = 'school') {
    const s = (await schoolRepo.findById(this.ctx.db, id)) ?? notFound(entity);
    return { school: s, place: { schoolId: s.id, regionPath: s.region_path } };
  }
}

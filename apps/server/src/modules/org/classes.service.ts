import { fromBool, isUniqueViolation, newId } from '@carebridge/db';
import type { ClassCreate, ClassUpdate, SchoolClass } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { conflict, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { forgetSessions } from '../auth/session-cache.ts';
import { classView } from './mappers.ts';
import { classRepo, updateVersioned } from './org.repository.ts';
import type { SchoolService } from './schools.service.ts';

export class ClassService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly schools: SchoolService,
  ) {}

  /** Whole-school callers see every class; class teachers only their own classes. */
  async list(auth: Auth, schoolId: string, grade?: number): Promise<SchoolClass[]> {
    const { place } = await this.schools.place(schoolId);
    access.requireSee(auth, place, 'school');
    const s = auth.scope;
    const whole = s.global || s.schoolIds.includes(schoolId) || s.regionPaths.some((p) => place.regionPath.startsWith(p));
    const rows = await classRepo.list(this.ctx.db, schoolId, { grade, onlyIds: whole ? undefined : s.classIds });
    return rows.map(classView);
  }

  async create(auth: Auth, input: ClassCreate): Promise<SchoolClass> {
    const { place } = await this.schools.place(input.schoolId);
    access.requireManage(auth, place, 'school');
    const now = this.ctx.clock().toISOString();
    const row = {
      id: newId(),
      school_id: input.schoolId,
      grade: input.grade,
      name: input.name,
      head_teacher_id: input.headTeacherId ?? null,
      pupil_count: input.pupilCount,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await this.write(input.name, async (tx) => {
      await this.checkTeacher(tx, row.head_teacher_id, place.schoolId);
      await classRepo.insert(tx, row);
      await this.syncClassTeacher(tx, auth, row.id, place, null, row.head_teacher_id, now);
      await this.audit.record(tx, auth, {
        action: 'class.create',
        entity: 'class',
        entityId: row.id,
        schoolId: place.schoolId,
        regionPath: place.regionPath,
        summary: { name: row.name, grade: row.grade },
      });
    });
    return classView((await classRepo.withTeacher(this.ctx.db, row.id)) ?? notFound('class'));
  }

  async update(auth: Auth, id: string, input: ClassUpdate): Promise<SchoolClass> {
    const before = (await classRepo.findById(this.ctx.db, id)) ?? notFound('class');
    const { place } = await this.schools.place(before.school_id, 'class');
    access.requireManage(auth, place, 'class');
    const now = this.ctx.clock().toISOString();
    const set = defined({
      grade: input.grade,
      name: input.name,
      head_teacher_id: input.headTeacherId,
      pupil_count: input.pupilCount,
      active: input.active === undefined ? undefined : fromBool(input.active),
      updated_at: now,
    });
    await this.write(input.name ?? before.name, async (tx) => {
      if (set.head_teacher_id !== undefined) await this.checkTeacher(tx, set.head_teacher_id ?? null, place.schoolId);
      if (!(await updateVersioned(tx, 'classes', id, input.version, set))) versionConflict('class');
      if (set.head_teacher_id !== undefined && set.head_teacher_id !== before.head_teacher_id) {
        await this.syncClassTeacher(tx, auth, id, place, before.head_teacher_id, set.head_teacher_id ?? null, now);
      }
      await this.audit.record(tx, auth, {
        action: 'class.update',
        entity: 'class',
        entityId: id,
        schoolId: place.schoolId,
        regionPath: place.regionPath,
        summary: changes(before, set),
      });
    });
    return classView((await classRepo.withTeacher(this.ctx.db, id)) ?? notFound('class'));
  }

  /**
   * The class teacher must work at the class's school (hold a role there), as the picker offers:
   * naming them gives them the class's children (`syncClassTeacher`).
   */
  private async checkTeacher(tx: Tx, userId: string | null, schoolId: string) {
    if (!userId) return;
    const u = await tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!u) invalidField('validation_failed', 'headTeacherId', 'errors.not_found', { entity: 'entities.user' });
    const member = await tx.selectFrom('role_assignments').select('id').where('user_id', '=', userId).where('school_id', '=', schoolId).executeTakeFirst();
    if (!member) invalidField('validation_failed', 'headTeacherId', 'errors.not_a_member');
  }

  /** The class teacher named on a class holds the class-teacher role for it, and the previous one no longer does. */
  private async syncClassTeacher(
    tx: Tx,
    auth: Auth,
    classId: string,
    place: { schoolId: string; regionPath: string },
    from: string | null,
    to: string | null,
    now: string,
  ) {
    if (!from && !to) return;
    forgetSessions();
    if (from) {
      await tx.deleteFrom('role_assignments').where('user_id', '=', from).where('role', '=', 'class_teacher').where('scope_id', '=', classId).execute();
    }
    if (to) {
      const has = await tx
        .selectFrom('role_assignments')
        .select('id')
        .where('user_id', '=', to)
        .where('role', '=', 'class_teacher')
        .where('scope_id', '=', classId)
        .executeTakeFirst();
      if (!has) {
        await tx
          .insertInto('role_assignments')
          .values({
            id: newId(),
            user_id: to,
            role: 'class_teacher',
            scope_kind: 'class',
            scope_id: classId,
            school_id: place.schoolId,
            region_path: place.regionPath,
            created_at: now,
          })
          .execute();
      }
    }
    await this.audit.record(tx, auth, {
      action: 'user.update',
      entity: 'user',
      entityId: to ?? from,
      schoolId: place.schoolId,
      regionPath: place.regionPath,
      summary: { classTeacher: [from, to], classId },
    });
  }

  private async write(name: string, work: (tx: Tx) => Promise<void>) {
    try {
      await this.ctx.db.transaction().execute(work);
    } catch (err) {
      if (isUniqueViolation(err)) conflict('duplicate', { entity: 'entities.class', detail: name });
      throw err;
    }
  }
}

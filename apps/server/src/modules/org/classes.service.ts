import { fromBool, isUniqueViolation, newId, toBool } from '@carebridge/db';
import { type ClassCreate, type ClassUpdate, gradeOfClassName, type SchoolClass, translate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, conflict, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { forgetSessions } from '../auth/session-cache.ts';
import { holdUsers } from './head-teacher.ts';
import { classView } from './mappers.ts';
import { classRepo, updateVersioned } from './org.repository.ts';
import { holdParent, lockRow } from './org-lock.ts';
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
    await this.write(place.schoolId, null, input.name, input.grade, async (tx) => {
      // The school is held until the class is in: a delete of the school counts it, or is waited for and the school is gone.
      (await holdParent(tx, this.ctx.dialect, 'schools', place.schoolId)) ?? notFound('school');
      await holdUsers(tx, this.ctx.dialect, [row.head_teacher_id]);
      await this.checkTeacher(tx, row.head_teacher_id, place.schoolId);
      await this.checkName(tx, place.schoolId, null, input.name, input.grade);
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
    const teacherChanged = set.head_teacher_id !== undefined && set.head_teacher_id !== before.head_teacher_id;
    const grade = input.grade ?? before.grade;
    await this.write(place.schoolId, id, input.name ?? before.name, grade, async (tx) => {
      // The old and new head teachers are held first (their deactivation or role change waits, or is
      // waited for); a head teacher kept as it was is not checked again (an earlier release's data).
      if (teacherChanged) {
        await holdUsers(tx, this.ctx.dialect, [before.head_teacher_id, set.head_teacher_id ?? null]);
        await this.checkTeacher(tx, set.head_teacher_id ?? null, place.schoolId);
      }
      if (input.name !== undefined && input.name !== before.name) await this.checkName(tx, place.schoolId, id, input.name, grade);
      if (input.active === false && toBool(before.active)) {
        // Held before its children are counted: a child being put into the class (which holds it
        // `for share`, child-checks.ts) is written first and counted, or waits and finds it inactive.
        await lockRow(tx, this.ctx.dialect, 'classes', id);
        await this.checkEmpty(tx, id, before.name);
      }
      if (!(await updateVersioned(tx, 'classes', id, input.version, set))) versionConflict('class');
      if (teacherChanged) {
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
    const u = await tx.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!u) invalidField('validation_failed', 'headTeacherId', 'errors.not_found', { entity: 'entities.user' });
    // A deactivated account reaches nobody: the class's to-dos would fall to no one.
    if (!toBool(u?.active)) invalidField('validation_failed', 'headTeacherId', 'errors.head_teacher_inactive');
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

  /**
   * Class names are unique in the school whatever the grade (lists show the name alone): a name another
   * class has is refused on `name`, saying that class's grade and, when the name lacks its grade, the
   * full name to write instead ("三年级1班").
   */
  private async checkName(tx: Tx, schoolId: string, id: string | null, name: string, grade: number) {
    let q = tx.selectFrom('classes').select('grade').where('school_id', '=', schoolId).where('name', '=', name);
    if (id) q = q.where('id', '<>', id);
    const other = await q.executeTakeFirst();
    if (other) nameTaken(name, other.grade, grade);
  }

  /** A class is deactivated only once its active children are in other classes. */
  private async checkEmpty(tx: Tx, id: string, name: string) {
    const { n } = await tx
      .selectFrom('children')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('class_id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const count = Number(n);
    if (count > 0) {
      const params = { name, count };
      throw new AppError('class_has_children', 409, params, [{ path: 'active', message: 'errors.class_has_children', params }]);
    }
  }

  private async write(schoolId: string, id: string | null, name: string, grade: number, work: (tx: Tx) => Promise<void>) {
    try {
      await this.ctx.db.transaction().execute(work);
    } catch (err) {
      if (isUniqueViolation(err)) {
        // Another class took the name meanwhile: said as the check says it.
        await this.checkName(this.ctx.db, schoolId, id, name, grade);
        conflict('duplicate', { entity: 'entities.class', detail: name });
      }
      throw err;
    }
  }
}

/** 409 on `name`: the grade that has it, and the full name to write when the name does not say its grade. */
function nameTaken(name: string, otherGrade: number, grade: number): never {
  const gradeKey = `grades.${otherGrade}`;
  // The suggestion is a class name, which schools write in Chinese whatever the reader's language.
  const suggestion = `${translate('zh-CN', `grades.${grade}`)}${name}`;
  const full = gradeOfClassName(name) !== null || name.startsWith(translate('zh-CN', `grades.${grade}`));
  const code = full ? 'class_name_taken_full' : 'class_name_taken';
  const params = { grade: gradeKey, name, suggestion };
  throw new AppError(code, 409, params, [{ path: 'name', message: `errors.${code}`, params }]);
}

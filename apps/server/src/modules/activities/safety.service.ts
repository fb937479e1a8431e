import { newId } from '@carebridge/db';
import type { SafetyDutyCreate, SafetyDutyUpdate } from '@carebridge/shared';
import { SAFETY_TOPICS, type SafetyCoverage, type SafetyDuty, type SafetyTopic } from '@carebridge/shared';
import type { z } from 'zod';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { readsActivities } from './activity.policy.ts';

/** The seed's default term plan: every topic once a term. */
const DEFAULT_TOPICS: SafetyTopic[] = [...SAFETY_TOPICS];

const leads = (auth: Auth, schoolId: string) =>
  auth.scope.global || auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === schoolId);

/**
 * Safety education and the safety responsibility system (issue 8): the term's topics, which
 * classes each topic reached through safety-education activities, and who answers for which
 * class, boarding house or route.
 */
export class SafetyService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private async school(auth: Auth, schoolId: string) {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', schoolId).executeTakeFirst()) ?? notFound('school');
    if (!readsActivities(auth, s)) notFound('school');
    return s;
  }

  private async term(schoolId: string, termId: string) {
    return (
      (await this.ctx.db.selectFrom('terms').selectAll().where('id', '=', termId).where('school_id', '=', schoolId).executeTakeFirst()) ?? notFound('term')
    );
  }

  async plan(auth: Auth, schoolId: string, termId: string): Promise<{ topics: SafetyTopic[] }> {
    await this.school(auth, schoolId);
    await this.term(schoolId, termId);
    const row = await this.ctx.db
      .selectFrom('safety_plans')
      .select('topics')
      .where('school_id', '=', schoolId)
      .where('term_id', '=', termId)
      .executeTakeFirst();
    return { topics: row ? (JSON.parse(row.topics) as SafetyTopic[]) : DEFAULT_TOPICS };
  }

  async putPlan(auth: Auth, schoolId: string, termId: string, topics: SafetyTopic[]): Promise<{ topics: SafetyTopic[] }> {
    const s = await this.school(auth, schoolId);
    if (!leads(auth, schoolId)) forbidden();
    await this.term(schoolId, termId);
    const ordered = SAFETY_TOPICS.filter((t) => topics.includes(t));
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('safety_plans')
        .set({ topics: JSON.stringify(ordered), updated_at: now })
        .where('school_id', '=', schoolId)
        .where('term_id', '=', termId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0)
        await tx
          .insertInto('safety_plans')
          .values({ id: newId(), school_id: schoolId, term_id: termId, topics: JSON.stringify(ordered), updated_at: now })
          .execute();
      await this.audit.record(tx, auth, {
        action: 'safety.plan',
        entity: 'school',
        entityId: schoolId,
        schoolId,
        regionPath: s.region_path,
        summary: { termId, topics: ordered.length },
      });
    });
    return { topics: ordered };
  }

  /** Which planned topics reached each class this term: a safety-education activity held for the school, its grade or the class. */
  async coverage(auth: Auth, schoolId: string, termId: string): Promise<SafetyCoverage> {
    await this.school(auth, schoolId);
    const term = await this.term(schoolId, termId);
    const { topics } = await this.plan(auth, schoolId, termId);
    const classes = await this.ctx.db
      .selectFrom('classes')
      .select(['id', 'name', 'grade'])
      .where('school_id', '=', schoolId)
      .where('active', '=', 1)
      .orderBy('grade')
      .orderBy('name')
      .execute();
    const acts = await this.ctx.db
      .selectFrom('activities')
      .select(['id', 'date', 'title', 'target_scope', 'target_value', 'topics'])
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'safety_education')
      .where('status', '=', 'done')
      .where('date', '>=', term.start_date)
      .where('date', '<=', term.end_date)
      .orderBy('date')
      .execute();
    return {
      termId,
      from: term.start_date,
      to: term.end_date,
      topics,
      classes: classes.map((k) => {
        const reaching = acts.filter(
          (a) =>
            a.target_scope === 'all' ||
            a.target_scope === 'key_support' ||
            (a.target_scope === 'grade' && Number(a.target_value) === k.grade) ||
            (a.target_scope === 'class' && a.target_value === k.id),
        );
        const covered: Record<string, { id: string; date: string; title: string }[]> = {};
        for (const t of topics)
          covered[t] = reaching.filter((a) => (JSON.parse(a.topics) as string[]).includes(t)).map((a) => ({ id: a.id, date: a.date, title: a.title }));
        return { classId: k.id, name: k.name, grade: k.grade, covered, missing: topics.filter((t) => !covered[t]?.length) };
      }),
    };
  }

  // ---- Responsibilities (安全工作责任制) ----

  async duties(auth: Auth, schoolId: string): Promise<SafetyDuty[]> {
    await this.school(auth, schoolId);
    const rows = await this.ctx.db
      .selectFrom('safety_duties as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .selectAll('d')
      .select('u.name as user_name')
      .where('d.school_id', '=', schoolId)
      .orderBy('d.area')
      .orderBy('d.name')
      .execute();
    return rows.map((d) => ({
      id: d.id,
      schoolId: d.school_id,
      userId: d.user_id,
      userName: d.user_name,
      area: d.area as SafetyDuty['area'],
      classId: d.class_id,
      name: d.name,
      note: d.note,
      version: d.version,
    }));
  }

  /** A class duty is named after its class; other areas need a name. The person must work at the school. */
  private async checkDuty(schoolId: string, d: { userId?: string; area?: string; classId?: string | null; name?: string | null }) {
    const problems: { path: string; message: string }[] = [];
    let name = d.name ?? null;
    if (d.userId) {
      const member = await this.ctx.db
        .selectFrom('role_assignments')
        .select('id')
        .where('user_id', '=', d.userId)
        .where('school_id', '=', schoolId)
        .executeTakeFirst();
      if (!member) problems.push({ path: 'userId', message: 'errors.not_a_member' });
    }
    if (d.area === 'class') {
      const k = d.classId
        ? await this.ctx.db.selectFrom('classes').select(['name']).where('id', '=', d.classId).where('school_id', '=', schoolId).executeTakeFirst()
        : undefined;
      if (!k) problems.push({ path: 'classId', message: 'errors.duty_class_required' });
      else name = k.name;
    } else if (d.area && !name) problems.push({ path: 'name', message: 'errors.duty_name_required' });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
    return name as string;
  }

  async addDuty(auth: Auth, body: z.output<typeof SafetyDutyCreate>): Promise<SafetyDuty[]> {
    const s = await this.school(auth, body.schoolId);
    if (!leads(auth, s.id)) forbidden();
    const name = await this.checkDuty(s.id, body);
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const id = newId();
      await tx
        .insertInto('safety_duties')
        .values({
          id,
          school_id: s.id,
          user_id: body.userId,
          area: body.area,
          class_id: body.area === 'class' ? (body.classId ?? null) : null,
          name,
          note: body.note || null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'safety.duty',
        entity: 'safety_duty',
        entityId: id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { area: body.area, name },
      });
    });
    return this.duties(auth, s.id);
  }

  async updateDuty(auth: Auth, id: string, body: z.output<typeof SafetyDutyUpdate>): Promise<SafetyDuty[]> {
    const d = (await this.ctx.db.selectFrom('safety_duties').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('safety_duty');
    const s = await this.school(auth, d.school_id);
    if (!leads(auth, s.id)) forbidden();
    if (d.version !== body.version) versionConflict('safety_duty');
    const area = body.area ?? d.area;
    const name = await this.checkDuty(s.id, {
      userId: body.userId,
      area,
      classId: body.classId === undefined ? d.class_id : body.classId,
      name: body.name === undefined ? d.name : body.name,
    });
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('safety_duties')
        .set({
          user_id: body.userId ?? d.user_id,
          area,
          class_id: area === 'class' ? (body.classId === undefined ? d.class_id : (body.classId ?? null)) : null,
          name,
          note: body.note === undefined ? d.note : body.note || null,
          version: d.version + 1,
          updated_at: this.ctx.clock().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(tx, auth, {
        action: 'safety.duty',
        entity: 'safety_duty',
        entityId: id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { area, name },
      });
    });
    return this.duties(auth, s.id);
  }

  async removeDuty(auth: Auth, id: string): Promise<SafetyDuty[]> {
    const d = (await this.ctx.db.selectFrom('safety_duties').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('safety_duty');
    const s = await this.school(auth, d.school_id);
    if (!leads(auth, s.id)) forbidden();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('safety_duties').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'safety.duty',
        entity: 'safety_duty',
        entityId: id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { removed: d.name },
      });
    });
    return this.duties(auth, s.id);
  }
}

import { newId, type Row } from '@carebridge/db';
import { compareClasses, joinList, type RosterPending, type RosterSubmission } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { afterCommit } from '../../lib/after-commit.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationService } from '../compliance/notification.service.ts';
import type { SubmittedRoster } from '../rosters/roster-export.service.ts';
import { summarise } from '../rosters/roster-summary.ts';
import { leads, overseesRegion, readPlaces, reads, reviewPlaces, reviews, submits } from './submission-access.ts';
import { type SubmissionStep, tellNext, termLabel } from './submission-notify.ts';
import { classSnapshot, listRows, type SnapshotRow, schoolSnapshot } from './submission-snapshot.ts';

type SubRow = Row<'roster_submissions'> & {
  school_name: string;
  region_path: string;
  class_name: string | null;
  academic_year: string;
  semester: number;
  term_start: string;
};

/** A listed submission: its row without the frozen snapshot (a school's holds every child's record) nor who opened it. */
type ListedRow = Omit<SubRow, 'snapshot' | 'created_by' | 'created_at'>;
const LISTED = [
  'r.id',
  'r.level',
  'r.school_id',
  'r.class_id',
  'r.term_id',
  'r.status',
  'r.summary',
  'r.children',
  'r.comment',
  'r.submitted_by',
  'r.submitted_at',
  'r.reviewed_by',
  'r.reviewed_at',
  'r.version',
  'r.updated_at',
] as const;

/**
 * Roster submission (花名册报送, issue 6): a class teacher submits the class roster for a term, the
 * school's leaders approve or return it with a comment; the school then submits its roster to the
 * bureau, which approves or returns it. A submitted roster is a frozen snapshot: a class's of the
 * archive, a school's of its approved class rosters (see `schoolSnapshot`). Who acts next hears of
 * each step in the bell (submission-notify.ts).
 */
export class SubmissionService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  private joined(db: Tx) {
    return db
      .selectFrom('roster_submissions as r')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .innerJoin('terms as t', 't.id', 'r.term_id')
      .leftJoin('classes as k', 'k.id', 'r.class_id')
      .select(['s.name as school_name', 's.region_path', 'k.name as class_name', 't.academic_year', 't.semester', 't.start_date as term_start']);
  }

  private base(db: Tx) {
    return this.joined(db).selectAll('r');
  }

  private view(auth: Auth, r: ListedRow, lang: 'zh-CN' | 'en-US'): RosterSubmission {
    return {
      id: r.id,
      level: r.level as RosterSubmission['level'],
      schoolId: r.school_id,
      schoolName: r.school_name,
      classId: r.class_id,
      className: r.class_name,
      termId: r.term_id,
      termLabel: termLabel(lang, r),
      ageOn: r.term_start,
      status: r.status as RosterSubmission['status'],
      children: r.children,
      summary: r.summary ? (JSON.parse(r.summary) as Record<string, number>) : {},
      comment: r.comment,
      submittedBy: r.submitted_by,
      submittedAt: r.submitted_at,
      reviewedBy: r.reviewed_by,
      reviewedAt: r.reviewed_at,
      canSubmit: submits(auth, r) && (r.status === 'draft' || r.status === 'returned'),
      canReview: reviews(auth, r) && r.status === 'submitted',
      version: r.version,
    };
  }

  private async find(auth: Auth, id: string, db: Tx = this.ctx.db): Promise<SubRow> {
    const r = (await this.base(db).where('r.id', '=', id).executeTakeFirst()) as SubRow | undefined;
    if (!r || !reads(auth, r)) return notFound('roster_submission');
    return r;
  }

  /**
   * Submissions the caller reads, newest first. `review: 'awaiting'` keeps those sent up that the caller may
   * approve or return now (`canReview`, the rule of `reviews()`), newest sent first: the workbench's 待审核的花名册.
   */
  async list(
    auth: Auth,
    q: { schoolId?: string; regionId?: string; termId?: string; level?: 'class' | 'school'; review?: 'awaiting' },
    lang: 'zh-CN' | 'en-US',
  ) {
    // Another school's or region's list is not the caller's to know of, as with the statistics.
    if (q.schoolId) {
      const school = await this.ctx.db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', q.schoolId).executeTakeFirst();
      const mine =
        !!school &&
        (leads(auth, school.id) ||
          auth.scope.schoolIds.includes(school.id) ||
          auth.scope.classSchoolIds.includes(school.id) ||
          overseesRegion(auth, school.region_path));
      if (!mine) notFound('school');
    }
    let query = this.joined(this.ctx.db).select(LISTED);
    if (q.schoolId) query = query.where('r.school_id', '=', q.schoolId);
    if (q.termId) query = query.where('r.term_id', '=', q.termId);
    if (q.level) query = query.where('r.level', '=', q.level);
    if (q.regionId) {
      const region = (await this.ctx.db.selectFrom('regions').select('path').where('id', '=', q.regionId).executeTakeFirst()) ?? notFound('region');
      if (!overseesRegion(auth, region.path)) notFound('region');
      query = query.where(pathUnder(region.path, 's.region_path'));
    }
    const awaiting = q.review === 'awaiting';
    query = query.where(readPlaces(auth));
    if (awaiting) query = query.where('r.status', '=', 'submitted').where(reviewPlaces(auth));
    const rows = (await query
      .orderBy(awaiting ? 'r.submitted_at' : 'r.updated_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(500)
      .execute()) as ListedRow[];
    const items = rows.filter((r) => reads(auth, r)).map((r) => this.view(auth, r, lang));
    return { items: awaiting ? items.filter((i) => i.canReview) : items };
  }

  /**
   * A submission with its frozen rows, a list of children: ID and phone numbers masked as the children
   * list masks them (the stored snapshot keeps them in full, the record of what was sent); a view of
   * the rows is audited like an export.
   */
  async get(auth: Auth, id: string, lang: 'zh-CN' | 'en-US', audit = false) {
    const r = await this.find(auth, id);
    const rows = listRows(r);
    if (audit && rows.length)
      await this.audit.record(this.ctx.db, auth, {
        action: 'roster.view_snapshot',
        entity: 'roster_submission',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { children: rows.length },
      });
    return { ...this.view(auth, r, lang), rows };
  }

  /**
   * What a roster held when it was sent (for its download in the official form): its readers only, and
   * only once it has been sent — a draft has no snapshot (409). A returned roster keeps what was sent.
   */
  async submitted(auth: Auth, id: string, lang: 'zh-CN' | 'en-US'): Promise<SubmittedRoster> {
    const r = await this.find(auth, id);
    if (!r.snapshot) throw new AppError('submission_not_submitted', 409);
    const rows = (JSON.parse(r.snapshot) as SnapshotRow[]).map(({ className, childId: _, ...values }) => ({
      values,
      className,
      classId: values.classId ?? null,
    }));
    return {
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      className: r.class_name,
      regionPath: r.region_path,
      termLabel: termLabel(lang, r),
      ageOn: r.term_start,
      submittedAt: r.submitted_at,
      rows,
    };
  }

  /** Open (or reopen) the submission of a class or a school for a term. */
  async create(auth: Auth, body: { termId: string; classId?: string | null; schoolId?: string }, lang: 'zh-CN' | 'en-US') {
    const term = (await this.ctx.db.selectFrom('terms').selectAll().where('id', '=', body.termId).executeTakeFirst()) ?? notFound('term');
    const klass = body.classId
      ? ((await this.ctx.db.selectFrom('classes').selectAll().where('id', '=', body.classId).executeTakeFirst()) ?? notFound('class'))
      : null;
    const schoolId = klass?.school_id ?? body.schoolId ?? term.school_id;
    if (term.school_id !== schoolId) throw new AppError('validation_failed', 422, {}, [{ path: 'termId', message: 'errors.submission_term_school' }]);
    const level = klass ? 'class' : 'school';
    if (!submits(auth, { school_id: schoolId, class_id: klass?.id ?? null, level })) forbidden();
    let q = this.ctx.db
      .selectFrom('roster_submissions')
      .select('id')
      .where('term_id', '=', term.id)
      .where('school_id', '=', schoolId)
      .where('level', '=', level);
    q = klass ? q.where('class_id', '=', klass.id) : q.where('class_id', 'is', null);
    const existing = await q.executeTakeFirst();
    if (existing) return { created: false, item: await this.get(auth, existing.id, lang) };
    const id = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db
      .insertInto('roster_submissions')
      .values({
        id,
        level,
        school_id: schoolId,
        class_id: klass?.id ?? null,
        term_id: term.id,
        status: 'draft',
        children: 0,
        created_by: auth.userId || null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { created: true, item: await this.get(auth, id, lang) };
  }

  /**
   * The classes a school's roster of the term waits for (the rule of `submit`): active classes with
   * active children whose roster of the term is not approved, in grade order. A class without children
   * has nothing to report. Read by those who see the school's submissions.
   */
  async pending(auth: Auth, q: { schoolId: string; termId: string }): Promise<RosterPending> {
    const school = await this.ctx.db.selectFrom('schools').select(['id', 'region_path']).where('id', '=', q.schoolId).executeTakeFirst();
    if (!school || !(leads(auth, school.id) || auth.scope.schoolIds.includes(school.id) || overseesRegion(auth, school.region_path))) notFound('school');
    const term = await this.ctx.db.selectFrom('terms').select('id').where('id', '=', q.termId).where('school_id', '=', q.schoolId).executeTakeFirst();
    if (!term) notFound('term');
    return { classes: await this.pendingClasses(this.ctx.db, q.schoolId, q.termId) };
  }

  private async pendingClasses(db: Tx, schoolId: string, termId: string): Promise<{ id: string; name: string }[]> {
    const rows = await db
      .selectFrom('classes as k')
      .select(['k.id', 'k.name', 'k.grade'])
      .where('k.school_id', '=', schoolId)
      .where('k.active', '=', 1)
      .where((eb) => eb.exists(eb.selectFrom('children as c').select('c.id').whereRef('c.class_id', '=', 'k.id').where('c.status', '=', 'active')))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('roster_submissions as x')
              .select('x.id')
              .whereRef('x.class_id', '=', 'k.id')
              .where('x.term_id', '=', termId)
              .where('x.status', '=', 'approved'),
          ),
        ),
      )
      .execute();
    return rows.sort(compareClasses).map((k) => ({ id: k.id, name: k.name }));
  }

  /** Freeze the roster and send it up. A school's roster needs every class with children approved first, and is made of them. */
  async submit(auth: Auth, id: string, version: number, lang: 'zh-CN' | 'en-US') {
    const before = await this.ctx.db.transaction().execute(async (tx) => {
      const r = await this.find(auth, id, tx);
      if (!submits(auth, r)) forbidden();
      if (r.version !== version) versionConflict('roster_submission');
      if (r.status === 'submitted' || r.status === 'approved') throw new AppError('submission_locked', 409);
      if (r.level === 'school') {
        const pending = await this.pendingClasses(tx, r.school_id, r.term_id);
        if (pending.length)
          throw new AppError('submission_classes_pending', 422, {
            classes: joinList(
              lang,
              pending.map((p) => p.name),
            ),
          });
      }
      const snapshot = r.level === 'class' ? await classSnapshot(tx, r.class_id as string) : await schoolSnapshot(tx, r);
      // Ages on the term's first day, as the official form of the term counts them (roster-export.service.ts):
      // the same children in the same bands whenever in the term the roster is sent.
      const lines = summarise(
        snapshot.map((values) => ({ unit: r.school_name, values })),
        r.term_start,
        r.school_name,
      );
      // The official summary counts the narrow definition (under 16, both parents away or one unable) by age band.
      const total = lines[0];
      const summary = total ? { narrow: total.total, ...total.bands, male: total.male, female: total.female } : { narrow: 0 };
      const now = this.ctx.clock().toISOString();
      const res = await tx
        .updateTable('roster_submissions')
        .set({
          status: 'submitted',
          snapshot: JSON.stringify(snapshot),
          summary: JSON.stringify(summary),
          children: snapshot.length,
          submitted_by: auth.name,
          submitted_at: now,
          comment: null,
          version: r.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', r.version)
        .executeTakeFirst();
      // Someone else's step committed since the row was read (a leader sending it as the teacher does).
      if (Number(res.numUpdatedRows) !== 1) versionConflict('roster_submission');
      await this.audit.record(tx, auth, {
        action: 'roster.submit',
        entity: 'roster_submission',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { level: r.level, children: snapshot.length },
      });
      return r;
    });
    await this.tell(auth, before, 'submit', null);
    return this.get(auth, id, lang);
  }

  /**
   * Who acts next hears of the step, once its transaction is done (a failure to tell is logged: the
   * step stands); `r` is the row as it was before.
   */
  private tell(auth: Auth, r: SubRow, step: SubmissionStep, comment: string | null) {
    return afterCommit(this.ctx, `telling who acts next of a roster's ${step}`, () =>
      tellNext(this.ctx.db, this.notifications, auth, r, step, comment, r.version + 1),
    );
  }

  /** Approve or return a roster sent up; a return needs its reason. The comment goes to the audit log and the bell. */
  async review(auth: Auth, id: string, approve: boolean, body: { comment?: string | null; version: number }, lang: 'zh-CN' | 'en-US') {
    const comment = body.comment || null;
    const before = await this.ctx.db.transaction().execute(async (tx) => {
      const r = await this.find(auth, id, tx);
      if (!reviews(auth, r)) forbidden();
      if (r.version !== body.version) versionConflict('roster_submission');
      if (r.status !== 'submitted') throw new AppError('submission_not_submitted', 409);
      if (!approve && !comment) throw new AppError('validation_failed', 422, {}, [{ path: 'comment', message: 'validation.required' }]);
      const now = this.ctx.clock().toISOString();
      const res = await tx
        .updateTable('roster_submissions')
        .set({
          status: approve ? 'approved' : 'returned',
          comment,
          reviewed_by: auth.name,
          reviewed_at: now,
          version: r.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', r.version)
        .executeTakeFirst();
      // Two reviewers at once: both read the same version; the one whose write comes second is refused.
      if (Number(res.numUpdatedRows) !== 1) versionConflict('roster_submission');
      await this.audit.record(tx, auth, {
        action: approve ? 'roster.approve' : 'roster.return',
        entity: 'roster_submission',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { level: r.level, ...(comment ? { comment } : {}) },
      });
      return r;
    });
    await this.tell(auth, before, approve ? 'approve' : 'return', comment);
    return this.get(auth, id, lang);
  }
}

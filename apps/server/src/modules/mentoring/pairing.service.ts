import { newId, type Row } from '@carebridge/db';
import {
  joinList,
  type Lang,
  type MentorLoad,
  type Pairing,
  type PairingBatch,
  type PairingCreate,
  type PairingCreated,
  type PairingQuery,
  translate,
} from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { seesPlace } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { describeRefused, overLimitWarnings, refusedPairs } from './pairing-batch.ts';
import { suggestPairings } from './suggest.ts';

/** Leaders and the moral-education office pair mentors in their school; administrators anywhere. */
function managesPairings(auth: Auth, schoolId: string): boolean {
  return auth.scope.global || auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === schoolId);
}

type PairingRow = {
  id: string;
  school_id: string;
  child_id: string;
  mentor_id: string;
  term_id: string | null;
  start_date: string;
  end_date: string | null;
  note: string | null;
  end_reason: string | null;
  version: number;
  created_at: string;
  child_name: string;
  class_name: string | null;
  key_support: number | null;
  mentor_name: string;
};

const view = (r: PairingRow): Pairing => ({
  id: r.id,
  schoolId: r.school_id,
  childId: r.child_id,
  childName: r.child_name,
  className: r.class_name,
  keySupport: r.key_support === 1,
  mentorId: r.mentor_id,
  mentorName: r.mentor_name,
  termId: r.term_id,
  startDate: r.start_date,
  endDate: r.end_date,
  note: r.note,
  endReason: r.end_reason,
  version: r.version,
  createdAt: r.created_at,
});

/** A new active pairing row, as a single pairing and a batch both write it. */
function newPairing(
  auth: Auth,
  p: { schoolId: string; childId: string; mentorId: string; termId?: string | null | undefined; start: string; note?: string | null | undefined; now: string },
): Row<'pairings'> {
  return {
    id: newId(),
    school_id: p.schoolId,
    child_id: p.childId,
    mentor_id: p.mentorId,
    term_id: p.termId ?? null,
    start_date: p.start,
    end_date: null,
    note: p.note ?? null,
    end_reason: null,
    created_by: auth.userId || null,
    version: 1,
    created_at: p.now,
    updated_at: p.now,
  };
}

export class PairingService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  /** Pairings of children the caller sees. */
  private base(db: Tx, auth: Auth) {
    return db
      .selectFrom('pairings as p')
      .innerJoin('children as c', 'c.id', 'p.child_id')
      .innerJoin('users as u', 'u.id', 'p.mentor_id')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'p.id',
        'p.school_id',
        'p.child_id',
        'p.mentor_id',
        'p.term_id',
        'p.start_date',
        'p.end_date',
        'p.note',
        'p.end_reason',
        'p.version',
        'p.created_at',
        'c.name as child_name',
        'k.name as class_name',
        'c.key_support',
        'u.name as mentor_name',
      ])
      .where(childVisible(auth, 'c'));
  }

  async list(auth: Auth, q: PairingQuery): Promise<{ items: Pairing[]; nextCursor: string | null }> {
    let query = this.base(this.ctx.db, auth);
    if (q.schoolId) query = query.where('p.school_id', '=', q.schoolId);
    if (q.mentorId) query = query.where('p.mentor_id', '=', q.mentorId);
    if (q.childId) query = query.where('p.child_id', '=', q.childId);
    if (q.active === 'true') query = query.where('p.end_date', 'is', null);
    if (q.active === 'false') query = query.where('p.end_date', 'is not', null);
    if (q.cursor) query = query.where('p.id', '<', q.cursor);
    const rows = (await query
      .orderBy('p.id', 'desc')
      .limit(q.limit + 1)
      .execute()) as PairingRow[];
    const page = rows.slice(0, q.limit);
    return { items: page.map(view), nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
  }

  private async school(auth: Auth, schoolId: string) {
    const s =
      (await this.ctx.db.selectFrom('schools').select(['id', 'region_path', 'mentor_limit']).where('id', '=', schoolId).executeTakeFirst()) ??
      notFound('school');
    if (!seesPlace(auth, { schoolId, regionPath: s.region_path })) notFound('school');
    return s;
  }

  /**
   * A term given with pairings must be one of the school's: another school's, or none, is refused naming
   * the field (`termId`, `toTermId`). Pairings that start (`start`) after the term has ended are refused
   * on `startDate`: they would belong to no day of it.
   */
  private async term(termId: string, schoolId: string, path: string, start?: string) {
    const term = await this.ctx.db.selectFrom('terms').select(['id', 'start_date', 'end_date', 'school_id']).where('id', '=', termId).executeTakeFirst();
    if (!term || term.school_id !== schoolId) throw new AppError('pairing_term_school', 422, {}, [{ path, message: 'errors.pairing_term_school' }]);
    if (start && start > term.end_date)
      throw new AppError('pairing_start_after_term', 422, { end: term.end_date }, [
        { path: 'startDate', message: 'errors.pairing_start_after_term', params: { end: term.end_date } },
      ]);
    return term;
  }

  /**
   * Each child's archive status as it stands inside the transaction `tx`; one now at another school
   * (or gone) reads as transferred. On PostgreSQL the rows stay locked until the transaction ends, so
   * a transfer or status change made meanwhile waits, then ends the pairing saved here
   * (`endChildPairings`); SQLite runs one transaction at a time.
   */
  private async standing(tx: Tx, ids: readonly string[], schoolId: string): Promise<Map<string, string>> {
    let q = tx
      .selectFrom('children')
      .select(['id', 'status', 'school_id'])
      .where('id', 'in', [...ids]);
    if (this.ctx.dialect === 'postgres') q = q.forUpdate();
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.id, r.school_id === schoolId ? r.status : 'transferred']));
  }

  /** Mentors of a school (users holding the mentor role there) with their current load. */
  async mentors(db: Tx, schoolId: string, limit: number): Promise<MentorLoad[]> {
    const rows = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select([
        'u.id',
        'u.name',
        sql<number>`(select count(*) from pairings p where p.mentor_id = u.id and p.school_id = ${schoolId} and p.end_date is null)`.as('n'),
      ])
      .where('r.role', '=', 'mentor')
      .where('r.scope_id', '=', schoolId)
      .where('u.active', '=', 1)
      .orderBy('u.name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n), limit, overloaded: Number(r.n) > limit }));
  }

  async create(auth: Auth, input: PairingCreate, lang: 'zh-CN' | 'en-US' = 'zh-CN') {
    const { db } = this.ctx;
    const children = await db
      .selectFrom('children as c')
      .select(['c.id', 'c.name', 'c.school_id', 'c.status'])
      .where('c.id', 'in', input.childIds)
      .where(childVisible(auth, 'c'))
      .execute();
    if (children.length !== new Set(input.childIds).size) notFound('child');
    const schoolId = children[0]?.school_id as string;
    if (children.some((c) => c.school_id !== schoolId))
      throw new AppError('pairing_one_school', 422, {}, [{ path: 'childIds', message: 'errors.pairing_one_school' }]);
    const school = await this.school(auth, schoolId);
    if (!managesPairings(auth, schoolId)) forbidden();
    // Only a child whose archive is active (在册) can be paired: one who left, was transferred or whose
    // parents came home cannot. Checked first on what was read, then again inside the transaction.
    const refuseInactive = (status: ReadonlyMap<string, string>) => {
      const inactive = [...new Set(input.childIds)]
        .map((id) => ({ i: input.childIds.indexOf(id), ...(byId.get(id) as (typeof children)[number]), status: status.get(id) ?? 'transferred' }))
        .filter((c) => c.status !== 'active');
      if (!inactive.length) return;
      throw new AppError(
        'pairing_child_inactive',
        422,
        {
          name: joinList(
            lang,
            inactive.map((c) => c.name),
          ),
          status: joinList(lang, [...new Set(inactive.map((c) => translate(lang, `codes.childStatus.${c.status}`)))]),
        },
        inactive.map((c) => ({
          path: `childIds.${c.i}`,
          message: 'errors.pairing_child_inactive',
          params: { name: c.name, status: `codes.childStatus.${c.status}` },
        })),
      );
    };
    const byId = new Map(children.map((c) => [c.id, c]));
    refuseInactive(new Map(children.map((c) => [c.id, c.status])));
    if (input.termId) await this.term(input.termId, schoolId, 'termId', input.startDate ?? this.today());
    const mentors = await this.mentors(db, schoolId, school.mentor_limit);
    const mentor = mentors.find((m) => m.id === input.mentorId);
    if (!mentor) throw new AppError('not_a_mentor', 422, {}, [{ path: 'mentorId', message: 'errors.not_a_mentor' }]);
    const start = input.startDate ?? this.today();
    const now = this.ctx.clock().toISOString();
    const ids: string[] = [];
    await db.transaction().execute(async (tx) => {
      refuseInactive(await this.standing(tx, input.childIds, schoolId));
      const taken = await tx.selectFrom('pairings').select(['child_id']).where('child_id', 'in', input.childIds).where('end_date', 'is', null).execute();
      if (taken.length)
        throw new AppError('child_already_paired', 409, { count: taken.length }, [
          { path: 'childIds', message: 'errors.child_already_paired', params: { count: taken.length } },
        ]);
      for (const c of children) {
        const row = newPairing(auth, { schoolId, childId: c.id, mentorId: input.mentorId, termId: input.termId, start, note: input.note, now });
        ids.push(row.id);
        await tx.insertInto('pairings').values(row).execute();
      }
      await this.audit.recordMany(
        tx,
        auth,
        children.map((c, i) => ({
          action: 'pairing.create',
          entity: 'pairing',
          entityId: ids[i],
          schoolId,
          regionPath: school.region_path,
          summary: { childId: c.id, mentorId: input.mentorId },
        })),
      );
    });
    const warnings = overLimitWarnings([mentor], new Map([[mentor.id, children.length]]), school.mentor_limit, lang);
    const rows = (await this.base(db, auth).where('p.id', 'in', ids).execute()) as PairingRow[];
    return { items: rows.map(view), warnings };
  }

  /**
   * Accept suggestions: many children, each with its own mentor, in one transaction — all saved or
   * none, each refused pair named by its index. Audited and warned of as `create` is.
   */
  async createBatch(auth: Auth, input: PairingBatch, lang: Lang = 'zh-CN'): Promise<PairingCreated> {
    const school = await this.school(auth, input.schoolId);
    if (!managesPairings(auth, input.schoolId)) forbidden();
    if (input.termId) await this.term(input.termId, input.schoolId, 'termId', input.startDate ?? this.today());
    const { db } = this.ctx;
    const childIds = [...new Set(input.pairs.map((p) => p.childId))];
    const children = await db
      .selectFrom('children as c')
      .select(['c.id', 'c.name', 'c.status'])
      .where('c.id', 'in', childIds)
      .where('c.school_id', '=', input.schoolId)
      .where(childVisible(auth, 'c'))
      .execute();
    const known = new Map(children.map((c) => [c.id, c]));
    const mentors = await this.mentors(db, input.schoolId, school.mentor_limit);
    const mentorIds = new Set(mentors.map((m) => m.id));
    const refuse = (paired: ReadonlySet<string>) => {
      const problems = refusedPairs(input.pairs, known, mentorIds, paired);
      if (problems.length) throw new AppError('pairings_refused', 422, { detail: describeRefused(problems, lang) }, problems);
    };
    const start = input.startDate ?? this.today();
    const now = this.ctx.clock().toISOString();
    const rows = input.pairs.map((p) =>
      newPairing(auth, { schoolId: input.schoolId, childId: p.childId, mentorId: p.mentorId, termId: input.termId, start, now }),
    );
    await db.transaction().execute(async (tx) => {
      // Who is paired, and whose archive is still active here, are read again inside the transaction,
      // so that a pairing saved or a child moved meanwhile is refused too.
      const standing = await this.standing(tx, childIds, input.schoolId);
      for (const [id, c] of known) known.set(id, { ...c, status: standing.get(id) ?? 'transferred' });
      const taken = await tx.selectFrom('pairings').select('child_id').where('child_id', 'in', childIds).where('end_date', 'is', null).execute();
      refuse(new Set(taken.map((t) => t.child_id)));
      for (let i = 0; i < rows.length; i += 100)
        await tx
          .insertInto('pairings')
          .values(rows.slice(i, i + 100))
          .execute();
      await this.audit.recordMany(
        tx,
        auth,
        rows.map((r) => ({
          action: 'pairing.create',
          entity: 'pairing',
          entityId: r.id,
          schoolId: input.schoolId,
          regionPath: school.region_path,
          summary: { childId: r.child_id, mentorId: r.mentor_id },
        })),
      );
    });
    const added = new Map<string, number>();
    for (const p of input.pairs) added.set(p.mentorId, (added.get(p.mentorId) ?? 0) + 1);
    const saved = (await this.base(db, auth)
      .where(
        'p.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()) as PairingRow[];
    return { items: saved.map(view), warnings: overLimitWarnings(mentors, added, school.mentor_limit, lang) };
  }

  async end(auth: Auth, id: string, input: { endDate?: string | undefined; reason: string; version: number }): Promise<Pairing> {
    const row = ((await this.base(this.ctx.db, auth).where('p.id', '=', id).executeTakeFirst()) as PairingRow | undefined) ?? notFound('pairing');
    if (!managesPairings(auth, row.school_id)) forbidden();
    if (row.end_date) throw new AppError('pairing_ended', 409);
    const endDate = input.endDate ?? this.today();
    if (endDate < row.start_date) throw new AppError('validation_failed', 422, {}, [{ path: 'endDate', message: 'validation.date_order' }]);
    if (endDate > this.today()) throw new AppError('validation_failed', 422, {}, [{ path: 'endDate', message: 'validation.date_future' }]);
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('pairings')
        .set({ end_date: endDate, end_reason: input.reason, updated_at: now, version: row.version + 1 })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('pairing');
      const school = await tx.selectFrom('schools').select('region_path').where('id', '=', row.school_id).executeTakeFirstOrThrow();
      await this.audit.record(tx, auth, {
        action: 'pairing.end',
        entity: 'pairing',
        entityId: id,
        schoolId: row.school_id,
        regionPath: school.region_path,
        summary: { endDate, reason: input.reason },
      });
    });
    return view({ ...row, end_date: endDate, end_reason: input.reason, version: row.version + 1 });
  }

  /** Active children without a mentor, and every mentor's load against the school's limit. */
  async overview(auth: Auth, schoolId: string) {
    const school = await this.school(auth, schoolId);
    const unpaired = await this.unpaired(auth, schoolId);
    return {
      limit: school.mentor_limit,
      unpaired: unpaired.map((c) => ({ id: c.id, name: c.name, className: c.class_name, keySupport: c.key_support === 1 })),
      mentors: await this.mentors(this.ctx.db, schoolId, school.mentor_limit),
    };
  }

  private unpaired(auth: Auth, schoolId: string) {
    return this.ctx.db
      .selectFrom('children as c')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select(['c.id', 'c.name', 'c.name_pinyin', 'c.class_id', 'k.name as class_name', 'k.grade', 'c.key_support'])
      .where('c.school_id', '=', schoolId)
      .where('c.status', '=', 'active')
      .where(childVisible(auth, 'c'))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('pairings as p').select('p.id').whereRef('p.child_id', '=', 'c.id').where('p.end_date', 'is', null))),
      )
      .orderBy('c.key_support', 'desc')
      .orderBy('c.name_pinyin')
      .execute();
  }

  /** Suggest mentors for the unpaired children; nothing is saved until the leader accepts. */
  async suggest(auth: Auth, schoolId: string) {
    const school = await this.school(auth, schoolId);
    if (!managesPairings(auth, schoolId)) forbidden();
    const children = await this.unpaired(auth, schoolId);
    const mentors = await this.mentors(this.ctx.db, schoolId, school.mentor_limit);
    const classes = await this.ctx.db.selectFrom('classes').select(['id', 'head_teacher_id']).where('school_id', '=', schoolId).execute();
    const classTeacher = new Map(classes.filter((k) => k.head_teacher_id).map((k) => [k.id, k.head_teacher_id as string]));
    const result = suggestPairings(
      children.map((c) => ({
        id: c.id,
        name: c.name,
        pinyin: c.name_pinyin,
        classId: c.class_id,
        className: c.class_name,
        grade: c.grade,
        keySupport: c.key_support === 1,
      })),
      mentors,
      classTeacher,
      school.mentor_limit,
    );
    const childById = new Map(children.map((c) => [c.id, c]));
    const mentorById = new Map(mentors.map((m) => [m.id, m]));
    return {
      items: result.items.map((s) => {
        const c = childById.get(s.childId);
        return {
          childId: s.childId,
          childName: c?.name ?? '',
          className: c?.class_name ?? null,
          keySupport: c?.key_support === 1,
          mentorId: s.mentorId,
          mentorName: mentorById.get(s.mentorId)?.name ?? '',
          reason: s.reason,
        };
      }),
      mentors: mentors.map((m) => {
        const count = result.load.get(m.id) ?? m.count;
        return { ...m, count, overloaded: count > school.mentor_limit };
      }),
      unassigned: result.unassigned,
    };
  }

  /**
   * Carry every active pairing of a school into a new term: the old ones end the day before it starts.
   * Only children still active in the school are carried: the pairing of a child who left, whose
   * parents came home or who was transferred to another school is left as it is (not renewed).
   */
  async carry(auth: Auth, input: { schoolId: string; toTermId: string }): Promise<{ carried: number }> {
    const school = await this.school(auth, input.schoolId);
    if (!managesPairings(auth, input.schoolId)) forbidden();
    const term = await this.term(input.toTermId, input.schoolId, 'toTermId');
    const dayBefore = new Date(`${term.start_date}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    const end = dayBefore.toISOString().slice(0, 10);
    const now = this.ctx.clock().toISOString();
    let carried = 0;
    await this.ctx.db.transaction().execute(async (tx) => {
      const active = await tx
        .selectFrom('pairings as p')
        .innerJoin('children as c', 'c.id', 'p.child_id')
        .select(['p.id', 'p.child_id', 'p.mentor_id', 'p.start_date', 'p.note', 'p.version', 'p.term_id'])
        .where('p.school_id', '=', input.schoolId)
        .where('p.end_date', 'is', null)
        .where('c.status', '=', 'active')
        .whereRef('c.school_id', '=', 'p.school_id')
        .execute();
      for (const p of active) {
        if (p.term_id === term.id || p.start_date >= term.start_date) continue;
        await tx
          .updateTable('pairings')
          .set({ end_date: end, end_reason: 'carried', updated_at: now, version: p.version + 1 })
          .where('id', '=', p.id)
          .execute();
        await tx
          .insertInto('pairings')
          .values(
            newPairing(auth, {
              schoolId: input.schoolId,
              childId: p.child_id,
              mentorId: p.mentor_id,
              termId: term.id,
              start: term.start_date,
              note: p.note,
              now,
            }),
          )
          .execute();
        carried++;
      }
      await this.audit.record(tx, auth, {
        action: 'pairing.carry',
        entity: 'pairing',
        entityId: null,
        schoolId: input.schoolId,
        regionPath: school.region_path,
        summary: { toTermId: term.id, carried },
      });
    });
    return { carried };
  }
}

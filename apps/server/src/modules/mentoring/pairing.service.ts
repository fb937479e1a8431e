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
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childVisible } from '../children/child.policy.ts';
import { newPairing, type PairingRow, toPairing } from './pairing.mapper.ts';
import { managesPairings } from './pairing.policy.ts';
import { describeRefused, overLimitWarnings, refusedPairs } from './pairing-batch.ts';
import { carryPairings } from './pairing-carry.ts';
import { mentorsStanding, pairingSchool, schoolMentors, schoolTerm } from './pairing-school.ts';
import { type ChildRisks, pairingOverview, suggestMentors } from './pairing-suggest.ts';

/** Refuse a mentor who is not (or no longer) an active mentor of the school, naming the field. */
function notAMentor(): never {
  throw new AppError('not_a_mentor', 422, {}, [{ path: 'mentorId', message: 'errors.not_a_mentor' }]);
}

/**
 * Pairings of mentors with children: list, create (one mentor, or a batch of accepted suggestions)
 * and end here; the school, its terms and mentors in pairing-school.ts, the overview and suggestions
 * in pairing-suggest.ts, carrying into a new term in pairing-carry.ts.
 */
export class PairingService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    /** Today's risk levels, which order the suggestions by need (the compliance service's). */
    private readonly risks: ChildRisks,
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
    return { items: page.map(toPairing), nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null };
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

  /**
   * A start given by hand: on or after each child's birth, and at most a year ahead (the next term's
   * first day is; a start in 9999 would leave a pairing no end date can close, the child paired for good).
   */
  private checkStart(start: string | undefined, births: readonly (string | null)[]): void {
    if (!start) return;
    const latest = new Date(`${this.today()}T00:00:00Z`);
    latest.setUTCFullYear(latest.getUTCFullYear() + 1);
    const born = births.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
    const message = start > latest.toISOString().slice(0, 10) ? 'validation.start_too_far' : born && start < born ? 'validation.date_before_birth' : null;
    if (message) throw new AppError('validation_failed', 422, {}, [{ path: 'startDate', message }]);
  }

  /** Mentors of a school with their current load (pairing-school.ts). */
  mentors(db: Tx, schoolId: string, limit: number): Promise<MentorLoad[]> {
    return schoolMentors(db, schoolId, limit);
  }

  async create(auth: Auth, input: PairingCreate, lang: 'zh-CN' | 'en-US' = 'zh-CN') {
    const { db } = this.ctx;
    const children = await db
      .selectFrom('children as c')
      .select(['c.id', 'c.name', 'c.school_id', 'c.status', 'c.birth_date'])
      .where('c.id', 'in', input.childIds)
      .where(childVisible(auth, 'c'))
      .execute();
    if (children.length !== new Set(input.childIds).size) notFound('child');
    this.checkStart(
      input.startDate,
      children.map((c) => c.birth_date),
    );
    const schoolId = children[0]?.school_id as string;
    if (children.some((c) => c.school_id !== schoolId))
      throw new AppError('pairing_one_school', 422, {}, [{ path: 'childIds', message: 'errors.pairing_one_school' }]);
    const school = await pairingSchool(this.ctx.db, auth, schoolId);
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
    if (input.termId) await schoolTerm(this.ctx.db, input.termId, schoolId, 'termId', input.startDate ?? this.today());
    const mentors = await schoolMentors(db, schoolId, school.mentor_limit);
    const mentor = mentors.find((m) => m.id === input.mentorId) ?? notAMentor();
    const start = input.startDate ?? this.today();
    const now = this.ctx.clock().toISOString();
    const ids: string[] = [];
    await db.transaction().execute(async (tx) => {
      // Still a mentor here, as read inside the transaction: one deactivated meanwhile is refused.
      if (!(await mentorsStanding(tx, this.ctx.dialect, schoolId, [input.mentorId])).has(input.mentorId)) notAMentor();
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
    return { items: rows.map(toPairing), warnings };
  }

  /**
   * Accept suggestions: many children, each with its own mentor, in one transaction — all saved or
   * none, each refused pair named by its index. Audited and warned of as `create` is.
   */
  async createBatch(auth: Auth, input: PairingBatch, lang: Lang = 'zh-CN'): Promise<PairingCreated> {
    const school = await pairingSchool(this.ctx.db, auth, input.schoolId);
    if (!managesPairings(auth, input.schoolId)) forbidden();
    if (input.termId) await schoolTerm(this.ctx.db, input.termId, input.schoolId, 'termId', input.startDate ?? this.today());
    const { db } = this.ctx;
    const childIds = [...new Set(input.pairs.map((p) => p.childId))];
    const children = await db
      .selectFrom('children as c')
      .select(['c.id', 'c.name', 'c.status', 'c.birth_date'])
      .where('c.id', 'in', childIds)
      .where('c.school_id', '=', input.schoolId)
      .where(childVisible(auth, 'c'))
      .execute();
    this.checkStart(
      input.startDate,
      children.map((c) => c.birth_date),
    );
    const known = new Map(children.map((c) => [c.id, c]));
    const mentors = await schoolMentors(db, input.schoolId, school.mentor_limit);
    const refuse = (paired: ReadonlySet<string>, mentorIds: ReadonlySet<string>) => {
      const problems = refusedPairs(input.pairs, known, mentorIds, paired);
      if (problems.length) throw new AppError('pairings_refused', 422, { detail: describeRefused(problems, lang) }, problems);
    };
    const start = input.startDate ?? this.today();
    const now = this.ctx.clock().toISOString();
    const rows = input.pairs.map((p) =>
      newPairing(auth, { schoolId: input.schoolId, childId: p.childId, mentorId: p.mentorId, termId: input.termId, start, now }),
    );
    await db.transaction().execute(async (tx) => {
      // Who is paired, whose archive is still active here and who is still a mentor here are read
      // inside the transaction, so that a pairing saved, a child moved or a mentor deactivated meanwhile is refused too.
      const mentorIds = await mentorsStanding(tx, this.ctx.dialect, input.schoolId, [...new Set(input.pairs.map((p) => p.mentorId))]);
      const standing = await this.standing(tx, childIds, input.schoolId);
      for (const [id, c] of known) known.set(id, { ...c, status: standing.get(id) ?? 'transferred' });
      const taken = await tx.selectFrom('pairings').select('child_id').where('child_id', 'in', childIds).where('end_date', 'is', null).execute();
      refuse(new Set(taken.map((t) => t.child_id)), mentorIds);
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
    return { items: saved.map(toPairing), warnings: overLimitWarnings(mentors, added, school.mentor_limit, lang) };
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
    return toPairing({ ...row, end_date: endDate, end_reason: input.reason, version: row.version + 1 });
  }

  // ---- Children waiting for a mentor (pairing-suggest.ts), a new term (pairing-carry.ts) ----

  /** Active children without a mentor, and every mentor's load against the school's limit. */
  overview(auth: Auth, schoolId: string) {
    return pairingOverview(this.ctx.db, auth, schoolId);
  }

  /**
   * Suggest mentors for the unpaired children, the most in need first by today's risk levels (`risks`:
   * the compliance service); nothing is saved until the leader accepts.
   */
  suggest(auth: Auth, schoolId: string) {
    return suggestMentors(this.ctx.db, auth, schoolId, this.risks);
  }

  /** Every active pairing of a school carried into a new term (pairing-carry.ts). */
  carry(auth: Auth, input: { schoolId: string; toTermId: string }): Promise<{ carried: number }> {
    return carryPairings(this.ctx, this.audit, auth, input);
  }
}

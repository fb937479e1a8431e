import { isUniqueViolation, newId, type Row } from '@carebridge/db';
import type { RegionTermCreate, RegionTermResult, Term, TermCreate, TermUpdate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, conflict, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import { errorText } from '../../plugins/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { termView, termWithDates } from './mappers.ts';
import { termRepo, updateVersioned } from './org.repository.ts';
import { lockRow } from './org-lock.ts';
import { refusedByKey, refuseWhileUsed, TERM_USES } from './org-usage.ts';
import type { SchoolService } from './schools.service.ts';
import { type TermDates, termProblems } from './term-checks.ts';

export class TermService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly schools: SchoolService,
  ) {}

  async list(auth: Auth, schoolId: string): Promise<Term[]> {
    const { place } = await this.schools.place(schoolId);
    access.requireSee(auth, place, 'school');
    return (await termRepo.listBySchool(this.ctx.db, schoolId)).map((t) => termView(t, auth.lang));
  }

  async create(auth: Auth, input: TermCreate): Promise<Term> {
    const { place } = await this.schools.place(input.schoolId);
    access.requireManage(auth, place, 'school');
    const now = this.ctx.clock().toISOString();
    const row = {
      id: newId(),
      school_id: input.schoolId,
      academic_year: input.academicYear,
      semester: input.semester,
      start_date: input.startDate,
      end_date: input.endDate,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await this.write(
      auth,
      place,
      'term.create',
      row.id,
      async (tx) => {
        await this.check(tx, auth, row);
        await termRepo.insert(tx, row);
      },
      { academicYear: row.academic_year, semester: row.semester },
    );
    return termView(row, auth.lang);
  }

  /**
   * One term for every school of a region (a county sets its calendar once): each school gets it in a
   * write of its own, checked and audited as a term created by hand, so that a school whose terms clash
   * (or that has this term already) is left as it is, named with the reason, and the others get theirs.
   */
  async createForRegion(auth: Auth, input: RegionTermCreate): Promise<RegionTermResult> {
    const region = (await this.ctx.db.selectFrom('regions').select(['path']).where('id', '=', input.regionId).executeTakeFirst()) ?? notFound('region');
    access.requireManagedRegion(auth, region);
    const { regionId: _, ...dates } = input;
    // Dates outside their school year are wrong for every school: said once, on the field, not once per school.
    const outside = termProblems(
      { academic_year: dates.academicYear, semester: dates.semester, start_date: dates.startDate, end_date: dates.endDate },
      [],
      auth.lang,
    );
    if (outside) throw outside;
    const schools = await this.ctx.db.selectFrom('schools').select(['id', 'name']).where(pathUnder(region.path, 'region_path')).orderBy('name').execute();
    const out: RegionTermResult = { created: [], skipped: [] };
    for (const s of schools) {
      try {
        const term = await this.create(auth, { ...dates, schoolId: s.id });
        out.created.push({ schoolId: s.id, schoolName: s.name, termId: term.id });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        out.skipped.push({ schoolId: s.id, schoolName: s.name, reason: errorText(auth.lang, err) });
      }
    }
    return out;
  }

  async update(auth: Auth, id: string, input: TermUpdate): Promise<Term> {
    const before = (await termRepo.findById(this.ctx.db, id)) ?? notFound('term');
    const { place } = await this.schools.place(before.school_id, 'term');
    access.requireManage(auth, place, 'term');
    const set = defined({
      academic_year: input.academicYear,
      semester: input.semester,
      start_date: input.startDate,
      end_date: input.endDate,
      updated_at: this.ctx.clock().toISOString(),
    });
    const start = set.start_date ?? before.start_date;
    const end = set.end_date ?? before.end_date;
    if (start > end) invalidField('validation_failed', 'endDate', 'validation.date_order');
    await this.write(
      auth,
      place,
      'term.update',
      id,
      async (tx) => {
        await this.check(tx, auth, { ...before, ...set });
        if (!(await updateVersioned(tx, 'terms', id, input.version, set))) versionConflict('term');
      },
      changes(before, set),
    );
    return termView((await termRepo.findById(this.ctx.db, id)) ?? notFound('term'), auth.lang);
  }

  /** Delete a term nothing uses (no roster submission, pairing, safety plan, nor records or activities in its days); 409 naming what does. */
  async remove(auth: Auth, id: string): Promise<void> {
    const before = (await termRepo.findById(this.ctx.db, id)) ?? notFound('term');
    const { place } = await this.schools.place(before.school_id, 'term');
    access.requireManage(auth, place, 'term');
    const summary = { academicYear: before.academic_year, semester: before.semester, startDate: before.start_date, endDate: before.end_date };
    await this.write(
      auth,
      place,
      'term.delete',
      id,
      async (tx) => {
        // The school first, as every writer of its terms takes it; then the term, which must still be there.
        (await lockRow(tx, this.ctx.dialect, 'schools', before.school_id)) ?? notFound('term');
        const term = (await lockRow(tx, this.ctx.dialect, 'terms', id)) ?? notFound('term');
        await refuseWhileUsed(tx, TERM_USES, term, 'term', auth.lang);
        await tx.deleteFrom('terms').where('id', '=', id).execute();
      },
      summary,
    );
  }

  /**
   * The school's terms as committed, with the school's row held until the write ends (PostgreSQL), so
   * that two terms written at once are checked one after the other; then the rules of `termProblems`
   * and one term per semester of a year (the index's 409, said before it is hit).
   */
  private async check(tx: Tx, auth: Auth, term: TermDates & { school_id: string; id: string }) {
    (await lockRow(tx, this.ctx.dialect, 'schools', term.school_id)) ?? notFound('school');
    const others: Row<'terms'>[] = (await termRepo.listBySchool(tx, term.school_id)).filter((t) => t.id !== term.id);
    const same = others.find((t) => t.academic_year === term.academic_year && t.semester === term.semester);
    // Named with its dates: a region's term set again shows each school's own (TermService.createForRegion).
    if (same) conflict('duplicate', { entity: 'entities.term', detail: termWithDates(same, auth.lang) });
    const problem = termProblems(term, others, auth.lang);
    if (problem) throw problem;
  }

  private async write(
    auth: Auth,
    place: { schoolId: string; regionPath: string },
    action: string,
    id: string,
    work: (tx: Tx) => Promise<unknown>,
    summary: Record<string, unknown>,
  ) {
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await work(tx);
        await this.audit.record(tx, auth, { action, entity: 'term', entityId: id, schoolId: place.schoolId, regionPath: place.regionPath, summary });
      });
    } catch (err) {
      if (isUniqueViolation(err)) conflict('duplicate', { entity: 'entities.term', detail: String(summary.academicYear ?? '') });
      if (action === 'term.delete') refusedByKey(err, 'term');
      throw err;
    }
  }
}

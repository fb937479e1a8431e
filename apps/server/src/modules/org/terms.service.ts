import { isUniqueViolation, newId } from '@carebridge/db';
import type { Term, TermCreate, TermUpdate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx } from '../../context.ts';
import { conflict, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { termView } from './mappers.ts';
import { termRepo, updateVersioned } from './org.repository.ts';
import type { SchoolService } from './schools.service.ts';

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
    await this.write(auth, place, 'term.create', row.id, async (tx) => termRepo.insert(tx, row), { academicYear: row.academic_year, semester: row.semester });
    return termView(row, auth.lang);
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
        if (!(await updateVersioned(tx, 'terms', id, input.version, set))) versionConflict('term');
      },
      changes(before, set),
    );
    return termView((await termRepo.findById(this.ctx.db, id)) ?? notFound('term'), auth.lang);
  }

  private async write(
    auth: Auth,
    place: { schoolId: string; regionPath: string },
    action: string,
    id: string,
    work: (tx: Ctx['db']) => Promise<unknown>,
    summary: Record<string, unknown>,
  ) {
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await work(tx);
        await this.audit.record(tx, auth, { action, entity: 'term', entityId: id, schoolId: place.schoolId, regionPath: place.regionPath, summary });
      });
    } catch (err) {
      if (isUniqueViolation(err)) conflict('duplicate', { entity: 'entities.term', detail: String(summary.academicYear ?? '') });
      throw err;
    }
  }
}

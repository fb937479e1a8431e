import { newId, type Row } from '@carebridge/db';
import type { BriefingUpdate } from '@carebridge/shared';
import { type Briefing, type BriefingSections, type Lang, translate } from '@carebridge/shared';
import type { z } from 'zod';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { briefingDocx } from './briefing-docx.ts';
import { draftBriefing, type Figure, figuresIn } from './briefing-draft.ts';
import { photoCandidates } from './briefing-privacy.ts';
import { type ReportScope, reportPeriod, reportScope } from './scope.ts';
import type { StatsService } from './stats.service.ts';

type BriefingRow = Row<'briefings'>;

/**
 * The work briefing (工作简报, issue 6): drafted from the records of a period — figures, what was
 * done, highlights, problems, next steps — edited in the browser, then rendered as Word with charts
 * and chosen photos. Children in incidents never appear: their names are masked in every text and
 * their records' photos are not offered. Other children are named only if the user chooses so.
 * Persistence, permissions and versions here; the draft in briefing-draft.ts, the Word file in briefing-docx.ts.
 */
export class BriefingService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
  ) {}

  private async scopeOf(auth: Auth, r: { school_id: string | null; region_id: string | null }): Promise<ReportScope> {
    return reportScope(this.ctx, auth, r.school_id ? { schoolId: r.school_id } : { regionId: r.region_id ?? '' });
  }

  private async find(auth: Auth, id: string): Promise<{ r: BriefingRow; scope: ReportScope }> {
    const r = (await this.ctx.db.selectFrom('briefings').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('briefing');
    const scope = await this.scopeOf(auth, r).catch(() => notFound('briefing'));
    return { r, scope };
  }

  private async view(r: BriefingRow, scope: ReportScope, lang: Lang): Promise<Briefing> {
    const candidates = await photoCandidates(this.ctx, scope, r.from_date, r.to_date, lang);
    return {
      id: r.id,
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from: r.from_date,
      to: r.to_date,
      title: r.title,
      unit: r.unit,
      sections: JSON.parse(r.sections) as BriefingSections,
      figures: figuresIn(JSON.parse(r.figures) as Figure[], lang),
      candidates: candidates.map(({ path: _path, ...c }) => c),
      photoIds: JSON.parse(r.photo_ids) as string[],
      nameChildren: r.name_children === 1,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      generatedAt: r.generated_at,
      version: r.version,
    };
  }

  async list(auth: Auth, q: { schoolId?: string; regionId?: string }) {
    const scope = await reportScope(this.ctx, auth, q);
    const rows = await this.ctx.db
      .selectFrom('briefings')
      .selectAll()
      .where(scope.kind === 'school' ? (eb) => eb('school_id', '=', scope.id) : (eb) => eb('region_id', '=', scope.id))
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        scope: { kind: scope.kind, id: scope.id, name: scope.name },
        from: r.from_date,
        to: r.to_date,
        title: r.title,
        createdBy: r.created_by_name,
        createdAt: r.created_at,
        generatedAt: r.generated_at,
      })),
    };
  }

  async get(auth: Auth, id: string, lang: Lang): Promise<Briefing> {
    const { r, scope } = await this.find(auth, id);
    return this.view(r, scope, lang);
  }

  /** Who writes briefings: a school's leaders and moral-education office, the bureau for a region (and its schools). */
  private writes(auth: Auth, scope: ReportScope) {
    if (auth.scope.global) return true;
    if (scope.kind === 'school')
      return (
        auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === scope.id) ||
        auth.scope.regionPaths.some((p) => scope.path.startsWith(p))
      );
    return auth.scope.regionPaths.some((p) => scope.path.startsWith(p));
  }

  async create(auth: Auth, body: { schoolId?: string; regionId?: string; period: string; title?: string }, lang: Lang): Promise<Briefing> {
    const scope = await reportScope(this.ctx, auth, body);
    if (!this.writes(auth, scope)) forbidden();
    const { from, to } = await reportPeriod(
      this.ctx,
      scope,
      { period: body.period },
      new Date(this.ctx.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    );
    const draft = await draftBriefing(this.ctx, this.stats, auth, scope, from, to, lang);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('briefings')
        .values({
          id,
          school_id: scope.kind === 'school' ? scope.id : null,
          region_id: scope.kind === 'region' ? scope.id : null,
          scope_path: scope.path,
          from_date: from,
          to_date: to,
          title: body.title || translate(lang, 'briefings.defaultTitle', { unit: scope.name }),
          unit: scope.name,
          sections: JSON.stringify(draft.sections),
          figures: JSON.stringify(draft.figures),
          charts: JSON.stringify(draft.charts),
          photo_ids: '[]',
          name_children: 0,
          created_by: auth.userId || null,
          created_by_name: auth.name,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(tx, auth, {
        action: 'briefing.create',
        entity: 'briefing',
        entityId: id,
        schoolId: scope.kind === 'school' ? scope.id : null,
        regionPath: scope.path,
        summary: { from, to },
      });
    });
    return this.get(auth, id, lang);
  }

  async update(auth: Auth, id: string, body: z.output<typeof BriefingUpdate>, lang: Lang): Promise<Briefing> {
    const { r, scope } = await this.find(auth, id);
    if (!this.writes(auth, scope)) forbidden();
    if (r.version !== body.version) versionConflict('briefing');
    if (body.photoIds) {
      const offered = new Set((await photoCandidates(this.ctx, scope, r.from_date, r.to_date, lang)).map((c) => c.id));
      const bad = body.photoIds.findIndex((p) => !offered.has(p));
      if (bad >= 0) throw new AppError('validation_failed', 422, {}, [{ path: `photoIds.${bad}`, message: 'errors.briefing_photo' }]);
    }
    const sections = { ...(JSON.parse(r.sections) as BriefingSections), ...(body.sections ?? {}) };
    const nameChildren = body.nameChildren === undefined ? r.name_children === 1 : body.nameChildren;
    // What changed, without the texts themselves (they may name children): which parts, and whether names are on.
    const changed = [
      ...(body.title !== undefined && body.title !== r.title ? ['title'] : []),
      ...(body.unit !== undefined && body.unit !== r.unit ? ['unit'] : []),
      ...Object.keys(body.sections ?? {}).filter((k) => (JSON.parse(r.sections) as Record<string, string>)[k] !== (sections as Record<string, string>)[k]),
      ...(body.photoIds && JSON.stringify(body.photoIds) !== r.photo_ids ? ['photos'] : []),
    ];
    // The change and its audit entry together: one without the other is never kept.
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('briefings')
        .set({
          title: body.title ?? r.title,
          unit: body.unit ?? r.unit,
          sections: JSON.stringify(sections),
          photo_ids: body.photoIds ? JSON.stringify(body.photoIds) : r.photo_ids,
          name_children: nameChildren ? 1 : 0,
          version: r.version + 1,
          updated_at: this.ctx.clock().toISOString(),
        })
        .where('id', '=', id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('briefing');
      await this.audit.record(tx, auth, {
        action: 'briefing.update',
        entity: 'briefing',
        entityId: id,
        schoolId: scope.kind === 'school' ? scope.id : null,
        regionPath: scope.path,
        summary: { changed, nameChildren, ...(nameChildren !== (r.name_children === 1) ? { nameChildrenWas: r.name_children === 1 } : {}) },
      });
    });
    return this.get(auth, id, lang);
  }

  /** The Word document. Audited as an export. */
  async docx(auth: Auth, id: string, lang: Lang): Promise<{ fileName: string; data: Buffer }> {
    const { r, scope } = await this.find(auth, id);
    const { data, photos } = await briefingDocx(this.ctx, this.stats, auth, r, scope, lang);
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('briefings').set({ generated_at: now }).where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'briefing.export',
        entity: 'briefing',
        entityId: id,
        schoolId: scope.kind === 'school' ? scope.id : null,
        regionPath: scope.path,
        summary: { photos, nameChildren: r.name_children === 1 },
      });
    });
    return { fileName: `${r.title}.docx`, data: Buffer.from(data) };
  }
}

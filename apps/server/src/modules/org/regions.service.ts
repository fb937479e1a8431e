import { newId } from '@carebridge/db';
import { REGION_LEVELS, type Region, type RegionCreate, type RegionUpdate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx, Tx } from '../../context.ts';
import { forbidden, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { regionView } from './mappers.ts';
import { type RegionRow, regionRepo, schoolRepo, updateVersioned } from './org.repository.ts';
import { lockRootRegions, lockRow } from './org-lock.ts';
import { REGION_USES, refusedByKey, refuseWhileUsed } from './org-usage.ts';

const idsOfPath = (path: string) => path.split('/').filter(Boolean);

export class RegionService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  /** Every region the caller sees: its subtrees, and the chain above each place in its scope. */
  async list(auth: Auth): Promise<Region[]> {
    const { db } = this.ctx;
    const s = auth.scope;
    const ancestorIds = new Set<string>();
    for (const p of s.regionPaths) for (const id of idsOfPath(p)) ancestorIds.add(id);
    for (const r of await schoolRepo.regionPathsOf(db, [...s.schoolIds, ...s.classSchoolIds])) for (const id of idsOfPath(r.region_path)) ancestorIds.add(id);
    return (await regionRepo.list(db, s, [...ancestorIds])).map(regionView);
  }

  async create(auth: Auth, input: RegionCreate): Promise<Region> {
    const { db } = this.ctx;
    const id = newId();
    let path = `/${id}/`;
    if (input.parentId) {
      const parent =
        (await regionRepo.findById(db, input.parentId)) ??
        invalidField('invalid_parent', 'parentId', 'errors.not_found', { entity: 'entities.region', detail: input.parentId });
      access.requireManage(auth, { regionPath: parent.path }, 'region');
      if (REGION_LEVELS.indexOf(input.level) <= REGION_LEVELS.indexOf(parent.level as Region['level'])) {
        invalidField('invalid_parent', 'level', 'errors.invalid_parent', { detail: `${parent.level} → ${input.level}` });
      }
      path = `${parent.path}${id}/`;
    } else if (!access.isAdmin(auth)) {
      forbidden();
    }
    const now = this.ctx.clock().toISOString();
    const row = {
      id,
      parent_id: input.parentId ?? null,
      level: input.level,
      name: input.name,
      code: input.code ?? null,
      path,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await db.transaction().execute(async (tx) => {
      await this.checkSiblings(tx, row, { name: row.name, code: row.code });
      await regionRepo.insert(tx, row);
      await this.audit.record(tx, auth, {
        action: 'region.create',
        entity: 'region',
        entityId: id,
        regionPath: path,
        summary: { name: row.name, level: row.level },
      });
    });
    return regionView(row);
  }

  async update(auth: Auth, id: string, input: RegionUpdate): Promise<Region> {
    const { db } = this.ctx;
    const before = (await regionRepo.findById(db, id)) ?? notFound('region');
    access.requireManage(auth, { regionPath: before.path }, 'region');
    const now = this.ctx.clock().toISOString();
    const set = defined({ name: input.name, code: input.code === undefined ? undefined : (input.code ?? null), updated_at: now });
    await db.transaction().execute(async (tx) => {
      // Only what changes is checked: a name or code kept as it was (duplicates saved before the rule) stays editable.
      const renamed = set.name !== undefined && set.name.trim() !== before.name.trim() ? set.name : undefined;
      const recoded = set.code && set.code !== before.code ? set.code : undefined;
      if (renamed !== undefined || recoded !== undefined) await this.checkSiblings(tx, before, { name: renamed, code: recoded });
      if (!(await updateVersioned(tx, 'regions', id, input.version, set))) versionConflict('region');
      await this.audit.record(tx, auth, { action: 'region.update', entity: 'region', entityId: id, regionPath: before.path, summary: changes(before, set) });
    });
    return regionView((await regionRepo.findById(db, id)) ?? notFound('region'));
  }

  /**
   * Delete a region nothing uses: no sub-region, school, role, policy, event or briefing names it
   * (409 naming what does). Whoever may create it may delete it: the administrator a top-level one,
   * else whoever manages its parent (a bureau officer the regions below its own).
   */
  async remove(auth: Auth, id: string): Promise<void> {
    const { db } = this.ctx;
    const before = (await regionRepo.findById(db, id)) ?? notFound('region');
    access.requireSee(auth, { regionPath: before.path }, 'region');
    const parent = before.parent_id ? await regionRepo.findById(db, before.parent_id) : undefined;
    if (parent ? !access.manages(auth, { regionPath: parent.path }) : !access.isAdmin(auth)) forbidden();
    try {
      await db.transaction().execute(async (tx) => {
        // Held until the end: a sub-region or school written meanwhile (they take this row too) is counted here, or waits and finds no region.
        const region = (await lockRow(tx, this.ctx.dialect, 'regions', id)) ?? notFound('region');
        await refuseWhileUsed(tx, REGION_USES, region, 'region', auth.lang);
        await tx.deleteFrom('regions').where('id', '=', id).execute();
        await this.audit.record(tx, auth, {
          action: 'region.delete',
          entity: 'region',
          entityId: id,
          regionPath: before.path,
          summary: { name: before.name, level: before.level },
        });
      });
    } catch (err) {
      refusedByKey(err, 'region');
      throw err;
    }
  }

  /**
   * Sibling regions (same parent, or both top-level) differ in name, trimmed, and in 行政区划代码 where
   * one is given; 422 on `name` / `code` naming the parent. No unique index holds this: regions saved
   * before the rule may repeat a name. The parent's row (for top-level regions an advisory lock) is
   * held until the write ends, so two regions of one name written at once are checked in turn.
   */
  private async checkSiblings(tx: Tx, region: Pick<RegionRow, 'id' | 'parent_id'>, wanted: { name?: string | undefined; code?: string | null | undefined }) {
    let parent: RegionRow | undefined;
    if (region.parent_id) {
      parent =
        (await lockRow(tx, this.ctx.dialect, 'regions', region.parent_id)) ??
        invalidField('invalid_parent', 'parentId', 'errors.not_found', { entity: 'entities.region', detail: region.parent_id });
    } else {
      await lockRootRegions(tx, this.ctx.dialect);
    }
    const siblings = (await regionRepo.siblings(tx, region.parent_id)).filter((r) => r.id !== region.id);
    const name = wanted.name?.trim();
    const sameName = name ? siblings.find((r) => r.name.trim() === name) : undefined;
    if (sameName) {
      if (parent) invalidField('region_name_taken', 'name', 'errors.region_name_taken', { parent: parent.name, name: sameName.name.trim() });
      invalidField('region_root_name_taken', 'name', 'errors.region_root_name_taken', { name: sameName.name.trim() });
    }
    const code = wanted.code?.trim();
    const sameCode = code ? siblings.find((r) => r.code?.trim() === code) : undefined;
    if (sameCode && code) {
      if (parent) invalidField('region_code_taken', 'code', 'errors.region_code_taken', { parent: parent.name, code, other: sameCode.name });
      invalidField('region_root_code_taken', 'code', 'errors.region_root_code_taken', { code, other: sameCode.name });
    }
  }
}

import { newId } from '@carebridge/db';
import { REGION_LEVELS, type Region, type RegionCreate, type RegionUpdate } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { access } from '../../access/policy.ts';
import type { Ctx } from '../../context.ts';
import { forbidden, invalidField, notFound, versionConflict } from '../../errors.ts';
import { changes, defined } from '../../lib/diff.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { regionView } from './mappers.ts';
import { regionRepo, schoolRepo, updateVersioned } from './org.repository.ts';

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
      if (!(await updateVersioned(tx, 'regions', id, input.version, set))) versionConflict('region');
      await this.audit.record(tx, auth, { action: 'region.update', entity: 'region', entityId: id, regionPath: before.path, summary: changes(before, set) });
    });
    return regionView((await regionRepo.findById(db, id)) ?? notFound('region'));
  }
}

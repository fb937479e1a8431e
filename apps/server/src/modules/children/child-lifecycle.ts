/** An archive's standing: status changes, transfer to another school of the county, PIPL erasure. */

import type { Child, ChildErase, ChildStatusChange, ChildTransfer } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { removePhotoFiles } from '../care-records/photos.ts';
import { endChildPairings } from '../mentoring/pairing-close.ts';
import { placeOf } from './child.mapper.ts';
import { editsChild, transfersChild } from './child.policy.ts';
import { childRepo } from './child.repository.ts';
import type { ChildService } from './child.service.ts';
import { checkClass, countyPathOf, holdClass } from './child-checks.ts';
import { historyRow } from './child-history.ts';

export class ChildLifecycle {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly children: ChildService,
  ) {}

  /** Parents returned (no longer left-behind), left school, or back to active; leaving active ends the child's pairings. */
  async changeStatus(auth: Auth, id: string, input: ChildStatusChange): Promise<Child> {
    const row = await this.children.visible(auth, id);
    if (!editsChild(auth, placeOf(row))) forbidden();
    // A "change" to the status it has would write history and audit rows for nothing.
    if (row.status === input.status)
      throw new AppError('validation_failed', 422, {}, [
        { path: 'status', message: 'errors.child_status_same', params: { status: `codes.childStatus.${row.status}` } },
      ]);
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      const ok = await childRepo.update(tx, id, input.version, { status: input.status, status_note: input.note ?? null, updated_at: now });
      if (!ok) versionConflict('child');
      await childRepo.addHistory(tx, [
        historyRow(auth, id, row.school_id, 'status', input.note ?? null, [{ field: 'status', old: row.status, new: input.status }], now),
      ]);
      if (input.status !== 'active') {
        const child = { id, schoolId: row.school_id, regionPath: row.region_path };
        await endChildPairings(tx, this.audit, auth, child, 'child_inactive', shanghaiDate(this.ctx.clock()), now);
      }
      await this.audit.record(tx, auth, {
        action: 'child.status',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { status: [row.status, input.status] },
      });
    });
    return this.children.view(auth, await this.children.visibleOrAny(auth, id));
  }

  /** Schools a child may be transferred to: those of the same county (or the caller's region), without the current one. */
  async transferTargets(auth: Auth, id: string) {
    const row = await this.children.visible(auth, id);
    if (!transfersChild(auth, placeOf(row))) forbidden();
    const county = await countyPathOf(this.ctx.db, row.region_path);
    const rows = await this.ctx.db
      .selectFrom('schools as s')
      .leftJoin('regions as r', 'r.id', 's.region_id')
      .select(['s.id', 's.name', 'r.name as regionName'])
      .where(pathUnder(county, 's.region_path'))
      .where('s.id', '!=', row.school_id)
      .orderBy('s.name')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, regionName: r.regionName ?? null }));
  }

  /** The archive and its history move; the old school keeps no access (its pairings of the child end). */
  async transfer(auth: Auth, id: string, input: ChildTransfer): Promise<void> {
    const row = await this.children.visible(auth, id);
    if (!transfersChild(auth, placeOf(row))) forbidden();
    if (input.schoolId === row.school_id) throw new AppError('transfer_same_school', 422, {}, [{ path: 'schoolId', message: 'errors.transfer_same_school' }]);
    const targets = await this.transferTargets(auth, id);
    const target = targets.find((t) => t.id === input.schoolId) ?? notFound('school');
    await checkClass(this.ctx.db, target.id, input.classId);
    const now = this.ctx.clock().toISOString();
    const to = await this.ctx.db.selectFrom('schools').select(['region_path']).where('id', '=', target.id).executeTakeFirstOrThrow();
    // The class it joins there (checked above), named in the history as the old one is.
    const joins = input.classId
      ? ((await this.ctx.db.selectFrom('classes').select('name').where('id', '=', input.classId).executeTakeFirst())?.name ?? null)
      : null;
    await this.ctx.db.transaction().execute(async (tx) => {
      await holdClass(tx, this.ctx.dialect, input.classId);
      const ok = await childRepo.update(tx, id, input.version, {
        school_id: target.id,
        class_id: input.classId ?? null,
        entered_on: shanghaiDate(this.ctx.clock()),
        updated_at: now,
      });
      if (!ok) versionConflict('child');
      const child = { id, schoolId: row.school_id, regionPath: row.region_path };
      await endChildPairings(tx, this.audit, auth, child, 'child_transferred', shanghaiDate(this.ctx.clock()), now);
      await tx.updateTable('child_history').set({ school_id: target.id }).where('child_id', '=', id).execute();
      const changes = [
        { field: 'schoolId', old: row.school_name, new: target.name },
        { field: 'classId', old: row.class_name, new: joins },
      ];
      await childRepo.addHistory(tx, [historyRow(auth, id, target.id, 'transfer', input.note ?? null, changes, now)]);
      const summary = { from: row.school_id, to: target.id };
      await this.audit.record(tx, auth, {
        action: 'child.transfer',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary,
      });
      await this.audit.record(tx, auth, { action: 'child.transfer', entity: 'child', entityId: id, schoolId: target.id, regionPath: to.region_path, summary });
    });
  }

  /** PIPL deletion on request: administrators only, with a reason; personal data is really removed. */
  async erase(auth: Auth, id: string, input: ChildErase): Promise<void> {
    if (!auth.scope.global) {
      await this.children.visible(auth, id);
      forbidden();
    }
    const row = (await childRepo.findAnyById(this.ctx.db, id)) ?? notFound('child');
    const files = await this.ctx.db.transaction().execute(async (tx) => {
      const files = await childRepo.erase(tx, id);
      await this.audit.record(tx, auth, {
        action: 'child.erase',
        entity: 'child',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { reason: input.reason },
      });
      return files;
    });
    await removePhotoFiles(this.ctx.config.dataDir, files);
  }
}

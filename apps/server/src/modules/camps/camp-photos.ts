/** Camp photos (taken by volunteers and staff during the camp; offered to the briefing): upload, read, re-date or re-caption, remove. */

import { join } from 'node:path';
import { newId } from '@carebridge/db';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { normalisePhoto, readPhoto, removePhotoFiles, savePhoto, thumbPath } from '../care-records/photos.ts';
import { type CampRow, ownsPhoto } from './camp.policy.ts';
import { checkCaption, invalid } from './camp-checks.ts';
import { findCamp } from './camp-view.ts';

/** Photos a camp keeps (the briefing offers a handful). */
const MAX_PHOTOS = 200;

/** A camp's photos; they do not bump the camp's version (volunteers upload while a leader edits the timetable). */
export class CampPhotos {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  /** The photo's camp day: the one given, else today when the camp is on, else the nearest camp day. */
  private date(r: CampRow, date: string | undefined): string {
    if (date !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < r.start_date || date > r.end_date) invalid([{ path: 'date', message: 'errors.camp_date_outside' }], 400);
      return date;
    }
    // The middle of the three (ISO dates sort as text) is today clamped into the camp.
    return [r.start_date, shanghaiDate(this.ctx.clock()), r.end_date].sort()[1] ?? r.start_date;
  }

  /**
   * The camp as it stands in `db` with the photo's day (`date`) and room for one more photo; refused
   * (404, 403, 400 on `caption` or `date`, 422) otherwise. With `lock` the camp row stays locked on PostgreSQL
   * until the transaction ends (findCamp), so its days cannot change before the photo is written.
   */
  private async placed(db: Tx, auth: Auth, id: string, photo: { caption: string | null; date?: string }, lock = false) {
    const { r, rights } = await findCamp(db, auth, id, lock && this.ctx.dialect === 'postgres');
    if (!rights.photos) forbidden();
    checkCaption(photo.caption);
    const date = this.date(r, photo.date);
    const count = await db
      .selectFrom('camp_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('camp_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_PHOTOS) throw new AppError('camp_photo_count', 422, { max: MAX_PHOTOS });
    return { r, date };
  }

  /**
   * Checked first without a lock (a refusal costs no image work), the files written outside the
   * transaction, then checked again inside it on the locked camp row before the row is inserted; a
   * refusal or failure there removes the files.
   */
  async add(auth: Auth, id: string, data: Buffer, fields: { caption?: string; date?: string }): Promise<void> {
    const asked = { caption: fields.caption?.trim() || null, date: fields.date || undefined };
    const { r } = await this.placed(this.ctx.db, auth, id, asked);
    const p = await normalisePhoto(data, this.ctx.config.photoMaxBytes);
    const photoId = newId();
    const path = join('camps', r.school_id, id, `${photoId}.jpg`);
    try {
      await savePhoto(this.ctx.config.dataDir, path, p.jpeg);
      await savePhoto(this.ctx.config.dataDir, thumbPath(path), p.thumb);
      await this.ctx.db.transaction().execute(async (tx) => {
        const { r, date } = await this.placed(tx, auth, id, asked, true);
        const { caption } = asked;
        await tx
          .insertInto('camp_photos')
          .values({
            id: photoId,
            camp_id: id,
            school_id: r.school_id,
            date,
            caption,
            path,
            width: p.width,
            height: p.height,
            size: p.jpeg.length,
            created_by: auth.userId || null,
            created_at: this.ctx.clock().toISOString(),
          })
          .execute();
        await this.audit.record(tx, auth, {
          action: 'camp.photo',
          entity: 'camp',
          entityId: id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: { date, caption },
        });
      });
    } catch (err) {
      // Nothing half-written: the files go if the row could not be kept.
      await removePhotoFiles(this.ctx.config.dataDir, [path]);
      throw err;
    }
  }

  private async own(auth: Auth, id: string, photoId: string) {
    const { r, rights } = await findCamp(this.ctx.db, auth, id);
    const p =
      (await this.ctx.db.selectFrom('camp_photos').selectAll().where('id', '=', photoId).where('camp_id', '=', id).executeTakeFirst()) ?? notFound('camp');
    return { r, p, mine: ownsPhoto(auth, rights, p.created_by) };
  }

  async read(auth: Auth, id: string, photoId: string, thumb: boolean): Promise<Buffer> {
    const { p } = await this.own(auth, id, photoId);
    return readPhoto(this.ctx.config.dataDir, thumb ? thumbPath(p.path) : p.path);
  }

  /** A new day is checked on the camp row locked inside the transaction, as for an upload. */
  async update(auth: Auth, id: string, photoId: string, body: { caption?: string | null; date?: string }): Promise<void> {
    const { r, p, mine } = await this.own(auth, id, photoId);
    if (!mine) forbidden();
    if (body.date !== undefined) this.date(r, body.date);
    const caption = body.caption === undefined ? p.caption : body.caption?.trim() || null;
    checkCaption(caption);
    await this.ctx.db.transaction().execute(async (tx) => {
      const { r } = await findCamp(tx, auth, id, this.ctx.dialect === 'postgres');
      const date = body.date === undefined ? p.date : this.date(r, body.date);
      const res = await tx.updateTable('camp_photos').set({ date, caption }).where('id', '=', photoId).where('camp_id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) notFound('camp');
      await this.audit.record(tx, auth, {
        action: 'camp.photo_update',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { date, caption },
      });
    });
  }

  async remove(auth: Auth, id: string, photoId: string): Promise<void> {
    const { r, p, mine } = await this.own(auth, id, photoId);
    if (!mine) forbidden();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('camp_photos').where('id', '=', photoId).execute();
      await this.audit.record(tx, auth, {
        action: 'camp.photo_delete',
        entity: 'camp',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { date: p.date, caption: p.caption },
      });
    });
    await removePhotoFiles(this.ctx.config.dataDir, [p.path]);
  }
}

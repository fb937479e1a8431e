/** An activity's photos (stored as JPEG with a thumbnail) and attachments (documents of a few types), under the data folder. */

import { join } from 'node:path';
import { newId } from '@carebridge/db';
import { type Activity, joinList, type Lang } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { normalisePhoto, readPhoto, removePhoto, removePhotoFiles, savePhoto, thumbPath } from '../care-records/photos.ts';
import { editsActivity } from './activity.policy.ts';
import { findActivity } from './activity-rows.ts';

const MAX_FILES = 20;
const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  txt: 'text/plain',
};

/** The activity's photos and attachments as its view shows them, each with the address it is served at. */
export async function fileViews(db: Tx, activityId: string): Promise<Pick<Activity, 'photos' | 'files'>> {
  const files = await db.selectFrom('activity_files').selectAll().where('activity_id', '=', activityId).orderBy('created_at').execute();
  const url = (f: { id: string }) => `/api/activities/${activityId}/files/${f.id}`;
  return {
    photos: files
      .filter((f) => f.file_kind === 'photo')
      .map((f) => ({ id: f.id, url: url(f), thumbUrl: `${url(f)}?size=thumb`, width: f.width ?? 0, height: f.height ?? 0, size: f.size })),
    files: files.filter((f) => f.file_kind === 'file').map((f) => ({ id: f.id, name: f.name, size: f.size, url: url(f), createdAt: f.created_at })),
  };
}

/** Remove the stored files of a deleted activity, or of one whose row could not be kept. */
export async function removeStoredFiles(dataDir: string, files: { path: string; file_kind: string }[]): Promise<void> {
  // Photos have a thumbnail beside them; attachments do not.
  await removePhotoFiles(
    dataDir,
    files.filter((f) => f.file_kind === 'photo').map((f) => f.path),
  );
  for (const f of files) if (f.file_kind !== 'photo') await removePhoto(dataDir, f.path);
}

export class ActivityFiles {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
  ) {}

  async addFile(auth: Auth, id: string, file: { name: string; data: Buffer; photo: boolean }, lang: Lang): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const count = await this.ctx.db
      .selectFrom('activity_files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES) throw new AppError('activity_file_count', 422, { max: MAX_FILES });
    const fileId = newId();
    const dir = join('activities', r.school_id, id);
    let row: { file_kind: string; name: string; path: string; mime: string; width: number | null; height: number | null; size: number };
    if (file.photo) {
      const p = await normalisePhoto(file.data, this.ctx.config.photoMaxBytes);
      const path = join(dir, `${fileId}.jpg`);
      await savePhoto(this.ctx.config.dataDir, path, p.jpeg);
      await savePhoto(this.ctx.config.dataDir, thumbPath(path), p.thumb);
      row = { file_kind: 'photo', name: file.name, path, mime: 'image/jpeg', width: p.width, height: p.height, size: p.jpeg.length };
    } else {
      const ext = (file.name.split('.').pop() ?? '').toLowerCase();
      const mime = FILE_TYPES[ext];
      if (!mime) throw new AppError('file_type', 415, { types: joinList(lang, Object.keys(FILE_TYPES)) });
      if (file.data.length > this.ctx.config.photoMaxBytes)
        throw new AppError('photo_too_large', 413, { mb: Math.round(this.ctx.config.photoMaxBytes / 1024 / 1024) });
      const path = join(dir, `${fileId}.${ext}`);
      await savePhoto(this.ctx.config.dataDir, path, file.data);
      row = { file_kind: 'file', name: file.name.slice(0, 200), path, mime, width: null, height: null, size: file.data.length };
    }
    // The files were written first: a failure to keep their row (and its audit entry) removes them again, as a care record's and a camp's photos do.
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('activity_files')
          .values({ id: fileId, activity_id: id, school_id: r.school_id, created_by: auth.userId || null, created_at: this.ctx.clock().toISOString(), ...row })
          .execute();
        await this.audit.record(tx, auth, {
          action: file.photo ? 'activity.photo' : 'activity.file',
          entity: 'activity',
          entityId: id,
          schoolId: r.school_id,
          regionPath: r.region_path,
          summary: { name: row.name },
        });
      });
    } catch (err) {
      await removeStoredFiles(this.ctx.config.dataDir, [row]);
      throw err;
    }
  }

  async file(auth: Auth, id: string, fileId: string, thumb: boolean): Promise<{ data: Buffer; mime: string; name: string }> {
    await findActivity(this.ctx.db, auth, id);
    const f =
      (await this.ctx.db.selectFrom('activity_files').selectAll().where('id', '=', fileId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity');
    const path = thumb && f.file_kind === 'photo' ? thumbPath(f.path) : f.path;
    return { data: await readPhoto(this.ctx.config.dataDir, path), mime: f.mime, name: f.name };
  }

  async removeFile(auth: Auth, id: string, fileId: string): Promise<void> {
    const r = await findActivity(this.ctx.db, auth, id);
    if (!editsActivity(auth, r)) forbidden();
    const f =
      (await this.ctx.db.selectFrom('activity_files').selectAll().where('id', '=', fileId).where('activity_id', '=', id).executeTakeFirst()) ??
      notFound('activity');
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('activity_files').where('id', '=', fileId).execute();
      await this.audit.record(tx, auth, {
        action: f.file_kind === 'photo' ? 'activity.photo_delete' : 'activity.file_delete',
        entity: 'activity',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { name: f.name },
      });
    });
    if (f.file_kind === 'photo') await removePhotoFiles(this.ctx.config.dataDir, [f.path]);
    else await removePhoto(this.ctx.config.dataDir, f.path);
  }
}

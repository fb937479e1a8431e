import { newId, type Row } from '@carebridge/db';
import type { CareRecord, CareRecordCreate, CareRecordQuery, CareRecordUpdate, Lang, MyChild, TimelineItem } from '@carebridge/shared';
import { CARE_DETAILS, type CareKind, CONFIDENTIAL_KINDS, FAMILY_CONTACT_KINDS, maskMiddle } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathInRegion } from '../../access/scope-sql.ts';
import type { Ctx, Tx } from '../../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { decodeKeyCursor } from '../../lib/key-cursor.ts';
import type { ActivityService } from '../activities/activity.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { childSeen, childVisible } from '../children/child.policy.ts';
import type { ChildService } from '../children/child.service.ts';
import { viewsByReason } from '../children/child-reasons.ts';
import {
  assertEditsRecord,
  closesFollowUp,
  confidentialSchools,
  editsRecord,
  readsConfidential,
  schoolsListingConfidential,
  writesCare,
} from './care-record.policy.ts';
import { normalisePhoto, photoPath, readPhoto, removePhotoFiles, savePhoto, thumbPath } from './photos.ts';

/** Open follow-ups sort by their date, those without one last (the key is also the list's cursor). */
const followUpKey = sql<string>`coalesce(r.follow_up_date, '9999-12-31')`;

/** A record row with what its school decides about it. */
type RecordRow = Row<'care_records'> & { region_path: string; record_edit_days: number };

const MAX_PHOTOS = 9;

/** The record is about at least one child the caller sees. */
const aboutVisibleChild = (auth: Auth): Expression<SqlBool> =>
  sql<SqlBool>`exists (select 1 from care_record_children l join children c on c.id = l.child_id where l.record_id = r.id and ${childVisible(auth, 'c')})`;

const latestBirth = (rows: { birth_date: string | null }[]) =>
  rows.reduce<string | null>((m, r) => (r.birth_date && (!m || r.birth_date > m) ? r.birth_date : m), null);

export class CareRecordService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly children: ChildService,
    private readonly activities: ActivityService,
  ) {}

  private today() {
    return shanghaiDate(this.ctx.clock());
  }

  private base(db: Tx, auth: Auth) {
    return db
      .selectFrom('care_records as r')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .selectAll('r')
      .select(['s.region_path', 's.record_edit_days'])
      .where('r.deleted_at', 'is', null)
      .where(aboutVisibleChild(auth))
      .where((eb) => {
        const schools = schoolsListingConfidential(auth);
        if (!schools) return eb.lit(true);
        return schools.length ? eb.or([eb('r.confidential', '=', 0), eb('r.school_id', 'in', schools)]) : eb('r.confidential', '=', 0);
      });
  }

  private async find(auth: Auth, id: string): Promise<RecordRow> {
    return ((await this.base(this.ctx.db, auth).where('r.id', '=', id).executeTakeFirst()) as RecordRow | undefined) ?? notFound('care_record');
  }

  /**
   * Records as the caller may see them: children it sees, photos; redacted are confidential ones
   * unless it may read them, and, for a bureau officer, those about no child it gave a reason for
   * (child details only with a logged reason, DOMAIN.md).
   */
  private async views(auth: Auth, rows: RecordRow[]): Promise<CareRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const links = await this.ctx.db
      .selectFrom('care_record_children as l')
      .innerJoin('children as c', 'c.id', 'l.child_id')
      .select(['l.record_id', 'c.id', 'c.name'])
      .where('l.record_id', 'in', ids)
      .where(childVisible(auth, 'c'))
      .orderBy('c.name_pinyin')
      .execute();
    const photos = await this.ctx.db.selectFrom('care_record_photos').selectAll().where('record_id', 'in', ids).orderBy('created_at').execute();
    const now = this.ctx.clock();
    const reasoned = rows.some((r) => viewsByReason(auth, r.school_id))
      ? await this.children.reasonsGiven(
          auth,
          links.map((l) => l.id),
        )
      : null;
    const withheld = (r: RecordRow) => !!reasoned && viewsByReason(auth, r.school_id) && !links.some((l) => l.record_id === r.id && reasoned.has(l.id));
    return rows.map((r) => {
      const redacted = (r.confidential === 1 && !readsConfidential(auth, r.school_id)) || withheld(r);
      return {
        id: r.id,
        schoolId: r.school_id,
        kind: r.kind as CareKind,
        date: r.date,
        children: links.filter((l) => l.record_id === r.id).map((l) => ({ id: l.id, name: l.name })),
        confidential: r.confidential === 1,
        redacted,
        authorId: redacted ? null : r.author_id,
        authorName: redacted ? null : r.author_name,
        participants: redacted ? null : r.participants,
        summary: redacted ? null : r.summary,
        details: redacted || !r.details ? null : (JSON.parse(r.details) as Record<string, unknown>),
        followUpNeeded: !redacted && r.follow_up_needed === 1,
        followUpDate: redacted ? null : r.follow_up_date,
        followUpDone: !redacted && r.follow_up_done === 1,
        photos: redacted
          ? []
          : photos
              .filter((p) => p.record_id === r.id)
              .map((p) => ({
                id: p.id,
                url: `/api/care-records/${r.id}/photos/${p.id}`,
                thumbUrl: `/api/care-records/${r.id}/photos/${p.id}?size=thumb`,
                width: p.width,
                height: p.height,
                size: p.size,
              })),
        canEdit: !redacted && editsRecord(auth, r, r.record_edit_days, now),
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Children of a record: all seen by the caller (or, for an assigned visit, of the assigning school), of one school, still in the archive. */
  private async checkChildren(auth: Auth, childIds: string[], assignedBy?: string): Promise<{ schoolId: string; regionPath: string; bornBy: string | null }> {
    const unique = [...new Set(childIds)];
    const rows = await this.ctx.db
      .selectFrom('children as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select(['c.id', 'c.school_id', 's.region_path', 'c.birth_date'])
      .where('c.id', 'in', unique)
      .where(assignedBy ? sql<SqlBool>`c.school_id = ${assignedBy}` : childVisible(auth, 'c'))
      .execute();
    if (rows.length !== unique.length) notFound('child');
    const first = rows[0] as (typeof rows)[number];
    if (rows.some((r) => r.school_id !== first.school_id))
      throw new AppError('pairing_one_school', 422, {}, [{ path: 'childIds', message: 'errors.pairing_one_school' }]);
    return { schoolId: first.school_id, regionPath: first.region_path, bornBy: latestBirth(rows) };
  }

  /** The last birth date of a record's children: no record about them can be older. */
  private async bornBy(recordId: string): Promise<string | null> {
    const rows = await this.ctx.db
      .selectFrom('care_record_children as l')
      .innerJoin('children as c', 'c.id', 'l.child_id')
      .select('c.birth_date')
      .where('l.record_id', '=', recordId)
      .execute();
    return latestBirth(rows);
  }

  private checkDates(date: string, followUpDate: string | null | undefined, bornBy: string | null) {
    const problems = [];
    if (date > this.today()) problems.push({ path: 'date', message: 'validation.date_future' });
    else if (bornBy && date < bornBy) problems.push({ path: 'date', message: 'validation.date_before_birth' });
    if (followUpDate && followUpDate < date) problems.push({ path: 'followUpDate', message: 'validation.follow_up_before_date' });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
  }

  /** A family letter's text is kept only when the child agrees to it (POLICY.md). */
  private cleanDetails(kind: CareKind, details: Record<string, unknown> | undefined | null): string | null {
    if (!details) return null;
    const parsed = CARE_DETAILS[kind].safeParse(details);
    if (!parsed.success)
      throw new AppError(
        'validation_failed',
        400,
        {},
        parsed.error.issues.map((i) => ({ path: `details.${i.path.join('.')}`, message: i.message })),
      );
    const d = parsed.data as Record<string, unknown>;
    if (kind === 'family_letter' && !d.childConsents) d.text = null;
    return JSON.stringify(d);
  }

  async create(auth: Auth, input: CareRecordCreate): Promise<CareRecord> {
    const place = await this.checkChildren(auth, input.childIds);
    if (!writesCare(auth)) forbidden();
    const id = await this.insert(auth, input, place);
    return this.get(auth, id, false);
  }

  /**
   * A visit the school assigned (a home-visit campaign): the visitor need not otherwise see the
   * children; the campaign checked that the place is theirs. `also` runs in the record's transaction
   * with its id (the place ticked off: both are written or neither). Returns the new record's id.
   */
  async createAssigned(auth: Auth, input: CareRecordCreate, schoolId: string, also?: (tx: Tx, id: string) => Promise<void>): Promise<string> {
    return this.insert(auth, input, await this.checkChildren(auth, input.childIds, schoolId), also);
  }

  private async insert(
    auth: Auth,
    input: CareRecordCreate,
    place: { schoolId: string; regionPath: string; bornBy: string | null },
    also?: (tx: Tx, id: string) => Promise<void>,
  ): Promise<string> {
    const confidential = CONFIDENTIAL_KINDS.includes(input.kind);
    if (confidential && !readsConfidential(auth, place.schoolId)) forbidden();
    this.checkDates(input.date, input.followUpDate, place.bornBy);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    const details = this.cleanDetails(input.kind, input.details as Record<string, unknown> | undefined);
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('care_records')
        .values({
          id,
          school_id: place.schoolId,
          kind: input.kind,
          date: input.date,
          author_id: auth.userId || null,
          author_name: auth.name,
          participants: input.participants ?? null,
          summary: input.summary,
          details,
          confidential: confidential ? 1 : 0,
          follow_up_needed: input.followUpNeeded || input.followUpDate ? 1 : 0,
          follow_up_date: input.followUpDate ?? null,
          follow_up_done: 0,
          deleted_at: null,
          deleted_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.link(tx, id, place.schoolId, input.kind, input.date, input.childIds);
      await this.audit.record(tx, auth, {
        action: 'care.create',
        entity: 'care_record',
        entityId: id,
        schoolId: place.schoolId,
        regionPath: place.regionPath,
        summary: { kind: input.kind, date: input.date, children: input.childIds.length },
      });
      await also?.(tx, id);
    });
    return id;
  }

  private async link(tx: Tx, id: string, schoolId: string, kind: string, date: string, childIds: string[]) {
    await tx.deleteFrom('care_record_children').where('record_id', '=', id).execute();
    await tx
      .insertInto('care_record_children')
      .values([...new Set(childIds)].map((c) => ({ record_id: id, child_id: c, school_id: schoolId, kind, date })))
      .execute();
  }

  async get(auth: Auth, id: string, audit = true): Promise<CareRecord> {
    const row = await this.find(auth, id);
    const [view] = await this.views(auth, [row]);
    if (audit && row.confidential === 1 && !view?.redacted)
      await this.audit.record(this.ctx.db, auth, {
        action: 'care.view_confidential',
        entity: 'care_record',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
      });
    return view as CareRecord;
  }

  async list(auth: Auth, q: CareRecordQuery): Promise<{ items: CareRecord[]; nextCursor: string | null }> {
    let query = this.base(this.ctx.db, auth);
    if (q.childId)
      query = query
        .where(sql<SqlBool>`exists (select 1 from care_record_children l where l.record_id = r.id and l.child_id = ${q.childId})`)
        .where(childSeen(auth, q.childId));
    if (q.schoolId) query = query.where('r.school_id', '=', q.schoolId);
    if (q.regionId) query = query.where(pathInRegion(q.regionId, 's.region_path'));
    if (q.kind) query = query.where('r.kind', '=', q.kind);
    if (q.from) query = query.where('r.date', '>=', q.from);
    if (q.to) query = query.where('r.date', '<=', q.to);
    if (q.authorId) query = query.where('r.author_id', '=', q.authorId);
    // 只看待跟进 is a to-do list: the most overdue first, then the soonest; other lists are newest first.
    const byFollowUp = q.followUp === 'open';
    if (byFollowUp) {
      // A redacted record says nothing of its follow-up: one the caller may not read is not listed as awaiting one.
      const readable = confidentialSchools(auth);
      query = query
        .where('r.follow_up_needed', '=', 1)
        .where('r.follow_up_done', '=', 0)
        .where((eb) => (readable.length ? eb.or([eb('r.confidential', '=', 0), eb('r.school_id', 'in', readable)]) : eb('r.confidential', '=', 0)));
    }
    if (q.cursor) {
      const { key, id } = decodeKeyCursor(q.cursor);
      query = byFollowUp
        ? query.where((eb) => eb.or([eb(followUpKey, '>', key), eb.and([eb(followUpKey, '=', key), eb('r.id', '>', id)])]))
        : query.where((eb) => eb.or([eb('r.date', '<', key), eb.and([eb('r.date', '=', key), eb('r.id', '<', id)])]));
    }
    const ordered = byFollowUp ? query.orderBy(followUpKey, 'asc').orderBy('r.id', 'asc') : query.orderBy('r.date', 'desc').orderBy('r.id', 'desc');
    const rows = (await ordered.limit(q.limit + 1).execute()) as RecordRow[];
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const lastKey = last && (byFollowUp ? (last.follow_up_date ?? '9999-12-31') : last.date);
    return {
      items: await this.views(auth, page),
      nextCursor: rows.length > q.limit && last ? Buffer.from(`${lastKey}|${last.id}`).toString('base64url') : null,
    };
  }

  async update(auth: Auth, id: string, input: CareRecordUpdate): Promise<CareRecord> {
    const row = await this.find(auth, id);
    if (row.confidential === 1 && !readsConfidential(auth, row.school_id)) forbidden();
    const closing = input.followUpDone !== undefined && Object.entries(input).every(([k, v]) => k === 'version' || k === 'followUpDone' || v === undefined);
    if (!(closing && closesFollowUp(auth, row))) assertEditsRecord(auth, row, this.ctx.clock());
    const place = input.childIds ? await this.checkChildren(auth, input.childIds) : null;
    if (place && place.schoolId !== row.school_id)
      throw new AppError('pairing_one_school', 422, {}, [{ path: 'childIds', message: 'errors.pairing_one_school' }]);
    const date = input.date ?? row.date;
    this.checkDates(date, input.followUpDate === undefined ? row.follow_up_date : input.followUpDate, place ? place.bornBy : await this.bornBy(id));
    const now = this.ctx.clock().toISOString();
    const set: Record<string, unknown> = { updated_at: now, version: row.version + 1 };
    if (input.date !== undefined) set.date = input.date;
    if (input.participants !== undefined) set.participants = input.participants;
    if (input.summary !== undefined) set.summary = input.summary;
    if (input.followUpNeeded !== undefined) set.follow_up_needed = input.followUpNeeded ? 1 : 0;
    if (input.followUpDate !== undefined) set.follow_up_date = input.followUpDate;
    if (input.followUpDone !== undefined) set.follow_up_done = input.followUpDone ? 1 : 0;
    if (input.details !== undefined) set.details = this.cleanDetails(row.kind as CareKind, input.details);
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx.updateTable('care_records').set(set).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('care_record');
      if (input.childIds || input.date) {
        const childIds =
          input.childIds ?? (await tx.selectFrom('care_record_children').select('child_id').where('record_id', '=', id).execute()).map((c) => c.child_id);
        await this.link(tx, id, row.school_id, row.kind, date, childIds);
      }
      await this.audit.record(tx, auth, {
        action: 'care.update',
        entity: 'care_record',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { fields: Object.keys(input).filter((k) => k !== 'version'), byAuthor: row.author_id === auth.userId },
      });
    });
    return this.get(auth, id, false);
  }

  /** Records are withdrawn, not erased: they leave lists and counts, and the audit log keeps who did it. */
  async remove(auth: Auth, id: string): Promise<void> {
    const row = await this.find(auth, id);
    if (row.confidential === 1 && !readsConfidential(auth, row.school_id)) forbidden();
    assertEditsRecord(auth, row, this.ctx.clock());
    const now = this.ctx.clock().toISOString();
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('care_records')
        .set({ deleted_at: now, deleted_by: auth.userId || null, updated_at: now })
        .where('id', '=', id)
        .execute();
      await tx.updateTable('care_record_children').set({ withdrawn: 1 }).where('record_id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'care.delete',
        entity: 'care_record',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { kind: row.kind, date: row.date },
      });
    });
  }

  async addPhoto(auth: Auth, id: string, data: Buffer): Promise<CareRecord> {
    const row = await this.find(auth, id);
    if (row.confidential === 1 && !readsConfidential(auth, row.school_id)) forbidden();
    assertEditsRecord(auth, row, this.ctx.clock());
    const count = await this.ctx.db
      .selectFrom('care_record_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_PHOTOS) throw new AppError('photo_count', 422, { max: MAX_PHOTOS });
    const { jpeg, thumb, width, height } = await normalisePhoto(data, this.ctx.config.photoMaxBytes);
    const photoId = newId();
    const rel = photoPath(row.school_id, id, photoId);
    await savePhoto(this.ctx.config.dataDir, rel, jpeg);
    await savePhoto(this.ctx.config.dataDir, thumbPath(rel), thumb);
    try {
      await this.ctx.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('care_record_photos')
          .values({
            id: photoId,
            record_id: id,
            school_id: row.school_id,
            path: rel,
            width,
            height,
            size: jpeg.length,
            created_by: auth.userId || null,
            created_at: this.ctx.clock().toISOString(),
          })
          .execute();
        await this.audit.record(tx, auth, {
          action: 'care.photo',
          entity: 'care_record',
          entityId: id,
          schoolId: row.school_id,
          regionPath: row.region_path,
          summary: { photoId },
        });
      });
    } catch (err) {
      await removePhotoFiles(this.ctx.config.dataDir, [rel]);
      throw err;
    }
    return this.get(auth, id, false);
  }

  /** Remove a photo (same rights as editing the record); the files go too. */
  async removePhotoOf(auth: Auth, id: string, photoId: string): Promise<CareRecord> {
    const row = await this.find(auth, id);
    if (row.confidential === 1 && !readsConfidential(auth, row.school_id)) forbidden();
    assertEditsRecord(auth, row, this.ctx.clock());
    const p =
      (await this.ctx.db.selectFrom('care_record_photos').select('path').where('id', '=', photoId).where('record_id', '=', id).executeTakeFirst()) ??
      notFound('care_record');
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('care_record_photos').where('id', '=', photoId).execute();
      await this.audit.record(tx, auth, {
        action: 'care.photo_delete',
        entity: 'care_record',
        entityId: id,
        schoolId: row.school_id,
        regionPath: row.region_path,
        summary: { photoId },
      });
    });
    await removePhotoFiles(this.ctx.config.dataDir, [p.path]);
    return this.get(auth, id, false);
  }

  /** A photo's bytes, only for someone who sees the record and may read it (not redacted). */
  async photo(auth: Auth, id: string, photoId: string, thumb = false): Promise<Buffer> {
    const row = await this.find(auth, id);
    if ((await this.views(auth, [row]))[0]?.redacted) notFound('care_record');
    const p =
      (await this.ctx.db.selectFrom('care_record_photos').select('path').where('id', '=', photoId).where('record_id', '=', id).executeTakeFirst()) ??
      notFound('care_record');
    // Photos stored before thumbnails existed fall back to the full image.
    if (thumb) return readPhoto(this.ctx.config.dataDir, thumbPath(p.path)).catch(() => readPhoto(this.ctx.config.dataDir, p.path));
    return readPhoto(this.ctx.config.dataDir, p.path);
  }

  /** A child's archive changes and care records, newest first. */
  async timeline(auth: Auth, childId: string, lang: Lang): Promise<{ items: TimelineItem[] }> {
    const history = await this.children.history(auth, childId);
    const records = await this.list(auth, { childId, limit: 200 });
    const attended = await this.activities.attendedBy(auth, childId, lang);
    const items: TimelineItem[] = [
      ...history.items.map((entry) => ({ type: 'history' as const, at: entry.at, entry })),
      ...records.items.map((record) => ({ type: 'care' as const, at: `${record.date}T${record.createdAt.slice(11)}`, record })),
      ...attended.map((activity) => ({ type: 'activity' as const, at: `${activity.date}T${activity.startTime ?? '00:00'}:00.000Z`, activity })),
    ];
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { items };
  }

  /**
   * 我的帮扶对象: a mentor's paired children with the last talk, last family contact and next follow-up.
   * A list, so the guardian's phone is masked; the card's 查看号码 reveals it (`POST /children/:id/contact`, audited).
   */
  async mine(auth: Auth): Promise<{ items: MyChild[] }> {
    const last = (kinds: readonly string[]) =>
      sql<string | null>`(select max(l.date) from care_record_children l where l.child_id = c.id and l.withdrawn = 0 and l.kind in (${sql.join(kinds)}))`;
    const rows = await this.ctx.db
      .selectFrom('pairings as p')
      .innerJoin('children as c', 'c.id', 'p.child_id')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'p.id as pairing_id',
        'c.id',
        'c.school_id',
        'c.name',
        'k.name as class_name',
        'c.key_support',
        'c.xueji_code',
        'c.guardian_name',
        'c.guardian_phone',
        last(['talk']).as('last_talk'),
        last(FAMILY_CONTACT_KINDS).as('last_family'),
        sql<
          string | null
        >`(select min(r.follow_up_date) from care_record_children l join care_records r on r.id = l.record_id where l.child_id = c.id and r.deleted_at is null and r.follow_up_needed = 1 and r.follow_up_done = 0)`.as(
          'next_follow_up',
        ),
      ])
      .where('p.mentor_id', '=', auth.userId)
      .where('p.end_date', 'is', null)
      .whereRef('p.school_id', '=', 'c.school_id')
      .where('c.status', '=', 'active')
      .orderBy('c.key_support', 'desc')
      .orderBy('c.name_pinyin')
      .execute();
    return {
      items: rows.map((r) => ({
        pairingId: r.pairing_id,
        childId: r.id,
        schoolId: r.school_id,
        name: r.name,
        className: r.class_name,
        keySupport: r.key_support === 1,
        guardianName: r.guardian_name,
        guardianPhone: maskMiddle(r.guardian_phone),
        lastTalk: r.last_talk,
        lastFamilyContact: r.last_family,
        parentAway: r.xueji_code > 0,
        nextFollowUp: r.next_follow_up,
      })),
    };
  }
}

/** Reading camps: the list in the caller's scope, one camp's row with the caller's rights, and a camp as the API shows it. */

import type { Row } from '@carebridge/db';
import type { Camp, CampSummary } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { childVisible } from '../children/child.policy.ts';
import { type CampRights, type CampRow, campRights, campSchools, ownsPhoto } from './camp.policy.ts';
import { datesBetween } from './camp-checks.ts';

/** The camps of the caller's schools and regions and those it volunteers at (newest first, at most 200). */
export async function listCamps(db: Tx, auth: Auth, q: { schoolId?: string }): Promise<{ items: CampSummary[] }> {
  let query = db
    .selectFrom('camps as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .select(['c.id', 'c.school_id', 's.name as school_name', 'c.title', 'c.place', 'c.start_date', 'c.end_date', 'c.groups', 'c.solved_at'])
    .select([
      sql<number>`(select count(*) from camp_children cc where cc.camp_id = c.id)`.as('children'),
      sql<number>`(select count(*) from camp_volunteers cv where cv.camp_id = c.id)`.as('volunteers'),
    ]);
  if (!auth.scope.global) {
    const schools = campSchools(auth);
    query = query.where((eb) =>
      eb.or([
        ...(schools.length ? [eb('c.school_id', 'in', schools)] : []),
        ...auth.scope.regionPaths.map((p) => pathUnder(p, 's.region_path')),
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('camp_volunteers')
            .select('camp_id')
            .where('user_id', '=', auth.userId || '-'),
        ),
      ]),
    );
  }
  if (q.schoolId) query = query.where('c.school_id', '=', q.schoolId);
  const rows = await query.orderBy('c.start_date', 'desc').limit(200).execute();
  return {
    items: rows.map((c) => ({
      id: c.id,
      schoolId: c.school_id,
      schoolName: c.school_name,
      title: c.title,
      place: c.place,
      startDate: c.start_date,
      endDate: c.end_date,
      groups: (JSON.parse(c.groups) as unknown[]).length,
      children: Number(c.children),
      volunteers: Number(c.volunteers),
      solvedAt: c.solved_at,
    })),
  };
}

/**
 * A camp's row, its volunteers and the caller's rights; 404 when it does not exist or the caller may
 * not read it. `forUpdate` (PostgreSQL only: SQLite has no such clause and runs one write transaction
 * at a time) locks the camp row, not its school's, until the transaction ends: every change of the
 * camp and every photo added or re-dated takes it first, so a photo and a change of the camp's days
 * see each other (camp-settings.ts refuses to remove days with photos).
 */
export async function findCamp(
  db: Tx,
  auth: Auth,
  id: string,
  forUpdate = false,
): Promise<{ r: CampRow; volunteers: Row<'camp_volunteers'>[]; rights: CampRights }> {
  let q = db
    .selectFrom('camps as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .selectAll('c')
    .select(['s.name as school_name', 's.region_path'])
    .where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate('c');
  const r = (await q.executeTakeFirst()) as CampRow | undefined;
  if (!r) return notFound('camp');
  const volunteers = await db.selectFrom('camp_volunteers').selectAll().where('camp_id', '=', id).orderBy('sort_order').execute();
  const rights = campRights(auth, r, volunteers);
  if (!rights.reads) notFound('camp');
  return { r, volunteers, rights };
}

/** The camp as the API answers it, with its children and photos. */
export async function campView(
  db: Tx,
  auth: Auth,
  r: CampRow,
  volunteers: Row<'camp_volunteers'>[],
  rights: Pick<CampRights, 'edits' | 'photos' | 'roster'>,
): Promise<Camp> {
  const all = await unlinkMoved(db, r.school_id, await db.selectFrom('camp_children').selectAll().where('camp_id', '=', r.id).orderBy('sort_order').execute());
  const children = rights.roster ? all : await seenChildren(db, auth, all);
  const photos = await db
    .selectFrom('camp_photos as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .selectAll('p')
    .select('u.name as author')
    .where('p.camp_id', '=', r.id)
    .orderBy('p.date')
    .orderBy('p.created_at')
    .execute();
  return {
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    title: r.title,
    place: r.place,
    startDate: r.start_date,
    endDate: r.end_date,
    days: datesBetween(r.start_date, r.end_date),
    windows: JSON.parse(r.windows),
    unitMinutes: r.unit_minutes,
    fixedEvents: JSON.parse(r.fixed_events),
    maxLessonsInRow: r.max_lessons_in_row,
    groups: JSON.parse(r.groups),
    sessions: JSON.parse(r.sessions),
    volunteers: volunteers.map((v) => ({
      id: v.id,
      userId: v.user_id,
      name: v.name,
      phone: v.phone,
      leader: v.leader === 1,
      sessionIds: JSON.parse(v.session_ids),
      ...(v.available ? { available: JSON.parse(v.available) } : {}),
      ...(v.max_units !== null ? { maxUnits: v.max_units } : {}),
    })),
    children: children.map((c) => ({ id: c.id, childId: c.child_id, name: c.name, grade: c.grade, groupId: c.group_id })),
    childrenHidden: all.length - children.length,
    photos: photos.map((p) => ({
      id: p.id,
      date: p.date,
      caption: p.caption,
      url: `/api/camps/${r.id}/photos/${p.id}`,
      thumbUrl: `/api/camps/${r.id}/photos/${p.id}?size=thumb`,
      width: p.width,
      height: p.height,
      createdBy: p.author,
      createdAt: p.created_at,
      canEdit: ownsPhoto(auth, rights, p.created_by),
    })),
    solvedAt: r.solved_at,
    canEdit: rights.edits,
    canAddPhotos: rights.photos,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * A child since moved to another school stays on the camp's roster by the name it was given, no longer
 * linked to its archive (the camp's school no longer sees it; a save of the roster then drops the link).
 */
async function unlinkMoved<T extends { child_id: string | null }>(db: Tx, schoolId: string, rows: T[]): Promise<T[]> {
  const ids = [...new Set(rows.map((c) => c.child_id).filter((id): id is string => !!id))];
  if (!ids.length) return rows;
  const here = new Set((await db.selectFrom('children').select('id').where('id', 'in', ids).where('school_id', '=', schoolId).execute()).map((c) => c.id));
  return rows.map((c) => (c.child_id && !here.has(c.child_id) ? { ...c, child_id: null } : c));
}

/**
 * The camp's children a reader who neither edits the camp nor volunteers at it may see by name: those
 * whose archive it sees (a class teacher's pupils, a mentor's children). Children from outside the
 * archive, and the archive's others, are only counted (`childrenHidden`).
 */
async function seenChildren<T extends { child_id: string | null }>(db: Tx, auth: Auth, rows: T[]): Promise<T[]> {
  const ids = [...new Set(rows.map((c) => c.child_id).filter((id): id is string => !!id))];
  if (!ids.length) return [];
  const seen = new Set((await db.selectFrom('children').select('id').where('id', 'in', ids).where(childVisible(auth, 'children')).execute()).map((c) => c.id));
  return rows.filter((c) => !!c.child_id && seen.has(c.child_id));
}

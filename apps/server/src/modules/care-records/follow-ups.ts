/** Follow-ups that have fallen due, for the reminder in the bell (compliance/notification.service.ts). */

import { sql } from 'kysely';
import { type Assignment, type Auth, scopeOf, toAssignment } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { chunks } from '../../lib/chunks.ts';
import { childVisible } from '../children/child.policy.ts';
import { readsConfidential } from './care-record.policy.ts';

/** How far back a due date is still told: the first pass after an upgrade does not ring for follow-ups long past (the workbench lists them all). */
export const FOLLOW_UP_TELL_DAYS = 30;

/** One reminder per record and follow-up date: a follow-up put off to a later day is told again on that day. */
export const followUpDedupe = (recordId: string, date: string) => `follow_up|${recordId}|${date}`;

export interface DueFollowUp {
  recordId: string;
  schoolId: string;
  authorId: string;
  kind: string;
  confidential: boolean;
  followUpDate: string;
  /** The record's children its author still sees, by name (never empty). */
  children: string[];
}

/**
 * Open follow-ups (needed, not done, record not withdrawn) dated from `from` to `today`, not yet told
 * to their author, about a child the author still sees (a mentor whose pairing ended, a teacher whose
 * class changed hears nothing: the record's link would answer 404) and, if confidential, still may read.
 */
export async function dueFollowUps(db: Tx, from: string, today: string): Promise<DueFollowUp[]> {
  const rows = await dueFollowUpsQuery(db, from, today).execute();
  if (!rows.length) return [];
  const authors = await authorsOf(db, [...new Set(rows.map((r) => r.author_id as string))]);
  const out: DueFollowUp[] = [];
  for (const [authorId, auth] of authors) {
    const own = rows.filter((r) => r.author_id === authorId);
    const names = new Map<string, string[]>();
    for (const ids of chunks(own.map((r) => r.id))) {
      const links = await db
        .selectFrom('care_record_children as l')
        .innerJoin('children as c', 'c.id', 'l.child_id')
        .select(['l.record_id', 'c.name'])
        .where('l.record_id', 'in', ids)
        .where(childVisible(auth, 'c'))
        .orderBy('c.name_pinyin')
        .execute();
      for (const l of links) names.set(l.record_id, [...(names.get(l.record_id) ?? []), l.name]);
    }
    for (const r of own) {
      const children = names.get(r.id);
      // Nor one who could not read it any more (a counsellor who is one no longer).
      if (!children?.length || (r.confidential === 1 && !readsConfidential(auth, r.school_id))) continue;
      out.push({
        recordId: r.id,
        schoolId: r.school_id,
        authorId,
        kind: r.kind,
        confidential: r.confidential === 1,
        followUpDate: r.follow_up_date as string,
        children,
      });
    }
  }
  return out;
}

/**
 * The records behind `dueFollowUps`, in follow-up date order, read from the partial index of open
 * follow-ups (`care_records_open_follow_up_idx`). Its three conditions are written as literals, as the
 * index has them: a generic plan of PostgreSQL (a prepared statement reused) cannot tell that
 * `follow_up_done = $4` means the index's `follow_up_done = 0`, and scans and sorts the table instead.
 */
export function dueFollowUpsQuery(db: Tx, from: string, today: string) {
  return db
    .selectFrom('care_records as r')
    .select(['r.id', 'r.school_id', 'r.author_id', 'r.kind', 'r.confidential', 'r.follow_up_date'])
    .where('r.deleted_at', 'is', null)
    .where('r.follow_up_needed', '=', sql.lit(1))
    .where('r.follow_up_done', '=', sql.lit(0))
    .where('r.follow_up_date', '>=', from)
    .where('r.follow_up_date', '<=', today)
    .where('r.author_id', 'is not', null)
    .where(
      sql<boolean>`not exists (select 1 from notifications n where n.user_id = r.author_id and n.dedupe_key = ${sql.lit('follow_up|')} || r.id || ${sql.lit('|')} || r.follow_up_date)`,
    )
    .orderBy('r.follow_up_date')
    .orderBy('r.id');
}

/** Each active author as a caller (its roles and scope), so that what it sees is decided as for its own requests. */
async function authorsOf(db: Tx, ids: readonly string[]): Promise<Map<string, Auth>> {
  const out = new Map<string, Auth>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('users as u')
      .leftJoin('role_assignments as a', 'a.user_id', 'u.id')
      .select(['u.id as user_id', 'u.username', 'u.name', 'a.id', 'a.role', 'a.scope_kind', 'a.scope_id', 'a.school_id', 'a.region_path'])
      .where('u.id', 'in', part)
      .where('u.active', '=', 1)
      .execute();
    const roles = new Map<string, Assignment[]>();
    for (const r of rows) {
      const list = roles.get(r.user_id) ?? [];
      roles.set(r.user_id, list);
      if (r.id && r.role) list.push(toAssignment(r.id, r));
    }
    for (const r of rows)
      if (!out.has(r.user_id)) {
        const list = roles.get(r.user_id) ?? [];
        out.set(r.user_id, { userId: r.user_id, username: r.username, name: r.name, roles: list, scope: scopeOf(list), ip: null, lang: 'zh-CN' });
      }
  }
  return out;
}

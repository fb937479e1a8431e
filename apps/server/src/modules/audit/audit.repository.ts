import { escapeLike, newId } from '@carebridge/db';
import type { AuditQuery } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { regionPathInScope } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { shanghaiDaysUtc } from '../../lib/dates.ts';
import { type BulkHandles, insertRows } from '../../lib/insert-rows.ts';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  schoolId?: string | null;
  /** Where the row is seen by bureau officers: given, else the school's region, else `regionId`'s. */
  regionPath?: string | null;
  /** The region an action concerns (a county's export), when it names no school. */
  regionId?: string | null;
  summary?: Record<string, unknown> | null;
}

const AUDIT_COLUMNS = ['id', 'at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'school_id', 'region_path', 'summary', 'ip'] as const;

/** Append one audit row; call inside the transaction of the change it records. */
export async function insertAudit(tx: Tx, actor: Pick<Auth, 'userId' | 'username' | 'ip'>, input: AuditInput, at: string): Promise<void> {
  await insertAuditMany(tx, actor, [input], at);
}

/** Append many audit rows at once (a roster import writes one per child); in a transaction through SQLite's prepared statement or PostgreSQL's COPY. */
export async function insertAuditMany(
  tx: Tx,
  actor: Pick<Auth, 'userId' | 'username' | 'ip'>,
  inputs: AuditInput[],
  at: string,
  bulk?: BulkHandles,
): Promise<void> {
  const userId = actor.userId || null;
  const ip = actor.ip ?? null;
  const pathOf = await regionPaths(tx, inputs);
  // Each row is made as it is written: on PostgreSQL the server takes the first ones meanwhile.
  const row = (input: AuditInput) => ({
    id: newId(),
    at,
    user_id: userId,
    username: actor.username,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    school_id: input.schoolId ?? null,
    region_path: input.regionPath ?? pathOf.get(input.schoolId ?? '') ?? pathOf.get(input.regionId ?? '') ?? null,
    summary: input.summary ? JSON.stringify(input.summary) : null,
    ip,
  });
  await insertRows(tx, bulk, 'audit_log', { length: inputs.length, columns: AUDIT_COLUMNS, at: (i) => row(inputs[i] as AuditInput) }, 500);
}

/**
 * The region paths of the schools and regions rows name without a path of their own: a row with no
 * path is invisible to the bureau officers of the region it belongs to. One read for the lot (a
 * roster import's thousands of rows name one school and carry its path already).
 */
async function regionPaths(tx: Tx, inputs: AuditInput[]): Promise<Map<string, string>> {
  const schools = new Set<string>();
  const regions = new Set<string>();
  for (const i of inputs) {
    if (i.regionPath) continue;
    if (i.schoolId) schools.add(i.schoolId);
    else if (i.regionId) regions.add(i.regionId);
  }
  const out = new Map<string, string>();
  if (schools.size)
    for (const s of await tx
      .selectFrom('schools')
      .select(['id', 'region_path'])
      .where('id', 'in', [...schools])
      .execute())
      out.set(s.id, s.region_path);
  if (regions.size)
    for (const r of await tx
      .selectFrom('regions')
      .select(['id', 'path'])
      .where('id', 'in', [...regions])
      .execute())
      out.set(r.id, r.path);
  return out;
}

/** Audit rows the caller may read: admins all; bureau officers their region; school leaders their schools. */
function auditScope(auth: Auth): Expression<SqlBool> {
  if (auth.scope.global) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  const bureauPaths = auth.roles.filter((r) => r.role === 'bureau_officer' && r.regionPath).map((r) => r.regionPath as string);
  if (bureauPaths.length) parts.push(regionPathInScope({ ...auth.scope, regionPaths: bureauPaths }, 'audit_log.region_path'));
  const leaderSchools = auth.roles.filter((r) => r.role === 'school_leader' && r.scopeId).map((r) => r.scopeId as string);
  if (leaderSchools.length) parts.push(sql<SqlBool>`audit_log.school_id in (${sql.join(leaderSchools)})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/**
 * A page of the audit rows the caller may read, newest first, each with its actor's name (left join:
 * the system, an unknown login or a missing account has none). Most filters walk the primary key
 * backwards to the page's end (ids are time-ordered); the join reads one user by key a row.
 */
export function listAudit(db: Tx, auth: Auth, q: AuditQuery) {
  return auditPage(db, auth, q).execute();
}

/** The query of `listAudit`, unrun (tests read its plan). */
export function auditPage(db: Tx, auth: Auth, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .selectAll('audit_log')
    .select('users.name as name')
    .where(auditScope(auth));
  // Calendar days are Beijing days (as the list shows the times); stored instants are UTC.
  if (q.from) query = query.where('audit_log.at', '>=', shanghaiDaysUtc(q.from, q.from).start);
  if (q.to) query = query.where('audit_log.at', '<', shanghaiDaysUtc(q.to, q.to).end);
  if (q.action) query = query.where('audit_log.action', '=', q.action);
  if (q.entity) query = query.where('audit_log.entity', '=', q.entity);
  if (q.entityId) query = query.where('audit_log.entity_id', '=', q.entityId);
  if (q.username) query = query.where('audit_log.username', '=', q.username);
  if (q.q) {
    // The accounts whose name or login holds the text (case ignored on both databases), or a login kept
    // as it was (the system's, one typed at a failed login). A set of logins rather than a test on each
    // row's join keeps both planners walking the primary key back to the page's end.
    const like = `%${escapeLike(q.q.toLowerCase())}%`;
    const accounts = db
      .selectFrom('users as u')
      .select('u.username')
      .where(sql<SqlBool>`(lower(u.name) like ${like} escape '\\' or lower(u.username) like ${like} escape '\\')`);
    query = query.where((eb) => eb.or([eb('audit_log.username', '=', q.q as string), eb('audit_log.username', 'in', accounts)]));
  }
  if (q.schoolId) query = query.where('audit_log.school_id', '=', q.schoolId);
  // Ids are UUIDv7, so id order is time order; the cursor is the last id seen.
  if (q.cursor) query = query.where('audit_log.id', '<', q.cursor);
  return query.orderBy('audit_log.id', 'desc').limit(q.limit + 1);
}

import { escapeLike, newId } from '@carebridge/db';
import type { AuditName, AuditNameKind, AuditQuery } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { regionPathInScope, schoolInScope } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { shanghaiDayOf, shanghaiDaysUtc } from '../../lib/dates.ts';
import { type BulkHandles, insertRows } from '../../lib/insert-rows.ts';
import { childVisible } from '../children/child.policy.ts';
import { reachable } from '../incidents/incident.repository.ts';
import { visibleUsers } from '../users/user.repository.ts';

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

/** An account an audit entry names; `seen`: the caller sees it in the users list (a role in its area). */
export interface NamedPerson {
  name: string;
  username: string;
  seen: boolean;
}

/**
 * The names and logins of the accounts with these ids that the caller sees (`visibleUsers`, the users
 * list's condition), and of the entries' `actors` whatever their roles: an entry names its own actor
 * anyway. One read for a page of entries.
 */
export async function findPeople(db: Tx, auth: Auth, ids: string[], actors: string[]): Promise<Map<string, NamedPerson>> {
  const out = new Map<string, NamedPerson>();
  if (!ids.length) return out;
  const acting = ids.filter((id) => actors.includes(id));
  const seen = visibleUsers(auth);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'username', sql<number>`case when ${seen} then 1 else 0 end`.as('seen')])
    .where('id', 'in', ids)
    .where((eb) => (acting.length ? eb.or([eb('users.id', 'in', acting), seen]) : seen))
    .execute();
  for (const u of rows) out.set(u.id, { name: u.name, username: u.username, seen: Number(u.seen) === 1 });
  return out;
}

/**
 * The names of the things a page of entries names, those the caller may see: regions of its
 * subtrees and above its places; schools and their classes, terms, activities, tasks, roster
 * submissions, camps and campaigns in its scope; children it sees (`childVisible`); incidents it
 * reaches (as the incidents list does); events and briefings of its schools or under its regions.
 * One read per kind named, whatever the page's length.
 */
export async function findNames(db: Tx, auth: Auth, wanted: [AuditNameKind, string][]): Promise<Map<string, AuditName>> {
  const ids = (kind: AuditNameKind) => [...new Set(wanted.flatMap(([k, id]) => (k === kind ? [id] : [])))];
  const out = new Map<string, AuditName>();
  const add = (kind: AuditNameKind, rows: { id: string; name: string; school?: string; semester?: number; className?: string | null; date?: string }[]) => {
    for (const r of rows)
      out.set(r.id, {
        kind,
        name: r.name,
        school: r.school ?? null,
        semester: r.semester ?? null,
        ...(kind === 'submission' ? { className: r.className ?? null } : {}),
        ...(kind === 'incident' ? { date: r.date ?? null } : {}),
      });
  };
  const inScope = schoolInScope(auth.scope, 's.id');
  const regions = ids('region');
  if (regions.length)
    add('region', await db.selectFrom('regions as r').select(['r.id', 'r.name']).where('r.id', 'in', regions).where(regionSeen(auth)).execute());
  const schools = ids('school');
  if (schools.length) add('school', await db.selectFrom('schools as s').select(['s.id', 's.name']).where('s.id', 'in', schools).where(inScope).execute());
  const classes = ids('class');
  if (classes.length)
    add(
      'class',
      await db
        .selectFrom('classes as k')
        .innerJoin('schools as s', 's.id', 'k.school_id')
        .select(['k.id', 'k.name', 's.name as school'])
        .where('k.id', 'in', classes)
        .where(inScope)
        .execute(),
    );
  const terms = ids('term');
  if (terms.length)
    add(
      'term',
      await db
        .selectFrom('terms as t')
        .innerJoin('schools as s', 's.id', 't.school_id')
        .select(['t.id', 't.academic_year as name', 't.semester', 's.name as school'])
        .where('t.id', 'in', terms)
        .where(inScope)
        .execute(),
    );
  const children = ids('child');
  if (children.length)
    add(
      'child',
      await db
        .selectFrom('children as c')
        .innerJoin('schools as s', 's.id', 'c.school_id')
        .select(['c.id', 'c.name', 's.name as school'])
        .where('c.id', 'in', children)
        .where(childVisible(auth, 'c'))
        .execute(),
    );
  const activities = ids('activity');
  if (activities.length)
    add(
      'activity',
      await db
        .selectFrom('activities as a')
        .innerJoin('schools as s', 's.id', 'a.school_id')
        .select(['a.id', 'a.title as name', 's.name as school'])
        .where('a.id', 'in', activities)
        .where(inScope)
        .execute(),
    );
  const tasks = ids('task');
  if (tasks.length)
    add(
      'task',
      await db
        .selectFrom('activity_tasks as t')
        .innerJoin('activities as a', 'a.id', 't.activity_id')
        .innerJoin('schools as s', 's.id', 'a.school_id')
        .select(['t.id', 't.text as name', 's.name as school'])
        .where('t.id', 'in', tasks)
        .where(inScope)
        .execute(),
    );
  // A roster submission (花名册报送) by its school, class and term: "青山小学 2026-2027 第一学期（秋季）".
  const submissions = ids('submission');
  if (submissions.length)
    add(
      'submission',
      await db
        .selectFrom('roster_submissions as r')
        .innerJoin('schools as s', 's.id', 'r.school_id')
        .innerJoin('terms as t', 't.id', 'r.term_id')
        .leftJoin('classes as k', 'k.id', 'r.class_id')
        .select(['r.id', 't.academic_year as name', 't.semester', 's.name as school', 'k.name as className'])
        .where('r.id', 'in', submissions)
        .where(inScope)
        .execute(),
    );
  // An incident by its kind and day ("欺凌（2026-11-12）"), to those who reach it as the incidents list does.
  const incidents = ids('incident');
  if (incidents.length)
    add(
      'incident',
      (
        await db
          .selectFrom('incidents as i')
          .innerJoin('schools as s', 's.id', 'i.school_id')
          .select(['i.id', 'i.kind as name', 'i.occurred_at', 's.name as school'])
          .where('i.id', 'in', incidents)
          .where(reachable(auth))
          .execute()
      ).map((r) => ({ ...r, date: shanghaiDayOf(r.occurred_at) })),
    );
  // Camps, campaigns (走访), events and briefings by their titles: a school's in the reader's scope, a
  // region's to the readers over that region.
  const camps = ids('camp');
  if (camps.length)
    add(
      'camp',
      await db
        .selectFrom('camps as c')
        .innerJoin('schools as s', 's.id', 'c.school_id')
        .select(['c.id', 'c.title as name', 's.name as school'])
        .where('c.id', 'in', camps)
        .where(inScope)
        .execute(),
    );
  const campaigns = ids('campaign');
  if (campaigns.length)
    add(
      'campaign',
      await db
        .selectFrom('campaigns as c')
        .innerJoin('schools as s', 's.id', 'c.school_id')
        .select(['c.id', 'c.title as name', 's.name as school'])
        .where('c.id', 'in', campaigns)
        .where(inScope)
        .execute(),
    );
  const ownOrRegion = (path: string) => sql<SqlBool>`(${schoolInScope(auth.scope, 'x.school_id')} or ${regionPathInScope(auth.scope, path)})`;
  const events = ids('event');
  if (events.length)
    add(
      'event',
      await db.selectFrom('events as x').select(['x.id', 'x.title as name']).where('x.id', 'in', events).where(ownOrRegion('x.scope_path')).execute(),
    );
  const briefings = ids('briefing');
  if (briefings.length)
    add(
      'briefing',
      await db.selectFrom('briefings as x').select(['x.id', 'x.title as name']).where('x.id', 'in', briefings).where(ownOrRegion('x.scope_path')).execute(),
    );
  return out;
}

/** Regions the caller sees (`regions as r`): its subtrees, and the regions above its subtrees and its schools (as the region list shows them). */
function regionSeen(auth: Auth): Expression<SqlBool> {
  const s = auth.scope;
  if (s.global) return sql<SqlBool>`1 = 1`;
  // Paths are made of ids ("/province/city/county/"): a region is above a place when its id is in the place's path.
  const above = [...new Set(s.regionPaths.flatMap((p) => p.split('/').filter(Boolean)))];
  const ors: Expression<SqlBool>[] = [regionPathInScope(s, 'r.path')];
  if (above.length) ors.push(sql<SqlBool>`r.id in (${sql.join(above)})`);
  const schools = [...new Set([...s.schoolIds, ...s.classSchoolIds])];
  if (schools.length)
    ors.push(sql<SqlBool>`exists (select 1 from schools rs where rs.id in (${sql.join(schools)}) and rs.region_path like ('%/' || r.id || '/%'))`);
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

import type { Database } from '@carebridge/db';
import type { AuditName, AuditNameKind } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { regionPathInScope, schoolInScope } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { shanghaiDayOf } from '../../lib/dates.ts';
import { childVisible } from '../children/child.policy.ts';
import { reachable } from '../incidents/incident.repository.ts';
import { visibleUsers } from '../users/user.repository.ts';

/** The people and things an audit page names, read with the caller's scope: what `AuditService.list` shows by name. */

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

/** The kinds named by a column of their own row and read by their school (`school_id`): table and column. */
const BY_SCHOOL = {
  class: ['classes', 'name'],
  activity: ['activities', 'title'],
  camp: ['camps', 'title'],
  campaign: ['campaigns', 'title'],
  leadership_member: ['leadership_members', 'name'],
  duty: ['duties', 'duty'],
  safety_duty: ['safety_duties', 'name'],
} as const satisfies Partial<Record<AuditNameKind, readonly [keyof Database, string]>>;

/**
 * The names of the things a page of entries names, those the caller may see: regions of its
 * subtrees and above its places; schools and their classes, terms, activities, tasks, roster
 * submissions, camps and campaigns in its scope; children it sees (`childVisible`); incidents it
 * reaches (as the incidents list does); events and briefings of its schools or under its regions; the
 * care organisation's members and duties and the safety duties of its schools.
 * One read per kind named, whatever the page's length.
 */
export async function findNames(db: Tx, auth: Auth, wanted: [AuditNameKind, string][]): Promise<Map<string, AuditName>> {
  const ids = (kind: AuditNameKind) => [...new Set(wanted.flatMap(([k, id]) => (k === kind ? [id] : [])))];
  const out = new Map<string, AuditName>();
  type Found = { id: string; name: string; school?: string; semester?: number; className?: string | null; date?: string; mentor?: string };
  const add = (kind: AuditNameKind, rows: Found[]) => {
    for (const r of rows)
      out.set(r.id, {
        kind,
        name: r.name,
        school: r.school ?? null,
        semester: r.semester ?? null,
        ...(kind === 'submission' ? { className: r.className ?? null } : {}),
        ...(kind === 'incident' || kind === 'care_record' ? { date: r.date ?? null } : {}),
        ...(kind === 'pairing' ? { mentor: r.mentor ?? null } : {}),
      });
  };
  const inScope = schoolInScope(auth.scope, 's.id');
  const regions = ids('region');
  if (regions.length)
    add('region', await db.selectFrom('regions as r').select(['r.id', 'r.name']).where('r.id', 'in', regions).where(regionSeen(auth)).execute());
  const schools = ids('school');
  if (schools.length) add('school', await db.selectFrom('schools as s').select(['s.id', 's.name']).where('s.id', 'in', schools).where(inScope).execute());
  // Classes, activities, camps, campaigns (走访), the care organisation (关爱工作领导小组 and 职责分工) and
  // safety duties by their names or titles, to readers of their schools.
  for (const [kind, [table, column]] of Object.entries(BY_SCHOOL) as [keyof typeof BY_SCHOOL, (typeof BY_SCHOOL)[keyof typeof BY_SCHOOL]][]) {
    const list = ids(kind);
    if (!list.length) continue;
    const { rows } = await sql<Found>`select x.id, ${sql.ref(`x.${column}`)} as name, s.name as school
      from ${sql.table(table)} x inner join schools s on s.id = x.school_id
      where x.id in (${sql.join(list)}) and ${inScope}`.execute(db);
    add(kind, rows);
  }
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
  // A pairing by its child and mentor, to those who see the child; a care record by its kind and day (not
  // its content), to readers of its school.
  const pairings = ids('pairing');
  if (pairings.length)
    add(
      'pairing',
      await db
        .selectFrom('pairings as p')
        .innerJoin('children as c', 'c.id', 'p.child_id')
        .innerJoin('users as u', 'u.id', 'p.mentor_id')
        .innerJoin('schools as s', 's.id', 'p.school_id')
        .select(['p.id', 'c.name', 'u.name as mentor', 's.name as school'])
        .where('p.id', 'in', pairings)
        .where(childVisible(auth, 'c'))
        .execute(),
    );
  const records = ids('care_record');
  if (records.length)
    add(
      'care_record',
      await db
        .selectFrom('care_records as r')
        .innerJoin('schools as s', 's.id', 'r.school_id')
        .select(['r.id', 'r.kind as name', 'r.date', 's.name as school'])
        .where('r.id', 'in', records)
        .where(inScope)
        .execute(),
    );
  // Events and briefings by their titles, a school's in the reader's scope, a region's to the readers over that region.
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

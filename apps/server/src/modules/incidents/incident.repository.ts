import type { Row } from '@carebridge/db';
import type { IncidentQuery } from '@carebridge/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Tx } from '../../context.ts';
import { childSeen, childVisible } from '../children/child.policy.ts';
import { caseKeepers } from './incident.policy.ts';
import { acknowledgementIs, reportedUp } from './incident-bureau.ts';

/** An incident as the service reads it: with its school's name and region path, and whether the school has told the bureau. */
export type IncidentRow = Row<'incidents'> & { school_name: string; region_path: string; reported_up: number };

/**
 * A child of an incident: as it is now (its school, class and name) and as the case named it when it
 * was linked (`linked_*`, the class at the case's school); `visible` when the caller sees the child.
 */
export interface IncidentLink {
  incident_id: string;
  child_id: string;
  name: string;
  school_id: string;
  class_id: string | null;
  class_name: string | null;
  linked_name: string | null;
  linked_class_id: string | null;
  linked_class_name: string | null;
  visible: number;
}

/** The classes the caller teaches as class teacher: their teachers keep the cases of the children linked from them. */
export const taughtClasses = (auth: Auth): string[] => auth.roles.filter((a) => a.role === 'class_teacher' && !!a.scopeId).map((a) => a.scopeId as string);

/**
 * Incidents (`incidents as i` joined to `schools as s`) about at least one child the caller sees, those the caller reported, those of the
 * schools whose cases the caller keeps (`caseKeepers`, the rule `incidentRights` reads details by),
 * and those of a child linked from a class the caller teaches, wherever their children have gone since.
 */
export function reachable(auth: Auth): Expression<SqlBool> {
  const keepers = caseKeepers(auth);
  const classes = taughtClasses(auth);
  const ors: Expression<SqlBool>[] = [
    sql<SqlBool>`exists (select 1 from incident_children l join children c on c.id = l.child_id where l.incident_id = i.id and ${childVisible(auth, 'c')})`,
  ];
  if (auth.userId) ors.push(sql<SqlBool>`i.reporter_id = ${auth.userId}`);
  if (classes.length) ors.push(sql<SqlBool>`exists (select 1 from incident_children lc where lc.incident_id = i.id and lc.class_id in (${sql.join(classes)}))`);
  if (keepers.schoolIds.length) ors.push(sql<SqlBool>`i.school_id in (${sql.join(keepers.schoolIds)})`);
  for (const p of keepers.regionPaths) ors.push(pathUnder(p, 's.region_path'));
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

function reachableIncidents(db: Tx, auth: Auth) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('schools as s', 's.id', 'i.school_id')
    .selectAll('i')
    .select(['s.name as school_name', 's.region_path'])
    .select(sql<number>`case when ${reportedUp} then 1 else 0 end`.as('reported_up'))
    .where(reachable(auth));
}

export async function findIncident(db: Tx, auth: Auth, id: string): Promise<IncidentRow | undefined> {
  return (await reachableIncidents(db, auth).where('i.id', '=', id).executeTakeFirst()) as IncidentRow | undefined;
}

/**
 * A page of the list, newest first, one row more than `q.limit` (so the caller knows whether another
 * page follows); `after` is the last row of the previous page. `now` dates overdue notifications.
 */
export async function listIncidents(db: Tx, auth: Auth, q: IncidentQuery, after: { at: string; id: string } | null, now: Date): Promise<IncidentRow[]> {
  let query = reachableIncidents(db, auth);
  if (q.schoolId) query = query.where('i.school_id', '=', q.schoolId);
  if (q.childId) {
    const childId = q.childId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('incident_children as x').select('x.child_id').whereRef('x.incident_id', '=', 'i.id').where('x.child_id', '=', childId)),
    );
    query = query.where(childSeen(auth, childId));
  }
  if (q.status !== 'all') query = query.where('i.status', '=', q.status);
  if (q.kind) query = query.where('i.kind', '=', q.kind);
  // Calendar days are Shanghai days; stored instants are UTC.
  const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
  if (q.from) query = query.where('i.occurred_at', '>=', dayStart(q.from).toISOString());
  if (q.to) query = query.where('i.occurred_at', '<', new Date(dayStart(q.to).getTime() + 86_400_000).toISOString());
  if (q.attention === 'true') {
    const at = now.toISOString();
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('i.mandatory', '=', 1), eb('i.police_reported_at', 'is', null), eb('i.status', '=', 'open')]),
        eb.and([
          eb('i.status', '=', 'open'),
          eb.exists(
            eb
              .selectFrom('incident_notices as n')
              .select('n.id')
              .whereRef('n.incident_id', '=', 'i.id')
              .where('n.done_at', 'is', null)
              .where('n.due_at', '<', at),
          ),
        ]),
      ]),
    );
  }
  if (q.acknowledgement) query = query.where(acknowledgementIs(q.acknowledgement));
  if (after) query = query.where((eb) => eb.or([eb('i.occurred_at', '<', after.at), eb.and([eb('i.occurred_at', '=', after.at), eb('i.id', '<', after.id)])]));
  return (await query
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(q.limit + 1)
    .execute()) as IncidentRow[];
}

export async function incidentLinks(db: Tx, auth: Auth, ids: string[]): Promise<IncidentLink[]> {
  if (!ids.length) return [];
  return (await db
    .selectFrom('incident_children as l')
    .innerJoin('children as c', 'c.id', 'l.child_id')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .select(['l.incident_id', 'l.child_id', 'c.name', 'c.school_id', 'c.class_id', 'k.name as class_name'])
    .select(['l.child_name as linked_name', 'l.class_id as linked_class_id', 'l.class_name as linked_class_name'])
    .select(sql<number>`case when ${childVisible(auth, 'c')} then 1 else 0 end`.as('visible'))
    .where('l.incident_id', 'in', ids)
    .orderBy('c.name_pinyin')
    .execute()) as IncidentLink[];
}

/** How many steps of each incident's notification chain are past their deadline at `now`. */
export async function overdueCounts(db: Tx, ids: string[], now: Date): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('incident_notices')
    .select(['incident_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('incident_id', 'in', ids)
    .where('done_at', 'is', null)
    .where('due_at', '<', now.toISOString())
    .groupBy('incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, Number(r.n)]));
}

export function noticeRows(db: Tx, id: string) {
  return db.selectFrom('incident_notices').selectAll().where('incident_id', '=', id).orderBy('sort_order').execute();
}

export function actionRows(db: Tx, id: string) {
  return db.selectFrom('incident_actions').selectAll().where('incident_id', '=', id).orderBy('at').orderBy('created_at').execute();
}

/** The next place in an incident's notification chain, after its last step or notification. */
export async function nextNoticeOrder(db: Tx, id: string): Promise<number> {
  const order = await db
    .selectFrom('incident_notices')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('incident_id', '=', id)
    .executeTakeFirst();
  return Number(order?.m ?? -1) + 1;
}

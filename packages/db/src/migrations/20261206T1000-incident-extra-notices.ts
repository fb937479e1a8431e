import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// Before, telling someone a pending step of an incident's notification chain waited for, recorded as
// an extra notification (due_at null), left the step pending and overdue. Each such step (the first
// pending one of its target) takes the earliest extra notification of that target — when, how, whom,
// the note and who recorded it — and that extra row goes, as the app now records it.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const extra = sql`e.incident_id = incident_notices.incident_id and e.target = incident_notices.target and e.due_at is null and e.done_at is not null`;
  const first = (column: string) => sql`(select ${sql.ref(`e.${column}`)} from incident_notices e where ${extra} order by e.done_at, e.sort_order limit 1)`;
  await sql`
    update incident_notices set
      done_at = ${first('done_at')},
      method = ${first('method')},
      contact_name = ${first('contact_name')},
      note = ${first('note')},
      recorded_by = ${first('recorded_by')},
      recorded_by_id = ${first('recorded_by_id')}
    where done_at is null and due_at is not null and target <> 'other'
      and sort_order = (select min(p.sort_order) from incident_notices p
        where p.incident_id = incident_notices.incident_id and p.target = incident_notices.target and p.done_at is null and p.due_at is not null)
      and exists (select 1 from incident_notices e where ${extra})
  `.execute(db);
  // The extra rows taken: the earliest of their target, now the done time of one of its steps.
  await sql`
    delete from incident_notices
    where due_at is null and target <> 'other'
      and id = (select e.id from incident_notices e where ${extra} order by e.done_at, e.sort_order limit 1)
      and exists (select 1 from incident_notices s where s.incident_id = incident_notices.incident_id and s.target = incident_notices.target
        and s.due_at is not null and s.done_at = incident_notices.done_at and s.recorded_by = incident_notices.recorded_by)
  `.execute(db);
}

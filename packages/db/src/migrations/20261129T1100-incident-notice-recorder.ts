import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// Who recorded a notification, by account: a notification the reporter recorded names the reporter,
// which only the school leader and the bureau may know. Earlier rows kept the name only; those whose
// name is the reporter's are taken as the reporter's (masking one too many is the safe mistake).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('incident_notices').addColumn('recorded_by_id', 'varchar(64)').execute();
  await sql`update incident_notices set recorded_by_id = (select i.reporter_id from incidents i where i.id = incident_notices.incident_id)
    where recorded_by is not null
      and recorded_by = (select i.reporter_name from incidents i where i.id = incident_notices.incident_id)`.execute(db);
}

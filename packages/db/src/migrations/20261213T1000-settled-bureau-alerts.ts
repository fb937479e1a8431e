import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types and SQL only.
//
// Once one officer acknowledges (签收) a case, every officer's 请签收 of it is marked read (the
// server's `NotificationService.settle`, by kind and dedupe key). An index on the dedupe key finds
// them (the unique index leads with the user); and the 请签收 of cases acknowledged before are read
// as of their 签收.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('notifications_dedupe_key_idx').ifNotExists().on('notifications').column('dedupe_key').execute();
  await sql`update notifications
    set read_at = (select i.bureau_ack_at from incidents i where 'reported|' || i.id = notifications.dedupe_key)
    where kind = 'incident_to_bureau' and read_at is null
      and exists (select 1 from incidents i where 'reported|' || i.id = notifications.dedupe_key and i.bureau_ack_at is not null)`.execute(db);
}

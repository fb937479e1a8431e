import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types and SQL only.
//
// The follow-up reminders (the server's `dueFollowUps`): open follow-ups — needed, not done, the
// record not withdrawn — dated in the last 30 days, in follow-up date order. No index had the
// follow-up date, so each pass of the notifier read every care record of the database. A partial
// index (SQLite and PostgreSQL both have them) holds only the open follow-ups, in the order the
// query reads them: a few rows per school, whatever the number of records.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('care_records_open_follow_up_idx')
    .on('care_records')
    .columns(['follow_up_date', 'id'])
    .where(sql<boolean>`deleted_at is null and follow_up_needed = 1 and follow_up_done = 0`)
    .execute();
}

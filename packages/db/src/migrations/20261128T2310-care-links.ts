import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// Speed for the compliance engine: a withdrawn record's links say so (no join to care_records to
// count), and a child carries the day it entered its current school (no look-up in its history).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('care_record_children')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update care_record_children set withdrawn = 1 where record_id in (select id from care_records where deleted_at is not null)`.execute(db);
  await db.schema.alterTable('children').addColumn('entered_on', 'varchar(10)').execute();
  await sql`update children set entered_on = substr(created_at, 1, 10)`.execute(db);
}

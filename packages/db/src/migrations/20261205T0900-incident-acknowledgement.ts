import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// The bureau's acknowledgement (签收) of an incident the school reported to it: when, by whom (the
// name as shown to the school, and the account), and its optional instruction (批示). Null until then.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('bureau_ack_at', 'varchar(32)').execute();
  await db.schema.alterTable('incidents').addColumn('bureau_ack_by', 'varchar(100)').execute();
  await db.schema.alterTable('incidents').addColumn('bureau_ack_by_id', 'varchar(64)').execute();
  await db.schema.alterTable('incidents').addColumn('bureau_ack_instruction', 'varchar(500)').execute();
}

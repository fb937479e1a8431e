import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
//
// The instruction (批示) given with the bureau's 签收 holds as much as one given later (a step's
// `text`, unbounded): it was varchar(500), so on PostgreSQL a longer one failed at the insert.
// SQLite keeps no length on a column, so only PostgreSQL changes.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.schema
    .alterTable('incidents')
    .alterColumn('bureau_ack_instruction', (c) => c.setDataType('text'))
    .execute();
}

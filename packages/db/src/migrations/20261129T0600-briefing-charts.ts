import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// The chart data of a briefing is kept with its draft, so that the Word file is rendered without
// recomputing the period's statistics (issue 9: a county-month briefing in about two seconds).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('briefings').addColumn('charts', 'text').execute();
}

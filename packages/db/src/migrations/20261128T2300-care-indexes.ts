import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// The compliance engine reads a school's records of a period: (school_id, date) serves that range directly.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('care_record_children_school_date_idx').on('care_record_children').columns(['school_id', 'date']).execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// Compliance tallies read a school's record links of a period. With (school_id, date) alone every
// link found is a look-up in the table for child, kind and withdrawn; covering indexes answer from
// the index: by date for short periods, by child (already grouped, no sort) for long ones.
// The covering (school_id, date, …) index replaces (school_id, date).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('care_record_children_school_date_cover_idx')
    .on('care_record_children')
    .columns(['school_id', 'date', 'withdrawn', 'child_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('care_record_children_school_child_cover_idx')
    .on('care_record_children')
    .columns(['school_id', 'child_id', 'kind', 'date', 'withdrawn'])
    .execute();
  await db.schema.dropIndex('care_record_children_school_date_idx').execute();
}

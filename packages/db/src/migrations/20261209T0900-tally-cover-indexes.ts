import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types and SQL only.
//
// Covering indexes for counting compliance over many schools (the server's `loadForTally`): a
// school's children and pairings read from the index alone, in one range of it, instead of one
// lookup in the wide children table per child. On the benchmark county (20,000 children, 61
// schools) the first read of both fell from ≈ 145 to ≈ 50 ms (bench/RESULTS.md, session 23).
// The pairings index replaces `pairings_school_idx` (its first two columns are the same).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('children_school_engine_cover_idx')
    .on('children')
    .columns(['school_id', 'status', 'updated_at', 'id', 'class_id', 'key_support', 'boarding', 'xueji_code', 'birth_date', 'created_at', 'entered_on'])
    .execute();
  await db.schema.createIndex('pairings_school_cover_idx').on('pairings').columns(['school_id', 'end_date', 'child_id', 'mentor_id', 'start_date']).execute();
  await db.schema.dropIndex('pairings_school_idx').execute();
}

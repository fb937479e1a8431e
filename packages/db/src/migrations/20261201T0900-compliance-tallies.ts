import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// A school's compliance counts of a month, kept across processes: valid while the school's change
// stamp and the version (the counting code and the school's policy) are the ones it was counted under,
// and for a month not over, on the day it was counted (`as_of`; '' for a month over). A cache: any row
// may be deleted at any time.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('compliance_tallies')
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('period', 'varchar(32)', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('stamp', 'integer', (c) => c.notNull())
    .addColumn('version', 'varchar(64)', (c) => c.notNull())
    .addColumn('tally', 'text', (c) => c.notNull())
    .addColumn('counted_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_tallies_pkey', ['school_id', 'period', 'as_of'])
    .execute();
}

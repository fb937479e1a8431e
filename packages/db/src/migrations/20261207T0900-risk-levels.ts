import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// Children's early-warning levels move out of `children` into their own tables. `children.risk_level`
// was written only by the hourly notification pass (its memory of the level last told), yet the
// dashboards counted it as each child's level: never assessed archives (the demo county, an import)
// counted as low, and levels went stale as days passed. Worse, every write of it bumped the school's
// compliance stamp (the children triggers), so that a pass made the school's cached tallies and
// dashboard figures stale. These tables have no stamp triggers.
// - `child_risks`: each current child's level as computed on `school_risks.as_of`, and the level its
//   leaders and mentor were last told of (`told_level`, the notification pass's memory);
// - `school_risks`: under which change stamp, day and other inputs (policy, incidents, code) a school's
//   levels were computed, with its children counted per level for the dashboards.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('child_risks')
    .addColumn('child_id', 'varchar(64)', (c) => c.primaryKey().references('children.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('told_level', 'varchar(8)')
    .execute();
  await db.schema.createIndex('child_risks_school_idx').on('child_risks').columns(['school_id', 'level']).execute();
  await db.schema
    .createTable('school_risks')
    .addColumn('school_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('stamp', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('inputs', 'varchar(64)', (c) => c.notNull())
    .addColumn('high', 'integer', (c) => c.notNull())
    .addColumn('medium', 'integer', (c) => c.notNull())
    .addColumn('low', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // What the notification pass told stays told (no second notice of the same level); the levels
  // themselves are computed again on first use, since no school has a `school_risks` row yet.
  await sql`insert into child_risks (child_id, school_id, level, told_level)
    select id, school_id, risk_level, risk_level from children where risk_level is not null`.execute(db);
  await db.schema.alterTable('children').dropColumn('risk_level').execute();
}

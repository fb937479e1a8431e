import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Roster submissions (frozen snapshots) and work briefings (issue 6).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('roster_submissions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('class_id', 'varchar(64)', (c) => c.references('classes.id'))
    .addColumn('term_id', 'varchar(64)', (c) => c.notNull().references('terms.id'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    // JSON: the children as submitted (frozen) and the summary table by age band.
    .addColumn('snapshot', 'text')
    .addColumn('summary', 'text')
    .addColumn('children', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'varchar(500)')
    .addColumn('submitted_by', 'varchar(100)')
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('reviewed_by', 'varchar(100)')
    .addColumn('reviewed_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roster_submissions_school_idx').on('roster_submissions').columns(['school_id', 'term_id', 'level']).execute();

  await db.schema
    .createTable('briefings')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.references('schools.id'))
    .addColumn('region_id', 'varchar(64)', (c) => c.references('regions.id'))
    .addColumn('scope_path', 'varchar(300)', (c) => c.notNull())
    .addColumn('from_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit', 'varchar(100)', (c) => c.notNull())
    // JSON: editable text sections, figures computed when drafted, chosen photos.
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    .addColumn('name_children', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('generated_at', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('briefings_scope_idx').on('briefings').columns(['scope_path', 'created_at']).execute();
}

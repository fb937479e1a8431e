import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Pairing and care records (issue 4).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // Per-school settings: how many children one mentor takes before a warning; how long authors may edit their records.
  await db.schema
    .alterTable('schools')
    .addColumn('mentor_limit', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema
    .alterTable('schools')
    .addColumn('record_edit_days', 'integer', (c) => c.notNull().defaultTo(7))
    .execute();

  await db.schema
    .createTable('pairings')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('child_id', 'varchar(64)', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('mentor_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
    .addColumn('term_id', 'varchar(64)')
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)')
    .addColumn('note', 'varchar(200)')
    .addColumn('end_reason', 'varchar(200)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairings_mentor_idx').on('pairings').columns(['mentor_id', 'end_date']).execute();
  await db.schema.createIndex('pairings_child_idx').on('pairings').columns(['child_id', 'end_date']).execute();
  await db.schema.createIndex('pairings_school_idx').on('pairings').columns(['school_id', 'end_date']).execute();

  await db.schema
    .createTable('care_records')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(64)')
    .addColumn('author_name', 'varchar(100)')
    .addColumn('participants', 'varchar(200)')
    .addColumn('summary', 'text', (c) => c.notNull())
    // JSON of the kind's own fields.
    .addColumn('details', 'text')
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up_date', 'varchar(10)')
    .addColumn('follow_up_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', 'varchar(32)')
    .addColumn('deleted_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_records_school_date_idx').on('care_records').columns(['school_id', 'date']).execute();
  await db.schema.createIndex('care_records_author_idx').on('care_records').columns(['author_id', 'date']).execute();

  // A record may concern several children (a group talk, siblings on one home visit).
  await db.schema
    .createTable('care_record_children')
    .addColumn('record_id', 'varchar(64)', (c) => c.notNull().references('care_records.id').onDelete('cascade'))
    .addColumn('child_id', 'varchar(64)', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('care_record_children_pk', ['record_id', 'child_id'])
    .execute();
  await db.schema.createIndex('care_record_children_child_idx').on('care_record_children').columns(['child_id', 'kind', 'date']).execute();
  await db.schema.createIndex('care_record_children_school_idx').on('care_record_children').columns(['school_id', 'kind', 'date']).execute();

  await db.schema
    .createTable('care_record_photos')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('record_id', 'varchar(64)', (c) => c.notNull().references('care_records.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    // Path under the data directory; the file is a re-encoded JPEG without metadata.
    .addColumn('path', 'varchar(300)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_record_photos_record_idx').on('care_record_photos').column('record_id').execute();
}

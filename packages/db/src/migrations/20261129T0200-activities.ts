import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Activities and meetings with attendance, contests and tasks (issue 7); safety-education plans
// and safety responsibilities (issue 8).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('custom_kind', 'varchar(40)')
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)')
    .addColumn('end_time', 'varchar(5)')
    .addColumn('place', 'varchar(100)')
    .addColumn('organiser_id', 'varchar(64)')
    .addColumn('organiser_name', 'varchar(50)')
    .addColumn('target_scope', 'varchar(20)', (c) => c.notNull())
    .addColumn('target_value', 'varchar(64)')
    .addColumn('description', 'text')
    .addColumn('capacity', 'integer')
    // JSON list of safety-education topics.
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('minutes', 'text')
    .addColumn('decisions', 'text')
    .addColumn('series_id', 'varchar(64)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_school_date_idx').on('activities').columns(['school_id', 'date']).execute();

  // Attendance and applications: children of the archive (child_id), other pupils and adults (by name).
  // kind and date are copies of the activity's, so that the compliance engine counts attendance like records.
  await db.schema
    .createTable('activity_people')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('activity_id', 'varchar(64)', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('child_id', 'varchar(64)', (c) => c.references('children.id').onDelete('cascade'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('person_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('adult_role', 'varchar(20)')
    .addColumn('class_name', 'varchar(50)')
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(32)')
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('activity_people_activity_idx').on('activity_people').column('activity_id').execute();
  await db.schema.createIndex('activity_people_child_idx').on('activity_people').columns(['child_id', 'kind', 'date']).execute();
  await db.schema.createIndex('activity_people_school_idx').on('activity_people').columns(['school_id', 'date']).execute();

  await db.schema
    .createTable('activity_tasks')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('activity_id', 'varchar(64)', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('text', 'varchar(500)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(64)')
    .addColumn('owner_name', 'varchar(100)')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('done_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_tasks_activity_idx').on('activity_tasks').column('activity_id').execute();

  await db.schema
    .createTable('contest_entries')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('activity_id', 'varchar(64)', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('child_id', 'varchar(64)', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text')
    // JSON list of {judge, score}.
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('award', 'varchar(50)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contest_entries_uq').on('contest_entries').columns(['activity_id', 'child_id']).unique().execute();

  // Photos (re-encoded JPEG) and attachments (minutes, plans) of an activity.
  await db.schema
    .createTable('activity_files')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('activity_id', 'varchar(64)', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('path', 'varchar(300)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_files_activity_idx').on('activity_files').column('activity_id').execute();

  await db.schema
    .createTable('safety_plans')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'varchar(64)', (c) => c.notNull().references('terms.id'))
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safety_plans_uq').on('safety_plans').columns(['school_id', 'term_id']).unique().execute();

  await db.schema
    .createTable('safety_duties')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
    .addColumn('area', 'varchar(20)', (c) => c.notNull())
    .addColumn('class_id', 'varchar(64)', (c) => c.references('classes.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('note', 'varchar(300)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safety_duties_school_idx').on('safety_duties').column('school_id').execute();
}

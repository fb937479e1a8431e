import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Volunteer camps (支教夏令营) and their timetables (issue 10).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('camps')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('place', 'varchar(100)')
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    // JSON: daily windows, fixed events, groups and the session catalogue (the solver's input).
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('unit_minutes', 'integer', (c) => c.notNull())
    .addColumn('fixed_events', 'text', (c) => c.notNull())
    .addColumn('max_lessons_in_row', 'integer', (c) => c.notNull())
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('sessions', 'text', (c) => c.notNull())
    // JSON list of cells {groupId, unitIndex, sessionId, volunteerId, locked}.
    .addColumn('timetable', 'text', (c) => c.notNull())
    .addColumn('solved_at', 'varchar(32)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('camps_school_idx').on('camps').columns(['school_id', 'start_date']).execute();

  // Volunteers and children are rows: volunteers with accounts see the children of their camp.
  await db.schema
    .createTable('camp_volunteers')
    .addColumn('id', 'varchar(64)', (c) => c.notNull())
    .addColumn('camp_id', 'varchar(64)', (c) => c.notNull().references('camps.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.references('users.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('phone', 'varchar(30)')
    .addColumn('leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('session_ids', 'text', (c) => c.notNull())
    .addColumn('available', 'text')
    .addColumn('max_units', 'integer')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('camp_volunteers_pk', ['camp_id', 'id'])
    .execute();
  await db.schema.createIndex('camp_volunteers_user_idx').on('camp_volunteers').column('user_id').execute();

  await db.schema
    .createTable('camp_children')
    .addColumn('id', 'varchar(64)', (c) => c.notNull())
    .addColumn('camp_id', 'varchar(64)', (c) => c.notNull().references('camps.id').onDelete('cascade'))
    .addColumn('child_id', 'varchar(64)', (c) => c.references('children.id').onDelete('cascade'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('grade', 'varchar(20)')
    .addColumn('group_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('camp_children_pk', ['camp_id', 'id'])
    .execute();
  await db.schema.createIndex('camp_children_child_idx').on('camp_children').column('child_id').execute();
}

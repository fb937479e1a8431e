import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // Timestamps and dates are text on every dialect (see types.ts).
  await db.schema
    .createTable('regions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(64)', (c) => c.references('regions.id'))
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('code', 'varchar(20)')
    .addColumn('path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_parent_idx').on('regions').column('parent_id').execute();
  await db.schema.createIndex('regions_path_idx').on('regions').column('path').execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('region_id', 'varchar(64)', (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('code', 'varchar(20)')
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    .addColumn('phone', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('schools_region_path_idx').on('schools').column('region_path').execute();
  await db.schema.createIndex('schools_region_name_uq').on('schools').columns(['region_id', 'name']).unique().execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)')
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('terms')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('academic_year', 'varchar(9)', (c) => c.notNull())
    .addColumn('semester', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terms_school_year_uq').on('terms').columns(['school_id', 'academic_year', 'semester']).unique().execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('head_teacher_id', 'varchar(64)', (c) => c.references('users.id'))
    .addColumn('pupil_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('classes_school_name_uq').on('classes').columns(['school_id', 'name']).unique().execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('scope_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('scope_id', 'varchar(64)')
    .addColumn('school_id', 'varchar(64)', (c) => c.references('schools.id'))
    .addColumn('region_path', 'varchar(1000)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_assignments_user_idx').on('role_assignments').column('user_id').execute();
  await db.schema.createIndex('role_assignments_school_idx').on('role_assignments').column('school_id').execute();
  await db.schema.createIndex('role_assignments_region_path_idx').on('role_assignments').column('region_path').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_ip_at_idx').on('login_attempts').columns(['ip', 'at']).execute();
  await db.schema.createIndex('login_attempts_username_at_idx').on('login_attempts').columns(['username', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)')
    .addColumn('username', 'varchar(64)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('school_id', 'varchar(64)')
    .addColumn('region_path', 'varchar(1000)')
    .addColumn('summary', 'text')
    .addColumn('ip', 'varchar(64)')
    .execute();
  await db.schema.createIndex('audit_log_school_idx').on('audit_log').columns(['school_id', 'id']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_region_path_idx').on('audit_log').column('region_path').execute();

  await db.schema
    .createTable('leadership_members')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'varchar(64)', (c) => c.references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('position', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leadership_members_school_idx').on('leadership_members').column('school_id').execute();

  await db.schema
    .createTable('duties')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('office', 'varchar(32)', (c) => c.notNull())
    .addColumn('duty', 'varchar(400)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.references('users.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duties_school_idx').on('duties').column('school_id').execute();
}

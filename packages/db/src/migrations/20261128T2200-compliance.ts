import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Care policies, excused due items, key-support reasons, risk levels and in-app notifications (issue 5).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('care_policies')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    // Exactly one of school_id / region_id: a school's own policy or a region's default.
    .addColumn('school_id', 'varchar(64)', (c) => c.references('schools.id'))
    .addColumn('region_id', 'varchar(64)', (c) => c.references('regions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_policies_school_idx').on('care_policies').columns(['school_id', 'version']).execute();
  await db.schema.createIndex('care_policies_region_idx').on('care_policies').columns(['region_id', 'version']).execute();

  await db.schema
    .createTable('due_excuses')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('child_id', 'varchar(64)', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('rule_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('due_excuses_uq').on('due_excuses').columns(['child_id', 'rule_key', 'window_start']).unique().execute();
  await db.schema.createIndex('due_excuses_school_idx').on('due_excuses').column('school_id').execute();

  await db.schema.alterTable('children').addColumn('key_support_reason', 'varchar(500)').execute();
  // Last computed early-warning level, so that a rise can be notified once.
  await db.schema.alterTable('children').addColumn('risk_level', 'varchar(8)').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)')
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    // What it is about, so the same overdue item is told once.
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('link', 'varchar(300)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();
  await db.schema.createIndex('notifications_dedupe_uq').on('notifications').columns(['user_id', 'dedupe_key']).unique().execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Incidents, their notification chain, actions and the police report (issue 8); notifications
// stored as a message key with parameters so that each reader sees their own language (issue 5).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // JSON list of chain steps; null means the seed's defaults.
  await db.schema.alterTable('schools').addColumn('incident_chain', 'text').execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('severity', 'varchar(10)', (c) => c.notNull())
    .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('immediate_actions', 'text')
    // JSON of the mandatory-reporting answers and the situations they identify.
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('situations', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('police_reported_at', 'varchar(32)')
    .addColumn('police_reporter_name', 'varchar(100)')
    .addColumn('police_unit', 'varchar(200)')
    .addColumn('police_receipt', 'varchar(100)')
    .addColumn('police_method', 'varchar(20)')
    .addColumn('police_recorded_by', 'varchar(100)')
    .addColumn('police_recorded_at', 'varchar(32)')
    .addColumn('reporter_id', 'varchar(64)')
    .addColumn('reporter_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_school_idx').on('incidents').columns(['school_id', 'status', 'occurred_at']).execute();

  await db.schema
    .createTable('incident_children')
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('child_id', 'varchar(64)', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_children_pk', ['incident_id', 'child_id'])
    .execute();
  await db.schema.createIndex('incident_children_child_idx').on('incident_children').column('child_id').execute();

  await db.schema
    .createTable('incident_notices')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('target', 'varchar(20)', (c) => c.notNull())
    // Null for a notification beyond the chain.
    .addColumn('due_at', 'varchar(32)')
    .addColumn('done_at', 'varchar(32)')
    .addColumn('method', 'varchar(20)')
    .addColumn('contact_name', 'varchar(100)')
    .addColumn('note', 'varchar(500)')
    .addColumn('recorded_by', 'varchar(100)')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_notices_incident_idx').on('incident_notices').column('incident_id').execute();

  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)')
    .addColumn('document_no', 'varchar(100)')
    .addColumn('care_record_id', 'varchar(64)')
    .addColumn('author_id', 'varchar(64)')
    .addColumn('author_name', 'varchar(100)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_actions_incident_idx').on('incident_actions').columns(['incident_id', 'at']).execute();

  // A notification's text is rendered for its reader: a message key and its parameters (JSON).
  await db.schema.alterTable('notifications').addColumn('params', 'text').execute();
}

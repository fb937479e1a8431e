import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Home-visit campaigns, events with team registration and welfare donations (issue 7).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('target_scope', 'varchar(20)', (c) => c.notNull())
    .addColumn('target_value', 'varchar(64)')
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_school_idx').on('campaigns').columns(['school_id', 'date']).execute();

  await db.schema
    .createTable('campaign_groups')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(64)', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('name', 'varchar(30)', (c) => c.notNull())
    .addColumn('leader_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
    .addColumn('member_ids', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_groups_campaign_idx').on('campaign_groups').column('campaign_id').execute();

  await db.schema
    .createTable('campaign_places')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(64)', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('group_id', 'varchar(64)')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    // JSON list of child ids living there.
    .addColumn('child_ids', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'varchar(32)')
    .addColumn('visited_by', 'varchar(100)')
    .addColumn('care_record_id', 'varchar(64)')
    .addColumn('answers', 'text')
    .addColumn('note', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_places_campaign_idx').on('campaign_places').columns(['campaign_id', 'group_id']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('region_id', 'varchar(64)', (c) => c.references('regions.id'))
    .addColumn('school_id', 'varchar(64)', (c) => c.references('schools.id'))
    .addColumn('scope_path', 'varchar(300)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('sport', 'varchar(30)')
    .addColumn('registration_opens', 'varchar(10)', (c) => c.notNull())
    .addColumn('registration_deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('event_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('place', 'varchar(100)')
    .addColumn('unit_ids', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_teams')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('event_id', 'varchar(64)', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('unit_ids', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'varchar(30)', (c) => c.notNull())
    .addColumn('contact_phone', 'varchar(30)', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('joint_reason', 'varchar(300)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('return_reason', 'varchar(300)')
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('reviewed_at', 'varchar(32)')
    .addColumn('reviewed_by', 'varchar(100)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_teams_event_idx').on('event_teams').columns(['event_id', 'school_id']).execute();

  await db.schema
    .createTable('donations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    .addColumn('event_id', 'varchar(64)', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('item', 'varchar(100)', (c) => c.notNull())
    .addColumn('quantity', 'integer')
    .addColumn('value', 'real')
    .addColumn('donor', 'varchar(100)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'varchar(300)')
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donations_school_idx').on('donations').columns(['school_id', 'date']).execute();
}

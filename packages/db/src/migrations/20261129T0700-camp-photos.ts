import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types only.
// Photos of a volunteer camp (issue 10): taken by its volunteers and staff, offered to the briefing.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('camp_photos')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('camp_id', 'varchar(64)', (c) => c.notNull().references('camps.id').onDelete('cascade'))
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
    // The camp day the photo belongs to (YYYY-MM-DD), and a short caption for the briefing.
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('caption', 'varchar(100)')
    .addColumn('path', 'varchar(300)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('camp_photos_camp_idx').on('camp_photos').columns(['camp_id', 'date']).execute();
  await db.schema.createIndex('camp_photos_school_idx').on('camp_photos').columns(['school_id', 'date']).execute();
}

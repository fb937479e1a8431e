import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable column types and SQL only.
//
// 1. Whether a notice of an incident reached the person (`reach`: reached | not_reached). A notice that
//    reached nobody is an attempt, a row of its own pointing at the chain step it tried (`step_id`),
//    which keeps waiting. Every notice recorded before was taken as reached.
// 2. How a child was named on a case when it was linked to it (name, class id and name): the school
//    where it happened keeps the case after the child transfers, and names the child by this. Links
//    made before are named by the child's name of the day, and by its class only while the child is
//    still at the case's school: a class it joined elsewhere is not where the case happened (and its
//    teacher must not gain the case).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('incident_notices')
    .addColumn('reach', 'varchar(16)', (c) => c.notNull().defaultTo('reached'))
    .execute();
  await db.schema.alterTable('incident_notices').addColumn('step_id', 'varchar(64)').execute();

  await db.schema.alterTable('incident_children').addColumn('child_name', 'varchar(30)').execute();
  await db.schema.alterTable('incident_children').addColumn('class_id', 'varchar(64)').execute();
  await db.schema.alterTable('incident_children').addColumn('class_name', 'varchar(60)').execute();
  await sql`update incident_children set child_name = (select c.name from children c where c.id = incident_children.child_id)`.execute(db);
  await sql`
    update incident_children set
      class_id = (select c.class_id from children c where c.id = incident_children.child_id),
      class_name = (select k.name from children c join classes k on k.id = c.class_id where c.id = incident_children.child_id)
    where exists (select 1 from children c where c.id = incident_children.child_id and c.school_id = incident_children.school_id)
  `.execute(db);
}

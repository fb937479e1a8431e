import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { newId } from '../helpers.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// A class's head teacher (classes.head_teacher_id: the compliance engine's class teacher, the contact
// card's, the pairing suggestions') and the class-teacher role now agree; earlier releases let them part:
//  - a head teacher whose account is deactivated, or who no longer holds the class-teacher role for the
//    class (taken away in the user form), is no longer its head teacher;
//  - a class without a head teacher whose class-teacher role an active account holds (given in the user
//    form) gets that account as head teacher, the earliest given if several.
// Each change bumps the class's version and is in the audit log as the app writes it (`class.update`,
// `head_teacher_id` old → new), by the system.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  const roleHeld = sql`exists (select 1 from role_assignments a where a.user_id = c.head_teacher_id and a.role = 'class_teacher' and a.scope_id = c.id)`;
  const stale = await sql<Row>`
    select c.id, c.school_id, c.version, c.head_teacher_id as old_id, null as new_id from classes c
    where c.head_teacher_id is not null
      and (exists (select 1 from users u where u.id = c.head_teacher_id and u.active = 0) or not ${roleHeld})
  `.execute(db);
  const empty = await sql<Row>`
    select c.id, c.school_id, c.version, null as old_id, (
      select a.user_id from role_assignments a inner join users u on u.id = a.user_id
      where a.role = 'class_teacher' and a.scope_id = c.id and u.active = 1
      order by a.created_at, a.id limit 1) as new_id
    from classes c
    where c.head_teacher_id is null
      and exists (
        select 1 from role_assignments a inner join users u on u.id = a.user_id
        where a.role = 'class_teacher' and a.scope_id = c.id and u.active = 1)
  `.execute(db);
  for (const c of [...stale.rows, ...empty.rows]) {
    await sql`update classes set head_teacher_id = ${c.new_id}, version = ${Number(c.version) + 1}, updated_at = ${now} where id = ${c.id}`.execute(db);
    const school = (await sql<{ region_path: string }>`select region_path from schools where id = ${c.school_id}`.execute(db)).rows[0];
    const summary = JSON.stringify({ head_teacher_id: [c.old_id, c.new_id] });
    await sql`
      insert into audit_log (id, at, user_id, username, action, entity, entity_id, school_id, region_path, summary, ip)
      values (${newId()}, ${now}, null, 'system', 'class.update', 'class', ${c.id}, ${c.school_id}, ${school?.region_path ?? null}, ${summary}, null)
    `.execute(db);
  }
}

interface Row {
  id: string;
  school_id: string;
  version: number;
  old_id: string | null;
  new_id: string | null;
}

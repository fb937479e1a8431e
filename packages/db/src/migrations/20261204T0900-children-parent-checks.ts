import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// PostgreSQL only. A foreign key checks its parent once per row: a 10,000-row roster import into one
// school ran 20,000 `select … for key share` lookups of one school and a few classes, ≈ 100 ms of the
// commit's ≈ 540 ms (psql, COPY of 10,000 children: 490–520 ms with the two keys, 270–320 ms without).
// The two keys of `children` become statement triggers over transition tables that do the same job
// once per statement and per distinct parent:
// - an insert, or an update that changes `school_id` or `class_id`, locks the parents it names
//   `for key share` (as the key's check does) and fails with SQLSTATE 23503 if one is missing;
// - a delete of a school or class, or an update of its id, fails with 23503 while a child names it
//   (NO ACTION, as the keys were).
// Under READ COMMITTED (the app's level) each statement of the functions reads a new snapshot, so a
// delete that waited for an import's lock sees that import's children, and an import that waited for a
// delete sees the parent gone. SQLite keeps its declared keys: there a check is a B-tree probe.

const fail = (constraint: string, column: string, parent: string, value: string) =>
  `raise foreign_key_violation using
      message = format('insert or update on table "children" violates foreign key constraint "%s"', '${constraint}'),
      detail = format('Key (${column})=(%s) is not present in table "${parent}".', ${value}),
      constraint = '${constraint}', table = 'children', column = '${column}'`;

const restrict = (constraint: string, column: string, parent: string) =>
  `raise foreign_key_violation using
      message = format('update or delete on table "${parent}" violates foreign key constraint "%s" on table "children"', '${constraint}'),
      detail = format('Key (id)=(%s) is still referenced from table "children".', missing),
      constraint = '${constraint}', table = '${parent}', column = '${column}'`;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table children drop constraint children_school_id_fkey`.execute(db);
  await sql`alter table children drop constraint children_class_id_fkey`.execute(db);
  // The parents to check: every inserted row's, and an updated row's where the key changed (null when not).
  const inserted = 'select school_id, class_id from new_rows';
  const updated = `select case when n.school_id is distinct from o.school_id then n.school_id end as school_id,
                          case when n.class_id is distinct from o.class_id then n.class_id end as class_id
                     from new_rows n left join old_rows o on o.id = n.id`;
  const check = (rows: string) =>
    ['school_id', 'class_id']
      .map((column) => {
        const parent = column === 'school_id' ? 'schools' : 'classes';
        return `perform 1 from ${parent} p where p.id in (select r.${column} from (${rows}) r) for key share;
    select r.${column} into missing from (${rows}) r
      where r.${column} is not null and not exists (select 1 from ${parent} p where p.id = r.${column}) limit 1;
    if found then ${fail(`children_${column}_fkey`, column, parent, 'missing')}; end if;`;
      })
      .join('\n    ');
  // Each branch is planned when first run, so the insert trigger never plans a query of old_rows.
  await sql
    .raw(`create function children_parents_check() returns trigger language plpgsql set search_path from current as $fn$
declare
  missing text;
begin
  if tg_op = 'INSERT' then
    ${check(inserted)}
  else
    ${check(updated)}
  end if;
  return null;
end $fn$`)
    .execute(db);
  await sql
    .raw(`create trigger children_parents_insert after insert on children referencing new table as new_rows
      for each statement execute function children_parents_check()`)
    .execute(db);
  await sql
    .raw(`create trigger children_parents_update after update on children referencing old table as old_rows new table as new_rows
      for each statement execute function children_parents_check()`)
    .execute(db);
  for (const [parent, column, constraint] of [
    ['schools', 'school_id', 'children_school_id_fkey'],
    ['classes', 'class_id', 'children_class_id_fkey'],
  ] as const) {
    // A parent id that is gone after the statement (deleted, or changed by an update) and still named.
    const named = (gone: string) => `select o.id into missing from old_rows o
      where ${gone} and exists (select 1 from children c where c.${column} = o.id) limit 1;
    if found then ${restrict(constraint, column, parent)}; end if;`;
    await sql
      .raw(`create function children_${parent}_restrict() returns trigger language plpgsql set search_path from current as $fn$
declare
  missing text;
begin
  if tg_op = 'DELETE' then
    ${named('true')}
  else
    ${named('not exists (select 1 from new_rows n where n.id = o.id)')}
  end if;
  return null;
end $fn$`)
      .execute(db);
    await sql
      .raw(`create trigger ${parent}_children_delete after delete on ${parent} referencing old table as old_rows
        for each statement execute function children_${parent}_restrict()`)
      .execute(db);
    await sql
      .raw(`create trigger ${parent}_children_update after update on ${parent} referencing old table as old_rows new table as new_rows
        for each statement execute function children_${parent}_restrict()`)
      .execute(db);
  }
}

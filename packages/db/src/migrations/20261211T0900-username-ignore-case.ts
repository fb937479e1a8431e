import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { newId } from '../helpers.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// Usernames ignore letter case: "DH_ZHANG" and "dh_zhang" are one name, and signing in as "Dh_Zhang"
// finds that account. A unique index on lower(username) (both databases index an expression; usernames
// are ASCII, so lower() is the same on both) refuses a second spelling and serves the sign-in lookup
// `lower(username) = lower(?)`. Accounts that earlier releases let in under another spelling of a name
// would break the index: the first created keeps its name, each later one becomes "<name>-<n>" with the
// smallest n from 2 that no account holds in any case, its version bumped and the rename in the audit
// log (by the system, at the account's school or region) for its administrator to pass on.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  const clashing = await sql<{ id: string; username: string; version: number }>`
    select u.id, u.username, u.version from users u
    where exists (
      select 1 from users f where lower(f.username) = lower(u.username)
        and (f.created_at < u.created_at or (f.created_at = u.created_at and f.id < u.id)))
    order by u.created_at, u.id
  `.execute(db);
  const taken = new Set((await sql<{ k: string }>`select lower(username) as k from users`.execute(db)).rows.map((r) => r.k));
  for (const u of clashing.rows) {
    let n = 2;
    while (taken.has(`${u.username}-${n}`.toLowerCase())) n++;
    const renamed = `${u.username}-${n}`;
    taken.add(renamed.toLowerCase());
    await sql`update users set username = ${renamed}, version = ${u.version + 1}, updated_at = ${now} where id = ${u.id}`.execute(db);
    const home = (
      await sql<{ school_id: string | null; region_path: string | null }>`
        select school_id, region_path from role_assignments where user_id = ${u.id} and (school_id is not null or region_path is not null)
        order by case when school_id is null then 1 else 0 end, created_at
      `.execute(db)
    ).rows[0];
    const summary = JSON.stringify({ username: [u.username, renamed] });
    await sql`
      insert into audit_log (id, at, user_id, username, action, entity, entity_id, school_id, region_path, summary, ip)
      values (${newId()}, ${now}, null, 'system', 'user.update', 'user', ${u.id}, ${home?.school_id ?? null}, ${home?.region_path ?? null}, ${summary}, null)
    `.execute(db);
  }
  await sql`create unique index users_username_lower_uq on users (lower(username))`.execute(db);
}

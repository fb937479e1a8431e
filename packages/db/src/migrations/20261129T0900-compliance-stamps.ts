import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// A change stamp per school, bumped by the database on every write to what a compliance tally reads
// (record links, children, pairings, terms, classes, excuses, activity attendance, policies, the
// school's own row), so that cached tallies of unchanged schools can be reused: triggers see every
// write path (API, imports, campaign visits, bulk loads, cascaded deletes, hand-written SQL).
// A later migration that rebuilds one of these tables on SQLite must create its triggers again.

/** Tables with a `school_id` column whose rows feed the tally. */
const TABLES = ['care_record_children', 'children', 'pairings', 'terms', 'classes', 'due_excuses', 'activity_people'] as const;

const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const PG_NOW = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** SQLite: an upsert bumping the stamp of the schools selected (the WHERE keeps ON CONFLICT from parsing as a join). */
const sqliteBump = (select: string) =>
  `insert into compliance_stamps (school_id, stamp, changed_at) ${select} on conflict (school_id) do update set stamp = stamp + 1, changed_at = excluded.changed_at;`;
const one = (ref: string, extra = '') => sqliteBump(`select ${ref}, 1, ${SQLITE_NOW} where ${ref} is not null${extra}`);
/** Schools under a region (paths are "/province/city/county/"). */
const under = (ref: string) => sqliteBump(`select id, 1, ${SQLITE_NOW} from schools where ${ref} is not null and region_path like '%/' || ${ref} || '/%'`);

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('compliance_stamps')
    .addColumn('school_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('stamp', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  if (dialect === 'sqlite') {
    for (const t of TABLES) {
      await sql.raw(`create trigger ${t}_stamp_ins after insert on ${t} begin ${one('new.school_id')} end`).execute(db);
      await sql.raw(`create trigger ${t}_stamp_del after delete on ${t} begin ${one('old.school_id')} end`).execute(db);
      // A row moving to another school (a transfer) changes both.
      await sql
        .raw(
          `create trigger ${t}_stamp_upd after update on ${t} begin ${one('old.school_id')} ${one('new.school_id', ' and new.school_id is not old.school_id')} end`,
        )
        .execute(db);
    }
    // A school's policy changes that school; a region's, every school under the region.
    for (const [event, row] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['update', 'old'],
      ['delete', 'old'],
    ] as const)
      await sql
        .raw(
          `create trigger care_policies_stamp_${event}_${row} after ${event} on care_policies begin ${one(`${row}.school_id`)} ${under(`${row}.region_id`)} end`,
        )
        .execute(db);
    // Its region (inherited policy) or anything else about the school itself.
    await sql.raw(`create trigger schools_stamp_upd after update on schools begin ${one('new.id')} end`).execute(db);
    return;
  }

  // PostgreSQL: statement-level triggers over transition tables, one upsert per statement (bulk loads
  // stay cheap), schools in key order so that concurrent writers lock stamp rows in the same order.
  const upsert = (select: string) =>
    `insert into compliance_stamps (school_id, stamp, changed_at) select distinct s, 1, ${PG_NOW} from (${select}) x(s) where s is not null order by s
       on conflict (school_id) do update set stamp = compliance_stamps.stamp + 1, changed_at = excluded.changed_at;`;
  const fn = (name: string, body: string) =>
    sql
      .raw(`create function ${name}() returns trigger language plpgsql set search_path from current as $fn$
begin
${body}
  return null;
end $fn$`)
      .execute(db);
  await fn(
    'compliance_stamp_rows',
    `  if tg_op = 'INSERT' then ${upsert('select school_id from new_rows')}
  elsif tg_op = 'UPDATE' then ${upsert('select school_id from old_rows union select school_id from new_rows')}
  else ${upsert('select school_id from old_rows')}
  end if;`,
  );
  const policySchools = (rows: string) =>
    `select school_id from ${rows} union select s.id from schools s join ${rows} p on p.region_id is not null and s.region_path like '%/' || p.region_id || '/%'`;
  await fn(
    'compliance_stamp_policies',
    `  if tg_op = 'INSERT' then ${upsert(policySchools('new_rows'))}
  elsif tg_op = 'UPDATE' then ${upsert(`${policySchools('old_rows')} union ${policySchools('new_rows')}`)}
  else ${upsert(policySchools('old_rows'))}
  end if;`,
  );
  await fn('compliance_stamp_schools', `  ${upsert('select id from new_rows')}`);
  await fn('compliance_stamp_all', `  ${upsert('select id from schools')}`);
  const triggers = async (table: string, fnName: string, events: ('insert' | 'update' | 'delete')[]) => {
    // Transition tables allow one event per trigger.
    for (const e of events) {
      const refs = e === 'insert' ? 'new table as new_rows' : e === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
      await sql
        .raw(`create trigger ${table}_stamp_${e} after ${e} on ${table} referencing ${refs} for each statement execute function ${fnName}()`)
        .execute(db);
    }
    await sql.raw(`create trigger ${table}_stamp_truncate after truncate on ${table} for each statement execute function compliance_stamp_all()`).execute(db);
  };
  for (const t of TABLES) await triggers(t, 'compliance_stamp_rows', ['insert', 'update', 'delete']);
  await triggers('care_policies', 'compliance_stamp_policies', ['insert', 'update', 'delete']);
  await sql
    .raw(
      `create trigger schools_stamp_update after update on schools referencing new table as new_rows for each statement execute function compliance_stamp_schools()`,
    )
    .execute(db);
}

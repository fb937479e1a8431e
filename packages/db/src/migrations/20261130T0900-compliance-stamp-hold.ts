import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// A bulk writer may hold a school's change stamp: inside its transaction it bumps the stamp once and
// sets `held`, writes its rows, and clears `held` before it commits (a rolled-back transaction clears
// it as well), so no reader ever sees a held stamp. SQLite's row triggers on the tally's tables skip a
// held school: a 10,000-row roster import ran 10,000 upserts of one stamp row, ≈ 40 % of its insert of
// the children. PostgreSQL's statement triggers on those tables skip a held school too, so a held stamp
// moves exactly once on both.

const TABLES = ['care_record_children', 'children', 'pairings', 'terms', 'classes', 'due_excuses', 'activity_people'] as const;

const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const PG_NOW = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const NOT_HELD = (ref: string) => `not exists (select 1 from compliance_stamps h where h.school_id = ${ref} and h.held = 1)`;

/** Bump the stamp of the school `ref` unless it is null or held (the WHERE also keeps ON CONFLICT from parsing as a join). */
const bump = (ref: string, extra = '') =>
  `insert into compliance_stamps (school_id, stamp, changed_at) select ${ref}, 1, ${SQLITE_NOW} where ${ref} is not null${extra}
     and ${NOT_HELD(ref)}
     on conflict (school_id) do update set stamp = stamp + 1, changed_at = excluded.changed_at;`;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('compliance_stamps')
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (dialect === 'postgres') {
    // The row tables' statement trigger function of 20261129T0900, its schools filtered.
    const upsert = (select: string) =>
      `insert into compliance_stamps (school_id, stamp, changed_at) select distinct s, 1, ${PG_NOW} from (${select}) x(s) where s is not null and ${NOT_HELD('s')} order by s
       on conflict (school_id) do update set stamp = compliance_stamps.stamp + 1, changed_at = excluded.changed_at;`;
    await sql
      .raw(`create or replace function compliance_stamp_rows() returns trigger language plpgsql set search_path from current as $fn$
begin
  if tg_op = 'INSERT' then ${upsert('select school_id from new_rows')}
  elsif tg_op = 'UPDATE' then ${upsert('select school_id from old_rows union select school_id from new_rows')}
  else ${upsert('select school_id from old_rows')}
  end if;
  return null;
end $fn$`)
      .execute(db);
    return;
  }
  for (const t of TABLES) {
    for (const e of ['ins', 'del', 'upd']) await sql.raw(`drop trigger ${t}_stamp_${e}`).execute(db);
    await sql.raw(`create trigger ${t}_stamp_ins after insert on ${t} begin ${bump('new.school_id')} end`).execute(db);
    await sql.raw(`create trigger ${t}_stamp_del after delete on ${t} begin ${bump('old.school_id')} end`).execute(db);
    // A row moving to another school (a transfer) changes both.
    await sql
      .raw(
        `create trigger ${t}_stamp_upd after update on ${t} begin ${bump('old.school_id')} ${bump('new.school_id', ' and new.school_id is not old.school_id')} end`,
      )
      .execute(db);
  }
}

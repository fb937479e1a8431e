import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
//
// Change stamps of a school's records by month. Until now every write of a care-record link or of an
// activity's attendance moved the school's one stamp (20261129T0900), which made every month of the
// school's counts stale: after a working day in which each school of a county recorded a talk, a
// county-year report counted the whole year again (≈ 360 ms for 20,000 children, bench/RESULTS.md,
// session 24), though a talk of today changes nothing of the months before. These two tables now move
// a stamp per school and month of the row's date (`compliance_month_stamps`; a row moved or redated
// moves its old and its new month), and no longer the school's stamp, which the other tables (children,
// pairings, terms, classes, excuses, the school itself) keep moving. A reader adds the school's stamp
// and the stamps of the months it depends on: every counter only grows, so the sum moves whenever any
// of them does. A held school stamp (20261130T0900) holds these too: the bulk writer's own bump of the
// school's stamp stands for its rows. A table truncated still moves every school's stamp.

const TABLES = ['care_record_children', 'activity_people'] as const;

const NOT_HELD = (ref: string) => `not exists (select 1 from compliance_stamps h where h.school_id = ${ref} and h.held = 1)`;

/** SQLite: bump the month of `row`'s date in its school, unless the school's stamp is held (the WHERE also keeps ON CONFLICT from parsing as a join). */
const bump = (row: string, extra = '') =>
  `insert into compliance_month_stamps (school_id, month, stamp) select ${row}.school_id, substr(${row}.date, 1, 7), 1
     where ${row}.school_id is not null${extra} and ${NOT_HELD(`${row}.school_id`)}
     on conflict (school_id, month) do update set stamp = stamp + 1;`;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('compliance_month_stamps')
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('stamp', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_month_stamps_pk', ['school_id', 'month'])
    .execute();

  if (dialect === 'sqlite') {
    for (const t of TABLES) {
      for (const e of ['ins', 'del', 'upd']) await sql.raw(`drop trigger ${t}_stamp_${e}`).execute(db);
      await sql.raw(`create trigger ${t}_stamp_ins after insert on ${t} begin ${bump('new')} end`).execute(db);
      await sql.raw(`create trigger ${t}_stamp_del after delete on ${t} begin ${bump('old')} end`).execute(db);
      // Any change of a row changes its month; a row moved to another school or month changes that one too.
      await sql
        .raw(
          `create trigger ${t}_stamp_upd after update on ${t} begin ${bump('old')} ${bump(
            'new',
            ' and (new.school_id is not old.school_id or substr(new.date, 1, 7) is not substr(old.date, 1, 7))',
          )} end`,
        )
        .execute(db);
    }
    return;
  }

  // PostgreSQL: statement-level triggers over transition tables, one upsert per statement, rows in key
  // order so that concurrent writers lock stamp rows in the same order.
  const upsert = (select: string) =>
    `insert into compliance_month_stamps (school_id, month, stamp) select distinct s, m, 1 from (${select}) x(s, m)
       where s is not null and ${NOT_HELD('s')} order by s, m
       on conflict (school_id, month) do update set stamp = compliance_month_stamps.stamp + 1;`;
  const rows = (table: string) => `select school_id, substr(date, 1, 7) from ${table}`;
  await sql
    .raw(`create function compliance_stamp_months() returns trigger language plpgsql set search_path from current as $fn$
begin
  if tg_op = 'INSERT' then ${upsert(rows('new_rows'))}
  elsif tg_op = 'UPDATE' then ${upsert(`${rows('old_rows')} union ${rows('new_rows')}`)}
  else ${upsert(rows('old_rows'))}
  end if;
  return null;
end $fn$`)
    .execute(db);
  for (const t of TABLES)
    for (const e of ['insert', 'update', 'delete'] as const) {
      await sql.raw(`drop trigger ${t}_stamp_${e} on ${t}`).execute(db);
      const refs = e === 'insert' ? 'new table as new_rows' : e === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
      await sql
        .raw(`create trigger ${t}_stamp_${e} after ${e} on ${t} referencing ${refs} for each statement execute function compliance_stamp_months()`)
        .execute(db);
    }
}

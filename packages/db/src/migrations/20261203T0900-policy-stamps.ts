import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// A policy change no longer moves the change stamps of the schools it reaches. The compliance cache
// keys each month's counts by the policy versions that month is judged under (read on every request),
// so a new version — never in the past — makes only the months from its first day stale; the stamps
// made every month of every school under a county or province stale at once (a full recount of each).
// Nothing else that stamps guard depends on policies (the dashboards' figures do not).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const name of ['insert_new', 'update_new', 'update_old', 'delete_old'])
      await sql.raw(`drop trigger if exists care_policies_stamp_${name}`).execute(db);
    return;
  }
  for (const event of ['insert', 'update', 'delete', 'truncate'])
    await sql.raw(`drop trigger if exists care_policies_stamp_${event} on care_policies`).execute(db);
  await sql`drop function if exists compliance_stamp_policies()`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// Pairings left open when their child moved to another school or its archive stopped being active
// (before transfers and status changes ended them): ended on the day the child moved (entered_on at
// the new school) or the day its archive last changed, never before the pairing began, with the
// reason the app now stores in that case ('child_transferred' / 'child_inactive').
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  await sql`
    update pairings set
      end_reason = case
        when (select c.school_id from children c where c.id = pairings.child_id) <> pairings.school_id then 'child_transferred'
        else 'child_inactive' end,
      end_date = (
        select case
          when coalesce(case when c.school_id <> pairings.school_id then c.entered_on end, substr(c.updated_at, 1, 10)) < pairings.start_date
            then pairings.start_date
          else coalesce(case when c.school_id <> pairings.school_id then c.entered_on end, substr(c.updated_at, 1, 10)) end
        from children c where c.id = pairings.child_id),
      updated_at = ${now},
      version = version + 1
    where end_date is null
      and exists (select 1 from children c where c.id = pairings.child_id and (c.status <> 'active' or c.school_id <> pairings.school_id))
  `.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code. Portable SQL only.
// Pairings left open when their mentor's account was deactivated, or the mentor no longer held the
// mentor role at the pairing's school (before deactivation and role changes ended them): ended on the
// day the account last changed, never before the pairing began, with the reason the app now stores
// in that case ('mentor_inactive' / 'mentor_role_removed'). The children wait for a mentor again.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  const mentorHere = sql`exists (select 1 from role_assignments a where a.user_id = pairings.mentor_id and a.role = 'mentor' and a.school_id = pairings.school_id)`;
  await sql`
    update pairings set
      end_reason = case when (select u.active from users u where u.id = pairings.mentor_id) = 0 then 'mentor_inactive' else 'mentor_role_removed' end,
      end_date = (
        select case when substr(u.updated_at, 1, 10) < pairings.start_date then pairings.start_date else substr(u.updated_at, 1, 10) end
        from users u where u.id = pairings.mentor_id),
      updated_at = ${now},
      version = version + 1
    where end_date is null
      and (exists (select 1 from users u where u.id = pairings.mentor_id and u.active = 0) or not ${mentorHere})
  `.execute(db);
}

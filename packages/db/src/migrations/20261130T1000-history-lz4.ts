import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// PostgreSQL compresses a text value over ≈ 2 kB (TOAST) with pglz by default. A child's history row
// of an import lists every field filled (≈ 3 kB for a full template row), and compressing 10,000 of
// them with pglz was ≈ a third of an import's history insert; lz4 is several times faster at a
// similar size. Only new values are written with it. Servers built without lz4 keep pglz.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (!lz4.rows[0]?.ok) return;
  await sql`alter table child_history alter column changes set compression lz4`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Frozen: never edit after release, never import app code.
// The audit log's only query by region is a bureau officer's `region_path like '/…/%'`, which this
// index cannot serve: SQLite's LIKE ignores case (an index helps only under NOCASE), and PostgreSQL
// uses a B-tree for a prefix LIKE only under the C collation (`initdb --locale=C.UTF-8` is not). Both
// plans walk the primary key backwards (ids are time-ordered; a page is the 50 newest in scope), so the
// index was only written: ≈ 3 µs a row on every audit insert, a fifth of the audit rows of an import.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`drop index if exists audit_log_region_path_idx`.execute(db);
}

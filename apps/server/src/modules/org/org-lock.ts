import type { Dialect } from '@carebridge/db';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';

type Locked = 'regions' | 'schools' | 'terms' | 'classes';

/**
 * A region, school, term or class row, read inside the transaction `tx` and, on PostgreSQL, kept from other
 * writers until it ends (SQLite runs one write transaction at a time); undefined once it is gone. A
 * rule across rows that no index can hold (a school's terms not overlapping, sibling regions not
 * sharing a name, a row deleted only while nothing uses it) takes the row they hang on first: two
 * writers of the same school's terms then run one after the other, and the second reads what the
 * first committed.
 */
export async function lockRow<T extends Locked>(tx: Tx, dialect: Dialect, table: T, id: string) {
  let q = tx
    .selectFrom(table as Locked)
    .selectAll()
    .where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * A region or school row that a row being written will name (a role's scope, a class's school), read
 * inside `tx` and, on PostgreSQL, locked `for key share` until it ends, as a foreign key locks its
 * parent: a delete of it (which takes the row with `lockRow` first) waits for this transaction and then
 * counts what it wrote, or is waited for and the row is found gone here (undefined). Unlike `lockRow`,
 * writers of the row itself (a rename) and other writers naming it are not kept waiting.
 */
export async function holdParent<T extends 'regions' | 'schools'>(tx: Tx, dialect: Dialect, table: T, id: string) {
  let q = tx
    .selectFrom(table as 'regions' | 'schools')
    .selectAll()
    .where('id', '=', id);
  if (dialect === 'postgres') q = q.forKeyShare();
  return q.executeTakeFirst();
}

/**
 * Top-level regions have no parent row to take: their writers (the administrator setting up
 * provinces, rarely) take a transaction-level advisory lock of PostgreSQL instead, one key for all of
 * them, held to the end of the transaction like a row lock. A table lock would do, but a rename of a
 * province then deadlocks with a city being added under it (each waiting for the other's lock).
 */
export async function lockRootRegions(tx: Tx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('carebridge.regions.root'))`.execute(tx);
}

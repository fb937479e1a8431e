import type { Database, Db } from '@carebridge/db';
import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../context.ts';

type SqliteHandle = NonNullable<Db['sqlite']>;
type Statement = ReturnType<SqliteHandle['prepare']>;

/** Prepared single-row inserts by table and column list, per SQLite handle. */
const statements = new WeakMap<SqliteHandle, Map<string, Statement>>();

function insertStatement(sqlite: SqliteHandle, table: string, columns: string[]): Statement {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  const key = `${table}(${columns.join(',')})`;
  let stmt = cache.get(key);
  if (!stmt) {
    if (cache.size > 100) cache.clear();
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    stmt = sqlite.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    cache.set(key, stmt);
  }
  return stmt;
}

/** Whether the row's own keys are `columns`, in that order. */
function sameKeys(r: Record<string, unknown>, columns: readonly string[]): boolean {
  let i = 0;
  for (const k in r) if (k !== columns[i++]) return false;
  return i === columns.length;
}

/**
 * Insert many rows inside the caller's transaction.
 *
 * On SQLite, inside a transaction, one prepared single-row statement is run for every row: better-sqlite3
 * runs a prepared statement in a few microseconds, while Kysely compiles and SQLite prepares every
 * multi-row chunk anew (a 100-row insert of children has 9,000 parameters). The columns are the union of
 * the rows' keys and a row without one gets NULL, as Kysely's multi-row insert does on SQLite; undefined
 * counts as absent. The transaction must be a Kysely one on the same connection (there is only one on
 * SQLite), so a failure later in it rolls these rows back too. On PostgreSQL the rows go as JSON
 * (`json_populate_recordset`, absent keys NULL as well); on SQLite outside a transaction through
 * Kysely in chunks of `chunk`.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Tx,
  sqlite: Db['sqlite'] | undefined,
  table: T,
  rows: readonly Record<string, unknown>[],
  chunk: number,
): Promise<void> {
  if (!rows.length) return;
  if (sqlite && db.isTransaction && sqlite.inTransaction) {
    const seen = new Set<string>();
    for (const r of rows) for (const k in r) if (r[k] !== undefined) seen.add(k);
    const columns = [...seen];
    const stmt = insertStatement(sqlite, table, columns);
    const args: unknown[] = new Array(columns.length);
    for (const r of rows) {
      // A row with exactly these keys in this order (rows built by one function are): its values as
      // they are, undefined as NULL. Reading 92 columns by name from 10,000 rows was a tenth of an import.
      const values = Object.values(r);
      if (values.length === columns.length && sameKeys(r, columns)) {
        for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
        stmt.run(values);
        continue;
      }
      for (let i = 0; i < columns.length; i++) args[i] = r[columns[i] as string] ?? null;
      stmt.run(args);
    }
    return;
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL: the rows as one JSON parameter per JSON_CHUNK rows, spread into the table's columns
    // by the server. A 100-row Kysely insert of children has 9,200 parameters, compiled by Kysely and
    // parsed and planned by PostgreSQL each time: a 10,000-row import spent seconds in them.
    const seen = new Set<string>();
    for (const r of rows) for (const k in r) if (r[k] !== undefined) seen.add(k);
    // Each chunk's JSON is built while the server inserts the chunk before it (the query is sent
    // before the next JSON.stringify takes the thread); a failure is thrown at the next await.
    const columns = sql.join([...seen].map((c) => sql.ref(c)));
    let running: Promise<unknown> | undefined;
    for (let i = 0; i < rows.length; i += JSON_CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + JSON_CHUNK));
      await running;
      running =
        sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(db);
      running.catch(() => undefined);
      await sent();
    }
    await running;
    return;
  }
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

/** A turn of the event loop: a query just issued is on its way to the server when this resolves. */
export const sent = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows per JSON parameter on PostgreSQL (a few MB of JSON at most). */
const JSON_CHUNK = 2_000;

import type { Database, Db } from '@carebridge/db';
import { PostgresAdapter, sql } from 'kysely';
import type { Ctx, Tx } from '../context.ts';

/** The raw handles a bulk insert can use: the SQLite connection, or PostgreSQL's COPY. */
export type BulkHandles = Pick<Ctx, 'sqlite' | 'copy'>;

type Row = Record<string, unknown>;

/**
 * Rows made one at a time as they are written: on PostgreSQL's COPY each piece is built while the
 * server takes the pieces before it. `columns` must hold every key the rows have; a missing or undefined
 * value is written as NULL (so a column left to its default must not be among them), and a row with
 * another key fails the insert.
 */
export interface RowsAsBuilt {
  readonly length: number;
  readonly columns: readonly string[];
  at(i: number): Row;
}

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
 * multi-row chunk anew (a 100-row insert of children has 9,000 parameters). On PostgreSQL, inside a
 * transaction, the rows go by COPY (`copyLines`), about twice as fast on the server as inserting them
 * from JSON. Either way the transaction must be a Kysely one on the connection used here, so a failure
 * later in it rolls these rows back too. The columns are the union of the rows' keys and a row without
 * one gets NULL, as Kysely's multi-row insert does; undefined counts as absent. Outside a transaction:
 * on PostgreSQL as JSON (`json_populate_recordset`, absent keys NULL as well), on SQLite through Kysely
 * in chunks of `chunk`.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Tx,
  bulk: BulkHandles | undefined,
  table: T,
  source: readonly Row[] | RowsAsBuilt,
  chunk: number,
): Promise<void> {
  if (!source.length) return;
  let rows: readonly Row[];
  if (Array.isArray(source)) rows = source;
  else {
    const lazy = source as RowsAsBuilt;
    // A key outside the columns would be lost without a word: such a row fails the insert instead.
    const known = new Set(lazy.columns);
    const at = (i: number) => {
      const r = lazy.at(i);
      for (const k in r) if (!known.has(k) && r[k] !== undefined) throw new Error(`insertRows: ${table}.${k} is not among the columns given`);
      return r;
    };
    if (bulk?.copy && db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter) {
      await bulk.copy(db, table, lazy.columns, copyLines(lazy.length, at, lazy.columns));
      return;
    }
    rows = Array.from({ length: lazy.length }, (_, i) => at(i));
  }
  const sqlite = bulk?.sqlite;
  if (sqlite && db.isTransaction && sqlite.inTransaction) {
    const columns = columnsOf(rows);
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
    const columns = columnsOf(rows);
    if (bulk?.copy && db.isTransaction) {
      await bulk.copy(
        db,
        table,
        columns,
        copyLines(rows.length, (i) => rows[i] as Row, columns),
      );
      return;
    }
    // The rows as one JSON parameter per JSON_CHUNK rows, spread into the table's columns by the server
    // (a 100-row Kysely insert of children has 9,200 parameters, parsed and planned each time).
    const refs = sql.join(columns.map((c) => sql.ref(c)));
    for (let i = 0; i < rows.length; i += JSON_CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + JSON_CHUNK));
      await sql`insert into ${sql.table(table)} (${refs}) select ${refs} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(db);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

/** The keys the rows have, in first-seen order (a key whose every value is undefined is left out). */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k in r) if (r[k] !== undefined) seen.add(k);
  return [...seen];
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** `s` with COPY's specials escaped by a backslash. */
const escaped = (s: string) => (COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIALS, (x) => COPY_ESCAPES[x] as string) : s);
const BACKSLASH = 92;
const TAB = 9;
const NEWLINE = 10;
/** Up to this length a value is written character by character; longer ones (and any non-ASCII) by `Buffer.write`. */
const SHORT = 12;

/** Rows per piece of COPY text handed to the stream (a few hundred kB). */
const COPY_CHUNK = 500;

/**
 * The rows in COPY's text format, a piece of COPY_CHUNK rows at a time, each piece made as the stream
 * asks for it and written straight into bytes: `\N` for NULL; a backslash, newline, carriage return or
 * tab escaped with a backslash; an object as its JSON (as `json_populate_recordset` reads one for a
 * text column). Building the text as a string and encoding it cost twice as much (V8 flattens the
 * string first; a roster import's history rows, Chinese in their JSON, took 55–60 ms of 10,000 rows).
 */
function* copyLines(length: number, at: (i: number) => Row, columns: readonly string[]): Generator<Buffer> {
  const n = columns.length;
  let size = 1 << 16;
  for (let i = 0; i < length; i += COPY_CHUNK) {
    // A new buffer for each piece: the stream may still hold the one before.
    let buf = Buffer.allocUnsafe(size);
    let pos = 0;
    const end = Math.min(i + COPY_CHUNK, length);
    for (let j = i; j < end; j++) {
      const r = at(j);
      for (let c = 0; c < n; c++) {
        const v = r[columns[c] as string];
        const s = v === null || v === undefined ? null : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
        // Room for the value at three bytes a character (UTF-8 of the BMP; an escape is two), and the separator.
        const need = pos + (s === null ? 2 : s.length * 3) + 1;
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(Math.max(need, buf.length * 2));
          buf.copy(bigger, 0, 0, pos);
          buf = bigger;
        }
        if (s === null) {
          buf[pos++] = BACKSLASH;
          buf[pos++] = 78; // N
        } else if (s.length > SHORT) pos += buf.write(escaped(s), pos);
        else
          for (let k = 0; k < s.length; k++) {
            const ch = s.charCodeAt(k);
            if (ch >= 0x80) {
              pos += buf.write(escaped(s.slice(k)), pos);
              break;
            }
            if (ch === BACKSLASH || ch === NEWLINE || ch === 13 || ch === TAB) {
              buf[pos++] = BACKSLASH;
              buf[pos++] = ch === BACKSLASH ? BACKSLASH : ch === NEWLINE ? 110 : ch === 13 ? 114 : 116; // \\ \n \r \t
            } else buf[pos++] = ch;
          }
        buf[pos++] = c + 1 < n ? TAB : NEWLINE;
      }
    }
    size = Math.max(size, pos + (pos >> 2));
    yield buf.subarray(0, pos);
  }
}

/** A turn of the event loop: a query just issued is on its way to the server when this resolves. */
export const sent = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows per JSON parameter on PostgreSQL (a few MB of JSON at most). */
const JSON_CHUNK = 2_000;

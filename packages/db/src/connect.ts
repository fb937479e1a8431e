import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startCheckpointer } from './checkpointer.ts';
import type { Dialect } from './dialect.ts';
import type { Database } from './types.ts';

export interface DbConfig {
  /** Unset → SQLite at ./data/carebridge.db; "file:/path.db" or ":memory:" → SQLite; "postgres://…" → PostgreSQL. */
  url?: string | undefined;
  /** PostgreSQL only: the schema to use (tests isolate each suite in its own). */
  pgSchema?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number | undefined;
  /**
   * SQLite file only: checkpoint the write-ahead log from a worker thread this often (ms) instead of in
   * the commit that fills it (`startCheckpointer`). The server sets it; one-off tools keep SQLite's way.
   */
  checkpointEveryMs?: number | undefined;
  /** Where a failed background checkpoint is reported (default: stderr). */
  onCheckpointError?: ((message: string) => void) | undefined;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, with any password removed (for logs and the health check). */
  describe: string;
  /** The raw SQLite handle, for the online backup API; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** PostgreSQL only: bulk rows into a table with COPY, on the connection of the transaction `tx`. */
  copy?: CopyInto;
  close(): Promise<void>;
}

/**
 * `COPY table (columns) FROM STDIN` in text format inside the transaction `tx`: `chunks` are the
 * rows' lines (tab-separated, escaped, `\N` for NULL) as text or UTF-8 bytes, produced as the server
 * takes them. A failed COPY, or a chunk that throws, rejects and leaves the transaction to be rolled back.
 */
export interface CopyInto {
  (tx: Kysely<Database>, table: string, columns: readonly string[], chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void>;
  /** Find the transaction's connection now (one round trip), so that its first COPY starts at once. */
  ready(tx: Kysely<Database>): Promise<void>;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * COPY runs on the transaction's own connection: Kysely does not hand out its pg client, so the pool's
 * clients are known by their server process id and the transaction's is asked for once.
 */
function copyInto(pool: pg.Pool): CopyInto {
  const clients = new Map<number, pg.PoolClient>();
  const pidOf = (c: pg.PoolClient) => (c as unknown as { processID: number | null }).processID;
  pool.on('connect', (c) => {
    const pid = pidOf(c);
    if (pid != null) clients.set(pid, c);
  });
  pool.on('remove', (c) => {
    const pid = pidOf(c);
    if (pid != null && clients.get(pid) === c) clients.delete(pid);
  });
  const ofTx = new WeakMap<object, pg.PoolClient>();
  const clientOf = async (tx: Kysely<Database>) => {
    // Outside a transaction the pid and the COPY could be answered by two different connections.
    if (!tx.isTransaction) throw new Error('COPY needs a transaction');
    let client = ofTx.get(tx);
    if (!client) {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      client = clients.get(Number(rows[0]?.pid));
      if (!client) throw new Error("COPY: the transaction's connection is not one of this pool's");
      ofTx.set(tx, client);
    }
    return client;
  };
  const copy = async (
    tx: Kysely<Database>,
    table: string,
    columns: readonly string[],
    chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  ) => {
    const client = await clientOf(tx);
    const text = `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from stdin`;
    await pipeline(Readable.from(chunks, { objectMode: false }), client.query(copyFrom(text)));
  };
  return Object.assign(copy, {
    ready: async (tx: Kysely<Database>) => {
      await clientOf(tx);
    },
  });
}

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function sqlitePath(url: string | undefined): string {
  if (!url) return resolve('data/carebridge.db');
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  return resolve(url.replace(/^file:(\/\/)?/, ''));
}

// PostgreSQL returns COUNT(*) and BIGINT as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Open the database named by the config; nothing is migrated here. */
export function connect(config: DbConfig = {}): Db {
  if (dialectOf(config.url) === 'postgres') {
    const options = config.pgSchema ? `-c search_path=${config.pgSchema}` : undefined;
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, options });
    const copy = copyInto(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(config.url as string);
    return {
      kysely,
      dialect: 'postgres',
      describe: `postgres://${u.host}${u.pathname}`,
      copy,
      close: () => kysely.destroy(),
    };
  }
  const file = sqlitePath(config.url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const checkpointer =
    file !== ':memory:' && config.checkpointEveryMs
      ? startCheckpointer(sqlite, file, config.checkpointEveryMs, config.onCheckpointError ?? ((m) => console.error(`SQLite checkpoint: ${m}`)))
      : undefined;
  return {
    kysely,
    dialect: 'sqlite',
    describe: file,
    sqlite,
    // The worker's connection closes first, so that the server's, the last one, folds the log into the file.
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

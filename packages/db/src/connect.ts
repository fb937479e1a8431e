import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect.ts';
import type { Database } from './types.ts';

export interface DbConfig {
  /** Unset → SQLite at ./data/carebridge.db; "file:/path.db" or ":memory:" → SQLite; "postgres://…" → PostgreSQL. */
  url?: string | undefined;
  /** PostgreSQL only: the schema to use (tests isolate each suite in its own). */
  pgSchema?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number | undefined;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, with any password removed (for logs and the health check). */
  describe: string;
  /** The raw SQLite handle, for the online backup API; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
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
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(config.url as string);
    return {
      kysely,
      dialect: 'postgres',
      describe: `postgres://${u.host}${u.pathname}`,
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
  return { kysely, dialect: 'sqlite', describe: file, sqlite, close: () => kysely.destroy() };
}

import type { Database, Db, Dialect } from '@carebridge/db';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';

/** Where a failure that does not fail the request goes (the app's logger, pino's call shape). */
export interface Log {
  error(details: { err: unknown } & Record<string, unknown>, message: string): void;
}

/** What services share: the database, its dialect, the config, an injectable clock and the log. */
export interface Ctx {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: () => Date;
  log: Log;
  /** The SQLite handle when on SQLite, for the few bulk reads that skip Kysely (raw rows). */
  sqlite?: Db['sqlite'];
  /** PostgreSQL's COPY for bulk writes in a transaction (`insertRows`). */
  copy?: Db['copy'];
}

export type Tx = Kysely<Database>;

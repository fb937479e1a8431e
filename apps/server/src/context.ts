import type { Database, Db, Dialect } from '@carebridge/db';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';

/** What services share: the database, its dialect, the config and an injectable clock. */
export interface Ctx {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: () => Date;
  /** The SQLite handle when on SQLite, for the few bulk reads that skip Kysely (raw rows). */
  sqlite?: Db['sqlite'];
  /** PostgreSQL's COPY for bulk writes in a transaction (`insertRows`). */
  copy?: Db['copy'];
}

export type Tx = Kysely<Database>;

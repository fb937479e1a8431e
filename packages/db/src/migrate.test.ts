import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const url = process.env.DATABASE_URL ?? '';
const postgres = /^postgres/.test(url);

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('migrateToLatest', () => {
  it('brings its own schema up to date, whatever other schemas of the database hold', async () => {
    const own = `t_${randomBytes(6).toString('hex')}`;
    const other = `t_${randomBytes(6).toString('hex')}`;
    if (postgres) {
      // Another schema of the same database with the migration tables (another test run, another
      // deployment): before, the migrator took them for its own and never created its own lock table.
      await admin(
        `create schema ${other}; create table ${other}.cb_migrations_lock (id varchar(255) primary key, is_locked integer not null default 0); create table ${other}.cb_migrations (name varchar(255) primary key, timestamp varchar(255) not null); create schema ${own}`,
      );
    }
    const db = postgres ? connect({ url, pgSchema: own, poolSize: 2 }) : connect({ url: ':memory:' });
    try {
      const applied = await migrateToLatest(db.kysely, db.dialect);
      expect(applied).toEqual(Object.keys(migrations));
      // Run again: nothing left to apply.
      expect(await migrateToLatest(db.kysely, db.dialect)).toEqual([]);
    } finally {
      await db.close();
      if (postgres) await admin(`drop schema ${own} cascade; drop schema ${other} cascade`);
    }
  });
});

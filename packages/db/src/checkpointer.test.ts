import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.ts';
import { connect, type Db } from './connect.ts';

const dirs: string[] = [];
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A new SQLite file with one table; about 6 MB (≈ 1,500 pages, over SQLite's 1,000) written in one commit. */
async function fileDb(checkpointEveryMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'carebridge-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'test.db');
  const db = connect({ url: `file:${file}`, checkpointEveryMs });
  opened.push(db);
  await sql`create table t (id integer primary key, body text not null)`.execute(db.kysely);
  const size = () => statSync(file).size;
  const before = size();
  await db.kysely.transaction().execute(async (tx) => {
    for (let i = 0; i < 6; i++) await sql`insert into t (body) values (${'x'.repeat(1_000_000)})`.execute(tx);
  });
  return { db, file, size, before };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

describe('background checkpoints of SQLite', () => {
  it('without them, the commit that fills the log copies it into the file itself', async () => {
    const { db, size, before } = await fileDb();
    expect(db.sqlite?.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(size() - before).toBeGreaterThan(5_000_000);
  });

  it('with them, the commit leaves the log to a worker, which copies it soon after; closing folds and removes the log', async () => {
    const { db, file, size, before } = await fileDb(50);
    expect(db.sqlite?.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // The data is safe in the log at once, and in the file within a few passes of the worker.
    expect(Number((await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely)).rows[0]?.n)).toBe(6);
    expect(await until(() => size() - before > 5_000_000, 5_000)).toBe(true);
    // Further writes go on as usual while the worker runs.
    await sql`insert into t (body) values ('after')`.execute(db.kysely);
    opened.splice(opened.indexOf(db), 1);
    await db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = connect({ url: `file:${file}` });
    opened.push(again);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(again.kysely)).rows[0]?.n).toBe(7);
  });

  it('hand checkpoints back to the connection when the worker stops or cannot open the file', async () => {
    const { db, file } = await fileDb();
    const sqlite = db.sqlite as NonNullable<Db['sqlite']>;
    const worker = startCheckpointer(sqlite, file, 50, () => undefined);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await worker.stop();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const errors: string[] = [];
    const broken = startCheckpointer(sqlite, join(file, 'missing.db'), 50, (m) => errors.push(m));
    expect(await until(() => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 1000, 5_000)).toBe(true);
    expect(errors.join()).toMatch(/SQLITE_CANTOPEN|directory does not exist/);
    await broken.stop();
  });

  it('closing waits for the worker even when nothing else keeps the process alive (a command-line tool exits 0)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carebridge-ckpt-'));
    dirs.push(dir);
    const connectTs = new URL('./connect.ts', import.meta.url).href;
    const script = `import { connect } from ${JSON.stringify(connectTs)};
const db = connect({ url: ${JSON.stringify(`file:${join(dir, 'cli.db')}`)}, checkpointEveryMs: 50 });
await db.close();
console.log('closed');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });

  it('are not started for a database in memory', async () => {
    const db = connect({ url: ':memory:', checkpointEveryMs: 50 });
    opened.push(db);
    expect(db.sqlite?.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});

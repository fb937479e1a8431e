import { newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/index.ts';
import { insertRows } from './insert-rows.ts';

let app: TestApp;
afterEach(async () => app?.close());

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  id: newId(),
  at: '2026-11-29T08:00:00.000Z',
  user_id: null,
  username: 'tester',
  action: 'test.insert',
  entity: 'test',
  entity_id: `e${String(i).padStart(5, '0')}`,
  ip: '127.0.0.1',
  ...extra,
});

describe('insertRows', () => {
  it('writes every row, an absent or undefined key as NULL, inside and outside a transaction, on this database', async () => {
    app = await buildTestApp();
    const { db, sqlite } = app.ctx;
    // More rows than one PostgreSQL JSON chunk (2,000), with keys that differ from row to row.
    const rows = Array.from({ length: 2_345 }, (_, i) =>
      row(i, i % 3 === 0 ? { school_id: null, summary: JSON.stringify({ n: i, text: '引号"与\\反斜杠' }) } : { region_path: i % 3 === 1 ? '/r/' : undefined }),
    );
    await db.transaction().execute((tx) => insertRows(tx, sqlite, 'audit_log', rows.slice(0, 2_300), 100));
    await insertRows(db, sqlite, 'audit_log', rows.slice(2_300, 2_320), 100);
    // Callers without the SQLite handle (a single audit row) on either database.
    await insertRows(db, undefined, 'audit_log', rows.slice(2_320), 100);
    const back = await db.selectFrom('audit_log').selectAll().where('action', '=', 'test.insert').orderBy('entity_id').execute();
    expect(back).toHaveLength(rows.length);
    expect(back.map((r) => r.entity_id)).toEqual(rows.map((r) => r.entity_id));
    expect(JSON.parse(back[3]?.summary as string)).toEqual({ n: 3, text: '引号"与\\反斜杠' });
    expect([back[1]?.summary, back[1]?.region_path, back[2]?.region_path, back[4]?.school_id]).toEqual([null, '/r/', null, null]);
  });

  it("puts each value in its column whatever the order of a row's keys", async () => {
    app = await buildTestApp();
    const { db, sqlite } = app.ctx;
    // Same keys, the second row's reversed; an undefined value in the third: read by name, NULL.
    const a = row(1, { region_path: '/a/' });
    const b = Object.fromEntries(Object.entries(row(2, { region_path: '/b/' })).reverse());
    const c = row(3, { region_path: undefined });
    await db.transaction().execute((tx) => insertRows(tx, sqlite, 'audit_log', [a, b, c], 100));
    const back = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'region_path', 'username', 'ip'])
      .where('action', '=', 'test.insert')
      .orderBy('entity_id')
      .execute();
    expect(back).toEqual([
      { entity_id: 'e00001', region_path: '/a/', username: 'tester', ip: '127.0.0.1' },
      { entity_id: 'e00002', region_path: '/b/', username: 'tester', ip: '127.0.0.1' },
      { entity_id: 'e00003', region_path: null, username: 'tester', ip: '127.0.0.1' },
    ]);
  });

  it('stops at a chunk the database refuses, with its error, and keeps no row of the chunks before', async () => {
    app = await buildTestApp();
    const { db, sqlite } = app.ctx;
    // Three PostgreSQL chunks; the second repeats an id of the first (the third is being prepared when it fails).
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i));
    (rows[3_000] as { id: string }).id = (rows[10] as { id: string }).id;
    await expect(db.transaction().execute((tx) => insertRows(tx, sqlite, 'audit_log', rows, 100))).rejects.toThrow();
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toEqual([]);
    // The connection is usable afterwards.
    await db.transaction().execute((tx) => insertRows(tx, sqlite, 'audit_log', rows.slice(0, 3), 100));
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toHaveLength(3);
  });

  it('writes nothing when the transaction fails later', async () => {
    app = await buildTestApp();
    const { db, sqlite } = app.ctx;
    await expect(
      db.transaction().execute(async (tx) => {
        await insertRows(tx, sqlite, 'audit_log', [row(1), row(2)], 100);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toEqual([]);
  });
});

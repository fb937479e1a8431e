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
    const { db } = app.ctx;
    const bulk = app.ctx;
    // More rows than one PostgreSQL JSON chunk (2,000), with keys that differ from row to row.
    const rows = Array.from({ length: 2_345 }, (_, i) =>
      row(i, i % 3 === 0 ? { school_id: null, summary: JSON.stringify({ n: i, text: '引号"与\\反斜杠' }) } : { region_path: i % 3 === 1 ? '/r/' : undefined }),
    );
    await db.transaction().execute((tx) => insertRows(tx, bulk, 'audit_log', rows.slice(0, 2_300), 100));
    await insertRows(db, bulk, 'audit_log', rows.slice(2_300, 2_320), 100);
    // Callers without the raw handles (a single audit row) on either database.
    await insertRows(db, undefined, 'audit_log', rows.slice(2_320), 100);
    const back = await db.selectFrom('audit_log').selectAll().where('action', '=', 'test.insert').orderBy('entity_id').execute();
    expect(back).toHaveLength(rows.length);
    expect(back.map((r) => r.entity_id)).toEqual(rows.map((r) => r.entity_id));
    expect(JSON.parse(back[3]?.summary as string)).toEqual({ n: 3, text: '引号"与\\反斜杠' });
    expect([back[1]?.summary, back[1]?.region_path, back[2]?.region_path, back[4]?.school_id]).toEqual([null, '/r/', null, null]);
  });

  it("puts each value in its column whatever the order of a row's keys", async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    const bulk = app.ctx;
    // Same keys, the second row's reversed; an undefined value in the third: read by name, NULL.
    const a = row(1, { region_path: '/a/' });
    const b = Object.fromEntries(Object.entries(row(2, { region_path: '/b/' })).reverse());
    const c = row(3, { region_path: undefined });
    await db.transaction().execute((tx) => insertRows(tx, bulk, 'audit_log', [a, b, c], 100));
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

  it('stops at a row the database refuses, with its error, and keeps no row before it', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    const bulk = app.ctx;
    // A later row repeats an id of an earlier one: the database refuses the insert (PostgreSQL's COPY as a whole).
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i));
    (rows[3_000] as { id: string }).id = (rows[10] as { id: string }).id;
    await expect(db.transaction().execute((tx) => insertRows(tx, bulk, 'audit_log', rows, 100))).rejects.toThrow();
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toEqual([]);
    // The connection is usable afterwards.
    await db.transaction().execute((tx) => insertRows(tx, bulk, 'audit_log', rows.slice(0, 3), 100));
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toHaveLength(3);
  });

  it('keeps every character of a value: tabs, line breaks, backslashes, a literal \\N, empty text, CJK and emoji', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    // On PostgreSQL these rows go by COPY in its text format.
    expect(app.ctx.copy !== undefined).toBe(app.ctx.dialect === 'postgres');
    const texts = ['a\tb', 'line1\nline2\r\nline3', 'C:\\dir\\file', '\\N', '', '张三\t李四', '留守儿童 👧🏻', '\\\t\\n', 'end\\'];
    const rows = texts.map((t, i) => row(i, { summary: t, region_path: i % 2 ? null : `/${t}/` }));
    await db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', rows, 100));
    const back = await db.selectFrom('audit_log').select(['summary', 'region_path']).where('action', '=', 'test.insert').orderBy('entity_id').execute();
    expect(back.map((r) => r.summary)).toEqual(texts);
    expect(back.map((r) => r.region_path)).toEqual(texts.map((t, i) => (i % 2 ? null : `/${t}/`)));
  });

  it('keeps every value across pieces of COPY text and values far longer than a piece: ASCII, escapes, Chinese and emoji at every length', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    // Values of each length from 0 to 40 (around the length where the writer changes ways), mixed
    // characters at each position, over more rows than one piece (500); and a value of about 130,000
    // characters, far more than a piece's first buffer, between two rows of the middle piece.
    const alphabet = ['a', '\\', '\t', '\n', '\r', '留', '👧🏻', 'N', ' '];
    const text = (i: number, len: number) => Array.from({ length: len }, (_, k) => alphabet[(i + k * 7) % alphabet.length]).join('');
    const texts = Array.from({ length: 1_234 }, (_, i) => (i === 617 ? text(i, 100_000) : text(i, i % 41)));
    const rows = texts.map((t, i) => row(i, { summary: t, region_path: i % 5 === 0 ? null : `/${i}/` }));
    await db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', rows, 100));
    const back = await db.selectFrom('audit_log').select(['summary', 'region_path']).where('action', '=', 'test.insert').orderBy('entity_id').execute();
    expect(back).toHaveLength(texts.length);
    back.forEach((r, i) => {
      expect(r.summary, `row ${i}`).toBe(texts[i]);
      expect(r.region_path, `row ${i}`).toBe(i % 5 === 0 ? null : `/${i}/`);
    });
  });

  it('fails on a value it cannot write, keeps no row, and the connection works afterwards', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    // Row 1,500 of 2,000 carries a value neither database driver can take (its JSON throws).
    const rows = Array.from({ length: 2_000 }, (_, i) => row(i));
    (rows[1_500] as Record<string, unknown>).summary = {
      toJSON() {
        throw new Error('cannot serialise');
      },
    };
    await expect(db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', rows, 100))).rejects.toThrow();
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toEqual([]);
    await db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', rows.slice(0, 3), 100));
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toHaveLength(3);
  });

  it('writes rows made as they are written, each made once, a missing or undefined value as NULL', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    const source = Array.from({ length: 1_234 }, (_, i) => row(i, i % 2 ? { region_path: `/r${i}/` } : { summary: undefined }));
    const made: number[] = [];
    const columns = ['id', 'at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'ip', 'region_path', 'summary'];
    const asBuilt = (from: number, to: number) => ({
      length: to - from,
      columns,
      at: (i: number) => {
        made.push(from + i);
        return source[from + i] as Record<string, unknown>;
      },
    });
    await db.transaction().execute(async (tx) => {
      await app.ctx.copy?.ready(tx);
      await insertRows(tx, app.ctx, 'audit_log', asBuilt(0, 1_200), 100);
    });
    await insertRows(db, app.ctx, 'audit_log', asBuilt(1_200, 1_234), 100);
    expect(made).toEqual(source.map((_, i) => i));
    const back = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'region_path', 'summary'])
      .where('action', '=', 'test.insert')
      .orderBy('entity_id')
      .execute();
    expect(back).toHaveLength(1_234);
    expect(back.slice(0, 3)).toEqual([
      { entity_id: 'e00000', region_path: null, summary: null },
      { entity_id: 'e00001', region_path: '/r1/', summary: null },
      { entity_id: 'e00002', region_path: null, summary: null },
    ]);
    // A row that cannot be made fails the insert and keeps nothing of it.
    const failing = { length: 600, columns, at: (i: number) => (i === 550 ? (null as never) : row(2_000 + i)) };
    await expect(db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', failing, 100))).rejects.toThrow();
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toHaveLength(1_234);
    // So does a row with a key outside the columns given (its value would otherwise be lost).
    const extra = { length: 600, columns, at: (i: number) => row(3_000 + i, i === 590 ? { school_id: 's1' } : {}) };
    await expect(db.transaction().execute((tx) => insertRows(tx, app.ctx, 'audit_log', extra, 100))).rejects.toThrow(
      'audit_log.school_id is not among the columns given',
    );
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toHaveLength(1_234);
  });

  it('writes nothing when the transaction fails later', async () => {
    app = await buildTestApp();
    const { db } = app.ctx;
    const bulk = app.ctx;
    await expect(
      db.transaction().execute(async (tx) => {
        await insertRows(tx, bulk, 'audit_log', [row(1), row(2)], 100);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'test.insert').execute()).toEqual([]);
  });
});

import { newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRegion, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

// Two 广元市 under 四川省 split a city's schools and officers between two entries of the tree.

let app: TestApp;
afterEach(async () => app?.close());

async function setUp() {
  app = await buildTestApp();
  const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
  const province = (await admin.post('/api/regions', { level: 'province', name: '四川省' })).json();
  const city = (await admin.post('/api/regions', { parentId: province.id, level: 'city', name: '广元市', code: '510800' })).json();
  const county = (await admin.post('/api/regions', { parentId: city.id, level: 'county', name: '旺苍县' })).json();
  const officer = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
  return { admin, officer, province, city, county };
}

const namesUnder = async (parentId: string) =>
  (await app.ctx.db.selectFrom('regions').select('name').where('parent_id', '=', parentId).orderBy('name').execute()).map((r) => r.name);

describe('region names', () => {
  it('refuses a second region of the same name under one parent, by the administrator', async () => {
    const s = await setUp();
    for (const name of ['广元市', ' 广元市 ']) {
      const res = await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ error: 'region_name_taken', message: '四川省下已有名为“广元市”的区域' });
      expect(res.json().fields).toEqual([{ path: 'name', message: '四川省下已有名为“广元市”的区域' }]);
    }
    const en = await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name: '广元市' }, { 'accept-language': 'en-US' });
    expect(en.json().fields).toEqual([{ path: 'name', message: '四川省 already has a region named “广元市”' }]);
    // A top-level region too.
    const root = await s.admin.post('/api/regions', { level: 'province', name: '四川省' });
    expect(root.statusCode).toBe(422);
    expect(root.json().fields).toEqual([{ path: 'name', message: '已有名为“四川省”的最上级区域' }]);
    expect(await namesUnder(s.province.id)).toEqual(['广元市']);
    // The same name under another parent is another place.
    const other = (await s.admin.post('/api/regions', { level: 'province', name: '陕西省' })).json();
    expect((await s.admin.post('/api/regions', { parentId: other.id, level: 'city', name: '广元市' })).statusCode).toBe(201);
  });

  it('refuses a duplicate township by a bureau officer, and a rename onto a sibling', async () => {
    const s = await setUp();
    const town = await s.officer.post('/api/regions', { parentId: s.county.id, level: 'township', name: '东河镇' });
    expect(town.statusCode).toBe(201);
    const twice = await s.officer.post('/api/regions', { parentId: s.county.id, level: 'township', name: '东河镇' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().fields).toEqual([{ path: 'name', message: '旺苍县下已有名为“东河镇”的区域' }]);
    const other = (await s.officer.post('/api/regions', { parentId: s.county.id, level: 'township', name: '嘉川镇' })).json();
    const rename = await s.officer.patch(`/api/regions/${other.id}`, { name: '东河镇 ', version: other.version });
    expect(rename.statusCode).toBe(422);
    expect(rename.json().fields).toEqual([{ path: 'name', message: '旺苍县下已有名为“东河镇”的区域' }]);
    expect(await namesUnder(s.county.id)).toEqual(['东河镇', '嘉川镇']);
    // Keeping its own name (a change of code only) is no duplicate.
    expect((await s.officer.patch(`/api/regions/${other.id}`, { name: '嘉川镇', code: '510821101', version: other.version })).statusCode).toBe(200);
  });

  it('refuses the same 行政区划代码 twice under one parent', async () => {
    const s = await setUp();
    const res = await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name: '巴中市', code: '510800' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'region_code_taken' });
    expect(res.json().fields).toEqual([{ path: 'code', message: '四川省下已有行政区划代码为“510800”的区域（广元市）' }]);
    const bazhong = (await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name: '巴中市', code: '511900' })).json();
    const recode = await s.admin.patch(`/api/regions/${bazhong.id}`, { code: '510800', version: bazhong.version });
    expect(recode.json().fields).toEqual([{ path: 'code', message: '四川省下已有行政区划代码为“510800”的区域（广元市）' }]);
    // No code is no duplicate.
    expect((await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name: '绵阳市' })).statusCode).toBe(201);
    expect((await s.admin.post('/api/regions', { parentId: s.province.id, level: 'city', name: '南充市', code: '' })).statusCode).toBe(201);
  });

  it('still edits one of two duplicates saved before the rule', async () => {
    const s = await setUp();
    const now = new Date().toISOString();
    const id = newId();
    await app.ctx.db
      .insertInto('regions')
      .values({
        id,
        parent_id: s.province.id,
        level: 'city',
        name: '广元市',
        code: null,
        path: `${s.province.path}${id}/`,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await s.admin.patch(`/api/regions/${id}`, { code: '510899', version: 1 })).statusCode).toBe(200);
    // Renaming it away from the duplicate is how it is put right.
    expect((await s.admin.patch(`/api/regions/${id}`, { name: '广元市（重复）', version: 2 })).statusCode).toBe(200);
  });

  it('lets only one of two regions of one name created at the same time in', async () => {
    const s = await setUp();
    const add = (c: Client) => () => c.post('/api/regions', { parentId: s.county.id, level: 'township', name: '东河镇' });
    const other = duringNextTransaction(app, add(s.admin));
    expect((await add(s.officer)()).statusCode).toBe(201);
    expect((await other()).statusCode).toBe(422);
    expect(await namesUnder(s.county.id)).toEqual(['东河镇']);
  });

  it('lets only one of two top-level regions of one name created at the same time in', async () => {
    app = await buildTestApp();
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const add = () => admin.post('/api/regions', { level: 'province', name: '四川省' });
    const other = duringNextTransaction(app, add);
    expect((await add()).statusCode).toBe(201);
    expect((await other()).statusCode).toBe(422);
    expect(await buildRegion(app, { level: 'province' })).toBeTruthy();
  });
});

import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { readXlsx } from './roster.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** The cells of the data rows (under the title, the note and the header), from column A. */
const body = (ws: ExcelJS.Worksheet | undefined) => ((ws?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).slice(3).map((r) => r.slice(1));

describe("a region's roster export", () => {
  it('lists each school together (Chinese order), then its classes as the school lists them, then the children by name', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    // 石桥 first, so that its classes and children have the lower ids.
    const shiqiao = await buildSchool(app, { regionId: county.id, name: '石桥镇石桥村小学' });
    const chengguan = await buildSchool(app, { regionId: county.id, name: '城关镇中心小学' });
    const klass = async (schoolId: string, name: string, grade: number) => (await buildClass(app, { schoolId, name, grade })).id;
    const sq1 = await klass(shiqiao.id, '一年级1班', 1);
    const sq2 = await klass(shiqiao.id, '二年级1班', 2);
    const cg1 = await klass(chengguan.id, '一年级1班', 1);
    const cg10 = await klass(chengguan.id, '一年级10班', 1);
    const cg2 = await klass(chengguan.id, '一年级2班', 1);
    // By class and name alone, the two 一年级1班 would interleave: 陈 (石桥), 邓 (城关), 冯 (石桥).
    for (const [schoolId, classId, name] of [
      [shiqiao.id, sq1, '陈建峰'],
      [chengguan.id, cg1, '邓春燕'],
      [shiqiao.id, sq1, '冯小虎'],
      [shiqiao.id, sq2, '高春燕'],
      [chengguan.id, cg10, '何梓豪'],
      [chengguan.id, cg2, '胡嘉乐'],
      [chengguan.id, null, '蒋小雨'],
    ] as const)
      await buildChild(app, { schoolId, classId, name });
    const bureau = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
    const expected = [
      ['城关镇中心小学', '一年级1班', '邓春燕'],
      ['城关镇中心小学', '一年级2班', '胡嘉乐'],
      ['城关镇中心小学', '一年级10班', '何梓豪'],
      // A child without a class comes after the school's classes.
      ['城关镇中心小学', null, '蒋小雨'],
      ['石桥镇石桥村小学', '一年级1班', '陈建峰'],
      ['石桥镇石桥村小学', '一年级1班', '冯小虎'],
      ['石桥镇石桥村小学', '二年级1班', '高春燕'],
    ];

    const res = await bureau.get(`/api/rosters/export.xlsx?regionId=${county.id}&layout=school`);
    expect(res.statusCode).toBe(200);
    const roster = (await readXlsx(res.rawPayload)).getWorksheet('花名册');
    // Columns: No., school, class, name …
    expect(body(roster).map((r) => [r[1], r[2] ?? null, r[3]])).toEqual(expected);
    expect(body(roster).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const official = await bureau.get(`/api/rosters/export.xlsx?regionId=${county.id}&layout=official`);
    expect(official.statusCode).toBe(200);
    const wb = await readXlsx(official.rawPayload);
    // Columns: No., school, name …; every child here is of the narrow definition (both parents away, under 16).
    expect(body(wb.getWorksheet('花名册')).map((r) => [r[1], r[2]])).toEqual(expected.map(([school, , name]) => [school, name]));
    // One form per child, numbered in the same order.
    expect(wb.worksheets.slice(2).map((w) => w.name)).toEqual(expected.map(([, , name], i) => `${String(i + 1).padStart(3, '0')} ${name}`));
  });
});

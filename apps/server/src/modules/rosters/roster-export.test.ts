import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { fieldOfHeader } from './roster.columns.ts';
import { readXlsx } from './roster.test-helpers.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** The cells of the data rows (under the title, the note and the header), from column A. */
const body = (ws: ExcelJS.Worksheet | undefined) => ((ws?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).slice(3).map((r) => r.slice(1));

describe('a roster export read back', () => {
  it('has every column recognised by the import, in English as in Chinese (its own and derived columns ignored, not unknown)', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    await buildChild(app, { schoolId: school.id, classId: klass.id, name: '孙小禾' });
    const l = await app.as(leader.username);
    for (const lang of ['zh-CN', 'en-US']) {
      const wb = await readXlsx((await l.get(`/api/rosters/export.xlsx?schoolId=${school.id}&layout=school`, { 'accept-language': lang })).rawPayload);
      const headers = ((wb.worksheets[0]?.getRow(3).values ?? []) as unknown[]).slice(1).map(String);
      expect(headers.length, lang).toBeGreaterThan(10);
      expect(
        headers.filter((h) => !fieldOfHeader(h)),
        lang,
      ).toEqual([]);
    }
  });
});

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

describe("the roster export's own texts", () => {
  it('names its sheets, titles and columns in the language of the export, the official form and the template alike', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    await buildChild(app, { schoolId: school.id, classId: klass.id, name: '张小明', birthDate: '2016-03-04', gender: 'male' });
    const l = await app.as(leader.username);
    const name = (await app.ctx.db.selectFrom('users').select('name').where('id', '=', leader.id).executeTakeFirstOrThrow()).name;
    const cases = [
      {
        lang: 'zh-CN',
        school: {
          sheets: ['花名册'],
          title: `${school.name} 留守儿童花名册`,
          note: `共 1 人；年龄按 2026-11-20 计算；导出人：${name}；导出时间：2026-11-20 10:00（北京时间）`,
          head: ['序号', '学校', '班级'],
        },
        official: {
          sheets: ['花名册', '汇总表', '001 张小明'],
          title: `${school.name} 农村留守儿童花名册`,
          note: '统计截止日期：2026-11-20；口径：国发〔2016〕13号（父母双方外出务工或一方外出务工另一方无监护能力、不满十六周岁）',
          head: ['序号', '学校', '姓名'],
          summaryTitle: `${school.name} 农村留守儿童情况汇总表`,
          summaryNote: '年龄按 2026-11-20 计算；合计 = 各年龄段之和 = 男 + 女 = 各监护类型之和（已校验）',
          summaryHead: ['单位', '合计', '男', '女', '父母双方外出务工', '一方外出另一方无监护能力', '已委托监护', '未委托监护'],
          total: '合计',
          form: ['农村留守儿童信息登记表', `${school.name} ${klass.name}    统计截止日期：2026-11-20`],
          signatures: ['填表人：', '复核人：', '单位负责人：', '父母或受委托监护人确认（签字）：'],
        },
        template: { sheets: ['花名册', '代码表', '填写说明'], help: ['列名', '是否必填', '填写要求'], required: '必填' },
      },
      {
        lang: 'en-US',
        school: {
          sheets: ['Roster'],
          title: `${school.name} left-behind children roster`,
          note: `1 child; ages on 2026-11-20; exported by ${name} at 2026-11-20 10:00 (Beijing time)`,
          head: ['No.', 'School', 'Class'],
        },
        official: {
          sheets: ['Roster', 'Summary', '001 张小明'],
          title: `${school.name} roster of rural left-behind children`,
          note: 'Cut-off 2026-11-20; civil-affairs definition of 国发〔2016〕13号',
          head: ['No.', 'School', 'Name'],
          summaryTitle: `${school.name} summary of rural left-behind children`,
          summaryNote: 'Ages on 2026-11-20; totals equal the sums of their breakdowns (checked)',
          summaryHead: ['Unit', 'Total', 'Male', 'Female', 'Both parents away', 'One away, other unable to care', 'Entrusted', 'Not entrusted'],
          total: 'Total',
          form: ['Registration form of a rural left-behind child', `${school.name} ${klass.name}    Cut-off: 2026-11-20`],
          signatures: ['Filled in by:', 'Checked by:', 'Head of unit:', 'Confirmed by parent or entrusted guardian (signature):'],
        },
        template: { sheets: ['Roster', 'Codes', 'How to fill in'], help: ['Column', 'Required', 'How to fill in'], required: 'Required' },
      },
    ] as const;
    const cells = (ws: ExcelJS.Worksheet | undefined, row: number) => ((ws?.getRow(row).values ?? []) as unknown[]).slice(1);
    for (const c of cases) {
      const headers = { 'accept-language': c.lang };
      const own = await readXlsx((await l.get(`/api/rosters/export.xlsx?schoolId=${school.id}&layout=school`, headers)).rawPayload);
      expect(
        own.worksheets.map((w) => w.name),
        c.lang,
      ).toEqual(c.school.sheets);
      const ws = own.worksheets[0];
      expect([ws?.getCell(1, 1).value, ws?.getCell(2, 1).value], c.lang).toEqual([c.school.title, c.school.note]);
      expect(cells(ws, 3).slice(0, 3), c.lang).toEqual(c.school.head);

      const official = await readXlsx((await l.get(`/api/rosters/export.xlsx?schoolId=${school.id}&layout=official`, headers)).rawPayload);
      expect(
        official.worksheets.map((w) => w.name),
        c.lang,
      ).toEqual(c.official.sheets);
      const [roster, summary, form] = official.worksheets;
      expect([roster?.getCell(1, 1).value, roster?.getCell(2, 1).value], c.lang).toEqual([c.official.title, c.official.note]);
      expect(cells(roster, 3).slice(0, 3), c.lang).toEqual(c.official.head);
      expect([summary?.getCell(1, 1).value, summary?.getCell(2, 1).value], c.lang).toEqual([c.official.summaryTitle, c.official.summaryNote]);
      const head = cells(summary, 3);
      expect([...head.slice(0, 2), ...head.slice(-6)], c.lang).toEqual(c.official.summaryHead);
      expect(summary?.getCell(4, 1).value, c.lang).toBe(c.official.total);
      expect([form?.getCell('A1').value, form?.getCell('A2').value], c.lang).toEqual(c.official.form);
      const signed: unknown[] = [];
      form?.eachRow((row) => row.eachCell((cell) => void (c.official.signatures.includes(cell.value as never) && signed.push(cell.value))));
      expect(signed, c.lang).toEqual(c.official.signatures);

      const template = await readXlsx((await l.get('/api/rosters/template.xlsx', headers)).rawPayload);
      expect(
        template.worksheets.map((w) => w.name),
        c.lang,
      ).toEqual(c.template.sheets);
      const help = template.getWorksheet(c.template.sheets[2]);
      expect(cells(help, 1), c.lang).toEqual(c.template.help);
      // 姓名, 性别 and 出生日期 are required.
      expect(cells(help, 2)[1], c.lang).toBe(c.template.required);
    }
  });
});

import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchool, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');
/** Rows above each sheet's table: what it is, whose, which period, when exported. */
const HEAD_ROWS = 4;

/** A workbook as ExcelJS reads it back. */
async function workbook(payload: unknown) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as ArrayBuffer);
  return wb;
}

/** The first column of each row above a sheet's table. */
const headOf = (ws: ExcelJS.Worksheet | undefined) => [1, 2, 3, 4].map((r) => String(ws?.getRow(r).getCell(1).value ?? ''));

describe('the compliance export', () => {
  it('lists the classes as a school does (一年级2班, 一年级10班, 二年级1班), not in pinyin order, with 合计 last', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    const school = await buildSchool(app, { regionId: county.id });
    const leader = await buildUser(app, 'school_leader', school.id);
    const c = await app.as(leader.username);
    await c.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
    for (const [name, grade] of [
      ['一年级10班', 1],
      ['二年级1班', 2],
      ['一年级2班', 1],
    ] as const) {
      const klass = await buildClass(app, { schoolId: school.id, name, grade });
      // One child each, in the archive since the start of term and without a mentor: every class overdue alike.
      const child = await buildChild(app, { schoolId: school.id, classId: klass.id });
      await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
    }
    const report = (await c.get(`/api/compliance?schoolId=${school.id}&period=2026-10`)).json();
    expect(new Set(report.byClass.map((r: { rate: number | null }) => r.rate)).size).toBe(1);
    const res = await c.get(`/api/compliance/export.xlsx?schoolId=${school.id}&period=2026-10`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('按班级');
    if (!ws) throw new Error('no 按班级 sheet');
    const names = (ws.getSheetValues().filter(Boolean) as unknown[][]).slice(HEAD_ROWS + 1).map((r) => r[1]);
    expect(names).toEqual(['一年级2班', '一年级10班', '二年级1班', '合计']);
    // Every row adds up to its 应完成: 已完成 + 逾期 + 待完成 + 未开始 + 免除.
    expect((ws.getSheetValues()[HEAD_ROWS + 1] as unknown[]).slice(1, 9)).toEqual(['名称', '应完成', '已完成', '逾期', '待完成', '未开始', '免除', '完成率']);
    for (const r of (ws.getSheetValues().filter(Boolean) as number[][]).slice(HEAD_ROWS + 1))
      expect((r[3] as number) + (r[4] as number) + (r[5] as number) + (r[6] as number) + (r[7] as number)).toBe(r[2]);
    // Each sheet's period line gives the dates after the period's name (a term's name ends in a bracket of its own).
    expect(String(ws.getCell('A3').value)).toBe('统计期间：2026年10月，2026-10-01 — 2026-10-31');
    const en = await c.get(`/api/compliance/export.xlsx?schoolId=${school.id}&period=2026-10`, { 'accept-language': 'en-US' });
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(String(enBook.getWorksheet('By class')?.getCell('A3').value)).toMatch(/^Period: [^()]+, 2026-10-01 — 2026-10-31$/);
  });

  it("orders a region's classes and teachers by school (Chinese order), then class or name, each row naming its school, each school's 未分班 and 没有帮扶教师 its own; rates are per-cent cells", async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    // 石桥 is set up first (its class ids are the lower): Chinese order puts 城关 (chéng) before 石桥 (shí) all the same.
    const shiqiao = await buildSchool(app, { regionId: county.id, name: '石桥镇石桥村小学' });
    const chengguan = await buildSchool(app, { regionId: county.id, name: '城关镇中心小学' });
    const bureau = await buildUser(app, 'bureau_officer', county.id);
    const c = await app.as(bureau.username);
    const leaders = new Map<string, Client>();
    for (const school of [shiqiao, chengguan]) {
      const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
      await leader.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
      leaders.set(school.id, leader);
    }
    for (const [school, name, grade, mentor] of [
      [shiqiao, '一年级1班', 1, '王老师'],
      [shiqiao, '二年级1班', 2, '李老师'],
      [chengguan, '一年级1班', 1, '张老师'],
    ] as const) {
      const klass = await buildClass(app, { schoolId: school.id, name, grade });
      // One child each, in the archive since the summer, paired with a mentor of its school since term began.
      const child = await buildChild(app, { schoolId: school.id, classId: klass.id });
      await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
      const mentorId = (await buildUser(app, 'mentor', school.id, { name: mentor })).id;
      expect((await leaders.get(school.id)?.post('/api/pairings', { mentorId, childIds: [child.id], startDate: '2026-09-01' }))?.statusCode).toBe(201);
    }
    // A child without a class and without a mentor in each school: each school's own rows.
    for (const school of [shiqiao, chengguan]) {
      const alone = await buildChild(app, { schoolId: school.id, classId: null });
      await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', alone.id).execute();
    }
    const res = await c.get(`/api/compliance/export.xlsx?regionId=${county.id}&period=2026-10`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(`no ${name} sheet`);
      return (ws.getSheetValues().filter(Boolean) as unknown[][]).slice(HEAD_ROWS + 1).map((r) => r.slice(1));
    };
    expect(rows('按班级').map((r) => [r[0] ?? '', r[1]])).toEqual([
      ['城关镇中心小学', '一年级1班'],
      ['城关镇中心小学', '未分班'],
      ['石桥镇石桥村小学', '一年级1班'],
      ['石桥镇石桥村小学', '二年级1班'],
      ['石桥镇石桥村小学', '未分班'],
      ['', '合计'],
    ]);
    expect(rows('按帮扶教师').map((r) => [r[0] ?? '', r[1]])).toEqual([
      ['城关镇中心小学', '张老师'],
      ['城关镇中心小学', '没有帮扶教师'],
      ['石桥镇石桥村小学', '李老师'],
      ['石桥镇石桥村小学', '王老师'],
      ['石桥镇石桥村小学', '没有帮扶教师'],
      ['', '合计'],
    ]);
    // The API says whose they are.
    const report = (await c.get(`/api/compliance?regionId=${county.id}&period=2026-10`)).json();
    expect(
      report.byClass
        .filter((r: { id: string | null }) => r.id === null)
        .map((r: { schoolId: string }) => r.schoolId)
        .sort(),
    ).toEqual([shiqiao.id, chengguan.id].sort());
    // The rate is a number shown as per cent with one decimal, not a text ("0%" beside "27.6%").
    const ws = wb.getWorksheet('按班级');
    const rate = ws?.getRow(HEAD_ROWS + 2).getCell(9);
    expect(typeof rate?.value).toBe('number');
    expect(rate?.numFmt).toBe('0.0%');
    const schools = wb.getWorksheet('按学校');
    expect(schools?.getRow(HEAD_ROWS + 2).getCell(8).numFmt).toBe('0.0%');
  });

  it('names above every sheet whose figures they are (the school or the region), the period with its name, and when it was exported, in both languages', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county', name: '青山县' });
    const school = await buildSchool(app, { regionId: county.id, name: '城关镇中心小学' });
    const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
    const bureau = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
    const term = (
      await leader.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' })
    ).json() as { id: string };
    const klass = await buildClass(app, { schoolId: school.id, name: '一年级1班', grade: 1 });
    const child = await buildChild(app, { schoolId: school.id, classId: klass.id });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
    const get = async (c: Client, query: string, lang: 'zh-CN' | 'en-US') => {
      const res = await c.get(`/api/compliance/export.xlsx?${query}`, { 'accept-language': lang });
      expect(res.statusCode, query).toBe(200);
      return workbook(res.rawPayload);
    };
    // 20 November, 10:00 in Beijing.
    const zh = await get(leader, `schoolId=${school.id}&period=2026-10`, 'zh-CN');
    expect(zh.worksheets.map((w) => w.name)).toEqual(['按制度', '按班级', '按帮扶教师', '逾期清单']);
    for (const ws of zh.worksheets)
      expect(headOf(ws), ws.name).toEqual([
        `关爱工作完成情况：${ws.name}`,
        '学校：城关镇中心小学',
        '统计期间：2026年10月，2026-10-01 — 2026-10-31',
        '导出时间：2026-11-20 10:00（北京时间）',
      ]);
    // The table below as it was: its header row, then the rows.
    expect(
      [1, 2].map(
        (c) =>
          zh
            .getWorksheet('按制度')
            ?.getRow(HEAD_ROWS + 1)
            .getCell(c).value,
      ),
    ).toEqual(['名称', '应完成']);
    expect(
      String(
        zh
          .getWorksheet('逾期清单')
          ?.getRow(HEAD_ROWS + 1)
          .getCell(1).value,
      ),
    ).toBe('儿童');
    expect(zh.getWorksheet('按制度')?.getRow(1).font?.bold).toBe(true);
    const en = await get(leader, `schoolId=${school.id}&period=term:${term.id}`, 'en-US');
    expect(headOf(en.getWorksheet('By rule'))).toEqual([
      'Care compliance: By rule',
      'School: 城关镇中心小学',
      'Period: 2026-2027 First semester (autumn), 2026-09-01 — 2027-01-22',
      'Exported: 2026-11-20 10:00 (Beijing time)',
    ]);
    // A region's, by the calendar's term and by any range.
    const region = await get(bureau, `regionId=${county.id}&period=2026-09-01..2027-01-31&view=schools`, 'zh-CN');
    expect(headOf(region.getWorksheet('按学校')).slice(1, 3)).toEqual(['地区：青山县', '统计期间：2026-2027 第一学期（秋季），2026-09-01 — 2027-01-31']);
    const range = await get(bureau, `regionId=${county.id}&period=2026-10-08..2026-11-15`, 'en-US');
    expect(headOf(range.getWorksheet('By school')).slice(1, 3)).toEqual(['Region: 青山县', 'Period: Custom range, 2026-10-08 — 2026-11-15']);
  });

  it('names its sheets, columns, total and file in the language of the export', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    const school = await buildSchool(app, { regionId: county.id });
    const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
    const bureau = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
    await leader.post('/api/terms', { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
    const child = await buildChild(app, { schoolId: school.id, classId: (await buildClass(app, { schoolId: school.id })).id });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
    const cases = [
      {
        lang: 'zh-CN',
        school: ['按制度', '按班级', '按帮扶教师', '逾期清单'],
        region: ['按制度', '按班级', '按帮扶教师', '按学校'],
        head: ['名称', '应完成', '已完成', '逾期', '待完成', '未开始', '免除', '完成率', '其中提前完成'],
        schoolColumn: '学校',
        total: '合计',
        overdue: ['儿童', '班级', '要求', '时段', '负责人', '已有/应有'],
        file: '关爱工作完成情况-2026-10-01-2026-10-31.xlsx',
      },
      {
        lang: 'en-US',
        school: ['By rule', 'By class', 'By mentor', 'Overdue'],
        region: ['By rule', 'By class', 'By mentor', 'By school'],
        head: ['Name', 'Items', 'Done', 'Overdue', 'To do', 'Not started', 'Excused', 'Rate', 'Of which done early'],
        schoolColumn: 'School',
        total: 'Total',
        overdue: ['Child', 'Class', 'Rule', 'Window', 'Responsible', 'Have/need'],
        file: 'compliance-2026-10-01-2026-10-31.xlsx',
      },
    ] as const;
    const row = (ws: ExcelJS.Worksheet | undefined, n: number) => ((ws?.getRow(n).values ?? []) as unknown[]).slice(1);
    for (const c of cases) {
      const headers = { 'accept-language': c.lang };
      const res = await leader.get(`/api/compliance/export.xlsx?schoolId=${school.id}&period=2026-10`, headers);
      expect(decodeURIComponent(String(res.headers['content-disposition'])), c.lang).toContain(c.file);
      const own = await workbook(res.rawPayload);
      expect(
        own.worksheets.map((w) => w.name),
        c.lang,
      ).toEqual(c.school);
      expect(row(own.worksheets[0], HEAD_ROWS + 1), c.lang).toEqual(c.head);
      expect(row(own.worksheets[0], own.worksheets[0]?.rowCount ?? 0)[0], c.lang).toBe(c.total);
      expect(row(own.worksheets[3], HEAD_ROWS + 1), c.lang).toEqual(c.overdue);
      const region = await workbook((await bureau.get(`/api/compliance/export.xlsx?regionId=${county.id}&period=2026-10`, headers)).rawPayload);
      expect(
        region.worksheets.map((w) => w.name),
        c.lang,
      ).toEqual(c.region);
      expect(row(region.worksheets[1], HEAD_ROWS + 1), c.lang).toEqual([c.schoolColumn, ...c.head]);
    }
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { MAX_ROWS } from './roster.parse.ts';
import { readXlsx, upload } from './roster.test-helpers.ts';
import { listError } from './roster-template.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The drop-down checks of the template's first sheet as Excel reads them: range, title and error text. */
function dropDowns(data: Buffer) {
  const sheet = strFromU8(unzipSync(data)['xl/worksheets/sheet1.xml'] as Uint8Array);
  const attr = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
  return [...sheet.matchAll(/<dataValidation\b([^>]*)>/g)].map((m) => ({
    sqref: attr(m[1] as string, 'sqref'),
    title: attr(m[1] as string, 'errorTitle'),
    error: attr(m[1] as string, 'error'),
  }));
}

describe('roster template', () => {
  it('names the choices in the error of every drop-down, and checks as many rows as an import reads', async () => {
    app = await buildTestApp();
    const { teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const cases = [
      {
        lang: 'zh-CN',
        gender: { title: '性别', error: '应为以下之一：男、女' },
        prefix: '应为以下之一：',
        file: encodeURIComponent('留守儿童花名册模板.xlsx'),
        help: ['出生日期', '日期，如 2015-03-04'],
        note: '上传后会先显示预览',
      },
      {
        lang: 'en-US',
        gender: { title: 'Gender', error: 'Must be one of: Male, Female' },
        prefix: 'Must be one of: ',
        file: 'roster-template.xlsx',
        help: ['Birth date', 'A date such as 2015-03-04'],
        note: 'An upload first shows a preview',
      },
    ] as const;
    for (const c of cases) {
      const res = await t.get('/api/rosters/template.xlsx', { 'accept-language': c.lang });
      expect(res.statusCode, c.lang).toBe(200);
      expect(String(res.headers['content-disposition']), c.lang).toContain(c.file);
      // The help sheet: each column's rule, then the notes, in the reader's language.
      const help = (await readXlsx(res.rawPayload)).worksheets[2];
      const rows = ((help?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).map((r) => r.slice(1).map(String));
      expect(rows.find((r) => r[0]?.startsWith(c.help[0]))?.[2], c.lang).toContain(c.help[1]);
      expect(rows.at(-1)?.[0], c.lang).toContain(c.note);
      const checks = dropDowns(res.rawPayload);
      expect(checks.length, c.lang).toBeGreaterThan(10);
      expect(checks.find((v) => v.title === c.gender.title)?.error, c.lang).toBe(c.gender.error);
      for (const v of checks) {
        // Row 1 is the header: the rows below it, as many as an import takes.
        expect(v.sqref, c.lang).toMatch(new RegExp(`^(?<col>[A-Z]+)2:\\k<col>${MAX_ROWS + 1}$`));
        expect(v.error?.startsWith(c.prefix), `${c.lang} ${v.title}`).toBe(true);
        expect(v.error?.length, `${c.lang} ${v.title}`).toBeGreaterThan(c.prefix.length + 1);
        expect(v.error?.length, `${c.lang} ${v.title}`).toBeLessThanOrEqual(255);
      }
    }
  });

  it('asks to choose from the drop-down when the choices do not fit the 255 characters Excel allows an error', () => {
    expect(listError('zh-CN', ['是', '否'])).toBe('应为以下之一：是、否');
    const many = Array.from({ length: 40 }, (_, i) => `第 ${i + 1} 种很长的选项`);
    expect(listError('zh-CN', many)).toBe('请从下拉列表中选择');
    expect(listError('en-US', many)).toBe('Choose a value from the drop-down list');
  });
});

describe('the template filled in and uploaded', () => {
  it('reads its own headers as the fields they name, not as renames, and names a column in an error without its required mark', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const { school, klass, teacher } = await buildSchoolWithStaff(app);
    const t = await app.as(teacher.username);
    const wb = await readXlsx((await t.get('/api/rosters/template.xlsx', { 'accept-language': 'zh-CN' })).rawPayload);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const headers = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const col = (header: string) => {
      const i = headers.indexOf(header);
      if (i < 1) throw new Error(`no column ${header}`);
      return i;
    };
    expect(headers).toContain('生活说明（健康、营养、经济困难）');
    // A school renames one column as its own rosters call it.
    const phone = col('监护人电话');
    ws.getCell(1, phone).value = '家长电话';
    const row = ws.getRow(3);
    row.getCell(col('姓名*')).value = '赵小雨';
    row.getCell(col('性别*')).value = '未知';
    row.getCell(col('出生日期*')).value = '2016-05-06';
    row.getCell(phone).value = '1380013800';
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const res = await upload(t, { schoolId: school.id, classId: klass.id }, file);
    expect(res.statusCode).toBe(200);
    const preview = res.json() as { columns: { header: string; field: string | null; renamed?: boolean }[]; rows: { errors: unknown[] }[] };
    const column = (field: string) => preview.columns.find((c) => c.field === field);
    // The required mark and full-/half-width brackets are the template's way of writing the field's own name.
    expect(column('name')).toMatchObject({ header: '姓名*', renamed: false });
    expect(column('gender')).toMatchObject({ header: '性别*', renamed: false });
    expect(column('lifeNote')).toMatchObject({ header: '生活说明(健康、营养、经济困难)', renamed: false });
    expect(preview.columns.filter((c) => c.field && c.renamed).map((c) => [c.header, c.field])).toEqual([['家长电话', 'guardianPhone']]);
    // Errors name a column as the reader knows it: the field without its mark, a renamed column by the file's header.
    expect(preview.rows[0]?.errors).toEqual([
      { column: '性别', message: '应为以下之一：男、女' },
      { column: '家长电话', message: expect.any(String) },
    ]);
  });
});

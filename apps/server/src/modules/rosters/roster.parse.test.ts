import { makeIdNumber } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { loadSheets, readRoster } from './roster.parse.ts';
import { upload, xlsx } from './roster.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const clock = () => new Date('2026-11-20T02:00:00Z');

const HEADERS = ['序号', '姓名', '性别', '出生日期', '身份证号', '班级', '监护人姓名', '监护人电话', '父亲状况', '母亲状况', '监护人关系'];

/**
 * A school's own roster as schools keep it: a title merged over the first eight of its eleven columns
 * straight above the header row, one good row, one whose ID number Excel turned into a number and one
 * whose ID number says a girl.
 */
function schoolRoster(title: string) {
  const girl = makeIdNumber('511021', '2017-03-01', 7, 'female');
  // As Excel keeps an ID number typed into a number cell: 15 digits, the rest zeros.
  const lost = Number(makeIdNumber('511021', '2018-08-15', 5, 'male').slice(0, 15)) * 1000;
  return xlsx(
    [
      [title],
      HEADERS,
      [
        1,
        '邓春燕',
        '女',
        '2019-11-19',
        makeIdNumber('511021', '2019-11-19', 3, 'female'),
        '三年级1班',
        '邓秀珍',
        '13106572899',
        '外出务工',
        '外出务工',
        '祖父母',
      ],
      [2, '周小凡', '男', '2018-08-15', lost, '三年级1班', '周奶奶', '13800001111', '外出务工', '外出务工', '祖父母'],
      [3, '吴天', '男', '2017-03-01', girl, '三年级1班', '吴爷爷', '13800002222', '外出务工', '在家', '祖父母'],
    ],
    { merges: ['A1:H1'], textColumns: [5] },
  );
}

describe('the header row under a title', () => {
  it('reads a merged title straight above the header as a title, not as the start of every column name', async () => {
    app = await buildTestApp({ clock });
    const { school, klass, leader } = await buildSchoolWithStaff(app);
    await app.ctx.db.updateTable('classes').set({ name: '三年级1班', grade: 3 }).where('id', '=', klass.id).execute();
    const res = await upload(await app.as(leader.username), { schoolId: school.id }, await schoolRoster('青山县城关镇中心小学2026年秋季留守儿童花名册'));
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.headerRow).toBe(2);
    expect(preview.columns.map((c: { header: string }) => c.header)).toEqual(HEADERS);
    expect(preview.columns.map((c: { field: string | null }) => c.field)).toEqual([
      null,
      'name',
      'gender',
      'birthDate',
      'idNumber',
      'classId',
      'guardianName',
      'guardianPhone',
      'fatherStatus',
      'motherStatus',
      'guardianRelation',
    ]);
    expect(preview.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 });
    // The errors name the column as the file does.
    const columns = preview.rows.flatMap((r: { errors: { column: string }[] }) => r.errors.map((e) => e.column));
    expect(columns.length).toBeGreaterThanOrEqual(2);
    for (const column of columns) expect(HEADERS).toContain(column);
  });

  it('does not take a title that names the guardians for a group over the columns', async () => {
    // Read as a group, 监护人 turned 姓名 into the guardian's name, and the file had no name column.
    const parsed = readRoster(await loadSheets(await schoolRoster('城关镇中心小学留守儿童及其监护人信息登记表')));
    expect(parsed.headerRow).toBe(2);
    expect(parsed.columns.map((c) => [c.header, c.field]).slice(1, 3)).toEqual([
      ['姓名', 'name'],
      ['性别', 'gender'],
    ]);
  });

  it('still reads a lone group over a few columns (监护人 over 姓名 and 电话) as a group', async () => {
    const file = await xlsx(
      [
        [null, null, null, null, '监护人', null],
        ['序号', '姓名', '性别', '出生日期', '姓名', '电话'],
        [1, '张小明', '男', '2016-03-04', '张奶奶', '13800138000'],
      ],
      { merges: ['E1:F1'] },
    );
    const parsed = readRoster(await loadSheets(file));
    expect(parsed.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', '_ignore'],
      ['姓名', 'name'],
      ['性别', 'gender'],
      ['出生日期', 'birthDate'],
      ['监护人姓名', 'guardianName'],
      ['监护人电话', 'guardianPhone'],
    ]);
  });

  it('still reads a title above a two-row header with groups', async () => {
    const file = await xlsx(
      [
        ['青山县城关镇中心小学2026年秋季留守儿童花名册'],
        ['序号', '姓名', '性别', '出生日期', '父亲', null, '母亲', null],
        [null, null, null, null, '姓名', '电话', '姓名', '电话'],
        [1, '张小明', '男', '2016-03-04', '张大山', '13912345678', '李秀英', '13712345678'],
      ],
      { merges: ['A1:H1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:F2', 'G2:H2'] },
    );
    const parsed = readRoster(await loadSheets(file));
    expect(parsed.headerRow).toBe(3);
    expect(parsed.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', '_ignore'],
      ['姓名', 'name'],
      ['性别', 'gender'],
      ['出生日期', 'birthDate'],
      ['父亲姓名', 'fatherName'],
      ['父亲电话', 'fatherPhone'],
      ['母亲姓名', 'motherName'],
      ['母亲电话', 'motherPhone'],
    ]);
  });
});

import { makeIdNumber } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type Auth, systemAuth } from '../../access/auth.ts';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { childRepo } from '../children/child.repository.ts';
import type { CellValue } from './roster.values.ts';
import { type CheckedRow, checkRows, RowChecker, type RowJob } from './roster-rows.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A class teacher's upload of 1,601 rows (four pieces and one): new, forbidden, broken, updating and duplicate rows. */
async function upload(): Promise<{ job: RowJob; rows: { row: number; values: CellValue[] }[] }> {
  app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
  const { school, klass } = await buildSchoolWithStaff(app);
  const other = await buildClass(app, { schoolId: school.id, grade: 4, name: '2班' });
  for (let i = 0; i < 3; i++) await buildChild(app, { schoolId: school.id, classId: klass.id });
  const auth: Auth = {
    userId: 'teacher',
    username: 'teacher',
    name: '班主任',
    roles: [{ id: 'r', role: 'class_teacher', scopeKind: 'class', scopeId: klass.id, schoolId: school.id, regionPath: null }],
    scope: { global: false, regionPaths: [], schoolIds: [], classIds: [klass.id], classSchoolIds: [school.id] },
    ip: null,
    lang: 'zh-CN',
  };
  const read: RowJob['read'] = [
    { field: 'name', header: '姓名' },
    { field: 'gender', header: '性别' },
    { field: 'birthDate', header: '出生日期' },
    { field: 'idNumber', header: '身份证号' },
    { field: 'classId', header: '班级' },
    { field: 'guardianPhone', header: '监护人电话' },
  ];
  const classes = (await app.ctx.db.selectFrom('classes').select(['id', 'name', 'grade', 'active']).where('school_id', '=', school.id).execute()).map((c) => ({
    ...c,
    grade: Number(c.grade),
  }));
  const job: RowJob = {
    lang: 'zh-CN',
    today: '2026-11-20',
    schoolId: school.id,
    classId: null,
    auth,
    columns: read.map((c) => ({ header: c.header, field: c.field })),
    read,
    classes,
    existing: await childRepo.allOfSchool(app.ctx.db, school.id),
  };
  const known = job.existing;
  const rows: { row: number; values: CellValue[] }[] = [{ row: 2, values: ['（示例）张三', '男', '2016-03-04', null, null, null] }];
  for (let i = 0; i < 1600; i++) {
    const birth = `2015-0${(i % 9) + 1}-1${i % 10}`;
    const id = makeIdNumber(String(510100 + (i % 97)), birth, i, i % 2 ? 'male' : 'female');
    const mine = klass.name;
    const values: CellValue[] = [`学生${i}`, i % 2 ? '男' : '女', birth, id, mine, '13800138000'];
    const kind = i % 8;
    if (kind === 1) values[4] = other.name;
    // Read, but refused by the schema (at most 30 characters).
    if (kind === 2) values[0] = `学生${'很'.repeat(30)}${i}`;
    if (kind === 3) {
      const child = known[i % 3] as (typeof known)[number];
      values.splice(0, 4, child.name, child.gender === 'male' ? '男' : '女', child.birth_date, child.id_number);
      values[5] = `1390000${String(i).padStart(4, '0')}`;
    }
    if (kind === 4) values[4] = '九年级9班';
    if (kind === 5) values[3] = rows[rows.length - 5]?.values[3] ?? null;
    // A birth date the ID number contradicts, or a gender that cannot be read.
    if (kind === 6 && i % 16 === 6) values[2] = '2015-12-31';
    else if (kind === 6) values[1] = '未知';
    if (kind === 7) values[2] = new Date(`${birth}T00:00:00Z`);
    rows.push({ row: i + 3, values });
  }
  return { job, rows };
}

/** A job reading just these columns of a new school's sheet, in Chinese. */
const jobReading = (read: RowJob['read']): RowJob => ({
  lang: 'zh-CN',
  today: '2026-11-20',
  schoolId: 'school',
  classId: null,
  auth: systemAuth(),
  columns: read.map((c) => ({ header: c.header, field: c.field })),
  read,
  classes: [],
  existing: [],
});

describe('roster rows', () => {
  it('checks a large upload in file order, a piece at a time, letting other work run between pieces', async () => {
    const { job, rows } = await upload();
    let turns = 0;
    let checking = true;
    const other = () => {
      turns++;
      if (checking) setImmediate(other);
    };
    setImmediate(other);
    const checked = await checkRows(job, rows);
    checking = false;
    // 1,601 rows are four pieces: other work ran between each.
    expect(turns).toBeGreaterThanOrEqual(3);

    expect(checked[0]).toBeNull();
    const outcome = (c: CheckedRow | null) => (c ? (c.outcome?.action ?? 'error') : 'example');
    const count = (k: number, what: string) => checked.filter((c, i) => i > 0 && (i - 1) % 8 === k && outcome(c) === what).length;
    expect(count(0, 'create')).toBe(200);
    expect(count(7, 'create')).toBe(200);
    // Another class than the teacher's, a name the schema refuses, an unknown class, a contradicted
    // birth date or an unreadable gender: errors.
    for (const k of [1, 2, 4, 6]) expect(count(k, 'error'), `kind ${k}`).toBe(200);
    expect(checked[3]?.problems).toEqual([{ column: '姓名', message: expect.stringContaining('30') }]);
    // The school's three archives are matched and updated (their guardian phone); a row naming one again
    // is a duplicate, as is a row repeating the ID number of a row in an earlier piece.
    expect(count(3, 'update')).toBe(3);
    expect(checked[4]?.outcome).toMatchObject({ action: 'update', changed: ['guardianPhone'] });
    expect(count(3, 'error') + count(5, 'error')).toBe(197 + 200);
    const dupOf = (i: number) => checked[i]?.problems.find((p) => p.column === '身份证号')?.message;
    expect(dupOf(1 + 1597)).toBe('与第 1595 行是同一名儿童');
    // Row 1006 names the archive that row 22 (the third of its kind) updated first.
    expect(dupOf(1 + 1003)).toBe('与第 22 行是同一名儿童');
    expect(checked[1 + 19]?.outcome?.action).toBe('update');
    // A date cell reads as the date.
    expect(checked[8]?.outcome).toMatchObject({ action: 'create', values: { birthDate: '2015-08-17' } });
  }, 60_000);

  it('refuses a guardian age out of range on its row and column, never changing it to fit', () => {
    const read: RowJob['read'] = [
      { field: 'name', header: '姓名' },
      { field: 'gender', header: '性别' },
      { field: 'birthDate', header: '出生日期' },
      { field: 'guardianAge', header: '监护人年龄' },
    ];
    const job = jobReading(read);
    const checker = new RowChecker(job);
    expect(checker.check(3, ['赵小雨', '女', '2016-05-06', 300])?.problems).toEqual([{ column: '监护人年龄', message: '不能大于 110' }]);
    expect(checker.check(4, ['钱小雨', '女', '2016-05-06', '5岁'])?.problems).toEqual([{ column: '监护人年龄', message: '不能小于 14' }]);
    expect(checker.check(5, ['孙小雨', '女', '2016-05-06', '66岁'])?.outcome).toMatchObject({ action: 'create', values: { guardianAge: 66 } });
    expect(new RowChecker({ ...job, lang: 'en-US' }).check(3, ['赵小雨', '女', '2016-05-06', 300])?.problems[0]?.message).toBe('Must be 110 or less');
  });

  it("names the values a coded column takes as a list in the reader's language", () => {
    const read: RowJob['read'] = [
      { field: 'name', header: '姓名' },
      { field: 'gender', header: '性别' },
      { field: 'birthDate', header: '出生日期' },
    ];
    const job = jobReading(read);
    expect(new RowChecker(job).check(3, ['赵小雨', 'x', '2016-05-06'])?.problems).toEqual([{ column: '性别', message: '应为以下之一：男、女' }]);
    expect(new RowChecker({ ...job, lang: 'en-US' }).check(3, ['赵小雨', 'x', '2016-05-06'])?.problems[0]?.message).toBe('Must be one of: Male, Female');
  });
});

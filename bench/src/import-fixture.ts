import { newId } from '@carebridge/db';
import { makeIdNumber } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import type { App } from '../../apps/server/src/app.ts';
import { buildTemplate } from '../../apps/server/src/modules/rosters/roster-template.ts';
import { BENCH_TODAY } from './seed.ts';

/** Scenario 3's file: a 10,000-row roster in the template's layout, names made from a child of `schoolId`. */
export async function rosterFile(app: App, schoolId: string, rows = 10_000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '出生日期', '身份证号', '班级', '父亲外出务工', '母亲外出务工', '监护人姓名', '与儿童关系', '监护人电话', '户籍']);
  const k = await app.ctx.db
    .selectFrom('children')
    .select(['name', 'gender', 'birth_date'])
    .where('school_id', '=', schoolId)
    .limit(1)
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows; i++)
    ws.addRow([`${k.name}${i}`, k.gender === 'male' ? '男' : '女', k.birth_date, '', '1年级1班', '是', '是', '王奶奶', '祖父母', '13800138000', '农村']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A full roster: the project's own template (its 78 columns) filled on every row as its
 * example row is, with a name, a valid ID number (birth date and gender from it), a birth date and
 * phones of each child's own: what a school sends after filling in the template.
 */
export async function fullRosterFile(rows = 10_000): Promise<Buffer> {
  const template = new ExcelJS.Workbook();
  await template.xlsx.load((await buildTemplate('zh-CN')) as unknown as ArrayBuffer);
  const sheet = template.worksheets[0] as ExcelJS.Worksheet;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const example = (sheet.getRow(2).values as unknown[]).slice(1);
  const at = (prefix: string) => headers.findIndex((h) => h.replace('*', '') === prefix);
  const cols = { name: at('姓名'), id: at('公民身份号码'), birth: at('出生日期'), gender: at('性别'), klass: at('班级'), phone: at('监护人电话') };
  if (Object.values(cols).some((c) => c < 0)) throw new Error(`template headers changed: ${headers.join(' ')}`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(headers);
  const day0 = Date.UTC(2009, 0, 1);
  for (let i = 0; i < rows; i++) {
    const birth = new Date(day0 + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
    const male = i % 2 === 0;
    const row = [...example];
    row[cols.name] = `学生${i}`;
    row[cols.id] = makeIdNumber('532932', birth, Math.floor(i / 3650), male ? 'male' : 'female');
    row[cols.birth] = birth;
    row[cols.gender] = male ? '男' : '女';
    row[cols.klass] = '1年级1班';
    row[cols.phone] = `139${String(10_000_000 + i).slice(-8)}`;
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A new school with the class the file names, so that imported children do not change other scenarios' data. */
export async function importTarget(app: App, county: { id: string; path: string }): Promise<string> {
  const ts = BENCH_TODAY.toISOString();
  const id = newId();
  const { db } = app.ctx;
  await db
    .insertInto('schools')
    .values({
      id,
      region_id: county.id,
      region_path: county.path,
      name: `导入基准学校${id.slice(-8)}`,
      code: null,
      kind: 'primary',
      address: null,
      phone: null,
      version: 1,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
  await db
    .insertInto('classes')
    .values({
      id: newId(),
      school_id: id,
      grade: 1,
      name: '1年级1班',
      head_teacher_id: null,
      pupil_count: 50,
      active: 1,
      version: 1,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
  return id;
}

/**
 * Remove a school made by `importTarget` with everything the import wrote (its children, their
 * history and audit rows, the import itself), so that repeated runs leave the dataset as seeded:
 * 10,000 children more in the county per run would slow every later county scenario.
 */
export async function removeImportTarget(app: App, schoolId: string): Promise<void> {
  await app.ctx.db.transaction().execute(async (tx) => {
    for (const table of ['child_history', 'audit_log', 'roster_imports', 'children', 'classes', 'compliance_stamps'] as const)
      await tx.deleteFrom(table).where('school_id', '=', schoolId).execute();
    await tx.deleteFrom('schools').where('id', '=', schoolId).execute();
  });
}

/** Remove every school left by earlier runs of the import scenarios (before `removeImportTarget` existed). */
export async function removeImportTargets(app: App): Promise<number> {
  const left = await app.ctx.db.selectFrom('schools').select('id').where('name', 'like', '导入基准学校%').execute();
  for (const s of left) await removeImportTarget(app, s.id);
  return left.length;
}

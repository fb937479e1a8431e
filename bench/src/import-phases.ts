/**
 * Scenario 3 taken apart: the same 10,000-row file as bench/src/scenarios.ts, imported RUNS times (each
 * into a new school) with the ExcelJS baseline parse before each import, printing wall and CPU time
 * of parse, preview and commit. Run 0 is cold (first import of the process), the others warm.
 *
 *   cp /tmp/bench-county.db /tmp/import-county.db   # the import writes: use a copy
 *   RUNS=5 npx tsx src/import-phases.ts --db file:/tmp/import-county.db   (from bench/)
 */
import { newId } from '@carebridge/db';
import ExcelJS from 'exceljs';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { benchApp, benchArgs } from './args.ts';
import { BENCH_TODAY } from './seed.ts';

const args = benchArgs();
const { app } = await benchApp(args.db);
const { db } = app.ctx;
const auth = systemAuth('bench');
const school = await db.selectFrom('schools').select(['id', 'region_id', 'region_path']).limit(1).executeTakeFirstOrThrow();
const county = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', school.region_id).executeTakeFirstOrThrow();
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('花名册');
ws.addRow(['姓名', '性别', '出生日期', '身份证号', '班级', '父亲外出务工', '母亲外出务工', '监护人姓名', '与儿童关系', '监护人电话', '户籍']);
const k = await db.selectFrom('children').select(['name', 'gender', 'birth_date']).where('school_id', '=', school.id).limit(1).executeTakeFirstOrThrow();
for (let i = 0; i < 10_000; i++)
  ws.addRow([`${k.name}${i}`, k.gender === 'male' ? '男' : '女', k.birth_date, '', '1年级1班', '是', '是', '王奶奶', '祖父母', '13800138000', '农村']);
const file = Buffer.from(await wb.xlsx.writeBuffer());
console.log('name', k.name);
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const ts = BENCH_TODAY.toISOString();
  const target = newId();
  await db
    .insertInto('schools')
    .values({
      id: target,
      region_id: county.id,
      region_path: county.path,
      name: `导入${Date.now()}`,
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
      school_id: target,
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
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let c0 = cpu();
  let t0 = performance.now();
  const w = new ExcelJS.Workbook();
  await w.xlsx.load(file as unknown as ArrayBuffer);
  const parse = performance.now() - t0;
  const cParse = cpu() - c0;
  c0 = cpu();
  t0 = performance.now();
  const us = () => Number(process.hrtime.bigint() / 1000n);
  const m0 = us();
  const p = await app.services.rosterImport.preview(auth, { schoolId: target, data: file, fileName: 'roster.xlsx', lang: 'zh-CN' });
  const t1 = performance.now();
  const cPrev = cpu() - c0;
  c0 = cpu();
  const m1 = us();
  await app.services.rosterImport.commit(auth, p.importId, { skipInvalid: true });
  console.log(`MARK ${m0} ${m1} ${us()}`);
  const t2 = performance.now();
  const cCommit = cpu() - c0;
  console.log(`cpu: parse ${cParse.toFixed(0)} preview ${cPrev.toFixed(0)} commit ${cCommit.toFixed(0)} ratio ${((cPrev + cCommit) / cParse).toFixed(2)}`);
  console.log(
    `run ${run}: parse ${parse.toFixed(0)} preview ${(t1 - t0).toFixed(0)} commit ${(t2 - t1).toFixed(0)} total ${(t2 - t0).toFixed(0)} ratio ${((t2 - t0) / parse).toFixed(2)}`,
  );
}
await app.close();

/**
 * Scenario 3 taken apart: the same 10,000-row file as bench/src/scenarios.ts, imported RUNS times (each
 * into a new school) with the ExcelJS baseline parse before each import, printing wall and CPU time
 * of parse, preview and commit. Run 0 is cold (first import of the process), the others warm.
 *
 *   cp /tmp/bench-county.db /tmp/import-county.db   # the import writes (and removes what it wrote): a copy is safest
 *   RUNS=5 npx tsx src/import-phases.ts --db file:/tmp/import-county.db   (from bench/)
 */
import ExcelJS from 'exceljs';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { benchApp, benchArgs } from './args.ts';
import { importTarget, removeImportTarget, rosterFile } from './import-fixture.ts';

const args = benchArgs();
const { app } = await benchApp(args.db);
const { db } = app.ctx;
const auth = systemAuth('bench');
const school = await db.selectFrom('schools').select(['id', 'region_id', 'region_path']).limit(1).executeTakeFirstOrThrow();
const county = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', school.region_id).executeTakeFirstOrThrow();
const file = await rosterFile(app, school.id);
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const target = await importTarget(app, county);
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
  const p = await app.services.rosterImport.preview(auth, { schoolId: target, data: file, fileName: 'roster.xlsx', lang: 'zh-CN' });
  const t1 = performance.now();
  const cPrev = cpu() - c0;
  c0 = cpu();
  await app.services.rosterImport.commit(auth, p.importId, { skipInvalid: true });
  const t2 = performance.now();
  const cCommit = cpu() - c0;
  await removeImportTarget(app, target);
  console.log(`cpu: parse ${cParse.toFixed(0)} preview ${cPrev.toFixed(0)} commit ${cCommit.toFixed(0)} ratio ${((cPrev + cCommit) / cParse).toFixed(2)}`);
  console.log(
    `run ${run}: parse ${parse.toFixed(0)} preview ${(t1 - t0).toFixed(0)} commit ${(t2 - t1).toFixed(0)} total ${(t2 - t0).toFixed(0)} ratio ${((t2 - t0) / parse).toFixed(2)}`,
  );
}
await app.close();

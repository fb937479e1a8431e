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
import { fullRosterFile, importTarget, removeImportTarget, rosterFile } from './import-fixture.ts';

const args = benchArgs();
const { app } = await benchApp(args.db);
const { db } = app.ctx;
const auth = systemAuth('bench');
const school = await db.selectFrom('schools').select(['id', 'region_id', 'region_path']).limit(1).executeTakeFirstOrThrow();
const county = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', school.region_id).executeTakeFirstOrThrow();
// FILE=full: every column of the template filled (fullRosterFile); else the 11-column file of the scenario.
const file = process.env.FILE === 'full' ? await fullRosterFile() : await rosterFile(app, school.id);
const warm: { parse: number; preview: number; commit: number }[] = [];
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
  if (run === 0) console.log(`file ${(file.length / 1e6).toFixed(1)} MB, preview summary ${JSON.stringify(p.summary)}`);
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
  if (run > 0) warm.push({ parse, preview: t1 - t0, commit: t2 - t1 });
}
if (warm.length) {
  // The machine is shared: medians of the warm runs, phase by phase, say more than any one run.
  const median = (k: 'parse' | 'preview' | 'commit') => {
    const v = warm.map((w) => w[k]).sort((a, b) => a - b);
    return v.length % 2 ? (v[v.length >> 1] as number) : ((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2;
  };
  const [parse, preview, commit] = [median('parse'), median('preview'), median('commit')];
  console.log(
    `warm medians (${warm.length} runs): parse ${parse.toFixed(0)} preview ${preview.toFixed(0)} (${(preview / parse).toFixed(2)}×) commit ${commit.toFixed(0)} (${(commit / parse).toFixed(2)}×) import ${((preview + commit) / parse).toFixed(2)}×`,
  );
}
await app.close();

import { systemAuth } from '../../../apps/server/src/access/auth.ts';
import { benchApp, benchArgs } from '../args.ts';
const args = benchArgs();
const { app } = await benchApp(args.db);
const { db } = app.ctx;
const county = await db.selectFrom('regions').select(['id']).where('level', '=', 'county').orderBy('name').executeTakeFirstOrThrow();
const c = app.services.compliance as any;
const st = c.schoolTallies;
const origOf = st.of.bind(st);
let ofMs = 0;
st.of = async (...a: unknown[]) => { const t0 = performance.now(); try { return await origOf(...a); } finally { ofMs += performance.now() - t0; } };
const origStore = st.store.bind(st);
let storeMs = 0;
st.store = async () => { const t0 = performance.now(); try { return await origStore(); } finally { storeMs += performance.now() - t0; } };
const auth = systemAuth('bench');
const year = { regionId: county.id, period: '2025-12-01..2026-11-30' };
const countySchools = db.selectFrom('schools').select('id').where('region_id', '=', county.id);
for (let i = 0; i < Number(process.env.RUNS ?? 5); i++) {
  c.tallies.clear();
  await db.deleteFrom('compliance_tallies').where('school_id', 'in', countySchools).execute();
  ofMs = 0; storeMs = 0;
  const t0 = performance.now();
  await c.compliance(auth, year, 'zh-CN');
  const total = performance.now() - t0;
  ((globalThis as any).FM ??= []).push(total);
  console.log(`full ${total.toFixed(0)} ms: of ${ofMs.toFixed(0)} (store ${storeMs.toFixed(0)}), rest ${(total - ofMs).toFixed(0)}`);
}
const fm = (globalThis as any).FM as number[]; fm.sort((a, b) => a - b); console.log(`full median ${fm[fm.length >> 1]!.toFixed(0)}`);
for (let i = 0; i < 3; i++) {
  ofMs = 0;
  const t0 = performance.now();
  await c.compliance(auth, year, 'zh-CN');
  const total = performance.now() - t0;
  console.log(`warm ${total.toFixed(0)} ms: of ${ofMs.toFixed(0)}, rest ${(total - ofMs).toFixed(0)}`);
}
await app.close();

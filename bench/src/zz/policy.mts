import { DEFAULT_RULES, RiskConfig } from '@carebridge/shared';
import { systemAuth } from '../../../apps/server/src/access/auth.ts';
import { benchApp, benchArgs } from '../args.ts';
const args = benchArgs();
const { app } = await benchApp(args.db);
const { db } = app.ctx;
const county = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'county').orderBy('name').executeTakeFirstOrThrow();
const c = app.services.compliance as any;
const auth = systemAuth('bench');
const year = { regionId: county.id, period: '2025-12-01..2026-11-30' };
await c.compliance(auth, year, 'zh-CN');
const ms: number[] = [];
if (process.env.BATCH) c.schoolTallies.countBatch = Number(process.env.BATCH);
const before = await db.selectFrom('care_policies').select('id').where('region_id', '=', county.id).execute();
for (let i = 0; i < Number(process.env.RUNS ?? 6); i++) {
  const rules = DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min: 2 + (i % 3) } : r));
  await app.services.policies.putRegion(auth, county.id, { rules, risk: RiskConfig.parse({}) }, 'zh-CN');
  const counted = c.tallies.countedParts;
  const t0 = performance.now();
  await c.compliance(auth, year, 'zh-CN');
  console.log(`after rules ${(performance.now() - t0).toFixed(0)} ms, counted ${c.tallies.countedParts - counted}`); ms.push(performance.now() - t0);
}
ms.sort((a, b) => a - b); console.log(`median ${ms[ms.length >> 1]!.toFixed(0)}`);
await db.deleteFrom('care_policies').where('region_id', '=', county.id).where('id', 'not in', before.map((v) => v.id).concat('')).execute();
await app.close();

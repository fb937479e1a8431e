import { benchApp, benchArgs } from '../args.ts';
const args = benchArgs();
const { app } = await benchApp(args.db);
const pool = (app.ctx.db as any).getExecutor().adapter; // unused
const pg = await import('pg');
const c = new pg.default.Client({ connectionString: args.db });
await c.connect();
const county = (await c.query(`select id from regions where level='county' order by name limit 1`)).rows[0].id;
const ids = (await c.query(`select id from schools where region_id=$1`, [county])).rows.map((r: any) => r.id);
for (let i = 0; i < 4; i++) {
  for (const [name, q] of [
    ['children', `select * from children where school_id = any($1)`],
    ['pairings', `select child_id, mentor_id, start_date, end_date, school_id from pairings where school_id = any($1)`],
    ['records month', `select school_id, child_id, string_agg(kind || date, '') from care_record_children where school_id = any($1) and date >= '2026-10-01' and date <= '2026-11-30' and withdrawn = 0 group by 1, 2`],
  ] as const) {
    const t0 = performance.now();
    const r = await c.query({ text: q, values: [ids], rowMode: 'array' });
    console.log(`${name}: ${r.rowCount} rows ${(performance.now() - t0).toFixed(0)} ms`);
  }
}
await c.end();
await app.close();

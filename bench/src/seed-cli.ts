/**
 * Generate a benchmark dataset into a database that the scenarios can reuse:
 *
 *   npm run bench:seed -w bench -- --scale county --db file:/tmp/county.db
 *   npm run bench:seed -w bench -- --scale province --db postgres://…   (1,000,000 children, ≈ 20 M care records)
 */
import { sql } from 'kysely';
import { benchApp, benchArgs } from './args.ts';
import { seed } from './seed.ts';

const args = benchArgs();
const { app, url } = await benchApp(args.db);
try {
  const existing = await app.ctx.db
    .selectFrom('children')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error(`${url} already holds ${existing.n} children; use an empty database`);
  console.log(`seeding ${args.children.toLocaleString()} children (${args.scale}) into ${url}`);
  const r = await seed(app, args.children);
  // PostgreSQL plans from its statistics; after a bulk load they describe empty tables until autovacuum
  // comes round, so the scenarios would measure plans made for the wrong sizes.
  if (app.ctx.dialect === 'postgres') await sql`analyze`.execute(app.ctx.db);
  console.log(
    `done: ${r.children.toLocaleString()} children, ${r.records.toLocaleString()} care records, ${r.schoolIds.length} schools, ${r.countyIds.length} counties; ${r.rows.toLocaleString()} rows in ${r.seconds.toFixed(1)} s (${Math.round(r.rows / r.seconds).toLocaleString()} rows/s)`,
  );
  console.log(`logins: ${r.users.bureau} (bureau, whole province) and ${r.users.leader} (school 1), password Bench2026`);
} finally {
  await app.close();
}

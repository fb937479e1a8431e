/**
 * Foundation benchmark: the cost of the request path (session, scope, serialisation) on an
 * authenticated list, against a bare Fastify route running the same SQL and a hello-world route,
 * all in one run on this machine. Prints p50/p99 latency and requests/s; not part of `npm test`.
 *
 *   npm run bench                      # SQLite
 *   DATABASE_URL=postgres://… npm run bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { schoolInScope } from '../../apps/server/src/access/scope-sql.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { login } from '../../apps/server/src/test/index.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

async function measure(name: string, url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, headers, connections: 10, duration: DURATION });
  const row = { scenario: name, 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, errors: r.errors + r.non2xx };
  return row;
}

const dir = mkdtempSync(join(tmpdir(), 'carebridge-bench-'));
const url = process.env.DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
const app = await buildApp({ config: loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }), logger: false });
try {
  await app.inject({ method: 'POST', url: '/api/setup/demo' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const bureau = await login(app, 'bureau', 'Demo2026');

  // Baseline: a bare Fastify route with no session and no scope, running the same SQL.
  const bare = Fastify({ logger: false });
  const county = await app.ctx.db.selectFrom('role_assignments').select('region_path').where('role', '=', 'bureau_officer').executeTakeFirstOrThrow();
  const bureauScope = { global: false, regionPaths: [county.region_path as string], schoolIds: [], classIds: [], classSchoolIds: [] };
  bare.get('/schools', async () => ({
    items: await app.ctx.db.selectFrom('schools').selectAll().where(schoolInScope(bureauScope, 'schools.id')).orderBy('region_path').orderBy('name').execute(),
  }));
  bare.get('/hello', async () => ({ hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const rows = [];
  rows.push(await measure('hello-world (bare Fastify)', `http://127.0.0.1:${barePort}/hello`));
  rows.push(await measure('schools list, bare route, same SQL', `http://127.0.0.1:${barePort}/schools`));
  rows.push(await measure('GET /api/schools (session + scope)', `http://127.0.0.1:${port}/api/schools`, { cookie: bureau.cookie }));
  rows.push(await measure('GET /api/auth/me (session only)', `http://127.0.0.1:${port}/api/auth/me`, { cookie: bureau.cookie }));
  console.log(`CareBridge foundation bench — ${app.ctx.dialect}, ${DURATION}s per scenario, 10 connections, ${new Date().toISOString()}`);
  console.table(rows);
  const [, bareList, apiList] = rows;
  if (bareList && apiList)
    console.log(`API list throughput / bare-route throughput: ${((apiList['req/s'] / bareList['req/s']) * 100).toFixed(0)}% (target ≥ 60%)`);
  await bare.close();
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

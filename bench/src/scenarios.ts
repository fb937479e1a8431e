/**
 * The benchmark scenarios of issue 9, each printed beside a baseline measured in the same run:
 *
 *   1. child list (school + class + left-behind type, page of 50, by name) and a pinyin search over
 *      HTTP with a session (autocannon) vs a bare Fastify route running the same SQL, hello-world,
 *      and the query alone;
 *   2. compliance: school-month, county-year, province-month vs a hand-written SQL anti-join;
 *   3. roster import of a 10,000-row .xlsx (preview + commit) vs ExcelJS parsing the file alone;
 *   4. briefing (draft + Word) for a county-month;
 *   5. dashboard statistics for a county and the province;
 *   7. the gzipped JavaScript of the login page and of the workbench (from apps/web/dist).
 *   (6, growth: run this script on 10 k, 100 k and 1 M children and compare, see README.)
 *
 *   npm run bench:scenarios -w bench -- --scale county                 # seeds a temporary SQLite county
 *   npm run bench:scenarios -w bench -- --db file:/tmp/county.db        # a dataset made by bench:seed
 *   npm run bench:scenarios -w bench -- --db postgres://… --only list,compliance
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { DEFAULT_RULES, RiskConfig } from '@carebridge/shared';
import type autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { childRepo } from '../../apps/server/src/modules/children/child.repository.ts';
import { termStartOf } from '../../apps/server/src/modules/reporting/scope.ts';
import { login } from '../../apps/server/src/test/index.ts';
import { benchApp, benchArgs } from './args.ts';
import { fullRosterFile, importTarget, removeImportTarget, rosterFile } from './import-fixture.ts';
import { writeTalk } from './records.ts';
import { BENCH_PASSWORD, BENCH_TODAY, seed } from './seed.ts';

const args = benchArgs();
const only = (args.get('only') ?? 'list,compliance,import,briefing,stats,web').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const today = BENCH_TODAY.toISOString().slice(0, 10);
const out: Record<string, unknown>[] = [];
const row = (scenario: string, value: Record<string, unknown>) => {
  out.push({ scenario, ...value });
  console.log(scenario, JSON.stringify(value));
};

/** Median time of `runs` calls of `fn`; `setup` runs before each call, untimed. */
async function timed<T>(fn: () => Promise<T>, runs = 1, setup?: () => Promise<unknown>): Promise<{ ms: number; value: T }> {
  let value: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup?.();
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)] as number), value: value as T };
}

/**
 * The longest time the event loop was held while `fn` ran (no 1 ms timer could fire): how long a
 * request arriving meanwhile would wait before it is even read.
 */
async function withStall<T>(fn: () => Promise<T>, stalls: number[]): Promise<T> {
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 1);
  try {
    const value = await fn();
    // One more turn, so that a stall at the very end is seen.
    await new Promise((resolve) => setTimeout(resolve, 2));
    return value;
  } finally {
    clearInterval(probe);
    stalls.push(Math.round(longest));
  }
}

/** Heap in use after a full collection (MB): what is kept, not what is waiting to be collected. */
function liveHeapMB(): number {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) * 100) / 100;
}

const { app, dir, url } = await benchApp(args.db);
try {
  const { db } = app.ctx;
  let n = Number(
    (
      await db
        .selectFrom('children')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (!n) {
    console.log(`seeding ${args.children.toLocaleString()} children (${args.scale}) into ${url}`);
    const s = await seed(app, args.children);
    n = s.children;
    row('seed', { children: s.children, records: s.records, seconds: Math.round(s.seconds), 'rows/s': Math.round(s.rows / s.seconds) });
  }
  const records = Number(
    (
      await db
        .selectFrom('care_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  console.log(
    `\nCareBridge benchmarks — ${app.ctx.dialect}, ${n.toLocaleString()} children, ${records.toLocaleString()} care records, ${new Date().toISOString()}\n`,
  );
  const province = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'province').executeTakeFirstOrThrow();
  const county = await db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'county').orderBy('name').executeTakeFirstOrThrow();
  const school = await db.selectFrom('schools').select(['id']).where('name', '=', '基准学校1').executeTakeFirstOrThrow();
  const klass = await db.selectFrom('classes').select(['id']).where('school_id', '=', school.id).orderBy('name').executeTakeFirstOrThrow();
  const auth = systemAuth('bench');

  if (only.includes('list')) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const bureau = await login(app, 'bench-bureau', BENCH_PASSWORD);
    const filter = {
      schoolId: school.id,
      classId: klass.id,
      leftBehindType: 'both' as const,
      status: 'active' as const,
      sort: 'name' as const,
      order: 'asc' as const,
      limit: 50,
      today,
      summary: true as const,
    };
    const qs = `schoolId=${school.id}&classId=${klass.id}&leftBehindType=both&sort=name&limit=50`;
    const bureauAuth = { ...systemAuth('bench'), scope: { global: false, regionPaths: [province.path], schoolIds: [], classIds: [], classSchoolIds: [] } };
    bureauAuth.roles = [{ id: '', role: 'bureau_officer', scopeKind: 'region', scopeId: province.id, schoolId: null, regionPath: province.path }];
    // Baselines: a bare Fastify route (no session, no scope check beyond the same SQL), hello-world.
    const bare = Fastify({ logger: false });
    bare.get('/children', async () => ({ items: (await childRepo.list(db, bureauAuth, filter)).rows }));
    bare.get('/search', async () => ({
      items: (await childRepo.list(db, bureauAuth, { ...filter, classId: undefined, leftBehindType: undefined, q: 'wang' } as never)).rows,
    }));
    bare.get('/hello', async () => ({ hello: 'world' }));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    // The load comes from another process, as from a browser: autocannon in this process would share
    // the server's event loop and add its own work to every request's latency.
    const cannon = async (name: string, target: string, headers: Record<string, string> = {}, connections = 10) => {
      const flags = ['-j', '-c', String(connections), '-d', String(SECONDS), ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`])];
      const { stdout } = await run(process.execPath, [AUTOCANNON, ...flags, target], { maxBuffer: 1 << 24 });
      const r = JSON.parse(stdout) as autocannon.Result;
      const v = { 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, errors: r.errors + r.non2xx };
      row(name, v);
      return v;
    };
    const hello = await cannon('1 hello-world (bare Fastify)', `http://127.0.0.1:${barePort}/hello`);
    const bareList = await cannon('1 child list, bare route, same SQL', `http://127.0.0.1:${barePort}/children`);
    const apiList = await cannon('1 GET /api/children (session, scope, audit-free list)', `http://127.0.0.1:${port}/api/children?${qs}`, {
      cookie: bureau.cookie,
    });
    const bareSearch = await cannon('1 pinyin search, bare route', `http://127.0.0.1:${barePort}/search`);
    const apiSearch = await cannon('1 GET /api/children?q=wang', `http://127.0.0.1:${port}/api/children?schoolId=${school.id}&q=wang&limit=50`, {
      cookie: bureau.cookie,
    });
    // Latency as one user sees it: one connection, no queueing behind other requests.
    const single = await cannon('1 GET /api/children, one connection (latency)', `http://127.0.0.1:${port}/api/children?${qs}`, { cookie: bureau.cookie }, 1);
    const alone: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await childRepo.list(db, bureauAuth, filter);
      alone.push(performance.now() - t0);
    }
    row('1 the list query alone (300 runs)', { 'p50 ms': percentile(alone, 50), 'p99 ms': percentile(alone, 99) });
    row('1 ratios', {
      'list / bare': `${Math.round((apiList['req/s'] / bareList['req/s']) * 100)}% (target ≥ 60%)`,
      'search / bare': `${Math.round((apiSearch['req/s'] / bareSearch['req/s']) * 100)}%`,
      'bare / hello': `${Math.round((bareList['req/s'] / hello['req/s']) * 100)}%`,
      'list p99 ms, 1 connection': `${single['p99 ms']} (target ≤ 10)`,
      'list p99 ms, 10 connections': apiList['p99 ms'],
    });
    await bare.close();
  }

  if (only.includes('compliance')) {
    const c = app.services.compliance;
    await c.compliance(auth, { schoolId: school.id, period: '2026-11' }, 'zh-CN');
    const sm = await timed(() => c.compliance(auth, { schoolId: school.id, period: '2026-11' }, 'zh-CN'), 5);
    row('2 compliance, school-month', { ms: sm.ms });
    const year = { regionId: county.id, period: '2025-12-01..2026-11-30' };
    // Months over that an earlier run stored (stored-tallies.ts) would make the cold figures warm.
    const countySchools = db.selectFrom('schools').select('id').where('region_id', '=', county.id);
    const forgetStored = () => db.deleteFrom('compliance_tallies').where('school_id', 'in', countySchools).execute();
    await forgetStored();
    // Cold: no school's tally cached or stored for this period. The school-month above is one of its
    // months: left in memory it would be neither counted nor stored again here, and the "new process"
    // below would count it once.
    c.tallies.clear();
    const coldStalls: number[] = [];
    const cy = await timed(() => withStall(() => c.compliance(auth, year, 'zh-CN'), coldStalls));
    row('2 compliance, county-year, first call (cold)', { ms: cy.ms, 'items judged': cy.value.overall.total, 'longest event-loop stall ms': coldStalls[0] });
    // The engine judging every item (the path before the counting one): the same report, and its time.
    const ref = await timed(() => c.compliance(auth, year, 'zh-CN', { reference: true }));
    const same = JSON.stringify(ref.value) === JSON.stringify(cy.value);
    row('2 compliance, county-year, engine reference path', { ms: ref.ms, 'same report': same });
    if (!same) throw new Error('the counting path and the engine disagree on the county-year report');
    // Warm: nothing written since, every school's tally from the cache (after one cheap stamp query).
    const cyWarm = await timed(() => c.compliance(auth, year, 'zh-CN'), 5);
    row('2 compliance, county-year, again (warm, median of 5)', { ms: cyWarm.ms });
    // A new process the same day (a restart, another server): nothing in memory, every month read from
    // the stored tallies (this month's hold for today).
    const stored0 = c.tallies.storedParts;
    const counted0 = c.tallies.countedParts;
    const cyStored = await timed(
      () => c.compliance(auth, year, 'zh-CN'),
      3,
      async () => c.tallies.clear(),
    );
    row('2 compliance, county-year, new process the same day: from the stored tallies (median of 3)', {
      ms: cyStored.ms,
      'school-months read': (c.tallies.storedParts - stored0) / 3,
      'school-months counted': (c.tallies.countedParts - counted0) / 3,
    });
    // Every school recomputed with warm code (memory and stored months emptied before each call): the cost of a full computation.
    const fullStalls: number[] = [];
    const cyFull = await timed(
      () => withStall(() => c.compliance(auth, year, 'zh-CN'), fullStalls),
      3,
      async () => {
        c.tallies.clear();
        await forgetStored();
      },
    );
    row('2 compliance, county-year, nothing cached or stored (full recomputation, median of 3)', {
      ms: cyFull.ms,
      'longest event-loop stall ms': percentile(fullStalls, 50),
    });
    // One school changed: a care record written in a past month (triggers bump its stamp), then the report.
    const changedSchool = await db.selectFrom('schools').select(['id']).where('region_id', '=', county.id).orderBy('name').executeTakeFirstOrThrow();
    const kid = await db
      .selectFrom('children')
      .select(['id'])
      .where('school_id', '=', changedSchool.id)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const write = (i: number) => writeTalk(db, changedSchool.id, [kid.id], `2026-0${3 + i}-15`);
    const afterWrite: number[] = [];
    let changed = cy.value;
    for (let i = 0; i < 3; i++) {
      await write(i);
      const misses = c.tallies.misses;
      const r = await timed(() => c.compliance(auth, year, 'zh-CN'));
      if (c.tallies.misses - misses !== 1) throw new Error(`expected one school recomputed, got ${c.tallies.misses - misses}`);
      afterWrite.push(r.ms);
      changed = r.value;
    }
    afterWrite.sort((a, b) => a - b);
    const cyChanged = afterWrite[1] as number;
    row('2 compliance, county-year, after a care record in one school (median of 3)', { ms: cyChanged, 'schools recomputed': 1 });
    // A working day: teachers of every school record this month's talks, then a bureau officer opens
    // the county-year. What each school must count again is what its new records can change.
    const pupils = await db
      .selectFrom('children')
      .select(['school_id', sql<string>`min(id)`.as('id')])
      .where('school_id', 'in', countySchools)
      .where('status', '=', 'active')
      .groupBy('school_id')
      .execute();
    const dayWrites: number[] = [];
    const dayCounted: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const p of pupils) await writeTalk(db, p.school_id, [p.id], today);
      const counted = c.tallies.countedParts;
      const r = await timed(() => c.compliance(auth, year, 'zh-CN'));
      dayWrites.push(r.ms);
      dayCounted.push(c.tallies.countedParts - counted);
      changed = r.value;
    }
    dayWrites.sort((a, b) => a - b);
    const cyDay = dayWrites[1] as number;
    row('2 compliance, county-year, after a talk today in every school (a working day, median of 3)', {
      ms: cyDay,
      'school-months counted': dayCounted[1],
    });
    const refChanged = await c.compliance(auth, year, 'zh-CN', { reference: true });
    const sameChanged = JSON.stringify(refChanged) === JSON.stringify(changed);
    row('2 compliance, county-year after the writes, engine reference path', { 'same report': sameChanged });
    if (!sameChanged) throw new Error('the cached county-year report after a write disagrees with the engine');
    const month = { regionId: county.id, period: '2026-11' };
    const cmCold = await timed(() => c.compliance(auth, month, 'zh-CN'));
    row('2 compliance, county-month, first call (cold)', { ms: cmCold.ms, 'items judged': cmCold.value.overall.total });
    const cm = await timed(() => c.compliance(auth, month, 'zh-CN'), 3);
    row('2 compliance, county-month, again (warm, median of 3)', { ms: cm.ms });
    // New county rules from today, saved as a bureau officer saves them: a policy never starts in the
    // past, so only this month of each school is counted again (the months before keep their counts),
    // by the first report if it comes before the server's background re-warm is done (here: no
    // re-warm), or by the re-warm (app.ts runs it after each save) with the report reading it ready.
    const versionsBefore = await db.selectFrom('care_policies').select('id').where('region_id', '=', county.id).execute();
    const stricter = (min: number) => DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min } : r));
    await app.services.policies.putRegion(auth, county.id, { rules: stricter(2), risk: RiskConfig.parse({}) }, 'zh-CN');
    const countedAtPolicy = c.tallies.countedParts;
    const cyPolicy = await timed(() => c.compliance(auth, year, 'zh-CN'));
    row('2 compliance, county-year, new county rules from today, before the re-warm', {
      ms: cyPolicy.ms,
      'school-months counted': c.tallies.countedParts - countedAtPolicy,
    });
    if (JSON.stringify(await c.compliance(auth, year, 'zh-CN', { reference: true })) !== JSON.stringify(cyPolicy.value))
      throw new Error('the county-year report after a policy change disagrees with the engine');
    await app.services.policies.putRegion(auth, county.id, { rules: stricter(3), risk: RiskConfig.parse({}) }, 'zh-CN');
    const rewarmAfterRules = await timed(() => c.rewarm({ regionPath: county.path }));
    row('2 compliance, re-warm after new county rules (in the background)', { ms: rewarmAfterRules.ms, schools: rewarmAfterRules.value.schools });
    const cyRewarmed = await timed(() => c.compliance(auth, year, 'zh-CN'));
    row('2 compliance, county-year, new county rules from today, after the re-warm', { ms: cyRewarmed.ms });
    // The dataset as it was (the version added above removed again).
    await db
      .deleteFrom('care_policies')
      .where('region_id', '=', county.id)
      .where('id', 'not in', versionsBefore.map((v) => v.id).concat(''))
      .execute();
    const base = await timed(
      () =>
        db
          .selectFrom('children as c')
          .select(sql<number>`count(*)`.as('n'))
          .where('c.status', '=', 'active')
          .where(sql<boolean>`c.school_id in (select id from schools where region_id = ${county.id})`)
          .where(
            sql<boolean>`not exists (select 1 from care_record_children l where l.child_id = c.id and l.kind = 'talk' and l.date between '2026-11-01' and '2026-11-30')`,
          )
          .executeTakeFirstOrThrow(),
      5,
    );
    row('2 baseline: SQL anti-join, county children with no talk this month', { ms: base.ms });
    const ratio = (ms: number) => `${(ms / Math.max(1, base.ms)).toFixed(1)}×`;
    row('2 ratios (target ≤ 3× and ≤ 300 ms)', {
      'county-year cold / baseline': ratio(cy.ms),
      'county-year new process, same day / baseline': ratio(cyStored.ms),
      'county-year full recomputation / baseline': ratio(cyFull.ms),
      'county-year warm / baseline': ratio(cyWarm.ms),
      'county-year after new county rules, before / after the re-warm / baseline': `${ratio(cyPolicy.ms)} / ${ratio(cyRewarmed.ms)}`,
      'county-year one school changed / baseline': ratio(cyChanged),
      'county-year after a working day / baseline': ratio(cyDay),
    });
    // What a user meets first in the morning: the server has counted every school's usual periods
    // (the twelve months to this month's end, month by month; this term so far) at start-up and
    // again just after midnight (app.ts).
    // A first start: nothing stored for any school.
    c.tallies.clear();
    await db.deleteFrom('compliance_tallies').execute();
    const warmed = await c.prewarm();
    row('2 compliance, pre-warm of every school (12 months, this term so far)', {
      ms: warmed.ms,
      schools: warmed.schools,
      'heap MB after': Math.round(process.memoryUsage().heapUsed / 1048576),
      'live heap MB after': liveHeapMB(),
    });
    // A restart: the months over of every school stored by the pre-warm above.
    c.tallies.clear();
    const countedBefore = c.tallies.countedParts;
    const rewarmed = await c.prewarm();
    row('2 compliance, pre-warm after a restart the same day (from the stored tallies)', {
      ms: rewarmed.ms,
      'school-months counted': c.tallies.countedParts - countedBefore,
    });
    for (const [label, period] of [
      ['county-month', '2026-11'],
      ['county term so far', `${termStartOf(today)}..${today}`],
      ['county-year', year.period],
    ] as const) {
      const misses = c.tallies.misses;
      const r = await timed(() => c.compliance(auth, { regionId: county.id, period }, 'zh-CN'));
      row(`2 compliance, ${label}, first call after the pre-warm`, {
        ms: r.ms,
        'items judged': r.value.overall.total,
        'schools recomputed': c.tallies.misses - misses,
        ...(period === year.period ? { 'vs baseline': `${ratio(r.ms)} (target ≤ 3× and ≤ 300 ms)` } : {}),
      });
    }
    if (province && n > 20_000) {
      const pm = await timed(() => c.compliance(auth, { regionId: province.id, period: '2026-11' }, 'zh-CN'));
      // Every school counted for this month by the pre-warm above.
      row('2 compliance, province-month, after the pre-warm', {
        ms: pm.ms,
        'items judged': pm.value.overall.total,
        'answer kB': Math.round(JSON.stringify(pm.value).length / 1024),
      });
      // What the region's page asks for (view=schools): rates by rule and school, no class or teacher lists.
      const page = await timed(() => c.compliance(auth, { regionId: province.id, period: '2026-11' }, 'zh-CN', { byRuleOnly: true }), 3);
      row('2 compliance, province-month, the region page (view=schools, median of 3)', {
        ms: page.ms,
        schools: page.value.bySchool.length,
        'answer kB': Math.round(JSON.stringify(page.value).length / 1024),
      });
    }
  }

  if (only.includes('import')) {
    // Two files of 10,000 rows: eleven columns (name, gender, birth date, class, parents, guardian, hukou)
    // and the full template (78 columns, 50 filled as its example row, ID numbers) as a school sends it.
    for (const [what, file] of [
      ['11 columns', await rosterFile(app, school.id)],
      ['full template', await fullRosterFile()],
    ] as const) {
      const parseOnce = async () => {
        const t0 = performance.now();
        const w = new ExcelJS.Workbook();
        await w.xlsx.load(file as unknown as ArrayBuffer);
        return performance.now() - t0;
      };
      /** One import of the file (preview + commit) into a new school of its own. */
      const importOnce = async () => {
        const target = await importTarget(app, county);
        const t0 = performance.now();
        const p = await app.services.rosterImport.preview(auth, { schoolId: target, data: file, fileName: 'roster.xlsx', lang: 'zh-CN' });
        const done = await app.services.rosterImport.commit(auth, p.importId, { skipInvalid: true });
        const ms = performance.now() - t0;
        await removeImportTarget(app, target);
        return { ms, p, done };
      };
      const parse = await timed(async () => (await parseOnce()) as number, 3);
      row(`3 baseline: ExcelJS parses the 10,000-row file, ${what} (median of 3)`, { ms: parse.ms, 'file kB': Math.round(file.length / 1024) });
      // The first import of the process pays the JIT's warm-up and pinyin-pro's dictionary.
      const cold = await importOnce();
      row(`3 roster import, 10,000 rows, ${what} (preview + commit), first of the file`, {
        ms: Math.round(cold.ms),
        created: cold.done.created,
        errors: cold.p.summary.error,
        'vs parse': `${(cold.ms / Math.max(1, parse.ms)).toFixed(1)}×`,
      });
      // Then as a running server imports: five imports, each right after a parse of its own, so that each
      // ratio compares the two in the same state of a shared machine.
      const pairs: { parse: number; ms: number }[] = [];
      for (let i = 0; i < 5; i++) pairs.push({ parse: await parseOnce(), ms: (await importOnce()).ms });
      const mid = <T>(xs: T[], by: (x: T) => number) => by([...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T);
      row(`3 roster import, 10,000 rows, ${what}, warm (median of 5, each after its own parse)`, {
        ms: Math.round(mid(pairs, (p) => p.ms)),
        'parse ms': Math.round(mid(pairs, (p) => p.parse)),
        'vs parse': `${mid(pairs, (p) => p.ms / p.parse).toFixed(1)}× (target ≤ 2×; runs ${pairs.map((p) => (p.ms / p.parse).toFixed(1)).join(', ')})`,
      });
    }
  }

  if (only.includes('briefing')) {
    const bureau = { ...systemAuth('bench') };
    const t = await timed(async () => {
      const b = await app.services.briefings.create(bureau, { regionId: county.id, period: '2026-11' }, 'zh-CN');
      return app.services.briefings.docx(bureau, b.id, 'zh-CN');
    });
    row('4 briefing, county-month (draft + Word)', { ms: t.ms, bytes: t.value.data.length, target: '≤ 2,000 ms' });
  }

  if (only.includes('stats')) {
    const stats = app.services.stats;
    // Cold means cold: no compliance months stored by scenario 2 or an earlier run.
    await db.deleteFrom('compliance_tallies').execute();
    // The bureau's default dashboard: this term so far.
    const term = { from: termStartOf(today), to: today };
    for (const [label, region] of [
      ['county', county],
      ['province', province],
    ] as const) {
      const q = { regionId: region.id, ...term };
      const cold = await timed(() => stats.stats(auth, q, 'zh-CN'));
      row(`5 dashboard statistics, ${label}, this term, first call (cold)`, { ms: cold.ms, children: cold.value.totals.children });
      const warm = await timed(() => stats.stats(auth, q, 'zh-CN'), 3);
      row(`5 dashboard statistics, ${label}, again (median of 3)`, { ms: warm.ms });
    }
    // A talk in one school: the province's dashboard recounts that school only.
    const one = await db.selectFrom('children').select(['id', 'school_id']).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    await writeTalk(db, one.school_id, [one.id], today);
    const misses = stats.figures.misses;
    const changed = await timed(() => stats.stats(auth, { regionId: province.id, ...term }, 'zh-CN'));
    row('5 dashboard statistics, province, after a care record in one school', { ms: changed.ms, 'school figures recomputed': stats.figures.misses - misses });
    // What a bureau officer meets in the morning: the server counted every school at start-up or after midnight.
    app.services.compliance.tallies.clear();
    stats.figures.clear();
    // A first start (scenario 2 measures a restart with the months over stored).
    await db.deleteFrom('compliance_tallies').execute();
    const warmed = await timed(async () => ({ compliance: await app.services.compliance.prewarm(), stats: await stats.prewarm() }));
    row('5 pre-warm at start-up (compliance, then dashboard figures, every school)', {
      ms: warmed.ms,
      'compliance ms': warmed.value.compliance.ms,
      'figures ms': warmed.value.stats.ms,
      schools: warmed.value.stats.schools,
    });
    const first = await timed(() => stats.stats(auth, { regionId: province.id, ...term }, 'zh-CN'));
    row('5 dashboard statistics, province, first call after the pre-warm', { ms: first.ms });
  }

  if (only.includes('web')) {
    const dist = join(import.meta.dirname, '../../apps/web/dist');
    try {
      const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
        string,
        { file: string; imports?: string[]; isEntry?: boolean; src?: string }
      >;
      const size = (roots: string[]) => {
        const seen = new Set<string>();
        const walk = (key: string) => {
          if (seen.has(key) || !manifest[key]) return;
          seen.add(key);
          for (const i of manifest[key]?.imports ?? []) walk(i);
        };
        for (const r of roots) walk(r);
        return [...seen].reduce((s, k) => s + gzipSync(readFileSync(join(dist, manifest[k]?.file ?? ''))).length, 0);
      };
      const key = (suffix: string) => Object.keys(manifest).find((k) => k.endsWith(suffix)) as string;
      const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) as string;
      const loginKb = size([entry, key('features/auth/LoginPage.tsx')]) / 1024;
      // Pages behind sign-in load the rest of the shared Chinese texts with them (app/routes.tsx).
      const benchKb = size([entry, key('layout/MainLayout.tsx'), key('features/workbench/WorkbenchPage.tsx'), key('i18n/pages.ts')]) / 1024;
      row('7 web: JavaScript of the login page (gzip)', { kB: Math.round(loginKb), target: '≤ 300 kB' });
      row('7 web: JavaScript of the workbench (gzip)', { kB: Math.round(benchKb) });
    } catch (err) {
      row('7 web', { skipped: `build the web app first (npm run build): ${(err as Error).message}` });
    }
  }
  console.log('');
  console.table(out);
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

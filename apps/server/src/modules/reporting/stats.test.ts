import { ageAt, ageBand, DIFFICULTY, FAMILY_CONTACT_KINDS, type Stats } from '@carebridge/shared';
import { type SqlBool, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildRegion, buildSchool, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { readXlsx } from '../rosters/roster.test-helpers.ts';
import { type County, county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());
const TODAY = '2026-11-20';

type Buckets = { key: string; count: number }[];
/** Buckets as { key: count } without the empty ones. */
const counts = (b: Buckets | undefined) => Object.fromEntries((b ?? []).filter((x) => x.count > 0).map((x) => [x.key, x.count]));
const sum = (b: Buckets | undefined) => (b ?? []).reduce((n, x) => n + x.count, 0);
const tally = (keys: string[]) => {
  const m: Record<string, number> = {};
  for (const k of keys) m[k] = (m[k] ?? 0) + 1;
  return m;
};

async function setUp(): Promise<County> {
  const s = await county();
  app = s.app;
  return s;
}

/** The scope's school condition for direct queries. */
const inSchools = (ids: string[], col: string) => sql<SqlBool>`${sql.ref(col)} in (${sql.join(ids)})`;

/** Every breakdown counted straight from the children table, independently of the statistics code. */
async function directBreakdowns(s: County, schoolIds: string[]) {
  const db = s.app.ctx.db;
  const active = () => db.selectFrom('children as c').where(inSchools(schoolIds, 'c.school_id')).where('c.status', '=', 'active');
  const byColumn = async (col: 'left_behind_type' | 'xueji_code' | 'guardian_relation' | 'custody_quality' | 'boarding' | 'gender') =>
    Object.fromEntries(
      (
        await active()
          .select([sql<string | number | null>`${sql.ref(`c.${col}`)}`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(sql.ref(`c.${col}`))
          .execute()
      ).map((r) => [r.k === null ? 'unknown' : String(r.k), Number(r.n)]),
    );
  const count = async (where: (q: ReturnType<typeof active>) => ReturnType<typeof active>) =>
    Number(
      (
        await where(active())
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rows = await active().leftJoin('classes as k', 'k.id', 'c.class_id').select(['c.birth_date', 'c.narrow_base', 'k.grade']).execute();
  const total = await count((q) => q);
  // Under 16 on the day, by the row's birth date (the service compares birth dates in SQL).
  const under16 = rows.filter((r) => r.narrow_base === 1 && ageAt(r.birth_date as string, TODAY) <= 15).length;
  const keySupport = await count((q) => q.where('c.key_support', '=', 1));
  return {
    total,
    breakdowns: {
      leftBehindType: await byColumn('left_behind_type'),
      xuejiCode: await byColumn('xueji_code'),
      guardianRelation: await byColumn('guardian_relation'),
      custodyQuality: await byColumn('custody_quality'),
      boarding: await byColumn('boarding'),
      gender: await byColumn('gender'),
      narrow: counts([
        { key: 'true', count: under16 },
        { key: 'false', count: total - under16 },
      ]),
      difficulty: counts(await Promise.all(DIFFICULTY.map(async (d) => ({ key: d, count: await count((q) => q.where('c.difficulty', 'like', `%,${d},%`)) })))),
      grade: tally(rows.map((r) => (r.grade === null ? 'unknown' : String(r.grade)))),
      ageBand: tally(rows.map((r) => ageBand(r.birth_date as string, TODAY) ?? 'other')),
      keySupport: counts([
        { key: 'true', count: keySupport },
        { key: 'false', count: total - keySupport },
      ]),
      // As the workbench computes them (GET /api/compliance/risks), school by school.
      riskLevel: tally(
        (await Promise.all(schoolIds.map((schoolId) => s.app.services.compliance.risks(systemAuth(), { schoolId }, 'zh-CN')))).flat().map((r) => r.level),
      ),
    } as Record<string, Record<string, number>>,
  };
}

/** Coverage and the trend recomputed in plain code from the rows (children, links to care records, terms). */
async function directCoverage(s: County, schoolIds: string[], months: string[]) {
  const db = s.app.ctx.db;
  const children = await db
    .selectFrom('children as c')
    .select(['c.id', 'c.school_id', 'c.entered_on', 'c.status', 'c.updated_at', 'c.xueji_code'])
    .where(inSchools(schoolIds, 'c.school_id'))
    .execute();
  const links = await db.selectFrom('care_record_children').select(['child_id', 'school_id', 'kind', 'date', 'withdrawn']).execute();
  const terms = await db.selectFrom('terms').select(['school_id', 'start_date', 'end_date']).execute();
  const during = (from: string, to: string) =>
    children.filter(
      (c) => (!c.entered_on || c.entered_on <= to) && (c.status === 'active' || c.updated_at >= new Date(`${from}T00:00:00+08:00`).toISOString()),
    );
  const reachedBy = (kinds: readonly string[], since: (c: { school_id: string }) => string, to: string, pool: typeof children) =>
    pool.filter((c) =>
      // Records of the child by its own school.
      links.some(
        (l) => l.child_id === c.id && l.school_id === c.school_id && kinds.includes(l.kind) && l.withdrawn === 0 && l.date >= since(c) && l.date <= to,
      ),
    ).length;
  const calendarStart = (day: string) => (Number(day.slice(5, 7)) >= 9 ? `${day.slice(0, 4)}-09-01` : `${day.slice(0, 4)}-02-01`);
  const coverage = months.map((month) => {
    const from = `${month}-01`;
    const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
    const pool = during(from, to);
    const termStart = (c: { school_id: string }) =>
      terms
        .filter((t) => t.school_id === c.school_id && t.start_date <= to && t.end_date >= from)
        .map((t) => t.start_date)
        .sort()
        .pop() ?? calendarStart(to);
    return {
      month,
      children: pool.length,
      // Family contact is asked of, and counted among, the children with a parent away only.
      leftBehind: pool.filter((c) => c.xueji_code > 0).length,
      talk: reachedBy(['talk'], () => from, to, pool),
      familyContact: reachedBy(
        FAMILY_CONTACT_KINDS,
        () => from,
        to,
        pool.filter((c) => c.xueji_code > 0),
      ),
      homeVisitTerm: reachedBy(['home_visit'], termStart, to, pool),
    };
  });
  const trend = (from: string, to: string) => {
    const pool = during(from, to);
    return { children: pool.length, talked: reachedBy(['talk'], () => from, to, pool) };
  };
  return { coverage, trend };
}

/** Care records, held activities and incidents of the period by kind, counted directly. */
async function directWork(s: County, schoolIds: string[], from: string, to: string) {
  const db = s.app.ctx.db;
  const care = await db
    .selectFrom('care_records')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inSchools(schoolIds, 'school_id'))
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('kind')
    .execute();
  const acts = await db
    .selectFrom('activities')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inSchools(schoolIds, 'school_id'))
    .where('status', '=', 'done')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('kind')
    .execute();
  const incidents = await db.selectFrom('incidents').select(['kind', 'occurred_at']).where(inSchools(schoolIds, 'school_id')).execute();
  const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return {
    care: Object.fromEntries(care.map((r) => [r.kind, Number(r.n)])),
    activities: Object.fromEntries(acts.map((r) => [r.kind, Number(r.n)])),
    incidents: tally(incidents.filter((i) => day(i.occurred_at) >= from && day(i.occurred_at) <= to).map((i) => i.kind)),
  };
}

async function drill(c: Client, q: string) {
  const res = await c.get(`/api/stats/children?${q}&limit=200`);
  expect(res.statusCode, q).toBe(200);
  return res.json().items as { id: string; name: string }[];
}

describe('statistics', () => {
  it('shows no month to come: a term running into January ends its coverage with this month, and its briefing speaks of the last month over', async () => {
    const s = await setUp();
    const st = (await s.leader.get(`/api/stats?schoolId=${s.school.id}&from=2026-09-01&to=2027-01-22`)).json() as Stats;
    expect(st.coverage.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    // Drafted on 20 November: "the latest month" is October, whole, not the twenty days of November.
    const october = st.coverage.find((m) => m.month === '2026-10') as Stats['coverage'][number];
    const b = await s.leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-09-01..2027-01-22' });
    expect(b.statusCode, b.body).toBe(201);
    const share = october.children ? `${((october.talk / october.children) * 100).toFixed(1)}%` : '—';
    expect(b.json().sections.work).toContain(`最近一个月谈心覆盖率为 ${share}`);
  });

  it('every breakdown, coverage month, work table and term equals counts taken from the database, and parts add up to totals', async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    for (const [label, c, scope, schoolIds] of [
      ['school', s.leader, `schoolId=${s.school.id}`, [s.school.id]],
      ['region', b, `regionId=${s.county.id}`, [s.school.id, s.other.id]],
    ] as const) {
      const res = await c.get(`/api/stats?${scope}&from=2026-09-01&to=2026-11-30`);
      expect(res.statusCode, label).toBe(200);
      const st = res.json() as Stats;
      const direct = await directBreakdowns(s, [...schoolIds]);
      expect(st.totals.children, label).toBe(direct.total);
      expect(st.totals.keySupport, label).toBe(direct.breakdowns.keySupport?.true ?? 0);
      expect(st.totals.narrow, label).toBe(direct.breakdowns.narrow?.true ?? 0);
      for (const [dim, buckets] of Object.entries(st.breakdowns)) {
        expect(counts(buckets), `${label} ${dim}`).toEqual(direct.breakdowns[dim]);
        // 困境 categories are multi-valued; every other breakdown divides the children.
        if (dim !== 'difficulty') expect(sum(buckets), `${label} ${dim} total`).toBe(st.totals.children);
      }
      expect(Object.keys(st.breakdowns).sort()).toEqual(Object.keys(direct.breakdowns).sort());
      // Custody quality is a real split here (three values and unknown), not one bucket.
      expect(Object.keys(counts(st.breakdowns.custodyQuality)).length, label).toBeGreaterThanOrEqual(3);

      const { coverage, trend } = await directCoverage(s, [...schoolIds], ['2026-09', '2026-10', '2026-11']);
      expect(st.coverage, label).toEqual(coverage);
      for (const m of st.coverage) for (const k of ['talk', 'familyContact', 'homeVisitTerm'] as const) expect(m[k]).toBeLessThanOrEqual(m.children);
      expect(st.trend.length, label).toBeGreaterThan(0);
      for (const x of st.trend) {
        expect({ children: x.children, talked: x.talked }, `${label} ${x.label}`).toEqual(trend(x.from, x.to));
        expect(x.talkCoverage).toBeCloseTo(x.talked / x.children, 3);
      }

      const work = await directWork(s, [...schoolIds], st.from, st.to);
      expect(counts(st.work.care), label).toEqual(work.care);
      expect(counts(st.work.activities), label).toEqual(work.activities);
      expect(counts(st.work.incidents), label).toEqual(work.incidents);

      if (label === 'region') {
        expect(st.schools.map((x) => x.schoolId).sort()).toEqual([...schoolIds].sort());
        expect(st.schools.reduce((n, x) => n + x.children, 0)).toBe(st.totals.children);
        expect(st.schools.reduce((n, x) => n + x.pupils, 0)).toBe(st.totals.pupils);
        expect(st.schools.reduce((n, x) => n + x.keySupport, 0)).toBe(st.totals.keySupport);
        expect(st.totals.schools).toBe(2);
      }
    }
  });

  it("keeps each school's figures until that school's data changes, and always equals a fresh count", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const figures = s.app.services.stats.figures;
    const url = `/api/stats?regionId=${s.county.id}&from=2026-09-01&to=2026-11-30`;
    const read = async () => {
      const res = await b.get(url);
      expect(res.statusCode).toBe(200);
      const { coverage, trend, work, totals, breakdowns, schools } = res.json() as Stats;
      return { coverage, trend, work: work.care, totals, breakdowns, schools };
    };
    /** The figures as the dashboard shows them, then counted afresh with nothing kept: the same. */
    const check = async (label: string, recomputed: number) => {
      const misses = figures.misses;
      const shown = await read();
      expect(figures.misses - misses, `${label}: school figures recomputed`).toBe(recomputed);
      figures.clear();
      expect(shown, label).toEqual(await read());
      return shown;
    };
    const m0 = figures.misses;
    const first = await read();
    // Per school: three months of coverage, each term of the trend, the records by kind, the
    // children by breakdown, the children talked with this month (the table of schools).
    const perSchool = 3 + first.trend.length + 3;
    expect(figures.misses - m0, 'first: every figure of both schools').toBe(2 * perSchool);
    // Unchanged: every school's figures from the cache.
    expect(await check('again', 0)).toEqual(first);
    // A talk in this school: its figures are counted again, the other school's are kept.
    const kid = s.kids[0] as { id: string };
    expect((await s.leader.post('/api/care-records', { kind: 'talk', childIds: [kid.id], date: '2026-09-15', summary: '谈心', details: {} })).statusCode).toBe(
      201,
    );
    await read();
    const misses = figures.misses;
    const shown = await read();
    expect(figures.misses - misses).toBe(0);
    expect(shown.coverage.find((m) => m.month === '2026-09')?.talk).toBe((first.coverage.find((m) => m.month === '2026-09')?.talk ?? 0) + 1);
    figures.clear();
    expect(shown).toEqual(await read());
    // A child leaves, a term moves, a record is withdrawn: each time only that school, and the figures follow.
    // (Moving the term also moves the region's term in the trend: the other school counts that new period once.)
    for (const [label, write, recomputed] of [
      [
        'child left',
        () => s.app.ctx.db.updateTable('children').set({ status: 'left', updated_at: '2026-09-20T08:00:00.000Z' }).where('id', '=', kid.id).execute(),
        perSchool,
      ],
      ['term moved', () => s.app.ctx.db.updateTable('terms').set({ start_date: '2026-09-01' }).where('school_id', '=', s.school.id).execute(), perSchool + 1],
      [
        'record withdrawn',
        () =>
          s.app.ctx.db
            .updateTable('care_record_children')
            .set({ withdrawn: 1 })
            .where('school_id', '=', s.school.id)
            .where('date', '=', '2026-10-20')
            .execute(),
        perSchool,
      ],
    ] as const) {
      await read();
      const before = await read();
      await write();
      const after = await check(label, recomputed);
      expect(after, `${label} changes the figures`).not.toEqual(before);
    }
  });

  it("pre-warms the dashboards' default figures of every school and region: the first dashboards of the day are read, not counted", async () => {
    const s = await setUp();
    const figures = s.app.services.stats.figures;
    const warmed = await s.app.services.stats.prewarm();
    expect(warmed.schools).toBeGreaterThanOrEqual(2);
    // The defaults: a region from the calendar term, the school from its own term (7 September), both up to today.
    for (const [c, url] of [
      [await s.app.as(s.bureau.username), `/api/stats?regionId=${s.county.id}&from=2026-09-01&to=${TODAY}`],
      [s.leader, `/api/stats?schoolId=${s.school.id}&from=2026-09-07&to=${TODAY}`],
    ] as const) {
      const misses = figures.misses;
      expect((await c.get(url)).statusCode).toBe(200);
      expect(figures.misses - misses, url).toBe(0);
    }
  });

  it('without a period reads the current term so far, as the dashboard shows by default: the school its own term, a region the calendar term', async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const period = async (c: Client, q: string) => {
      const res = await c.get(`/api/stats?${q}`);
      expect(res.statusCode, q).toBe(200);
      const st = res.json() as Stats;
      return [st.from, st.to];
    };
    // The school's term began on 7 September; the calendar's autumn term on 1 September.
    expect(await period(s.leader, `schoolId=${s.school.id}`)).toEqual(['2026-09-07', TODAY]);
    expect(await period(b, `regionId=${s.county.id}`)).toEqual(['2026-09-01', TODAY]);
    expect(await period(b, `schoolId=${s.other.id}`)).toEqual(['2026-09-01', TODAY]);
    // The export without a period counts the same days.
    const wb = await readXlsx((await s.leader.get(`/api/stats/export.xlsx?schoolId=${s.school.id}&table=totals`)).rawPayload);
    expect(wb.worksheets[0]?.getCell('A1').value).toBe(`${s.school.name} · 2026-09-07 — ${TODAY}`);
    // A term that has ended is not the current one: the calendar decides.
    await s.app.ctx.db.updateTable('terms').set({ end_date: '2026-11-01' }).execute();
    expect(await period(s.leader, `schoolId=${s.school.id}`)).toEqual(['2026-09-01', TODAY]);
  });

  it('counts a term from the school terms table: a home visit before the term began is not "this term"', async () => {
    const s = await setUp();
    const st = (await s.leader.get(`/api/stats?schoolId=${s.school.id}&from=2026-09-01&to=2026-11-30`)).json() as Stats;
    const month = (m: string) => st.coverage.find((x) => x.month === m);
    // The visit of 3 September falls before the term of 7 September (the calendar would count it).
    expect(month('2026-09')).toMatchObject({ children: 6, homeVisitTerm: 0 });
    expect(month('2026-10')).toMatchObject({ children: 6, leftBehind: 6, talk: 1, familyContact: 1, homeVisitTerm: 1 });
    expect(month('2026-11')).toMatchObject({ children: 5, talk: 3, homeVisitTerm: 1 });
    // Without the school's term the calendar decides: both visits count.
    await s.app.ctx.db.deleteFrom('terms').execute();
    const cal = (await s.leader.get(`/api/stats?schoolId=${s.school.id}&from=2026-09-01&to=2026-11-30`)).json() as Stats;
    expect(cal.coverage.find((x) => x.month === '2026-10')?.homeVisitTerm).toBe(2);
  });

  it('counts family contact among the children with a parent away only, as the care rules ask it, in the bar and its drill-down', async () => {
    const s = await setUp();
    // 周子涵 is in the archive as a child in difficulty living with both parents (学籍 code 0); she called her mother in town.
    await s.app.ctx.db
      .updateTable('children')
      .set({ father_status: 'home', mother_status: 'home', xueji_code: 0, left_behind_type: 'none' })
      .where('id', '=', s.unclassed.id)
      .execute();
    await s.leader.post('/api/care-records', {
      kind: 'family_call',
      childIds: [s.unclassed.id],
      date: '2026-10-06',
      summary: '给在县城上班的妈妈打电话',
      details: {},
    });
    const st = (await s.leader.get(`/api/stats?schoolId=${s.school.id}&from=2026-10-01&to=2026-10-31`)).json() as Stats;
    expect(st.coverage).toEqual([{ month: '2026-10', children: 6, leftBehind: 5, talk: 1, familyContact: 1, homeVisitTerm: 1 }]);
    const q = `schoolId=${s.school.id}&from=2026-10-01&to=2026-10-31&measure=familyContact`;
    expect((await drill(s.leader, `${q}&covered=false`)).map((x) => x.name)).not.toContain('周子涵');
    expect(await drill(s.leader, q)).toHaveLength(5);
    // Talks are asked of every child in the archive, her too.
    expect((await drill(s.leader, `schoolId=${s.school.id}&from=2026-10-01&to=2026-10-31&measure=talk&covered=false`)).map((x) => x.name)).toContain('周子涵');
  });

  it('each coverage bar and each term of the trend drills down to exactly the children it counts, covered and not', async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    for (const [c, scope] of [
      [s.leader, `schoolId=${s.school.id}`],
      [b, `regionId=${s.county.id}`],
    ] as const) {
      const st = (await c.get(`/api/stats?${scope}&from=2026-09-01&to=2026-11-30`)).json() as Stats;
      for (const m of st.coverage) {
        const from = `${m.month}-01`;
        const to = new Date(Date.UTC(Number(m.month.slice(0, 4)), Number(m.month.slice(5)), 0)).toISOString().slice(0, 10);
        for (const measure of ['talk', 'familyContact', 'homeVisitTerm'] as const) {
          const q = `${scope}&from=${from}&to=${to}&measure=${measure}`;
          const yes = await drill(c, `${q}&covered=true`);
          const no = await drill(c, `${q}&covered=false`);
          const all = await drill(c, q);
          expect(yes.length, `${q} covered`).toBe(m[measure]);
          const asked = measure === 'familyContact' ? m.leftBehind : m.children;
          expect(no.length, `${q} not covered`).toBe(asked - m[measure]);
          expect(all.length, q).toBe(asked);
          expect(new Set([...yes, ...no].map((x) => x.id))).toEqual(new Set(all.map((x) => x.id)));
        }
      }
      for (const x of st.trend) {
        const q = `${scope}&from=${x.from}&to=${x.to}&measure=talk`;
        expect((await drill(c, `${q}&covered=true`)).length).toBe(x.talked);
        expect((await drill(c, q)).length).toBe(x.children);
      }
    }
    // November's talks: the three children talked with, and the two not.
    const q = `schoolId=${s.school.id}&from=2026-11-01&to=2026-11-30&measure=talk`;
    expect((await drill(s.leader, `${q}&covered=true`)).map((x) => x.name).sort()).toEqual(['李明', '王芳', '陈小雨']);
    expect((await drill(s.leader, `${q}&covered=false`)).map((x) => x.name).sort()).toEqual(['周子涵', '赵强']);
    // The region's drill reaches the other school's child; the school's does not.
    expect((await drill(b, `regionId=${s.county.id}&from=2026-11-01&to=2026-11-30&measure=talk&covered=false`)).map((x) => x.name)).toContain('外校儿童');
  });

  it("GET /api/stats with termId counts the term of a school in scope; another school's term is not found", async () => {
    const s = await setUp();
    const res = await s.leader.get(`/api/stats?schoolId=${s.school.id}&termId=${s.term.id}`);
    expect(res.statusCode).toBe(200);
    const st = res.json() as Stats;
    expect([st.from, st.to]).toEqual(['2026-09-07', '2027-01-20']);
    // The term runs to January; its coverage ends with this month (20 November), with no empty months to come.
    expect(st.coverage.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const b = await s.app.as(s.bureau.username);
    expect((await b.get(`/api/stats?regionId=${s.county.id}&termId=${s.term.id}`)).json().from).toBe('2026-09-07');
    const o = await s.app.as(s.otherLeader.username);
    expect((await o.get(`/api/stats?schoolId=${s.other.id}&termId=${s.term.id}`)).statusCode).toBe(404);
  });

  it('scopes: leaders read their school only, counsellors and the moral-education office read it too, class teachers and mentors do not, the bureau only its region', async () => {
    const s = await setUp();
    const stats = (q: string) => [`/api/stats?${q}`, `/api/stats/export.xlsx?${q}`, `/api/stats/children?${q}&from=2026-11-01&to=2026-11-30&measure=talk`];
    for (const url of stats(`schoolId=${s.other.id}`)) expect((await s.leader.get(url)).statusCode, url).toBe(404);
    for (const url of stats(`regionId=${s.county.id}`)) expect((await s.leader.get(url)).statusCode, url).toBe(404);
    for (const role of ['counsellor', 'moral_education'] as const) {
      const c = await s.app.as((await buildUser(s.app, role, s.school.id)).username);
      for (const url of stats(`schoolId=${s.school.id}`)) expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(200);
      for (const url of stats(`schoolId=${s.other.id}`)) expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(404);
    }
    for (const c of [await s.app.as(s.teacher.username), await s.app.as((await buildUser(s.app, 'mentor', s.school.id)).username)])
      for (const url of stats(`schoolId=${s.school.id}`)) expect((await c.get(url)).statusCode, url).toBe(404);
    // A bureau officer of another county reads neither the county nor its schools.
    const elsewhere = await buildRegion(s.app, { level: 'county' });
    const stranger = await s.app.as((await buildUser(s.app, 'bureau_officer', elsewhere.id)).username);
    for (const url of [...stats(`regionId=${s.county.id}`), ...stats(`schoolId=${s.school.id}`)]) expect((await stranger.get(url)).statusCode, url).toBe(404);
    const b = await s.app.as(s.bureau.username);
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json() as Stats;
    expect(st.totals.children).toBe(6);
    expect(st.schools.every((x) => x.roster === 'none')).toBe(true);
    expect((await b.get('/api/stats')).statusCode).toBe(422);
    // Incidents are counted, never listed.
    expect(st.work.incidents).toEqual([{ key: 'bullying', count: 1 }]);
    expect(JSON.stringify(st)).not.toContain('赵强');
  });

  it("counts a child whose archive closed in the small hours of a month's first day (Beijing time) in that month, in the bar and its drill-down", async () => {
    const s = await setUp();
    const q = `schoolId=${s.school.id}&from=2026-11-01&to=2026-11-30`;
    const before = ((await s.leader.get(`/api/stats?${q}`)).json() as Stats).coverage[0]?.children;
    // 赵强 left at 04:00 on 1 November in Beijing (20:00 UTC on 31 October): he was in the archive that day.
    // 王芳 left at 23:00 on 31 October in Beijing (15:00 UTC): not in November.
    const [wangFang, zhaoQiang] = [s.kids[2]?.id ?? '', s.kids[3]?.id ?? ''];
    await s.app.ctx.db.updateTable('children').set({ status: 'left', updated_at: '2026-10-31T20:00:00.000Z' }).where('id', '=', zhaoQiang).execute();
    await s.app.ctx.db.updateTable('children').set({ status: 'left', updated_at: '2026-10-31T15:00:00.000Z' }).where('id', '=', wangFang).execute();
    s.app.services.stats.figures.clear();
    const st = (await s.leader.get(`/api/stats?${q}`)).json() as Stats;
    expect(st.coverage[0]?.children).toBe((before ?? 0) - 1);
    const names = (await drill(s.leader, `${q}&measure=talk`)).map((x) => x.name);
    expect(names).toContain('赵强');
    expect(names).not.toContain('王芳');
  });

  it('tells a school that never entered an archive from one whose archives are all closed (parents back, child gone): only the first is 尚未建档', async () => {
    const s = await setUp();
    const idle = await buildSchool(s.app, { regionId: s.county.id, name: '尚无档案小学' });
    const closed = await buildSchool(s.app, { regionId: s.county.id, name: '父母已返乡小学' });
    const child = await buildChild(s.app, { schoolId: closed.id });
    await s.app.ctx.db.updateTable('children').set({ status: 'returned' }).where('id', '=', child.id).execute();
    const b = await s.app.as(s.bureau.username);
    const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json() as Stats;
    const row = (id: string) => st.schools.find((x) => x.schoolId === id);
    expect([row(idle.id)?.children, row(closed.id)?.children]).toEqual([0, 0]);
    expect([row(idle.id)?.hasArchives, row(closed.id)?.hasArchives, row(s.school.id)?.hasArchives]).toEqual([false, true, true]);
  });

  it("gives each school's items still in progress beside its rate, as the compliance report counts them for the same period; the total row the report's overall", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    for (const [from, to] of [
      ['2026-11-01', '2026-11-30'],
      ['2026-09-01', '2026-11-30'],
    ] as const) {
      const st = (await b.get(`/api/stats?regionId=${s.county.id}&from=${from}&to=${to}`)).json() as Stats;
      const report = (await b.get(`/api/compliance?regionId=${s.county.id}&period=${from}..${to}&view=schools`)).json() as {
        overall: { due: number; rate: number | null };
        bySchool: { id: string; due: number; rate: number | null }[];
      };
      const bySchool = new Map(report.bySchool.map((x) => [x.id, x]));
      // A school with no items in the period (none in the report) has none in progress and no rate.
      expect(
        st.schools.map((x) => [x.name, x.complianceRate, x.complianceDue]),
        `${from}..${to}`,
      ).toEqual(st.schools.map((x) => [x.name, bySchool.get(x.schoolId)?.rate ?? null, bySchool.get(x.schoolId)?.due ?? 0]));
      expect(st.schoolsTotal?.complianceDue, `${from}..${to}`).toBe(report.overall.due);
      expect(st.schoolsTotal?.complianceDue).toBe(st.schools.reduce((n, x) => n + x.complianceDue, 0));
    }
    // November's talks are still open on the 20th for the children not talked with yet: items in progress at both schools.
    const nov = (await b.get(`/api/stats?regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`)).json() as Stats;
    expect(nov.schools.map((x) => x.complianceDue > 0)).toEqual([true, true]);
  });

  it('drill-downs of the care and activity bars keep the region', async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const township = await buildRegion(s.app, { parentId: s.county.id, level: 'township' });
    const records = (await b.get(`/api/care-records?regionId=${s.county.id}&from=2026-09-01&to=2026-11-30&limit=200`)).json().items;
    expect(records.length).toBe(7);
    expect((await b.get(`/api/care-records?regionId=${township.id}&limit=200`)).json().items).toEqual([]);
    expect((await b.get(`/api/activities?regionId=${township.id}&limit=200`)).json().items).toEqual([]);
  });
});

describe('statistics export', () => {
  it('exports every dashboard table, each with totals equal to the dashboard, and one table alone; audits it', async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const q = `regionId=${s.county.id}&from=2026-09-01&to=2026-11-30`;
    const st = (await b.get(`/api/stats?${q}`)).json() as Stats;
    const res = await b.get(`/api/stats/export.xlsx?${q}`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总体',
      '儿童构成',
      '每月关爱覆盖',
      '各学期变化',
      '关爱制度落实',
      '关爱工作',
      '活动开展',
      '安全事件',
      '各校情况',
    ]);
    const rows = (name: string) => (wb.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).slice(2) as unknown[][];
    const breakdown = rows('儿童构成');
    expect(breakdown.find((r) => r[1] === '性别' && r[2] === '合计')?.[3]).toBe(st.totals.children);
    expect(breakdown.find((r) => r[1] === '监护情况' && r[2] === '合计')?.[3]).toBe(st.totals.children);
    expect(rows('每月关爱覆盖').map((r) => r.slice(1))).toEqual(
      st.coverage.map((c) => [c.month, c.children, c.leftBehind, c.talk, c.familyContact, c.homeVisitTerm]),
    );
    expect(rows('各学期变化').map((r) => [r[1], r[4], r[5]])).toEqual(st.trend.map((x) => ['2026-2027 第一学期（秋季）', x.children, x.talked]));
    const care = rows('关爱工作');
    expect(care.find((r) => r[1] === '谈心')?.[2]).toBe(st.work.care.find((x) => x.key === 'talk')?.count);
    expect(care.find((r) => r[1] === '合计')?.[2]).toBe(sum(st.work.care));
    expect(rows('安全事件')).toEqual([
      [undefined, '欺凌', 1],
      [undefined, '合计', 1],
    ]);
    expect(rows('各校情况').find((r) => r[1] === '合计')?.[2]).toBe(st.totals.children);

    const trendOnly = await b.get(`/api/stats/export.xlsx?${q}&table=trend`);
    expect(decodeURIComponent(String(trendOnly.headers['content-disposition']))).toContain('-各学期变化-2026-09-01-2026-11-30.xlsx');
    const one = await readXlsx(trendOnly.rawPayload);
    expect(one.worksheets.map((w) => w.name)).toEqual(['各学期变化']);
    const gender = await readXlsx((await b.get(`/api/stats/export.xlsx?${q}&table=gender`)).rawPayload);
    expect(gender.worksheets.map((w) => w.name)).toEqual(['性别']);
    expect((await b.get(`/api/stats/export.xlsx?${q}&table=nope`)).statusCode).toBe(400);
    const audit = await s.app.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'stats.export').execute();
    expect(audit).toHaveLength(3);
  });

  it("fills the schools' total row with the overall share, talk coverage and rate, computed from the totals, in both languages", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const q = `regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`;
    const st = (await b.get(`/api/stats?${q}`)).json() as Stats;
    const total = (k: 'children' | 'pupils') => st.schools.reduce((n, x) => n + x[k], 0);
    const talked = st.schools.reduce((n, x) => n + Math.round((x.talkCoverage ?? 0) * x.children), 0);
    // Shares and rates as the API rounds them (0.08 is 8.0%), in per-cent cells.
    const pct = (v: number) => Math.round(v * 1000) / 1000;
    // 6 children of 75 pupils (school B's pupils are unknown); 3 of 6 talked with in November.
    const expected = [pct(total('children') / total('pupils')), pct(talked / total('children')), pct(st.compliance.overall.rate ?? Number.NaN)];
    expect(expected.slice(0, 2)).toEqual([0.08, 0.5]);
    // Not an average of the schools' rows.
    expect(expected[1]).not.toBe(pct(st.schools.reduce((n, x) => n + (x.talkCoverage ?? 0), 0) / st.schools.length));
    for (const [lang, sheet, label] of [
      ['zh-CN', '各校情况', '合计'],
      ['en-US', 'Schools', 'Total'],
    ] as const) {
      const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?${q}&table=schools`, { 'accept-language': lang })).rawPayload);
      const rows = (wb.getWorksheet(sheet)?.getSheetValues() ?? []).filter(Boolean).slice(2) as unknown[][];
      const row = rows.find((r) => r[1] === label);
      // Columns: school, children, pupils, share %, key support, high risk, talk %, rate %.
      expect([row?.[4], row?.[7], row?.[8]], lang).toEqual(expected);
      // Formatted like the schools' rows: the fraction in a cell formatted as per cent with one decimal.
      expect(rows.find((r) => r[1] === s.school.name)?.[4]).toBe(pct(st.schools.find((x) => x.schoolId === s.school.id)?.share ?? Number.NaN));
      const ws = wb.getWorksheet(sheet);
      const at = rows.findIndex((r) => r[1] === label) + 3;
      expect([4, 7, 8].map((c) => ws?.getRow(at).getCell(c).numFmt)).toEqual(['0.0%', '0.0%', '0.0%']);
    }
  });

  it("closes the compliance sheet with a total row: the rules' summed counts and the rate of them all, as the compliance report gives it", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const q = `regionId=${s.county.id}&from=2026-09-01&to=2026-11-30`;
    const st = (await b.get(`/api/stats?${q}`)).json() as Stats;
    const o = st.compliance.overall;
    const byRule = st.compliance.byRule;
    const summed = (k: 'done' | 'overdue' | 'due' | 'excused') => byRule.reduce((n, r) => n + r[k], 0);
    expect([summed('done'), summed('overdue'), summed('due'), summed('excused')]).toEqual([o.done, o.overdue, o.due, o.excused]);
    expect(o.overdue).toBeGreaterThan(0);
    // The rate of the whole (the compliance report's overall), not an average of the rules' rates.
    const report = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-09-01..2026-11-30&view=schools`)).json();
    expect(o).toEqual(report.overall);
    const pct = (v: number | null) => (v === null ? undefined : v);
    for (const [lang, sheet, label] of [
      ['zh-CN', '关爱制度落实', '合计'],
      ['en-US', 'Care policy', 'Total'],
    ] as const) {
      const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?${q}&table=compliance`, { 'accept-language': lang })).rawPayload);
      const rows = (wb.getWorksheet(sheet)?.getSheetValues() ?? []).filter(Boolean).slice(2) as unknown[][];
      // Columns: rule, done, overdue, due, excused, rate %; the total row last, after every rule.
      expect(
        rows.map((r) => r[1] === label),
        lang,
      ).toEqual([...byRule.map(() => false), true]);
      expect(rows.at(-1), lang).toEqual([undefined, label, o.done, o.overdue, o.due, o.excused, pct(o.rate)]);
    }
    // A reader without compliance rates (a counsellor) gets no total of nothing.
    const counsellor = await s.app.as((await buildUser(s.app, 'counsellor', s.school.id)).username);
    const wb = await readXlsx((await counsellor.get(`/api/stats/export.xlsx?schoolId=${s.school.id}&table=compliance`)).rawPayload);
    expect((wb.getWorksheet('关爱制度落实')?.getSheetValues() ?? []).filter(Boolean)).toHaveLength(2);
  });

  it("counts 末月谈心覆盖率 over a whole month, not the period's last day: the last one over while the period runs, this month so far only while none is, on the page and in the Excel", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    // Talks spread through November (today is the 20th): three children on the 10th, one on the 2nd, school B's on the 19th.
    const talk = async (c: Client, childId: string, date: string) =>
      expect((await c.post('/api/care-records', { kind: 'talk', childIds: [childId], date, summary: '谈心', details: {} })).statusCode).toBe(201);
    await talk(s.leader, (s.kids[3] as { id: string }).id, '2026-11-02');
    await talk(await s.app.as(s.otherLeader.username), s.outside.id, '2026-11-19');
    const figures = async (period: string) => {
      const q = `regionId=${s.county.id}${period ? `&${period}` : ''}`;
      const st = (await b.get(`/api/stats?${q}`)).json() as Stats;
      // The Excel's column is the same figure, its heading naming the month.
      const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?${q}&table=schools`)).rawPayload);
      const rows = (wb.getWorksheet('各校情况')?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
      expect(
        rows
          .slice(2)
          .map((r) => r[7])
          .sort(),
        period,
      ).toEqual([...st.schools.map((x) => x.talkCoverage), st.schoolsTotal?.talkCoverage].sort());
      return { total: st.schoolsTotal?.talkCoverage, rows: st.schools.map((x) => [x.children, x.talkCoverage]).sort(), heading: rows[1]?.[7] };
    };
    // November has not ended: a period running into it counts October, whole, however it ends — of the
    // children on the roll (the rate's denominator) none was talked with in October: the talk with the
    // pupil who has left since counts for nobody on the roll, in no school's row.
    const october = {
      total: 0,
      rows: [
        [1, 0],
        [5, 0],
      ],
      heading: '谈心覆盖率（10月）',
    };
    for (const period of [
      'from=2026-09-01&to=2026-11-01',
      'from=2026-09-01&to=2026-11-30',
      'from=2026-09-01&to=2027-01-31',
      '',
      'from=2026-09-01&to=2026-10-01',
    ])
      expect(await figures(period), period).toEqual(october);
    // A period of November alone has no month over: November so far, 5 of the 6 active children.
    expect(await figures('from=2026-11-01&to=2026-11-20')).toEqual({
      total: 0.833,
      rows: [
        [1, 1],
        [5, 0.8],
      ],
      heading: '谈心覆盖率（11月）',
    });
  });

  it("gives the schools' total row in GET /api/stats as well, the same as the Excel's; a school's figures have none", async () => {
    const s = await setUp();
    const b = await s.app.as(s.bureau.username);
    const q = `regionId=${s.county.id}&from=2026-11-01&to=2026-11-30`;
    const st = (await b.get(`/api/stats?${q}`)).json() as Stats;
    // 6 children of 75 pupils, 3 of them talked with in November; the rate of the whole region.
    expect(st.schoolsTotal).toEqual({
      children: 6,
      pupils: 75,
      share: 0.08,
      keySupport: st.schools.reduce((n, x) => n + x.keySupport, 0),
      highRisk: st.schools.reduce((n, x) => n + x.highRisk, 0),
      talkCoverage: 0.5,
      complianceRate: st.compliance.overall.rate,
      complianceDue: st.compliance.overall.due,
    });
    const wb = await readXlsx((await b.get(`/api/stats/export.xlsx?${q}&table=schools`)).rawPayload);
    const row = ((wb.getWorksheet('各校情况')?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).find((r) => r[1] === '合计');
    const t = st.schoolsTotal;
    const pct = (v: number | null | undefined) => v ?? '';
    expect(row?.slice(2, 9)).toEqual([t?.children, t?.pupils, pct(t?.share), t?.keySupport, t?.highRisk, pct(t?.talkCoverage), pct(t?.complianceRate)]);
    expect(((await s.leader.get(`/api/stats?schoolId=${s.school.id}`)).json() as Stats).schoolsTotal).toBeNull();
  });
});

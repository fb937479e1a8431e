import { afterEach, describe, expect, it } from 'vitest';
import { buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

// A school's terms cut the care rules' windows: two terms over the same days gave the mentor every
// December to-do twice, and a term outside its school year puts the year's windows where they are not.

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const first = { academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' };

/** A school with its staff in the test's app (built on first use). */
async function setUp() {
  app ??= await buildTestApp();
  const s = await buildSchoolWithStaff(app);
  const leader = await app.as(s.leader.username);
  const add = (c: Client, body: Record<string, unknown>, lang = 'zh-CN') =>
    c.post('/api/terms', { schoolId: s.school.id, ...body }, { 'accept-language': lang });
  return { ...s, app, leader, add };
}

const termCount = async (schoolId: string) =>
  Number(
    (
      await (app as TestApp).ctx.db
        .selectFrom('terms')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', schoolId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('terms of a school', () => {
  it('refuses a term that overlaps another of the school, naming that term and its dates', async () => {
    const s = await setUp();
    expect((await s.add(s.leader, first)).statusCode).toBe(201);
    // 第二学期 from 10 January while 第一学期 runs to 20 January.
    const res = await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-01-10', endDate: '2027-07-10' });
    expect(res.statusCode).toBe(422);
    const overlap = '日期与2026-2027 第一学期（秋季）重叠，该学期为 2026-09-01 至 2027-01-20；同一学校的学期不能重叠';
    expect(res.json()).toMatchObject({ error: 'term_overlap', message: expect.stringContaining(overlap) });
    expect(res.json().fields).toEqual([{ path: 'startDate', message: overlap }]);
    // In English too.
    const en = await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-01-10', endDate: '2027-07-10' }, 'en-US');
    expect(en.json().fields).toEqual([
      {
        path: 'startDate',
        message: "The dates overlap 2026-2027 First semester (autumn), which runs from 2026-09-01 to 2027-01-20; a school's terms cannot overlap",
      },
    ]);
    expect(en.json().message).not.toMatch(/[\u4e00-\u9fa5]/);
    expect(await termCount(s.school.id)).toBe(1);
    // The day after the first ends is free; another school's terms are its own business.
    expect((await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-01-21', endDate: '2027-07-10' })).statusCode).toBe(201);
    const other = await buildSchoolWithStaff(s.app);
    const otherLeader = await s.app.as(other.leader.username);
    expect((await otherLeader.post('/api/terms', { schoolId: other.school.id, ...first })).statusCode).toBe(201);
  });

  it('names the end date of a term that ends inside another, or holds another inside it', async () => {
    const s = await setUp();
    expect((await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' })).statusCode).toBe(201);
    for (const endDate of ['2027-03-01', '2027-07-31']) {
      const res = await s.add(s.leader, { ...first, endDate });
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([
        { path: 'endDate', message: expect.stringContaining('2026-2027 第二学期（春季）重叠，该学期为 2027-02-20 至 2027-07-10') },
      ]);
    }
  });

  it('refuses a change of dates that would overlap another term, but not the term itself', async () => {
    const s = await setUp();
    const one = (await s.add(s.leader, first)).json();
    const two = (await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-07-10' })).json();
    const res = await s.leader.patch(`/api/terms/${two.id}`, { startDate: '2027-01-15', version: two.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().fields).toEqual([{ path: 'startDate', message: expect.stringContaining('2026-2027 第一学期（秋季）') }]);
    const shifted = await s.leader.patch(`/api/terms/${one.id}`, { startDate: '2026-08-31', endDate: '2027-01-22', version: one.version });
    expect(shifted.statusCode).toBe(200);
    expect((await s.leader.get(`/api/terms?schoolId=${s.school.id}`)).json().items.map((t: { startDate: string }) => t.startDate)).toEqual([
      '2027-02-20',
      '2026-08-31',
    ]);
  });

  it('keeps a term inside its school year: 1 August to 31 August of the next year', async () => {
    const s = await setUp();
    // "2026-2027 第二学期" dated in the spring of 2026.
    const spring = await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2026-03-01', endDate: '2026-07-05' });
    expect(spring.statusCode).toBe(422);
    expect(spring.json().error).toBe('term_outside_year');
    expect(spring.json().fields).toEqual([
      { path: 'startDate', message: '2026-2027学年的学期应在 2026-08-01 至 2027-08-31 之间' },
      { path: 'endDate', message: '2026-2027学年的学期应在 2026-08-01 至 2027-08-31 之间' },
    ]);
    // "2026-2027 第一学期" dated in 2030.
    const late = await s.add(s.leader, { academicYear: '2026-2027', semester: 1, startDate: '2030-03-01', endDate: '2030-03-01' }, 'en-US');
    expect(late.statusCode).toBe(422);
    expect(late.json().fields.map((f: { path: string }) => f.path)).toEqual(['startDate', 'endDate']);
    expect(late.json().fields[0].message).toBe('A term of the 2026-2027 school year must lie between 2026-08-01 and 2027-08-31');
    // Only the end out of the year: named on the end.
    const long = await s.add(s.leader, { ...first, endDate: '2027-09-01' });
    expect(long.json().fields).toEqual([{ path: 'endDate', message: expect.stringContaining('2027-08-31') }]);
    // The edges themselves are inside.
    expect((await s.add(s.leader, { ...first, startDate: '2026-08-01', endDate: '2027-01-20' })).statusCode).toBe(201);
    const edge = await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-02-20', endDate: '2027-08-31' });
    expect(edge.statusCode).toBe(201);
    // A change of the year alone is checked against the dates it keeps.
    const moved = await s.leader.patch(`/api/terms/${edge.json().id}`, { academicYear: '2027-2028', version: 1 });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().fields[0]).toEqual({ path: 'startDate', message: '2027-2028学年的学期应在 2027-08-01 至 2028-08-31 之间' });
    expect(await termCount(s.school.id)).toBe(2);
  });

  it('starts the first semester of a year before its second', async () => {
    const s = await setUp();
    expect((await s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2026-09-01', endDate: '2027-01-20' })).statusCode).toBe(201);
    const res = await s.add(s.leader, { academicYear: '2026-2027', semester: 1, startDate: '2027-02-20', endDate: '2027-07-10' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'term_semester_order' });
    expect(res.json().fields).toEqual([{ path: 'startDate', message: '第一学期应在第二学期（2026-09-01 至 2027-01-20）之前开始' }]);
    const en = await s.add(s.leader, { academicYear: '2026-2027', semester: 1, startDate: '2027-02-20', endDate: '2027-07-10' }, 'en-US');
    expect(en.json().fields[0].message).toBe('Semester 1 must start before semester 2 (2026-09-01 to 2027-01-20)');
    // And the other way round, at another school.
    const t = await setUp();
    expect((await t.add(t.leader, { academicYear: '2026-2027', semester: 1, startDate: '2027-02-20', endDate: '2027-07-10' })).statusCode).toBe(201);
    const second = await t.add(t.leader, { academicYear: '2026-2027', semester: 2, startDate: '2026-09-01', endDate: '2027-01-20' });
    expect(second.json().fields).toEqual([{ path: 'startDate', message: '第二学期应在第一学期（2027-02-20 至 2027-07-10）之后开始' }]);
  });

  it('lets only one of two overlapping terms created at the same time in', async () => {
    const s = await setUp();
    const other = duringNextTransaction(s.app, () =>
      s.add(s.leader, { academicYear: '2026-2027', semester: 2, startDate: '2027-01-10', endDate: '2027-07-10' }),
    );
    expect((await s.add(s.leader, first)).statusCode).toBe(201);
    const late = await other();
    expect(late.statusCode).toBe(422);
    expect(late.json().fields[0].path).toBe('startDate');
    expect(await termCount(s.school.id)).toBe(1);
  });
});

describe('a county’s calendar: one term for every school of the region', () => {
  it('creates the term in each school, leaves a school that has it or whose terms clash, naming why, and audits each', async () => {
    const s = await setUp();
    const a = app as TestApp;
    const [second, third] = [
      await buildSchool(a, { regionId: s.county.id, name: '河坝小学' }),
      await buildSchool(a, { regionId: s.county.id, name: '青山小学' }),
    ];
    // The first school has this term already; the second a summer term over its first days.
    expect((await s.add(s.leader, first)).statusCode).toBe(201);
    const clash = await (await a.as(s.bureau.username)).post('/api/terms', {
      schoolId: second.id,
      academicYear: '2025-2026',
      semester: 2,
      startDate: '2026-03-01',
      endDate: '2026-08-31',
    });
    expect(clash.statusCode).toBe(201);
    const bureau = await a.as(s.bureau.username);
    const res = await bureau.post('/api/terms/for-region', { regionId: s.county.id, ...first, startDate: '2026-08-31' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { created: { schoolId: string }[]; skipped: { schoolId: string; schoolName: string; reason: string }[] };
    expect(body.created.map((c) => c.schoolId)).toEqual([third.id]);
    expect(body.skipped.map((k) => k.schoolId).sort()).toEqual([s.school.id, second.id].sort());
    // Each named with the term in its way and that term's dates (not the dates asked for).
    const reason = (id: string, of = body) => of.skipped.find((k) => k.schoolId === id)?.reason;
    expect(reason(second.id)).toBe('日期与2025-2026 第二学期（春季）重叠，该学期为 2026-03-01 至 2026-08-31；同一学校的学期不能重叠');
    expect(reason(s.school.id)).toBe('学期已存在：2026-2027 第一学期（秋季），2026-09-01 至 2027-01-20');
    expect(await termCount(third.id)).toBe(1);
    expect(await termCount(second.id)).toBe(1);
    const audited = await a.ctx.db
      .selectFrom('audit_log')
      .select(['school_id'])
      .where('action', '=', 'term.create')
      .where('school_id', '=', third.id)
      .execute();
    expect(audited).toHaveLength(1);
    // Again from 1 September: the school whose summer term ended on 31 August gets it now; the others
    // have it, and nothing is written twice. In English the reasons are English.
    const again = (await bureau.post('/api/terms/for-region', { regionId: s.county.id, ...first }, { 'accept-language': 'en-US' })).json();
    expect(again.created.map((c: { schoolId: string }) => c.schoolId)).toEqual([second.id]);
    expect(again.skipped).toHaveLength(2);
    expect(await termCount(third.id)).toBe(1);
    for (const k of again.skipped as { reason: string }[]) expect(k.reason).toMatch(/^[^\u4e00-\u9fff]+$/);
    expect(reason(s.school.id, again)).toBe('Term already exists: 2026-2027 First semester (autumn), 2026-09-01 to 2027-01-20');
    // The third school has the term from the first run, from 31 August.
    expect(reason(third.id, again)).toBe('Term already exists: 2026-2027 First semester (autumn), 2026-08-31 to 2027-01-20');
  });

  it('is the bureau’s and the administrator’s: a region out of sight is 404 (a school leader’s county too), bad dates name the field', async () => {
    const s = await setUp();
    const a = app as TestApp;
    expect((await s.leader.post('/api/terms/for-region', { regionId: s.county.id, ...first })).statusCode).toBe(404);
    const far = await buildRegion(a, { level: 'county', name: '远山县' });
    const bureau = await a.as(s.bureau.username);
    expect((await bureau.post('/api/terms/for-region', { regionId: far.id, ...first })).statusCode).toBe(404);
    const bad = await bureau.post('/api/terms/for-region', { regionId: s.county.id, ...first, endDate: '2026-08-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['endDate']);
    // A date outside the school year is wrong for every school: one 422 on the field, nothing written.
    const outside = await bureau.post('/api/terms/for-region', { regionId: s.county.id, ...first, startDate: '2026-07-01' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().fields).toEqual([{ path: 'startDate', message: expect.stringContaining('2026-08-01') }]);
    expect(await termCount(s.school.id)).toBe(0);
  });
});

import { makeIdNumber, type RiskView, type Stats } from '@carebridge/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { upload, xlsx } from '../rosters/roster.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

type Level = 'high' | 'medium' | 'low';
type Levels = Record<Level, number>;
const none = (): Levels => ({ high: 0, medium: 0, low: 0 });
const levelsOf = (buckets: { key: string; count: number }[] | undefined): Levels => {
  const out = none();
  for (const b of buckets ?? []) out[b.key as Level] += b.count;
  return out;
};
const added = (a: Levels, b: Levels): Levels => ({ high: a.high + b.high, medium: a.medium + b.medium, low: a.low + b.low });

/** What the workbench shows of a school: each child's level from GET /api/compliance/risks. */
async function workbench(c: Client, schoolId: string): Promise<{ levels: Levels; high: string[]; of: Map<string, Level> }> {
  const res = await c.get(`/api/compliance/risks?schoolId=${schoolId}`);
  expect(res.statusCode).toBe(200);
  const items = res.json().items as RiskView[];
  const levels = none();
  for (const r of items) levels[r.level]++;
  return { levels, high: items.filter((r) => r.level === 'high').map((r) => r.childId), of: new Map(items.map((r) => [r.childId, r.level])) };
}

describe('the dashboards count risk levels as the workbench computes them', () => {
  it("counts each child at the workbench's level in its school, its region and the drill-down, after writes, incidents, new rules and as days pass", async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    app = await buildTestApp({ clock: () => now });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchool(app, { regionId: a.county.id });
    const bLeaderUser = await buildUser(app, 'school_leader', b.id);
    // Sessions end when weeks pass: each sign in again then.
    const signIn = async () => ({
      leader: await (app as TestApp).as(a.leader.username),
      bLeader: await (app as TestApp).as(bLeaderUser.username),
      bureau: await (app as TestApp).as(a.bureau.username),
    });
    let { leader, bLeader, bureau } = await signIn();
    expect(
      (await leader.post('/api/terms', { schoolId: a.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' }))
        .statusCode,
    ).toBe(201);
    // Unsupervised since August, never a call home nor a talk: high on the workbench.
    const lonely = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '小红', custodyQuality: 'unsupervised' });
    // Weak custody, arrived a month ago: not yet quiet for long enough — until the days pass.
    const newcomer = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '小军', custodyQuality: 'guardian_insufficient' });
    // Good custody, talked with and called lately.
    const fine = await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, name: '小兰', custodyQuality: 'good' });
    const far = await buildChild(app, { schoolId: b.id, name: '小石', custodyQuality: 'unsupervised' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).execute();
    await app.ctx.db.updateTable('children').set({ created_at: '2026-10-25T00:00:00.000Z', entered_on: '2026-10-25' }).where('id', '=', newcomer.id).execute();
    for (const kind of ['talk', 'family_call'])
      expect((await leader.post('/api/care-records', { kind, childIds: [fine.id], date: '2026-11-18', summary: '谈心' })).statusCode).toBe(201);

    /** The 预警等级 chart of the school and of the county, the 高风险 column and its total, and the drill-down: each as the workbench says. */
    const agree = async (label: string) => {
      const wa = await workbench(leader, a.school.id);
      const wb = await workbench(bLeader, b.id);
      const school = (await leader.get(`/api/stats?schoolId=${a.school.id}`)).json() as Stats;
      expect(levelsOf(school.breakdowns.riskLevel), `${label}: school`).toEqual(wa.levels);
      const region = (await bureau.get(`/api/stats?regionId=${a.county.id}`)).json() as Stats;
      expect(levelsOf(region.breakdowns.riskLevel), `${label}: region`).toEqual(added(wa.levels, wb.levels));
      expect(
        region.schools.map((x) => [x.schoolId, x.highRisk]),
        `${label}: schools table`,
      ).toEqual(
        expect.arrayContaining([
          [a.school.id, wa.levels.high],
          [b.id, wb.levels.high],
        ]),
      );
      expect(region.schoolsTotal?.highRisk, `${label}: total row`).toBe(wa.levels.high + wb.levels.high);
      for (const level of ['high', 'medium', 'low'] as const) {
        const list = await bureau.get(`/api/children?regionId=${a.county.id}&riskLevel=${level}&limit=200`);
        expect(list.statusCode).toBe(200);
        expect(list.json().items.length, `${label}: drill-down ${level}`).toBe(levelsOf(region.breakdowns.riskLevel)[level]);
      }
      return { a: wa, b: wb };
    };

    const first = await agree('demo-like data, never assessed before');
    expect(first.a.of.get(lonely.id)).toBe('high');
    expect(first.b.of.get(far.id)).toBe('high');
    expect(first.a.of.get(newcomer.id)).not.toBe('high');

    // Days pass, nothing is written: the newcomer has gone 56 days without a call home or a talk.
    now = new Date('2026-12-20T02:00:00Z');
    ({ leader, bLeader, bureau } = await signIn());
    const later = await agree('a month later');
    expect(later.a.of.get(newcomer.id)).toBe('high');
    expect(later.a.levels.high).toBe(first.a.levels.high + 1);

    // A roster import brings a child under no one's care and of serious psychological concern: high on its first day.
    const file = await xlsx([
      ['姓名', '身份证号码', '性别', '父亲外出务工', '母亲外出务工', '监护情况', '心理状况'],
      ['赵小雨', makeIdNumber('530102', '2016-05-05', 7, 'female'), '女', '是', '是', '无人监护', '重点关注'],
    ]);
    const preview = await upload(leader, { schoolId: a.school.id, classId: a.klass.id }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().summary).toMatchObject({ create: 1, error: 0 });
    expect((await leader.post(`/api/rosters/import/${preview.json().importId}/commit`, {})).json()).toEqual({ created: 1, updated: 0 });
    const imported = await agree('after a roster import');
    expect(imported.a.levels.high).toBe(later.a.levels.high + 1);

    // A call home and a talk today take the lonely child down.
    for (const kind of ['talk', 'family_call'])
      expect((await leader.post('/api/care-records', { kind, childIds: [lonely.id], date: '2026-12-20', summary: '谈心' })).statusCode).toBe(201);
    const talked = await agree('after a talk and a call home');
    expect(talked.a.of.get(lonely.id)).not.toBe('high');

    // A safety incident (not a change the statistics' caches follow by themselves) raises the child it names.
    const inc = await leader.post('/api/incidents', {
      childIds: [fine.id],
      kind: 'bullying',
      severity: 'moderate',
      occurredAt: '2026-12-19T02:00:00.000Z',
      description: '小兰在操场被高年级学生推搡',
    });
    expect(inc.statusCode).toBe(201);
    const incident = await agree('after an incident');
    expect(incident.a.of.get(fine.id)).not.toBe(talked.a.of.get(fine.id));

    // The county lowers the bar for high risk: every school under it follows.
    const rules = (await bureau.get(`/api/care-policies/regions/${a.county.id}`)).json().current.rules;
    const policy = await bureau.put(`/api/care-policies/regions/${a.county.id}`, {
      rules,
      risk: { noParentContactDays: 45, noTalkDays: 35, repeatedOverdue: 2, medium: 1, high: 2 },
    });
    expect(policy.statusCode).toBe(200);
    const stricter = await agree('after stricter county rules');
    expect(stricter.a.levels.high).toBeGreaterThan(incident.a.levels.high);
  });

  it("computes every school's levels of the day in the pre-warm, so that the day's first dashboard computes none", async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'guardian_insufficient' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-10-25T00:00:00.000Z', entered_on: '2026-10-25' }).execute();
    const levels = app.services.compliance.riskLevels;
    const dashboard = async () => {
      const bureau = await (app as TestApp).as(s.bureau.username);
      const computed = levels.computed;
      const res = await bureau.get(`/api/stats?regionId=${s.county.id}`);
      expect(res.statusCode).toBe(200);
      return { high: levelsOf((res.json() as Stats).breakdowns.riskLevel).high, computed: levels.computed - computed };
    };
    await app.services.stats.prewarm();
    expect(await dashboard()).toEqual({ high: 0, computed: 0 });
    // Past midnight a month later the child is quiet for too long: the night's pre-warm finds it.
    now = new Date('2026-12-20T02:00:00Z');
    await app.services.stats.prewarm();
    expect(await dashboard()).toEqual({ high: 1, computed: 0 });
    const [risk] = await app.services.compliance.risks(systemAuth(), { childId: child.id }, 'zh-CN');
    expect(risk?.level).toBe('high');
  });

  it("the demo county's dashboards count the high-risk children its workbench lists", async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const res = await app.inject({ method: 'POST', url: '/api/setup/demo' });
    expect(res.statusCode).toBe(201);
    const accounts = res.json().accounts as { username: string; password: string; role: string; regionId?: string }[];
    const officer = accounts.find((x) => x.role === 'bureau_officer');
    const bureau = await app.as(officer?.username ?? '', officer?.password);
    const stats = (await bureau.get(`/api/stats?regionId=${officer?.regionId}`)).json() as Stats;
    expect(stats.scope.kind).toBe('region');
    const expected = none();
    for (const s of stats.schools) {
      const levels = none();
      for (const r of await app.services.compliance.risks(systemAuth(), { schoolId: s.schoolId }, 'zh-CN')) levels[r.level]++;
      expect(s.highRisk, s.name).toBe(levels.high);
      for (const l of ['high', 'medium', 'low'] as const) expected[l] += levels[l];
    }
    expect(expected.high).toBeGreaterThan(0);
    expect(levelsOf(stats.breakdowns.riskLevel)).toEqual(expected);
  });
});

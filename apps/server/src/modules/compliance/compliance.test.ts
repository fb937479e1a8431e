import { DEFAULT_RULES, RiskConfig } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { daysBetween } from './dates.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

async function setup(at = clock) {
  app = await buildTestApp({ clock: at });
  const s = await buildSchoolWithStaff(app);
  const leader = await app.as(s.leader.username);
  await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '小明' });
  // The archive existed since the start of term.
  await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-09-01' });
  return { ...s, leaderClient: leader, mentor, child };
}

describe('care policy', () => {
  it('ships the seed rules in plain words, versions a leader’s change, and refuses to rewrite the past', async () => {
    const s = await setup();
    const view = (await s.leaderClient.get(`/api/care-policies/${s.school.id}`)).json();
    expect(view.source).toBe('default');
    expect(view.descriptions.talk_monthly).toBe('每名帮扶对象每月至少谈心 1 次，由帮扶教师负责');
    expect(view.descriptions.home_visit_term).toBe('每名帮扶对象每学期期初、期中、期末（各 21 天内）至少家访 1 次，由班主任负责');
    const rules = view.current.rules.map((r: { key: string; min: number }) => (r.key === 'talk_monthly' ? { ...r, min: 2 } : r));
    const t = await app.as(s.teacher.username);
    expect((await t.put(`/api/care-policies/${s.school.id}`, { rules })).statusCode).toBe(403);
    // A festival date that does not exist is a 400 naming the field, not a crash.
    const badDate = view.current.rules.map((r: { key: string }) =>
      r.key === 'festival_letter' ? { ...r, cadence: { type: 'dates', dates: [{ label: '错', date: '02-30', daysBefore: 7 }] } } : r,
    );
    const bad = await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules: badDate });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toMatch(/^rules\.\d+\.cadence\.dates\.0\.date$/);
    const past = await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules, effectiveFrom: '2026-11-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().fields[0].path).toBe('effectiveFrom');
    const saved = (await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules, effectiveFrom: '2026-12-01' })).json();
    // Until 1 December the built-in rules are in force; version 1 waits, with its own sentences.
    expect(saved).toMatchObject({ source: 'school', current: { version: 0 }, pending: [{ version: 1, effectiveFrom: '2026-12-01' }] });
    expect(saved.descriptions.talk_monthly).toContain('至少谈心 1 次');
    expect(saved.pending[0].descriptions.talk_monthly).toContain('至少谈心 2 次');
    expect(saved.versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    // November is still judged by the default rule (1 talk), December by the new one (2).
    const items = (await s.leaderClient.get(`/api/due-items?schoolId=${s.school.id}&from=2026-11-01&to=2026-12-31&ruleKey=talk_monthly`)).json().items;
    expect(items.map((i: { windowStart: string; required: number }) => [i.windowStart, i.required]).sort()).toEqual([
      ['2026-11-01', 1],
      ['2026-12-01', 2],
    ]);
  });

  it('reads the version in force today as current, and those saved to begin later as pending, at school and region', async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    const s = await setup(() => now);
    const rules = (min: number) => DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min } : r));
    const put = async (min: number, effectiveFrom: string) =>
      expect((await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules: rules(min), effectiveFrom })).statusCode).toBe(200);
    // Saved in this order: from today, from 10 December, then twice from 1 December (the second replaces the first).
    await put(2, '2026-11-20');
    await put(5, '2026-12-10');
    await put(3, '2026-12-01');
    await put(4, '2026-12-01');
    const view = async () => (await (await app.as(s.leader.username)).get(`/api/care-policies/${s.school.id}`)).json();
    let v = await view();
    expect(v.current).toMatchObject({ version: 1, effectiveFrom: '2026-11-20' });
    expect(v.descriptions.talk_monthly).toContain('至少谈心 2 次');
    expect(v.pending.map((p: { version: number; effectiveFrom: string }) => `${p.version}@${p.effectiveFrom}`)).toEqual(['4@2026-12-01', '2@2026-12-10']);
    expect(v.pending[0].descriptions.talk_monthly).toContain('至少谈心 4 次');
    now = new Date('2026-12-05T02:00:00Z');
    v = await view();
    expect(v.current.version).toBe(4);
    expect(v.pending.map((p: { version: number }) => p.version)).toEqual([2]);
    now = new Date('2026-12-10T02:00:00Z');
    v = await view();
    expect([v.current.version, v.pending]).toEqual([2, []]);

    // A county whose first rules begin next week: the built-in rules are in force until then.
    const county = (await app.ctx.db.selectFrom('schools').select('region_id').where('id', '=', s.school.id).executeTakeFirstOrThrow()).region_id;
    const officer = await app.as((await buildUser(app, 'bureau_officer', county)).username);
    const saved = (await officer.put(`/api/care-policies/regions/${county}`, { rules: rules(2), effectiveFrom: '2026-12-17' })).json();
    expect(saved).toMatchObject({ source: 'region', current: { version: 0 }, pending: [{ version: 1, effectiveFrom: '2026-12-17' }] });
    expect(saved.versions.map((x: { version: number }) => x.version)).toEqual([1, 0]);
  });

  it('assesses early warnings by the settings in force today, not by a version still to begin', async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    const s = await setup(() => now);
    const lonely = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '小红', custodyQuality: 'unsupervised' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', lonely.id).execute();
    const level = async () => (await (await app.as(s.leader.username)).get(`/api/children/${lonely.id}/risk`)).json().level;
    const before = await level();
    expect(before).not.toBe('low');
    // From 1 December every signal weighs nothing: nobody is at risk then, but until then nothing changes.
    const risk = {
      ...RiskConfig.parse({}),
      weights: { noParentContact: 0, noTalk: 0, weakCustody: 0, host: 0, seriousDimension: 0, repeatedOverdue: 0, incident: 0 },
    };
    const res = await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules: DEFAULT_RULES, risk, effectiveFrom: '2026-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await level()).toBe(before);
    now = new Date('2026-12-01T02:00:00Z');
    expect(await level()).toBe('low');
  });

  it('gives the windows a home visit counts towards on its day: the term, and 期初, 期中, 期末 as the engine cuts them', async () => {
    const s = await setup();
    const windows = (date: string, c = s.leaderClient) => c.get(`/api/care-policies/home-visit-windows?schoolId=${s.school.id}&date=${date}`);
    const mid = await windows('2026-11-20');
    expect(mid.statusCode).toBe(200);
    expect(mid.json()).toEqual({
      term: { start: '2026-09-01', end: '2027-01-22' },
      windows: [
        { point: 'start', start: '2026-09-01', end: '2026-09-21' },
        { point: 'middle', start: '2026-11-02', end: '2026-11-22' },
        { point: 'end', start: '2027-01-02', end: '2027-01-22' },
      ],
    });
    // A holiday visit falls in no term; a bad date is named; another county's school is not there.
    expect((await windows('2026-08-10')).json()).toEqual({ term: null, windows: [] });
    const bad = await windows('2026-13-01');
    expect([bad.statusCode, bad.json().fields.map((f: { path: string }) => f.path)]).toEqual([400, ['date']]);
    const other = await buildSchool(app, { regionId: (await buildRegion(app, { level: 'county' })).id });
    expect((await s.leaderClient.get(`/api/care-policies/home-visit-windows?schoolId=${other.id}&date=2026-11-20`)).statusCode).toBe(404);
  });

  it('refuses a rule for children no child can be, naming the field, and keeps the policy as it was', async () => {
    const s = await setup();
    const rules = (await s.leaderClient.get(`/api/care-policies/${s.school.id}`)).json().current.rules as { key: string }[];
    const withRule = (extra: object) => ({
      rules: [...rules, { key: 'extra_rule', kinds: ['talk'], cadence: { type: 'month' }, min: 1, responsible: 'mentor', ...extra }],
    });
    const at = `rules.${rules.length}`;
    // An age band, register code or boarding code that does not exist.
    for (const [appliesTo, field] of [
      [{ scope: 'age_band', value: '7-9' }, 'value'],
      [{ scope: 'age_band' }, 'value'],
      [{ scope: 'xueji', value: '3' }, 'value'],
      [{ scope: 'boarding', value: 'weekly' }, 'value'],
    ] as const) {
      const res = await s.leaderClient.put(`/api/care-policies/${s.school.id}`, withRule({ appliesTo }));
      expect(res.statusCode, JSON.stringify(appliesTo)).toBe(400);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: `${at}.appliesTo.${field}` })]);
    }
    const band = (await s.leaderClient.put(`/api/care-policies/${s.school.id}`, withRule({ appliesTo: { scope: 'age_band', value: '99' } }))).json();
    expect(band.fields[0].message).toContain('6-13');
    // Calls and letters to parents away, asked of children whose parents are at home (学籍 0): a rule that asks nothing.
    const home = await s.leaderClient.put(
      `/api/care-policies/${s.school.id}`,
      withRule({ kinds: ['family_call', 'family_letter'], appliesTo: { scope: 'xueji', value: '0' } }),
    );
    expect(home.statusCode).toBe(400);
    expect(home.json().fields).toEqual([{ path: `${at}.kinds`, message: expect.stringContaining('非留守儿童的父母在家') }]);
    expect((await s.leaderClient.get(`/api/care-policies/${s.school.id}`)).json().source).toBe('default');
    // Talks with those children are a rule, and a call rule for key-support children reads as asked of those with a parent away.
    const saved = await s.leaderClient.put(`/api/care-policies/${s.school.id}`, {
      rules: [
        ...withRule({ appliesTo: { scope: 'xueji', value: '0' } }).rules,
        { key: 'key_calls', kinds: ['family_call'], cadence: { type: 'month' }, min: 2, appliesTo: { scope: 'key_support' }, responsible: 'mentor' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().descriptions.extra_rule).toMatch(/^每名非留守儿童每月至少谈心 1 次/);
    expect(saved.json().descriptions.key_calls).toMatch(/^每名父母外出的重点帮扶对象每月至少亲情电话 2 次/);
  });

  it('lets a region set rules its schools may tighten but not loosen', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    const school = await buildSchool(app, { regionId: county.id });
    const bureau = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
    const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
    const base = (await bureau.get(`/api/care-policies/regions/${county.id}`)).json().current.rules;
    const regional = base.map((r: { key: string }) => (r.key === 'talk_monthly' ? { ...r, min: 2 } : r));
    expect((await bureau.put(`/api/care-policies/regions/${county.id}`, { rules: regional })).statusCode).toBe(200);
    expect((await leader.put(`/api/care-policies/regions/${county.id}`, { rules: regional })).statusCode).toBe(404);
    const inherited = (await leader.get(`/api/care-policies/${school.id}`)).json();
    expect(inherited.source).toBe('region');
    const looser = regional.map((r: { key: string }) => (r.key === 'talk_monthly' ? { ...r, min: 1 } : r));
    const res = await leader.put(`/api/care-policies/${school.id}`, { rules: looser });
    expect(res.statusCode).toBe(422);
    expect(res.json().fields[0].message).toContain('至少谈心 2 次');
    const tighter = regional.map((r: { key: string }) => (r.key === 'talk_monthly' ? { ...r, min: 3 } : r));
    expect((await leader.put(`/api/care-policies/${school.id}`, { rules: tighter })).statusCode).toBe(200);
  });

  it('refuses a school rule looser in cadence, children or windows, and keeps the county floor when the county tightens later', async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    app = await buildTestApp({ clock: () => now });
    const county = await buildRegion(app, { level: 'county' });
    const school = await buildSchool(app, { regionId: county.id });
    const bureauName = (await buildUser(app, 'bureau_officer', county.id)).username;
    const leaderName = (await buildUser(app, 'school_leader', school.id)).username;
    const rule = (key: string) => DEFAULT_RULES.find((r) => r.key === key) as (typeof DEFAULT_RULES)[number];
    const change = (key: string, patch: object) => DEFAULT_RULES.map((r) => (r.key === key ? { ...r, ...patch } : r));
    const talks = (min: number) => change('talk_monthly', { min });
    expect((await (await app.as(bureauName)).put(`/api/care-policies/regions/${county.id}`, { rules: talks(2) })).statusCode).toBe(200);
    const leader = await app.as(leaderName);
    for (const looser of [
      change('talk_monthly', { min: 2, cadence: { type: 'term' } }),
      change('talk_monthly', { min: 2, cadence: { type: 'every_days', days: 20 } }),
      change('talk_monthly', { min: 2, appliesTo: { scope: 'key_support' } }),
      [
        ...talks(2).filter((r) => r.key !== 'home_visit_term'),
        { ...rule('home_visit_term'), cadence: { type: 'term_windows', windows: [{ point: 'end', days: 60 }] } },
      ],
    ]) {
      const res = await leader.put(`/api/care-policies/${school.id}`, { rules: looser, effectiveFrom: '2026-11-21' });
      expect(res.statusCode, JSON.stringify(looser.map((r) => [r.key, r.cadence, r.appliesTo]))).toBe(422);
      expect(res.json().fields[0].message).toContain('不能放宽');
    }
    // Tighter: twice a month and every 14 days at least twice, for every child.
    const tighter = change('talk_monthly', { min: 2, cadence: { type: 'every_days', days: 14 } });
    expect((await leader.put(`/api/care-policies/${school.id}`, { rules: tighter, effectiveFrom: '2026-11-21' })).statusCode).toBe(200);
    // The county asks for three talks a month from December: the school's own rule (two per 14 days) is looser
    // than that, so December is judged by the county's.
    now = new Date('2026-11-25T02:00:00Z');
    expect((await (await app.as(bureauName)).put(`/api/care-policies/regions/${county.id}`, { rules: talks(3), effectiveFrom: '2026-12-01' })).statusCode).toBe(
      200,
    );
    const child = await buildChild(app, { schoolId: school.id, name: '小红' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
    const items = (await (await app.as(leaderName)).get(`/api/due-items?schoolId=${school.id}&from=2026-12-01&to=2026-12-31&ruleKey=talk_monthly`)).json()
      .items;
    // The school's 14-day window that began in November keeps its rule; December is the county's month.
    expect(items.map((i: { windowStart: string; windowEnd: string; required: number }) => [i.windowStart, i.windowEnd, i.required])).toEqual([
      ['2026-11-30', '2026-12-13', 2],
      ['2026-12-01', '2026-12-31', 3],
    ]);
    // The school's page still lists its one saved version and the county's before it, not the merged one.
    const view = (await (await app.as(leaderName)).get(`/api/care-policies/${school.id}`)).json();
    expect(view.versions.map((v: { version: number; effectiveFrom: string }) => `${v.version}@${v.effectiveFrom}`)).toEqual([
      '1@2026-11-21',
      '1@2026-11-20',
      '0@2000-01-01',
    ]);
  });

  it('keeps the months a province’s rules judged when a county under it sets its first rules', async () => {
    let now = new Date('2026-09-01T02:00:00Z');
    app = await buildTestApp({ clock: () => now });
    const province = await buildRegion(app, { level: 'province' });
    const county = await buildRegion(app, { parentId: province.id });
    const school = await buildSchool(app, { regionId: county.id });
    await app.services.terms.create(systemAuth(), {
      schoolId: school.id,
      academicYear: '2026-2027',
      semester: 1,
      startDate: '2026-09-01',
      endDate: '2027-01-22',
    });
    const child = await buildChild(app, { schoolId: school.id, name: '小红' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
    const username = (await buildUser(app, 'bureau_officer', province.id)).username;
    let officer = await app.as(username);
    const talks = (min: number) => DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min } : r));
    // The province asks for two talks a month from September; on 20 November the county asks for three.
    expect((await officer.put(`/api/care-policies/regions/${province.id}`, { rules: talks(2) })).statusCode).toBe(200);
    now = new Date('2026-11-20T02:00:00Z');
    officer = await app.as(username);
    expect((await officer.put(`/api/care-policies/regions/${county.id}`, { rules: talks(3) })).statusCode).toBe(200);
    const items = (await officer.get(`/api/due-items?schoolId=${school.id}&from=2026-09-01&to=2026-12-31&ruleKey=talk_monthly`)).json().items;
    expect(items.map((i: { windowStart: string; required: number }) => [i.windowStart, i.required]).sort()).toEqual([
      ['2026-09-01', 2],
      ['2026-10-01', 2],
      ['2026-11-01', 2],
      ['2026-12-01', 3],
    ]);
    // The school's page lists the versions that judge it: the county's, the province's, the built-in rules.
    const view = (await officer.get(`/api/care-policies/${school.id}`)).json();
    expect(view.versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2026-11-20', '2026-09-01', '2000-01-01']);
  });

  it('counts the versions saved while a re-warm runs together, once it ends, each school once', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    const [a, b] = [await buildSchool(app, { regionId: county.id }), await buildSchool(app, { regionId: county.id })];
    await buildSchool(app);
    const service = app.services.compliance;
    const tallies = (service as unknown as { schoolTallies: { rewarm: (...args: unknown[]) => Promise<unknown> } }).schoolTallies;
    const counted = vi.spyOn(tallies, 'rewarm');
    const first = service.rewarm({ schoolId: a.id });
    // The first has started; two saves meanwhile wait for it and are counted in one re-warm.
    await new Promise((resolve) => setImmediate(resolve));
    expect(counted).toHaveBeenCalledTimes(1);
    const second = service.rewarm({ schoolId: b.id });
    const third = service.rewarm({ regionPath: county.path });
    expect(third).toBe(second);
    expect(await first).toMatchObject({ schools: 1 });
    expect(await second).toMatchObject({ schools: 2 });
    expect(counted).toHaveBeenCalledTimes(2);
    expect(counted.mock.calls[1]?.[0]).toEqual([{ schoolId: b.id }, { regionPath: county.path }]);
    await service.rewarmed();
    // The next save after they ended is a re-warm of its own.
    expect(await service.rewarm({ schoolId: a.id })).toMatchObject({ schools: 1 });
    expect(counted).toHaveBeenCalledTimes(3);
  });
});

describe('due items, compliance and risk', () => {
  it('lists a mentor’s overdue and due items, clears one with a talk, and moves the leader’s rate', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const mine = (await m.get('/api/due-items?mine=true&status=open')).json().items;
    // September and October: talk and family contact overdue; November: due.
    const talks = mine.filter((i: { ruleKey: string }) => i.ruleKey === 'talk_monthly');
    expect(talks.map((i: { windowStart: string; status: string }) => [i.windowStart, i.status])).toEqual([
      ['2026-09-01', 'overdue'],
      ['2026-10-01', 'overdue'],
      ['2026-11-01', 'due'],
    ]);
    expect(talks[0]).toMatchObject({ childName: '小明', responsibleUserId: s.mentor.id, description: '每名帮扶对象每月至少谈心 1 次，由帮扶教师负责' });
    // Home visits are the class teacher's, not the mentor's.
    expect(mine.some((i: { ruleKey: string }) => i.ruleKey === 'home_visit_term')).toBe(false);
    const before = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-10`)).json();
    expect(before.byRule.find((r: { id: string }) => r.id === 'talk_monthly')).toMatchObject({ overdue: 1, done: 0, rate: 0 });
    await m.post('/api/care-records', { kind: 'talk', childIds: [s.child.id], date: '2026-10-15', summary: '补记十月谈心' });
    const after = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-10`)).json();
    expect(after.byRule.find((r: { id: string }) => r.id === 'talk_monthly')).toMatchObject({ overdue: 0, done: 1, rate: 1 });
    expect(after.byMentor.find((g: { id: string }) => g.id === s.mentor.id).done).toBeGreaterThan(0);
    expect(after.byClass[0].name).toBe(s.klass.name);
    // Colleagues' rates are for the leadership: a mentor or class teacher gets 403.
    expect((await m.get(`/api/compliance?schoolId=${s.school.id}&period=2026-10`)).statusCode).toBe(403);
    expect((await (await app.as(s.teacher.username)).get(`/api/compliance?schoolId=${s.school.id}`)).statusCode).toBe(403);
    // A first policy of the school saved today leaves October judged by the rules then.
    const rules = (await s.leaderClient.get(`/api/care-policies/${s.school.id}`))
      .json()
      .current.rules.map((r: { key: string }) => (r.key === 'talk_monthly' ? { ...r, min: 3 } : r));
    expect((await s.leaderClient.put(`/api/care-policies/${s.school.id}`, { rules })).statusCode).toBe(200);
    const same = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-10`)).json();
    expect(same.byRule.find((r: { id: string }) => r.id === 'talk_monthly')).toMatchObject({ done: 1, rate: 1 });
    // A leader excuses September with a reason.
    expect(
      (await m.post('/api/due-items/excuse', { childId: s.child.id, ruleKey: 'talk_monthly', windowStart: '2026-09-01', reason: '住院' })).statusCode,
    ).toBe(403);
    expect(
      (await s.leaderClient.post('/api/due-items/excuse', { childId: s.child.id, ruleKey: 'talk_monthly', windowStart: '2026-09-01', reason: '住院两周' }))
        .statusCode,
    ).toBe(204);
    const sept = (await m.get('/api/due-items?mine=true&ruleKey=talk_monthly&from=2026-09-01&to=2026-09-30')).json().items[0];
    expect(sept).toMatchObject({ status: 'excused', excuse: '住院两周' });
    // The export holds the rates and the overdue list.
    const xlsx = await s.leaderClient.get(`/api/compliance/export.xlsx?schoolId=${s.school.id}&period=2026-09-01..2026-11-30`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('lists 没有帮扶教师 and 未分班 after the named rows of the same rate, in both languages', async () => {
    const s = await setup();
    // Three more children from the start of term: one with a mentor whose name sorts after 没 (王), one
    // without a mentor, one without a class; November is all due, so every rate is equal (none yet).
    const wang = await buildUser(app, 'mentor', s.school.id, { name: '王老师' });
    const add = async (classId: string | null, name: string) => {
      const c = await buildChild(app, { schoolId: s.school.id, classId, name });
      await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', c.id).execute();
      return c;
    };
    const paired = await add(s.klass.id, '小红');
    await add(s.klass.id, '小刚');
    await add(null, '小亮');
    await s.leaderClient.post('/api/pairings', { mentorId: wang.id, childIds: [paired.id], startDate: '2026-09-01' });
    for (const lang of ['zh-CN', 'en-US']) {
      const r = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-11`, { 'accept-language': lang })).json();
      expect(new Set(r.byMentor.map((g: { rate: number | null }) => g.rate)).size, lang).toBe(1);
      expect(r.byMentor.at(-1).id, lang).toBeNull();
      expect(r.byMentor.filter((g: { id: string | null }) => g.id === null)).toHaveLength(1);
      expect(r.byClass.at(-1).id, lang).toBeNull();
    }
  });

  it('gives no rate for a period not begun, even when an item counted in it is done early', async () => {
    // Today is 25 November.
    const s = await setup(() => new Date('2026-11-25T02:00:00Z'));
    // A key-support child talks every 14 days from the start of term: the window 24 November – 7 December ends in December.
    await app.ctx.db.updateTable('children').set({ key_support: 1 }).where('id', '=', s.child.id).execute();
    const m = await app.as(s.mentor.username);
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [s.child.id], date: '2026-11-25', summary: '谈心，了解近况' })).statusCode).toBe(201);
    const early = (await m.get('/api/due-items?mine=true&ruleKey=key_support_talk&from=2026-12-01&to=2026-12-31')).json().items;
    expect(early.map((i: { windowStart: string; status: string }) => [i.windowStart, i.status])).toContainEqual(['2026-11-24', 'done']);
    // Nothing of December is due yet, whatever was counted in it.
    for (const period of ['2026-12', '2026-12-01..2027-01-31']) {
      const r = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=${period}`)).json();
      expect(r.overall.done, period).toBeGreaterThan(0);
      expect([r.overall.due, r.overall.overdue, r.overall.rate], period).toEqual([0, 0, null]);
      for (const g of [...r.byRule, ...r.byClass, ...r.byMentor]) expect(g.rate, `${period} ${g.name}`).toBeNull();
    }
    // A period that has begun keeps its rate.
    expect((await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-11`)).json().overall.rate).not.toBeNull();
  });

  it('gives no rate on the first day of a period, though items counted in it are done early: not 100 % of nothing due', async () => {
    // Today is 1 December; a key-support child was talked with on 25 November, which fills the window 24 November – 7 December.
    const s = await setup(() => new Date('2026-12-01T02:00:00Z'));
    await app.ctx.db.updateTable('children').set({ key_support: 1 }).where('id', '=', s.child.id).execute();
    const m = await app.as(s.mentor.username);
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [s.child.id], date: '2026-11-25', summary: '谈心，了解近况' })).statusCode).toBe(201);
    for (const period of ['2026-12', '2026-12-01..2027-01-31', undefined]) {
      const r = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}${period ? `&period=${period}` : ''}`)).json();
      // Done early, the month's talk and family contact in progress, nothing overdue: nothing has fallen due yet.
      expect([r.overall.done > 0, r.overall.due > 0, r.overall.overdue, r.overall.rate], String(period)).toEqual([true, true, 0, null]);
      for (const g of [...r.byRule, ...r.byClass, ...r.byMentor]) expect(g.rate, `${period} ${g.name}`).toBeNull();
    }
    // The statistics count the same: no rate for a period starting today.
    const stats = (await s.leaderClient.get(`/api/stats?schoolId=${s.school.id}&from=2026-12-01&to=2026-12-31`)).json();
    expect(stats.compliance.overall.rate).toBeNull();
    // November, behind us, keeps its rate.
    expect((await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-11`)).json().overall.rate).not.toBeNull();
  });

  it('leaves items done before they fell due out of the rate: no 100 % on the 2nd of a month with everything still to do; the stored months count the same', async () => {
    // Today is 2 December; this month's talk is done already for one child, nothing of December has fallen due.
    const s = await setup(() => new Date('2026-12-02T02:00:00Z'));
    const m = await app.as(s.mentor.username);
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [s.child.id], date: '2026-12-02', summary: '谈心，了解近况' })).statusCode).toBe(201);
    const month = async () => (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-12`)).json();
    const warm = await month();
    app.services.compliance.tallies.clear();
    for (const r of [warm, await month()]) {
      expect(r.overall.doneEarly).toBeGreaterThan(0);
      expect([r.overall.done, r.overall.overdue, r.overall.rate]).toEqual([r.overall.doneEarly, 0, null]);
      const talk = r.byRule.find((g: { id: string }) => g.id === 'talk_monthly');
      expect([talk.doneEarly, talk.rate]).toEqual([1, null]);
    }
    // The workbook says it too, in a column of its own after the rate (the others still add up to 应完成).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await s.leaderClient.get(`/api/compliance/export.xlsx?schoolId=${s.school.id}&period=2026-12`)).rawPayload as unknown as ArrayBuffer);
    const byRule = book.getWorksheet('按制度');
    const cells = (n: number) => ((byRule?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(cells(5).slice(7)).toEqual(['完成率', '其中提前完成']);
    const talkRow = [...Array(byRule?.rowCount ?? 0).keys()].map((i) => cells(i + 1)).find((r) => String(r[0]).includes('谈心'));
    expect(talkRow?.slice(7)).toEqual(['—', 1]);
    // A term counts what has fallen due (September to November) and says what was done early beside it.
    const term = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-09-01..2027-01-31`)).json();
    const o = term.overall;
    expect(o.doneEarly).toBeGreaterThan(0);
    expect(o.rate).toBe(Math.round(((o.done - o.doneEarly) / (o.done - o.doneEarly + o.overdue)) * 1000) / 1000);
    // The engine's own judgement of every item agrees.
    const ref = await app.services.compliance.compliance(systemAuth(), { schoolId: s.school.id, period: '2026-09-01..2027-01-31' }, 'zh-CN', {
      reference: true,
    });
    expect(ref.overall).toEqual(o);
    // November, over, has nothing done early.
    expect((await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-11`)).json().overall.doneEarly).toBe(0);
  });

  it('shows a bureau officer the rates by school, and keeps other schools out', async () => {
    const s = await setup();
    const b = await app.as(s.bureau.username);
    const r = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-10`)).json();
    expect(r.bySchool.map((x: { name: string }) => x.name)).toEqual([s.school.name]);
    expect(r.overall.overdue).toBeGreaterThan(0);
    expect(r.byClass.length).toBeGreaterThan(0);
    // The region's page asks for schools and rules only: the same figures without the class and teacher lists.
    const page = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-10&view=schools`)).json();
    expect(page).toEqual({ ...r, byClass: [], byMentor: [] });
    const bad = await b.get(`/api/compliance?regionId=${s.county.id}&view=everything`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toContain('view');
    const sheets = async (url: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await b.get(url)).rawPayload as unknown as ArrayBuffer);
      return wb.worksheets.map((w) => w.name);
    };
    expect(await sheets(`/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10`)).toEqual(['按制度', '按班级', '按帮扶教师', '按学校']);
    expect(await sheets(`/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10&view=schools`)).toEqual(['按制度', '按学校']);
    // A county's class and teacher sheets say each row's school (two schools may each have a 五年级1班).
    const county = new ExcelJS.Workbook();
    await county.xlsx.load((await b.get(`/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10`)).rawPayload as unknown as ArrayBuffer);
    for (const name of ['按班级', '按帮扶教师']) {
      const ws = county.getWorksheet(name);
      // Below the block naming the region, the period and the time of export (4 rows).
      expect(ws?.getRow(5).getCell(1).value, name).toBe('学校');
      expect(ws?.getRow(6).getCell(1).value, name).toBe(s.school.name);
    }
    const other = await buildSchoolWithStaff(app);
    expect((await b.get(`/api/compliance?schoolId=${other.school.id}`)).statusCode).toBe(404);
    // A term of a school outside the region is no period of the region's (its dates are not told either).
    const foreign = await app.services.terms.create(systemAuth(), {
      schoolId: other.school.id,
      academicYear: '2026-2027',
      semester: 1,
      startDate: '2026-09-07',
      endDate: '2027-01-20',
    });
    const outside = await b.get(`/api/compliance?regionId=${s.county.id}&period=term:${foreign.id}`);
    expect([outside.statusCode, outside.json().fields?.[0]?.path]).toEqual([400, 'period']);
    const own = (await app.ctx.db.selectFrom('terms').select('id').where('school_id', '=', s.school.id).executeTakeFirstOrThrow()).id;
    expect((await b.get(`/api/compliance?regionId=${s.county.id}&period=term:${own}`)).json()).toMatchObject({ from: '2026-09-01', to: '2027-01-22' });
    expect((await (await app.as(other.leader.username)).get(`/api/due-items?schoolId=${s.school.id}`)).statusCode).toBe(404);
  });

  it("shows a bureau officer one rule's rates school by school, and every school of the region, one with nothing due too", async () => {
    const s = await setup();
    // A second school of the county, without archives yet.
    const idle = await buildSchool(app, { regionId: s.county.id, name: '新建尚无档案学校' });
    const b = await app.as(s.bureau.username);
    const whole = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-10`)).json();
    // The school with nothing due has its row, without a rate, after those with one.
    expect(whole.bySchool.map((x: { id: string }) => x.id)).toEqual([s.school.id, idle.id]);
    expect(whole.bySchool[1]).toMatchObject({ total: 0, done: 0, rate: null });
    const talk = whole.byRule.find((r: { id: string }) => r.id === 'talk_monthly');
    expect(talk.total).toBeGreaterThan(0);
    const url = `/api/compliance?regionId=${s.county.id}&period=2026-10&view=schools&ruleKey=talk_monthly`;
    const one = (await b.get(url)).json();
    const counts = ({ total, done, due, overdue, excused, upcoming, rate }: Record<string, unknown>) => ({
      total,
      done,
      due,
      overdue,
      excused,
      upcoming,
      rate,
    });
    // The rule's counts alone: the overall, its one row, and each school's.
    expect(one.byRule).toEqual([talk]);
    expect(counts(one.overall)).toEqual(counts(talk));
    expect(one.bySchool.map((x: Record<string, unknown>) => [x.id, counts(x)])).toEqual([
      [s.school.id, counts(talk)],
      [idle.id, counts(whole.bySchool[1])],
    ]);
    expect([one.byClass, one.byMentor]).toEqual([[], []]);
    // As the engine judges each item.
    const query = { regionId: s.county.id, period: '2026-10', ruleKey: 'talk_monthly' };
    expect(await app.services.compliance.compliance(systemAuth(), query, 'zh-CN')).toEqual(
      await app.services.compliance.compliance(systemAuth(), query, 'zh-CN', { reference: true }),
    );
    // A rule no school has: nothing counted, every school listed.
    const none = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-10&ruleKey=no_such_rule`)).json();
    expect([none.overall.total, none.byRule, none.bySchool.length]).toEqual([0, [], 2]);
    const bad = await b.get(`/api/compliance?regionId=${s.county.id}&ruleKey=${'x'.repeat(41)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['ruleKey']);
    // The export is the whole report still.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await b.get(`/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10&ruleKey=talk_monthly`)).rawPayload as unknown as ArrayBuffer,
    );
    expect(wb.getWorksheet('按制度')?.rowCount).toBe(4 + 1 + whole.byRule.length + 1);
  });

  it('gives every sheet of the export a 合计 row: the summed counts of its rows, and the rate of the whole with excused items left out', async () => {
    const s = await setup();
    // A second child of the class, without a mentor: the teacher sheet gets a row for unpaired items.
    const other = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '小华' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', other.id).execute();
    const m = await app.as(s.mentor.username);
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [s.child.id], date: '2026-10-15', summary: '十月谈心' })).statusCode).toBe(201);
    const excused = { childId: other.id, ruleKey: 'talk_monthly', windowStart: '2026-10-01', reason: '住院两周' };
    expect((await s.leaderClient.post('/api/due-items/excuse', excused)).statusCode).toBe(204);
    const b = await app.as(s.bureau.username);
    const o = (await b.get(`/api/compliance?regionId=${s.county.id}&period=2026-10`)).json().overall;
    // Done, overdue and excused items all counted; the rate is done / (done + overdue), the excused left out.
    expect(o.done).toBeGreaterThan(0);
    expect(o.overdue).toBeGreaterThan(0);
    expect(o.excused).toBe(1);
    expect(o.rate).toBe(Math.round((o.done / (o.done + o.overdue)) * 1000) / 1000);
    expect(o.rate).not.toBe(Math.round((o.done / (o.total - o.upcoming)) * 1000) / 1000);
    const workbook = async (client: typeof b, url: string, lang = 'zh-CN') => {
      const res = await client.get(url, { 'accept-language': lang });
      expect(res.statusCode, url).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    /** Each sheet's total row and its other rows, as [name, total, done, overdue, due, upcoming, excused, rate]. */
    const tables = (wb: ExcelJS.Workbook, label: string) =>
      wb.worksheets.map((ws) => {
        // The table's header row comes after the 4 rows naming the sheet, the place, the period and the time of export.
        const values = (ws.getSheetValues().filter(Boolean) as unknown[][]).slice(5);
        // A region's class and teacher sheets start with the school of each row.
        const skip = ws.getRow(5).getCell(1).value === '学校' || ws.getRow(5).getCell(1).value === 'School' ? 2 : 1;
        const rows = values.map((r) => r.slice(skip, skip + 8));
        return { name: ws.name, total: rows.filter((r) => r[0] === label), rows: rows.filter((r) => r[0] !== label), last: rows.at(-1)?.[0] };
      });
    // The rate is the number itself, in a per-cent cell; a dash where there is none.
    const rate = (r: number | null) => r ?? '—';
    const summed = (rows: unknown[][]) => [1, 2, 3, 4, 5, 6].map((i) => rows.reduce((n, r) => n + Number(r[i]), 0));
    const region = tables(await workbook(b, `/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10`), '合计');
    expect(region.map((x) => x.name)).toEqual(['按制度', '按班级', '按帮扶教师', '按学校']);
    for (const sheet of region) {
      expect(sheet.total, sheet.name).toEqual([['合计', o.total, o.done, o.overdue, o.due, o.upcoming, o.excused, rate(o.rate)]]);
      expect(summed(sheet.rows), sheet.name).toEqual([o.total, o.done, o.overdue, o.due, o.upcoming, o.excused]);
      // Under the rows it sums, as on the page and in the statistics export.
      expect(sheet.last, sheet.name).toBe('合计');
    }
    expect(region.find((x) => x.name === '按帮扶教师')?.rows.length).toBe(2);
    // The school's own workbook (its overdue list aside) and the English one say the same.
    const school = tables(await workbook(s.leaderClient, `/api/compliance/export.xlsx?schoolId=${s.school.id}&period=2026-10`), '合计');
    expect(school.map((x) => x.name)).toEqual(['按制度', '按班级', '按帮扶教师', '逾期清单']);
    for (const sheet of school.slice(0, 3))
      expect(sheet.total, sheet.name).toEqual([['合计', o.total, o.done, o.overdue, o.due, o.upcoming, o.excused, rate(o.rate)]]);
    const en = tables(await workbook(b, `/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-10&view=schools`, 'en-US'), 'Total');
    expect(en.map((x) => [x.name, x.total])).toEqual(
      ['By rule', 'By school'].map((name) => [name, [['Total', o.total, o.done, o.overdue, o.due, o.upcoming, o.excused, rate(o.rate)]]]),
    );
    // A period not begun has no rate, its total row neither, whatever was done early.
    const december = tables(await workbook(b, `/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-12`), '合计');
    for (const sheet of december) expect(sheet.total[0]?.[7], sheet.name).toBe('—');
  });

  it("counts a school's visit made before the period in a window its own calendar opens, whichever school is read first", async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county' });
    // Read together, in name order: first a school whose term starts on 1 September (its rules reach back
    // to then), then one whose term starts on 25 August (its first home-visit window: 25 August – 14 September).
    const early = { name: 'B 八月开学', start: '2026-08-25' };
    for (const { name, start } of [{ name: 'A 九月开学', start: '2026-09-01' }, early]) {
      const school = await buildSchool(app, { regionId: county.id, name });
      await app.services.terms.create(systemAuth(), { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: start, endDate: '2027-01-22' });
      const child = await buildChild(app, { schoolId: school.id });
      await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', child.id).execute();
      const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
      const date = start === early.start ? '2026-08-28' : '2026-09-03';
      expect((await leader.post('/api/care-records', { kind: 'home_visit', childIds: [child.id], date, summary: '开学家访' })).statusCode).toBe(201);
    }
    (app.services.compliance as unknown as { schoolTallies: { countBatch: number } }).schoolTallies.countBatch = 8;
    // The period starts after the August visit.
    const query = { regionId: county.id, period: '2026-09-01..2026-11-30' };
    const fast = await app.services.compliance.compliance(systemAuth(), query, 'zh-CN');
    expect(fast).toEqual(await app.services.compliance.compliance(systemAuth(), query, 'zh-CN', { reference: true }));
    expect(fast.byRule.find((r) => r.id === 'home_visit_term')).toMatchObject({ done: 2 });
  });

  it('raises the risk level from transparent signals and puts the unpaired high-risk child first', async () => {
    const s = await setup();
    const lonely = await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '小红',
      custodyQuality: 'unsupervised',
      boarding: 'host',
      hostName: '李阿姨',
      psychologyLevel: 'serious',
    });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', lonely.id).execute();
    const risk = (await s.leaderClient.get(`/api/children/${lonely.id}/risk`)).json();
    expect(risk.level).toBe('high');
    expect(risk.reasons.map((r: { signal: string }) => r.signal)).toEqual(
      expect.arrayContaining(['noParentContact', 'noTalk', 'weakCustody', 'host', 'seriousDimension', 'noMentor']),
    );
    expect(risk.reasons.find((r: { signal: string }) => r.signal === 'weakCustody').text).toBe('监护情况：无人监护');
    // Nothing recorded since the archive began: said so, not as if a last contact had been that long ago.
    const opened = daysBetween('2026-08-20', app.services.compliance.today());
    expect(risk.reasons.find((r: { signal: string }) => r.signal === 'noParentContact').text).toBe(`建档 ${opened} 天来从未有与父母联系的记录`);
    expect(risk.reasons.find((r: { signal: string }) => r.signal === 'noTalk').text).toBe(`建档 ${opened} 天来从未有谈心记录`);
    const english = (await s.leaderClient.get(`/api/children/${lonely.id}/risk`, { 'accept-language': 'en-US' })).json();
    expect(english.reasons.find((r: { signal: string }) => r.signal === 'noParentContact').text).toBe(
      `No contact with parents recorded since the archive was opened ${opened} days ago`,
    );
    expect(english.reasons.find((r: { signal: string }) => r.signal === 'noTalk').text).toBe(
      `No talk recorded since the archive was opened ${opened} days ago`,
    );
    const list = (await s.leaderClient.get(`/api/compliance/risks?schoolId=${s.school.id}`)).json().items;
    expect(list[0]).toMatchObject({ name: '小红', level: 'high', hasMentor: false });
    // Days without a talk count from the last talk, however long ago (not from the day the archive began).
    await app.ctx.db.updateTable('children').set({ created_at: '2025-01-01T00:00:00.000Z', entered_on: '2025-01-01' }).where('id', '=', lonely.id).execute();
    expect((await s.leaderClient.post('/api/care-records', { kind: 'talk', childIds: [lonely.id], date: '2025-11-11', summary: '谈心' })).statusCode).toBe(201);
    const today = app.services.compliance.today();
    const reasons = (await s.leaderClient.get(`/api/children/${lonely.id}/risk`)).json().reasons;
    expect(reasons.find((r: { signal: string }) => r.signal === 'noTalk').text).toBe(`${daysBetween('2025-11-11', today)} 天没有谈心`);
    // Contact clears its signal.
    const m = await app.as(s.mentor.username);
    await m.post('/api/care-records', { kind: 'family_call', childIds: [s.child.id], date: '2026-11-19', summary: '视频' });
    const mine = (await s.leaderClient.get(`/api/children/${s.child.id}/risk`)).json();
    expect(mine.reasons.map((r: { signal: string }) => r.signal)).not.toContain('noParentContact');
  });

  it('asks no contact with parents of a child living with both parents (非留守), in due items, rates and risk', async () => {
    const s = await setup();
    const home = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '小华', fatherStatus: 'home', motherStatus: 'home' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', home.id).execute();
    const rules = (childId: string) =>
      s.leaderClient
        .get(`/api/due-items?childId=${childId}&from=2026-09-01&to=2026-11-30`)
        .then((r) => new Set(r.json().items.map((i: { ruleKey: string }) => i.ruleKey)));
    expect(await rules(home.id)).toEqual(new Set(['talk_monthly', 'home_visit_term']));
    expect(await rules(s.child.id)).toContain('family_contact_monthly');
    // The rate of the rule counts the left-behind child only; the rule says whom it asks.
    const report = (await s.leaderClient.get(`/api/compliance?schoolId=${s.school.id}&period=2026-09-01..2026-11-30`)).json();
    expect(report.byRule.find((r: { id: string }) => r.id === 'family_contact_monthly')).toMatchObject({ total: 3 });
    expect(report.byRule.find((r: { id: string }) => r.id === 'talk_monthly')).toMatchObject({ total: 6 });
    const risk = (await s.leaderClient.get(`/api/children/${home.id}/risk`)).json();
    expect(risk.reasons.map((r: { signal: string }) => r.signal)).toContain('noTalk');
    expect(risk.reasons.map((r: { signal: string }) => r.signal)).not.toContain('noParentContact');
    const view = (await s.leaderClient.get(`/api/care-policies/${s.school.id}`)).json();
    expect(view.descriptions.family_contact_monthly).toMatch(/^每名留守儿童每月/);
  });
});

describe('notifications', () => {
  it('tells the mentor of each overdue item once and the leader when a risk rises', async () => {
    const s = await setup();
    const sent = await app.services.notifications.refresh();
    expect(sent).toBeGreaterThan(0);
    expect(await app.services.notifications.refresh()).toBe(0);
    const m = await app.as(s.mentor.username);
    const mine = (await m.get('/api/notifications')).json();
    expect(mine.unread).toBeGreaterThan(0);
    expect(mine.items[0].title).toContain('小明');
    expect(mine.items[0].link).toBe(`/children/${s.child.id}`);
    expect((await m.post('/api/notifications/read', {})).statusCode).toBe(204);
    expect((await m.get('/api/notifications')).json().unread).toBe(0);
    const lonely = await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '小红',
      custodyQuality: 'unsupervised',
      boarding: 'host',
      hostName: '李阿姨',
    });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-08-20T00:00:00.000Z', entered_on: '2026-08-20' }).where('id', '=', lonely.id).execute();
    await app.services.notifications.refresh();
    const leader = (await s.leaderClient.get('/api/notifications')).json();
    expect(leader.items.map((n: { title: string }) => n.title).join('\n')).toMatch(/小红的预警等级升为“(中|高)”/);
  });
});

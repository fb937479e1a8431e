import { newId } from '@carebridge/db';
import { type CareRule, DEFAULT_RULES, RiskConfig, RULE_ACTIVITY_KINDS } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { stamps } from '../../apps/server/src/modules/compliance/cache.ts';
import { xlsx } from '../../apps/server/src/modules/rosters/roster.test-helpers.ts';
import { buildTestApp, login, type TestApp } from '../../apps/server/src/test/index.ts';
import { writeTalk } from './records.ts';
import { BENCH_PASSWORD, BENCH_TODAY, seed } from './seed.ts';

/**
 * Compliance reports reuse each school's cached tally of a month while the school's change stamps
 * (kept by database triggers: the school's own, and its records' by month) stay the same. After every
 * kind of write the next report must equal a fresh computation by the engine (`{ reference: true }`),
 * only the schools written to are recomputed, of a record's school only the months from the record's
 * on, and the triggers bump exactly the stamps of those schools — on SQLite and on PostgreSQL.
 */

let app: TestApp;
afterEach(async () => app?.close());

const YEAR = '2025-12-01..2026-11-30';
const ts = BENCH_TODAY.toISOString();

/** The school's autumn term begins on 30 August instead of 1 September (its own term, not the calendar's). */
async function startTermEarly(app: TestApp, schoolId: string) {
  const moved = await app.ctx.db
    .updateTable('terms')
    .set({ start_date: '2026-08-30' })
    .where('school_id', '=', schoolId)
    .where('start_date', '=', '2026-09-01')
    .executeTakeFirst();
  expect(Number(moved.numUpdatedRows)).toBe(1);
}

describe('compliance cache', () => {
  it('reuses unchanged schools, recomputes changed ones, and always equals a fresh computation', async () => {
    let now = BENCH_TODAY;
    app = await buildTestApp({ clock: () => now });
    const s = await seed(app, 900, { quiet: true });
    const { db } = app.ctx;
    const auth = systemAuth('test');
    const service = app.services.compliance;
    // The province: every school of the seed (the report's region may span counties).
    const county = s.provinceId;
    const schools = (await db.selectFrom('schools').select(['id']).orderBy('name').execute()).map((r) => r.id);
    expect(schools.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = schools as [string, string, string];
    const stampsNow = () => stamps(db, schools);

    /** The county's report for the year and for a month (the cache's answer), against the engine; returns the year's. */
    const check = async (label: string) => {
      const out = [];
      for (const period of [YEAR, '2026-03']) {
        const fast = await service.compliance(auth, { regionId: county, period }, 'zh-CN');
        const reference = await service.compliance(auth, { regionId: county, period }, 'zh-CN', { reference: true });
        expect(fast, `${label}, ${period}`).toEqual(reference);
        // The dashboards' summary: the same rates without the by-class and by-mentor lists.
        expect(await service.compliance(auth, { regionId: county, period }, 'zh-CN', { byRuleOnly: true }), `${label}, ${period}, summary`).toEqual({
          ...fast,
          byClass: [],
          byMentor: [],
        });
        out.push(fast);
      }
      return out[0];
    };
    /**
     * As a new process sees it the same day (nothing in memory): every month comes from the stored
     * tallies, which the report just before stored or left valid, and nothing is counted; the report
     * is the same.
     */
    const restarted = async (label: string, expected: unknown) => {
      service.tallies.clear();
      const { storedParts, countedParts } = service.tallies;
      expect(await service.compliance(auth, { regionId: county, period: YEAR }, 'zh-CN'), `${label}: after a restart`).toEqual(expected);
      expect(service.tallies.storedParts - storedParts, `${label}: months read from the stored tallies`).toBe(schools.length * 12);
      expect(service.tallies.countedParts - countedParts, `${label}: months counted after a restart`).toBe(0);
    };
    /**
     * Run a write; the stamps of `changed` (and only those) move, only they are recomputed — all twelve
     * months, or `months` of each for a record or a policy, which reach only the months from the
     * record's date or the policy's first day — and the report follows.
     */
    let before = await check('first');
    await restarted('first', before);
    const step = async (
      label: string,
      changed: string[],
      write: () => Promise<unknown>,
      { reportChanges = true, stamps = true, months = 12 }: { reportChanges?: boolean; stamps?: boolean; months?: number } = {},
    ) => {
      const s0 = await stampsNow();
      await write();
      const s1 = await stampsNow();
      // A policy is not data the triggers follow: no stamp moves, the policy is part of the cache's key.
      for (const id of schools) {
        if (stamps && changed.includes(id)) expect(s1.get(id) ?? 0, `${label}: stamp of a changed school`).toBeGreaterThan(s0.get(id) ?? 0);
        else expect(s1.get(id) ?? 0, `${label}: stamp of an unchanged school`).toBe(s0.get(id) ?? 0);
      }
      const { hits, misses, countedParts } = service.tallies;
      // The year, once: every unchanged school from the cache, the changed ones recomputed.
      const year = await service.compliance(auth, { regionId: county, period: YEAR }, 'zh-CN');
      expect(service.tallies.misses - misses, `${label}: schools recomputed`).toBe(changed.length);
      expect(service.tallies.hits - hits, `${label}: schools reused`).toBe(schools.length - changed.length);
      expect(service.tallies.countedParts - countedParts, `${label}: months counted`).toBe(changed.length * months);
      expect(year, `${label}: the report reflects the write`).toEqual(
        await service.compliance(auth, { regionId: county, period: YEAR }, 'zh-CN', { reference: true }),
      );
      if (reportChanges) expect(year, `${label}: the write changes the report`).not.toEqual(before);
      before = (await check(label)) as typeof before;
      await restarted(label, before);
    };

    // Unchanged data: a cached report is the fresh one, every school from the cache.
    const h0 = service.tallies.hits;
    expect(await service.compliance(auth, { regionId: county, period: YEAR }, 'zh-CN')).toEqual(before);
    expect(service.tallies.hits - h0).toBe(schools.length);

    // A child of school a with no talk in March (active then): its March talk item is overdue.
    const kids = await db
      .selectFrom('children')
      .select(['id', 'version', 'class_id'])
      .where('school_id', '=', a)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    const talked = new Set(
      (
        await db
          .selectFrom('care_record_children')
          .select('child_id')
          .where('school_id', '=', a)
          .where('kind', '=', 'talk')
          .where('date', '>=', '2026-03-01')
          .where('date', '<=', '2026-03-31')
          .execute()
      ).map((r) => r.child_id),
    );
    const quiet = kids.filter((k) => !talked.has(k.id));
    expect(quiet.length).toBeGreaterThan(3);
    const [k1, k2, k3] = quiet as [(typeof kids)[number], (typeof kids)[number], (typeof kids)[number]];

    // A care record in a past month, through the service (one transaction: record and links).
    const talk = {
      kind: 'talk' as const,
      childIds: [k1.id],
      date: '2026-03-10',
      summary: '谈心',
      details: {},
    } as unknown as Parameters<typeof app.services.careRecords.create>[1];
    // A leader of school a (writes and withdraws its records, excuses its items).
    const leaderA = { ...auth, roles: [{ id: '', role: 'school_leader', scopeKind: 'school', scopeId: a, schoolId: a, regionPath: null }] } as typeof auth;
    let recordId = '';
    // March to November: the months before March do not read March's records.
    const fromMarch = { months: 9 };
    await step(
      'care record added in March',
      [a],
      async () => {
        recordId = (await app.services.careRecords.create(leaderA, talk)).id;
      },
      fromMarch,
    );
    await step('care record withdrawn', [a], () => app.services.careRecords.remove(leaderA, recordId), fromMarch);
    // A bulk path writing links directly (as imports and the benchmark's loader do), then a hard delete.
    let bulk = '';
    await step(
      'care record links written directly',
      [a],
      async () => {
        bulk = await writeTalk(db, a, [k2.id, k3.id], '2026-03-12', 'bulk');
      },
      fromMarch,
    );
    await step('care record links deleted', [a], () => db.deleteFrom('care_record_children').where('record_id', '=', bulk).execute(), fromMarch);
    // A working day: a talk of today changes this month's counts only.
    await step('a talk today', [a], () => writeTalk(db, a, [k3.id], BENCH_TODAY.toISOString().slice(0, 10)), { months: 1 });

    // A roster import into school a (its stamp is held during the bulk insert and moves once).
    const aClass = await db.selectFrom('classes').select(['name']).where('school_id', '=', a).orderBy('id').executeTakeFirstOrThrow();
    await step('roster import', [a], async () => {
      const file = await xlsx([
        ['姓名', '性别', '出生日期', '班级', '父亲外出务工', '母亲外出务工', '监护人姓名', '与儿童关系', '监护人电话'],
        ['导入甲', '男', '2016-03-04', aClass.name, '是', '是', '王奶奶', '祖父母', '13800138000'],
        ['导入乙', '女', '2016-05-06', aClass.name, '是', '否', '李爷爷', '祖父母', '13800138001'],
      ]);
      const preview = await app.services.rosterImport.preview(leaderA, { schoolId: a, fileName: 'roster.xlsx', data: file, lang: 'zh-CN' });
      expect(preview.summary).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
      await app.services.rosterImport.commit(leaderA, preview.importId, {});
      expect(await db.selectFrom('compliance_stamps').select('school_id').where('held', '!=', 0).execute()).toEqual([]);
    });
    // A child moves to school b: both schools change.
    await step('child transferred', [a, b], () =>
      db.updateTable('children').set({ school_id: b, class_id: null, entered_on: '2026-11-20', updated_at: ts }).where('id', '=', k1.id).execute(),
    );
    // A pairing ends and another mentor takes over.
    const pairing = await db
      .selectFrom('pairings')
      .selectAll()
      .where('school_id', '=', c)
      .where('end_date', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('pairings')
      .select('mentor_id')
      .where('school_id', '=', c)
      .where('mentor_id', '!=', pairing.mentor_id)
      .executeTakeFirstOrThrow();
    await step('pairing changed', [c], async () => {
      await db.updateTable('pairings').set({ end_date: '2026-06-30' }).where('id', '=', pairing.id).execute();
      await db
        .insertInto('pairings')
        .values({ ...pairing, id: newId(), mentor_id: other.mentor_id, start_date: '2026-07-01', end_date: null })
        .execute();
    });
    // An excuse for an overdue item, through the service.
    await step('excuse added', [a], () =>
      service.excuse(leaderA, {
        childId: k2.id,
        ruleKey: 'talk_monthly',
        windowStart: '2026-03-01',
        reason: '住院',
      }),
    );
    // A new term for school b (term rules get new windows).
    await step('new term', [b], () =>
      db
        .insertInto('terms')
        .values({
          id: newId(),
          school_id: b,
          academic_year: '2025-2026',
          semester: 3,
          start_date: '2026-07-10',
          end_date: '2026-08-20',
          version: 1,
          created_at: ts,
          updated_at: ts,
        })
        .execute(),
    );
    // A class's head teacher changes (class-teacher items move to them).
    const klass = await db.selectFrom('classes').select(['id', 'head_teacher_id']).where('school_id', '=', c).orderBy('id').executeTakeFirstOrThrow();
    await step('head teacher changed', [c], () => db.updateTable('classes').set({ head_teacher_id: null }).where('id', '=', klass.id).execute());

    // School c's own policy, stricter, with an activity rule; then attendance of that activity.
    const kind = await db.selectFrom('activity_people').select('kind').where('school_id', '=', c).where('child_id', 'is not', null).executeTakeFirst();
    const activityKind = (RULE_ACTIVITY_KINDS.find((k) => k === `activity.${kind?.kind}`) ?? RULE_ACTIVITY_KINDS[0]) as CareRule['kinds'][number];
    const rules: CareRule[] = [
      ...DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min: 2 } : r)),
      {
        key: 'meeting_term',
        kinds: [activityKind],
        cadence: { type: 'term' },
        min: 1,
        appliesTo: { scope: 'all' },
        responsible: 'class_teacher',
        active: true,
      },
    ];
    const policy = (owner: { school_id: string | null; region_id: string | null }, version: number, rs: CareRule[], effectiveFrom = '2026-03-01') =>
      db
        .insertInto('care_policies')
        .values({
          id: newId(),
          ...owner,
          version,
          effective_from: effectiveFrom,
          rules: JSON.stringify(rs),
          risk: JSON.stringify(RiskConfig.parse({})),
          created_by: null,
          created_at: ts,
        })
        .execute();
    // From March (inserted by hand: the service refuses a policy starting in the past): March to November counted again.
    await step('school policy', [c], () => policy({ school_id: c, region_id: null }, 1, rules), { stamps: false, months: 9 });
    const activity = await db.selectFrom('activities').select(['id', 'kind']).where('school_id', '=', c).orderBy('id').executeTakeFirstOrThrow();
    const child = await db
      .selectFrom('children')
      .select('id')
      .where('school_id', '=', c)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await step(
      'activity attendance',
      [c],
      () =>
        db
          .insertInto('activity_people')
          .values({
            id: newId(),
            activity_id: activity.id,
            school_id: c,
            child_id: child.id,
            name: '学生',
            person_kind: 'child',
            adult_role: null,
            class_name: null,
            kind: activityKind.slice('activity.'.length),
            date: '2026-07-15',
            applied_at: null,
            present: 1,
          })
          .execute(),
      // July to November.
      { reportChanges: false, months: 5 },
    );
    const regionSchools = (
      await db
        .selectFrom('schools')
        .select('id')
        .where('region_id', '=', s.countyIds[0] as string)
        .execute()
    ).map((r) => r.id);
    // A county's policy from March reaches every school under it, c too: c's own policy, from the same day,
    // asks for fewer family contacts than the county now does, and the county's rules are its floor.
    await step(
      'region policy',
      regionSchools,
      () =>
        policy(
          { school_id: null, region_id: s.countyIds[0] as string },
          1,
          DEFAULT_RULES.map((r) => (r.key === 'family_contact_monthly' ? { ...r, min: 2 } : r)),
        ),
      { stamps: false, months: 9 },
    );
    // The county's rules changed through the service, from today (a policy never starts in the past):
    // the months before November are judged as they were, so each school counts November alone. The
    // report stays the same: November's talk window began on the 1st, under the rules then. School c's
    // own two talks a month are below the county's three, so it counts November again as well.
    await step(
      'region policy from today',
      regionSchools,
      () =>
        app.services.policies.putRegion(
          auth,
          s.countyIds[0] as string,
          { rules: DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min: 3 } : r)), risk: RiskConfig.parse({}) },
          'zh-CN',
        ),
      { stamps: false, months: 1, reportChanges: false },
    );
    // Rules from next month change no month of this year: nothing is counted again.
    await step('region policy from December', [], () => policy({ school_id: null, region_id: s.countyIds[0] as string }, 3, DEFAULT_RULES, '2026-12-01'), {
      stamps: false,
      reportChanges: false,
    });
    // A child leaves, then is erased with everything linked to it (cascades fire the triggers too).
    await step('child left', [b], () =>
      db.updateTable('children').set({ status: 'left', updated_at: '2026-04-02T03:00:00.000Z' }).where('id', '=', k1.id).execute(),
    );
    await step(
      'links of a school deleted in bulk',
      [a],
      () => sql`delete from care_record_children where school_id = ${a} and date like '2026-03-%'`.execute(db),
      fromMarch,
    );

    // Tomorrow the year still running is recomputed (statuses and who is responsible depend on today);
    // March, long over, is judged the same on any day and comes from the cache; both are right.
    now = new Date(BENCH_TODAY.getTime() + 86_400_000);
    const misses = service.tallies.misses;
    const hits = service.tallies.hits;
    await check('tomorrow');
    expect(service.tallies.misses - misses, 'the open year, recomputed').toBe(schools.length);
    // (Hits: March twice — the report and the summary — and the year's summary after its recount.)
    expect(service.tallies.hits - hits, 'March, from the cache').toBe(3 * schools.length);
  }, 180_000);

  it('counts again, in the background, what a saved policy changes: the next report reads it ready', async () => {
    app = await buildTestApp({ clock: () => BENCH_TODAY, env: { COMPLIANCE_PREWARM: 'true' } });
    const s = await seed(app, 600, { quiet: true });
    const service = app.services.compliance;
    const auth = systemAuth('test');
    const county = s.countyIds[0] as string;
    const year = { regionId: county, period: YEAR };
    // One of the county's schools began its autumn term two days early: its own dashboard starts there.
    const early = (await app.ctx.db.selectFrom('schools').select('id').where('region_id', '=', county).orderBy('name').executeTakeFirstOrThrow()).id;
    await startTermEarly(app, early);
    await service.compliance(auth, year, 'zh-CN');
    const before = await service.compliance(auth, year, 'zh-CN');
    // A bureau officer of the province saves county rules from today, through the API: a family letter
    // before 28 November, whose window (23–28 November) starts under them.
    const officer = await login(app, s.users.bureau, BENCH_PASSWORD);
    const festival = DEFAULT_RULES.find((r) => r.key === 'festival_letter') as CareRule;
    const letter: CareRule = {
      ...festival,
      key: 'letter_before_thanksgiving',
      cadence: { type: 'dates', dates: [{ label: '感恩节', date: '11-28', daysBefore: 5 }] },
    };
    const counted = service.tallies.countedParts;
    const res = await officer.put(`/api/care-policies/regions/${county}`, { rules: [...DEFAULT_RULES, letter] });
    expect(res.statusCode, res.body).toBe(200);
    await service.rewarmed();
    expect(service.tallies.countedParts - counted, 'months counted by the re-warm').toBeGreaterThan(0);
    // The report reads them ready, and shows the new rule.
    const { misses, countedParts } = service.tallies;
    const report = await service.compliance(auth, year, 'zh-CN');
    expect(service.tallies.misses - misses, 'schools counted by the report').toBe(0);
    expect(service.tallies.countedParts - countedParts).toBe(0);
    expect(report).not.toEqual(before);
    expect(report.byRule.map((r) => r.id)).toContain(letter.key);
    expect(report).toEqual(await service.compliance(auth, year, 'zh-CN', { reference: true }));
    // The early school's own term, counted by the re-warm as well.
    const ownTerm = { schoolId: early, period: '2026-08-30..2026-11-20' };
    const missed = service.tallies.misses;
    const own = await service.compliance(auth, ownTerm, 'zh-CN');
    expect(service.tallies.misses - missed, "the school's own term, re-warmed").toBe(0);
    expect(own).toEqual(await service.compliance(auth, ownTerm, 'zh-CN', { reference: true }));
  }, 120_000);

  it('pre-warms every school for the last twelve months and this term, so that the first reports of the day come from the cache', async () => {
    app = await buildTestApp({ clock: () => BENCH_TODAY });
    const s = await seed(app, 600, { quiet: true });
    const service = app.services.compliance;
    const auth = systemAuth('test');
    const schools = await app.ctx.db.selectFrom('schools').select(['id']).orderBy('name').execute();
    // One school's autumn term began two days early: its own dashboard starts there.
    const early = (schools[0] as { id: string }).id;
    await startTermEarly(app, early);
    const warmed = await service.prewarm();
    expect(warmed).toMatchObject({ schools: schools.length, periods: 2 });
    // This month, the term so far, the year to this month's end and any whole months within it.
    for (const period of ['2026-11', '2026-09-01..2026-11-20', YEAR, '2026-01-01..2026-10-31', '2026-03']) {
      const { hits, misses } = service.tallies;
      const report = await service.compliance(auth, { regionId: s.provinceId, period }, 'zh-CN');
      expect(service.tallies.misses - misses, `${period}: nothing recomputed`).toBe(0);
      expect(service.tallies.hits - hits, `${period}: every school from the cache`).toBe(schools.length);
      expect(report, period).toEqual(await service.compliance(auth, { regionId: s.provinceId, period }, 'zh-CN', { reference: true }));
    }
    const misses = service.tallies.misses;
    await service.compliance(auth, { schoolId: early, period: '2026-08-30..2026-11-20' }, 'zh-CN');
    expect(service.tallies.misses - misses, "the school's own term, pre-warmed too").toBe(0);
    // A new process's pre-warm the same day reads every month from the stored tallies (the year's
    // twelve and the term's November so far) and counts only the early school's two days of August
    // (not from a month's start, so never stored).
    service.tallies.clear();
    const { storedParts, countedParts } = service.tallies;
    await service.prewarm();
    expect(service.tallies.countedParts - countedParts).toBe(1);
    expect(service.tallies.storedParts - storedParts).toBe(schools.length * 13);
    const report = await service.compliance(auth, { regionId: s.provinceId, period: YEAR }, 'zh-CN');
    expect(report).toEqual(await service.compliance(auth, { regionId: s.provinceId, period: YEAR }, 'zh-CN', { reference: true }));
  }, 120_000);
});

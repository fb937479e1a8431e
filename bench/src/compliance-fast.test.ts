import { newId } from '@carebridge/db';
import { type CareRule, DEFAULT_RULES, RiskConfig, RULE_ACTIVITY_KINDS } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import type { SchoolTallies } from '../../apps/server/src/modules/compliance/school-tallies.ts';
import { buildTestApp, type TestApp } from '../../apps/server/src/test/index.ts';
import { BENCH_TODAY, seed } from './seed.ts';

/**
 * The compliance rates of the counting fast path (`loadForTally` + `tally`: packed records from a
 * covering index on SQLite, plain rows on PostgreSQL) against the engine's own judgement of every item
 * (`{ reference: true }`), on a generated region made awkward on purpose: children leaving and
 * entering mid-period, mentors changing, withdrawn records, excuses, a school policy version with an
 * activity rule, a school without terms.
 */

let app: TestApp;
afterEach(async () => app?.close());

describe('compliance fast path', () => {
  it('gives the same rates as the engine, by rule, class, mentor and school, however many schools are loaded at once', async () => {
    app = await buildTestApp({ clock: () => BENCH_TODAY });
    const s = await seed(app, 1000, { quiet: true });
    const { db } = app.ctx;
    const [a, b, c] = s.schoolIds as [string, string, string];
    const kids = await db.selectFrom('children').select(['id', 'school_id']).where('school_id', '=', a).orderBy('id').execute();
    const ids = (every: number, offset: number) => kids.filter((_, i) => i % every === offset).map((k) => k.id);
    // Leaving in October (the archive's status changes; updated_at says when), entering in October.
    await db.updateTable('children').set({ status: 'transferred', updated_at: '2026-10-12T03:00:00.000Z' }).where('id', 'in', ids(9, 1)).execute();
    await db.updateTable('children').set({ status: 'left', updated_at: '2025-12-28T03:00:00.000Z' }).where('id', 'in', ids(13, 2)).execute();
    await db.updateTable('children').set({ entered_on: '2026-10-20' }).where('id', 'in', ids(7, 3)).execute();
    await db.updateTable('children').set({ key_support: 1 }).where('id', 'in', ids(5, 4)).execute();
    // Mentors change on 15 October for some children.
    const changed = ids(6, 0);
    const mentor = await db.selectFrom('pairings').select('mentor_id').where('school_id', '=', b).executeTakeFirstOrThrow();
    await db.updateTable('pairings').set({ end_date: '2026-10-15' }).where('child_id', 'in', changed).execute();
    const ts = BENCH_TODAY.toISOString();
    const pairingCols = await db.selectFrom('pairings').selectAll().where('child_id', 'in', changed).execute();
    for (const p of pairingCols)
      await db
        .insertInto('pairings')
        .values({ ...p, id: newId(), mentor_id: mentor.mentor_id, start_date: '2026-10-16', end_date: null })
        .execute();
    // Withdrawn records, excuses.
    await sql`update care_record_children set withdrawn = 1 where school_id = ${a} and date like '%-1_'`.execute(db);
    for (const id of ids(11, 5))
      for (const [rule, start] of [
        ['talk_monthly', '2026-10-01'],
        ['family_contact_monthly', '2026-03-01'],
      ])
        await db
          .insertInto('due_excuses')
          .values({
            id: newId(),
            school_id: a,
            child_id: id,
            rule_key: rule as string,
            window_start: start as string,
            reason: '住院',
            created_by: null,
            created_at: ts,
          })
          .execute();
    // School b: its own policy from this term, stricter, with an activity rule; school c: no terms.
    const kind = await db.selectFrom('activity_people').select('kind').where('present', '=', 1).where('child_id', 'is not', null).executeTakeFirst();
    const activityKind = RULE_ACTIVITY_KINDS.find((k) => k === `activity.${kind?.kind}`) ?? RULE_ACTIVITY_KINDS[0];
    const rules: CareRule[] = [
      ...DEFAULT_RULES.map((r) => (r.key === 'talk_monthly' ? { ...r, min: 2 } : r)),
      {
        key: 'meeting_term',
        kinds: [activityKind, 'family_letter'] as CareRule['kinds'],
        cadence: { type: 'term' },
        min: 1,
        appliesTo: { scope: 'all' },
        responsible: 'class_teacher',
        active: true,
      },
      {
        key: 'host_talk',
        kinds: ['talk'],
        cadence: { type: 'every_days', days: 10 },
        min: 1,
        appliesTo: { scope: 'host' },
        responsible: 'mentor',
        active: true,
      },
    ];
    await db
      .insertInto('care_policies')
      .values({
        id: newId(),
        school_id: b,
        region_id: null,
        version: 1,
        effective_from: '2026-09-01',
        rules: JSON.stringify(rules),
        risk: JSON.stringify(RiskConfig.parse({})),
        created_by: null,
        created_at: ts,
      })
      .execute();
    await db.deleteFrom('terms').where('school_id', '=', c).execute();

    const auth = systemAuth('test');
    const service = app.services.compliance;
    const county = s.countyIds[0] as string;
    const seen = new Set<string>();
    for (const period of ['2026-11', '2026-10', '2026-01', '2025-12-01..2026-11-30', '2026-09-01..2027-01-22']) {
      for (const q of [{ regionId: county }, { schoolId: a }, { schoolId: b }, { schoolId: c }]) {
        const fast = await service.compliance(auth, { ...q, period }, 'zh-CN');
        const reference = await service.compliance(auth, { ...q, period }, 'zh-CN', { reference: true });
        expect(fast, `${period} ${JSON.stringify(q)}`).toEqual(reference);
        expect(reference.overall.total).toBeGreaterThan(0);
        for (const r of fast.byRule) seen.add(r.id as string);
      }
    }
    const year = await service.compliance(auth, { regionId: county, period: '2025-12-01..2026-11-30' }, 'zh-CN');
    // The awkward cases are in play: excused items, every rule of both policies.
    expect(year.overall.excused).toBeGreaterThan(0);
    expect([...seen]).toEqual(expect.arrayContaining(['meeting_term', 'host_talk', 'talk_monthly', 'home_visit_term', 'festival_letter']));
    expect(year.overall.done).toBeGreaterThan(0);
    expect(year.overall.overdue).toBeGreaterThan(0);

    // Counted from nothing, schools are loaded a batch at a time (the next batch read while one is
    // counted): batches of one school, of three (a batch of three and one of one) and of all give the
    // same report, and other work runs between schools.
    const counting = (service as unknown as { schoolTallies: SchoolTallies }).schoolTallies;
    const schools = (await db.selectFrom('schools').select('id').execute()).length;
    expect(schools).toBe(4);
    const periodYear = { regionId: county, period: '2025-12-01..2026-11-30' };
    const reference = await service.compliance(auth, periodYear, 'zh-CN', { reference: true });
    for (const batch of [1, 3, 8]) {
      counting.countBatch = batch;
      service.tallies.clear();
      await db.deleteFrom('compliance_tallies').execute();
      const counted0 = service.tallies.countedParts;
      let turns = 0;
      let spinning = true;
      const spin = () => {
        turns++;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const cold = await service.compliance(auth, periodYear, 'zh-CN');
      spinning = false;
      expect(cold, `batches of ${batch}`).toEqual(reference);
      expect(service.tallies.countedParts - counted0).toBe(schools * 12);
      expect(turns, `batches of ${batch}`).toBeGreaterThanOrEqual(schools);
    }
  }, 120_000);
});

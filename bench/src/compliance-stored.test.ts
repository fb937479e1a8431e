import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../apps/server/src/access/auth.ts';
import { buildTestApp, type TestApp } from '../../apps/server/src/test/index.ts';
import { writeTalk } from './records.ts';
import { BENCH_TODAY, seed } from './seed.ts';

/**
 * The months of compliance counts stored in the database (stored-tallies.ts) are read by a new process
 * only while they still hold: same counting code and policy (version), same school stamps, and for a
 * month not over, the same day. The restart of every write step is in compliance-cache.test.ts; here,
 * each reason a stored month is refused, on SQLite and on PostgreSQL.
 */

let app: TestApp;
afterEach(async () => app?.close());

const YEAR = '2025-12-01..2026-11-30';

describe('stored compliance months', () => {
  it('ignores a stored month of another version, day or stamp, or that it cannot read, counts it again and stores it anew', async () => {
    let now = BENCH_TODAY;
    app = await buildTestApp({ clock: () => now });
    const s = await seed(app, 300, { quiet: true });
    const { db } = app.ctx;
    const service = app.services.compliance;
    const auth = systemAuth('test');
    const schools = await db.selectFrom('schools').select(['id']).orderBy('name').execute();
    const year = { regionId: s.provinceId, period: YEAR };
    const first = await service.compliance(auth, year, 'zh-CN');
    const stored = await db
      .selectFrom('compliance_tallies')
      .select(['school_id', 'period', 'as_of', 'version'])
      .orderBy('school_id')
      .orderBy('period')
      .execute();
    // Every school's twelve months: those over for any day, November (not over) for today only.
    expect(stored).toHaveLength(schools.length * 12);
    expect(stored.filter((r) => r.as_of !== '').map((r) => `${r.period}@${r.as_of}`)).toEqual(schools.map(() => '2026-11-01..2026-11-30@2026-11-20'));
    const [x, y] = stored as [(typeof stored)[number], (typeof stored)[number]];
    await db
      .updateTable('compliance_tallies')
      .set({ version: 'another release' })
      .where('school_id', '=', x.school_id)
      .where('period', '=', x.period)
      .execute();
    await db.updateTable('compliance_tallies').set({ tally: '{"counts": [1, 2' }).where('school_id', '=', y.school_id).where('period', '=', y.period).execute();
    const counters = () => ({ stored: service.tallies.storedParts, counted: service.tallies.countedParts });
    service.tallies.clear();
    let c0 = counters();
    const again = await service.compliance(auth, year, 'zh-CN');
    expect(again).toEqual(first);
    expect(again).toEqual(await service.compliance(auth, year, 'zh-CN', { reference: true }));
    expect(counters()).toEqual({ stored: c0.stored + schools.length * 12 - 2, counted: c0.counted + 2 });
    // Both months were counted again and stored under the current version.
    const fixed = await db.selectFrom('compliance_tallies').select(['version', 'tally']).where('school_id', 'in', [x.school_id, y.school_id]).execute();
    expect(new Set(fixed.map((r) => r.version))).toEqual(new Set([(stored[2] as (typeof stored)[number]).version]));
    expect(fixed.every((r) => Array.isArray(JSON.parse(r.tally).counts))).toBe(true);

    // A write while no process holds the school in memory: its stored months from the record's on are
    // stale by the stamp, and those nine (March to November) are counted again; its months before March
    // and the other schools' months are still used.
    // A child with no talk in March: the talk written makes its March item done.
    const kid = await db
      .selectFrom('children')
      .select(['id', 'school_id'])
      .where('status', '=', 'active')
      .where('created_at', '<', '2026-03-01')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('care_record_children as l')
              .select('l.child_id')
              .whereRef('l.child_id', '=', 'children.id')
              .where('l.kind', '=', 'talk')
              .where('l.date', '>=', '2026-03-01')
              .where('l.date', '<=', '2026-03-31'),
          ),
        ),
      )
      .orderBy('id')
      .executeTakeFirstOrThrow();
    service.tallies.clear();
    await writeTalk(db, kid.school_id, [kid.id], '2026-03-15');
    c0 = counters();
    const changed = await service.compliance(auth, year, 'zh-CN');
    expect(changed).not.toEqual(first);
    expect(changed).toEqual(await service.compliance(auth, year, 'zh-CN', { reference: true }));
    expect(counters()).toEqual({ stored: c0.stored + schools.length * 12 - 9, counted: c0.counted + 9 });

    // The next day: the months over still hold, November is counted for the new day; the pre-warm
    // deletes what was stored for the day before.
    now = new Date(BENCH_TODAY.getTime() + 86_400_000);
    service.tallies.clear();
    c0 = counters();
    const nextDay = await service.compliance(auth, year, 'zh-CN');
    expect(nextDay).toEqual(await service.compliance(auth, year, 'zh-CN', { reference: true }));
    expect(counters()).toEqual({ stored: c0.stored + schools.length * 11, counted: c0.counted + schools.length });
    const days = async () => (await db.selectFrom('compliance_tallies').select('as_of').distinct().orderBy('as_of').execute()).map((r) => r.as_of);
    expect(await days()).toEqual(['', '2026-11-20', '2026-11-21']);
    await service.prewarm();
    expect(await days()).toEqual(['', '2026-11-21']);
  }, 120_000);
});

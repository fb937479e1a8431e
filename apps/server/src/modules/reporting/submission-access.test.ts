import { newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { authOf, buildClass, buildRegion, buildSchool, buildTestApp, buildUser, login, TEST_PASSWORD, type TestApp } from '../../test/index.ts';
import { readPlaces, reads, reviewPlaces, reviews } from './submission-access.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

describe('roster submission access', () => {
  it('the list filters in SQL exactly the rows the per-row rule reads, for every kind of caller', async () => {
    app = await buildTestApp();
    const a = app;
    const county = await buildRegion(a, { level: 'county' });
    const elsewhere = await buildRegion(a, { level: 'county' });
    const schoolA = await buildSchool(a, { regionId: county.id });
    const schoolB = await buildSchool(a, { regionId: county.id });
    const schoolC = await buildSchool(a, { regionId: elsewhere.id });
    const classA1 = await buildClass(a, { schoolId: schoolA.id });
    const classA2 = await buildClass(a, { schoolId: schoolA.id });
    const classB1 = await buildClass(a, { schoolId: schoolB.id });
    const classC1 = await buildClass(a, { schoolId: schoolC.id });
    const now = new Date().toISOString();
    const termOf = new Map<string, string>();
    for (const s of [schoolA, schoolB, schoolC]) {
      const id = newId();
      termOf.set(s.id, id);
      await a.ctx.db
        .insertInto('terms')
        .values({
          id,
          school_id: s.id,
          academic_year: '2026-2027',
          semester: 1,
          start_date: '2026-09-01',
          end_date: '2027-01-20',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const places: { school: string; klass: string | null }[] = [
      { school: schoolA.id, klass: null },
      { school: schoolA.id, klass: classA1.id },
      { school: schoolA.id, klass: classA2.id },
      { school: schoolB.id, klass: null },
      { school: schoolB.id, klass: classB1.id },
      { school: schoolC.id, klass: null },
      { school: schoolC.id, klass: classC1.id },
    ];
    await a.ctx.db
      .insertInto('roster_submissions')
      .values(
        places.map((p) => ({
          id: newId(),
          level: p.klass ? 'class' : 'school',
          school_id: p.school,
          class_id: p.klass,
          term_id: termOf.get(p.school) as string,
          status: 'submitted',
          children: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();

    const callers = [
      await buildUser(a, 'school_leader', schoolA.id),
      await buildUser(a, 'moral_education', schoolA.id),
      await buildUser(a, 'counsellor', schoolA.id),
      await buildUser(a, 'mentor', schoolA.id),
      await buildUser(a, 'class_teacher', classA1.id),
      await buildUser(a, 'bureau_officer', county.id),
      await buildUser(a, 'bureau_officer', elsewhere.id),
      await buildUser(a, 'system_admin', null),
    ].map((u) => u.username);
    // One person with several roles: a counsellor of one school who teaches a class of another.
    const both = `both${newId().slice(0, 8)}`;
    const u = await a.services.users.create(systemAuth(), {
      username: both,
      name: '双重身份',
      password: TEST_PASSWORD,
      roles: [
        { role: 'counsellor', scopeId: schoolB.id },
        { role: 'class_teacher', scopeId: classA2.id },
      ],
    });
    await a.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', u.id).execute();
    callers.push(both);

    const rows = async (where?: 'read' | 'review', auth?: Awaited<ReturnType<typeof authOf>>) => {
      let q = a.ctx.db
        .selectFrom('roster_submissions as r')
        .innerJoin('schools as s', 's.id', 'r.school_id')
        .select(['r.id', 'r.level', 'r.school_id', 'r.class_id', 's.region_path']);
      if (auth && where === 'read') q = q.where(readPlaces(auth));
      if (auth && where === 'review') q = q.where(readPlaces(auth)).where(reviewPlaces(auth));
      return (await q.execute()).sort((x, y) => x.id.localeCompare(y.id));
    };
    const all = await rows();
    expect(all).toHaveLength(places.length);
    const seen: number[] = [];
    for (const username of callers) {
      const auth = await authOf(a, await login(a, username, TEST_PASSWORD));
      const inSql = await rows('read', auth);
      expect(
        inSql.map((r) => r.id),
        username,
      ).toEqual(all.filter((r) => reads(auth, r)).map((r) => r.id));
      // What the reviewer's list narrows to in SQL keeps every row the caller reads and reviews.
      const reviewable = (await rows('review', auth)).map((r) => r.id);
      for (const r of all.filter((r) => reads(auth, r) && reviews(auth, r))) expect(reviewable, username).toContain(r.id);
      seen.push(inSql.length);
    }
    // leader, moral education and counsellor: school A's three; a mentor none; the class teacher one;
    // the county's bureau five; the other county's two; the administrator all; the two-role person school B's two and class A2's.
    expect(seen).toEqual([3, 3, 3, 0, 1, 5, 2, 7, 3]);
  });
});

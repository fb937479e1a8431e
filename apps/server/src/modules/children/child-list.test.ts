import { makeIdNumber } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { authOf, buildChild, buildClass, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';
import { demoChild, rng } from '../setup/demo-children.ts';
import { type ChildRowView, toSummary } from './child.mapper.ts';
import { childRepo } from './child.repository.ts';

/** The child list (GET /api/children): filters, search, paging, its count, its query plan and its summaries. */

let app: TestApp;
afterEach(async () => app?.close());

const clock = () => new Date('2026-11-20T02:00:00Z');

describe('child list: filters, search, cursor', () => {
  it('finds 张小明 by fragment, pinyin, initials and ID number; filters; pages with a cursor', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const base = { schoolId: a.school.id, classId: a.klass.id };
    const zxmId = makeIdNumber('530102', '2015-05-06', 3, 'male');
    await buildChild(app, { ...base, name: '张小明', birthDate: '2015-05-06', gender: 'male', idNumber: zxmId });
    await buildChild(app, { ...base, name: '李华', boarding: 'boarding', motherStatus: 'home', keySupport: true });
    await buildChild(app, { ...base, name: '王芳', birthDate: '2011-01-01', gender: 'female', idNumber: null, guardianRelation: 'maternal_grandparents' });
    const t = await app.as(a.teacher.username);
    const names = async (qs: string) => (await t.get(`/api/children?${qs}`)).json().items.map((c: { name: string }) => c.name);
    for (const q of ['小明', 'xiaoming', 'zxm', 'ZXM', zxmId.slice(0, 10)]) expect(await names(`q=${encodeURIComponent(q)}`)).toContain('张小明');
    expect(await names(`q=${zxmId}`)).toEqual(['张小明']);
    expect(await names('boarding=boarding')).toEqual(['李华']);
    expect(await names('leftBehindType=father')).toEqual(['李华']);
    expect(await names('keySupport=true')).toEqual(['李华']);
    expect(await names('guardianRelation=maternal_grandparents')).toEqual(['王芳']);
    expect(await names('ageBand=14-16')).toEqual(['王芳']);
    expect(await names('narrow=true')).toEqual(['王芳', '张小明']);
    expect(await names('narrow=false')).toEqual(['李华']);
    expect(await names('sort=name')).toEqual(['李华', '王芳', '张小明']);
    expect((await names('sort=birthDate&order=desc'))[2]).toBe('王芳');
    const p1 = (await t.get('/api/children?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await t.get(`/api/children?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((c: { name: string }) => c.name)).toEqual(['张小明']);
    expect(p2.nextCursor).toBeNull();
    // A cursor that is not one of ours, or one for another sort, is a 400 naming it, not a silent first page.
    // Every sort's own cursor gives its next page, in either order.
    for (const sort of ['name', 'birthDate', 'updatedAt', 'class'])
      for (const order of ['asc', 'desc']) {
        const first = (await t.get(`/api/children?limit=2&sort=${sort}&order=${order}`)).json();
        const next = await t.get(`/api/children?limit=2&sort=${sort}&order=${order}&cursor=${first.nextCursor}`);
        expect([next.statusCode, next.json().items.length], `${sort} ${order}`).toEqual([200, 1]);
      }
    const byBirth = (await t.get('/api/children?limit=2&sort=birthDate')).json().nextCursor;
    const forged = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
    // A grade that is not a number was a 500 on PostgreSQL.
    const wrongType = `${forged(['class:asc', 'abc', 'x', 'y', 'z'])}&sort=class`;
    for (const c of ['not-a-cursor', forged([1, 2]), forged([{}, []]), byBirth, wrongType]) {
      const r = await t.get(`/api/children?limit=2&cursor=${c}`);
      expect([r.statusCode, r.json().fields?.map((f: { path: string }) => f.path)]).toEqual([400, ['cursor']]);
    }
    // Summaries by id, without a full view.
    const two = (await t.get(`/api/children?ids=${p1.items.map((c: { id: string }) => c.id).join(',')}`)).json().items;
    expect(two).toHaveLength(2);
    const bad = await t.get('/api/children?boarding=hotel');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('寄宿情况');
  });

  it('counts the children that match with the first page when asked (共 N 名), within the caller’s scope', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    for (let i = 0; i < 5; i++) await buildChild(app, { schoolId: a.school.id, classId: a.klass.id, keySupport: i < 2 });
    await buildChild(app, { schoolId: b.school.id, classId: b.klass.id, keySupport: true });
    const t = await app.as(a.teacher.username);
    const firstRes = await t.get('/api/children?limit=2&total=true');
    expect(firstRes.statusCode, firstRes.body).toBe(200);
    const first = firstRes.json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(5);
    // A filter is counted as listed; the other school's child is not the caller's.
    expect((await t.get('/api/children?keySupport=true&total=true')).json().total).toBe(2);
    // Not asked, not counted; a later page does not count again.
    expect((await t.get('/api/children?limit=2')).json().total).toBeUndefined();
    expect((await t.get(`/api/children?limit=2&total=true&cursor=${first.nextCursor}`)).json().total).toBeUndefined();
    // Past the cap (10,000; 3 here) it counts no further and says so.
    const auth = await authOf(app, await app.as(a.leader.username));
    const countTo = async (totalCap: number) => {
      const page = await childRepo.list(app.ctx.db, auth, {
        status: 'active',
        sort: 'name',
        order: 'asc',
        limit: 2,
        total: true,
        today: '2026-11-20',
        totalCap,
      });
      return [page.total, page.totalCapped];
    };
    expect(await countTo(3)).toEqual([3, true]);
    expect(await countTo(5)).toEqual([5, undefined]);
    const bad = await t.get('/api/children?total=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('统计总数');
  });
});

describe('child list: the plan on PostgreSQL', () => {
  it("estimates a class's children as its class, not as a fraction of it (a class lies in one school)", async () => {
    app = await buildTestApp({ clock });
    if (app.ctx.dialect !== 'postgres') return;
    const classes: { schoolId: string; classId: string }[] = [];
    for (let s = 0; s < 3; s++) {
      const { school, klass } = await buildSchoolWithStaff(app);
      classes.push({ schoolId: school.id, classId: klass.id });
      for (let k = 0; k < 2; k++) classes.push({ schoolId: school.id, classId: (await buildClass(app, { schoolId: school.id, name: `${k + 2}班` })).id });
    }
    for (const c of classes) for (let i = 0; i < 12; i++) await buildChild(app, c);
    const estimate = async () => {
      await sql`analyze children`.execute(app.ctx.db);
      const c = classes[4] as { schoolId: string; classId: string };
      const { rows } = await sql<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>`explain (format json)
        select id from children where school_id = ${c.schoolId} and class_id = ${c.classId}`.execute(app.ctx.db);
      return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] as number;
    };
    const known = await estimate();
    expect(known).toBeGreaterThanOrEqual(9);
    // Without the statistics the two filters multiply: 108 × 1/3 × 1/9 ≈ 4 rows.
    await sql`drop statistics children_school_class`.execute(app.ctx.db);
    expect(await estimate()).toBeLessThan(known / 2);
  });
});

describe('child list: summaries from the list columns', () => {
  it('answers each summary as the full archive row would, for children of every kind', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const r = rng(11);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const v = demoChild(r, { schoolId: a.school.id, classId: a.klass.id, grade: 3, area: '530102', kind: 'village', year: 2026 }, i);
      ids.push((await buildChild(app, { ...v, schoolId: a.school.id, classId: a.klass.id } as never)).id);
    }
    const auth = await authOf(app, await app.as(a.leader.username));
    const listed = (await app.services.children.list(auth, { sort: 'name', order: 'asc', status: 'all', limit: 100 } as never)).items;
    expect(listed).toHaveLength(40);
    const today = app.services.children.today();
    for (const item of listed) {
      const full = (await childRepo.findById(app.ctx.db, auth, item.id)) as ChildRowView;
      expect(item).toEqual(toSummary(full, today));
    }
    // The demo children differ in what is derived from the facts.
    expect(new Set(listed.map((c) => c.derived.leftBehindType)).size).toBeGreaterThan(1);
    expect(listed.some((c) => c.derived.difficulty.length > 0)).toBe(true);
  });
});

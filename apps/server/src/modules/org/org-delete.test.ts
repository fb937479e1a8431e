import { DEFAULT_RULES } from '@carebridge/shared';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildChild,
  buildRegion,
  buildSchool,
  buildSchoolWithStaff,
  buildTestApp,
  buildUser,
  TEST_PASSWORD,
  type TestApp,
  testDialect,
} from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { REGION_USES, SCHOOL_USES, TERM_USES } from './org-usage.ts';

// A county set up from nothing has its mistakes: a township entered twice, a school under the wrong
// town, a term of the wrong year. What nothing uses yet can be deleted; what something uses cannot.

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

const exists = async (table: 'regions' | 'schools' | 'terms', id: string) =>
  !!(await app.ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
const audited = async (action: string, id: string) =>
  (await app.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_id', '=', id).where('action', '=', action).execute()).map((r) => ({
    action: r.action,
    summary: JSON.parse(r.summary ?? 'null'),
  }));

describe('deleting a region', () => {
  it('deletes a region nothing uses, audited, by the administrator or the bureau above it', async () => {
    app = await buildTestApp({ clock });
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const { county, bureau } = await buildSchoolWithStaff(app);
    const officer = await app.as(bureau.username);
    const town = (await officer.post('/api/regions', { parentId: county.id, level: 'township', name: '东河镇' })).json();
    const twice = await buildRegion(app, { parentId: county.id, level: 'township', name: '东河镇（重复）' });
    expect((await officer.delete(`/api/regions/${town.id}`)).statusCode).toBe(204);
    expect(await exists('regions', town.id)).toBe(false);
    expect(await audited('region.delete', town.id)).toEqual([{ action: 'region.delete', summary: { name: '东河镇', level: 'township' } }]);
    expect((await officer.get('/api/regions')).json().items.map((r: { id: string }) => r.id)).not.toContain(town.id);
    expect((await admin.delete(`/api/regions/${twice.id}`)).statusCode).toBe(204);
    // A province of nothing, by the administrator.
    const root = await buildRegion(app, { level: 'province' });
    expect((await admin.delete(`/api/regions/${root.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/regions/${root.id}`)).statusCode).toBe(404);
  });

  it('lets only those who may create a region delete it', async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    const officer = await app.as(a.bureau.username);
    const town = await buildRegion(app, { parentId: a.county.id, level: 'township' });
    const elsewhere = await buildRegion(app, { parentId: b.county.id, level: 'township' });
    // Its own county is created by those above it.
    const own = await officer.delete(`/api/regions/${a.county.id}`);
    expect(own.statusCode).toBe(403);
    expect((await officer.delete(`/api/regions/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await (await app.as(a.leader.username)).delete(`/api/regions/${town.id}`)).statusCode).toBe(404);
    expect(await exists('regions', town.id)).toBe(true);
    expect(await exists('regions', a.county.id)).toBe(true);
  });

  it('refuses, naming what still uses it: sub-regions, schools, users, policies', async () => {
    app = await buildTestApp({ clock });
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const province = await buildRegion(app, { level: 'province', name: '四川省' });
    const county = await buildRegion(app, { parentId: province.id, level: 'county', name: '旺苍县' });
    for (let i = 0; i < 3; i++) await buildSchool(app, { regionId: county.id });
    await buildRegion(app, { parentId: county.id, level: 'township' });
    await buildUser(app, 'bureau_officer', county.id);
    const res = await admin.delete(`/api/regions/${county.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'in_use', message: '该区域仍在使用中，不能删除：1 个下级区域、3 所学校、1 名用户的角色' });
    const en = await admin.delete(`/api/regions/${county.id}`, undefined, { 'accept-language': 'en-US' });
    expect(en.json().message).toBe('Region cannot be deleted while it still has 1 sub-region, 3 schools and 1 user with a role there');
    expect((await admin.delete(`/api/regions/${province.id}`)).json().message).toBe('该区域仍在使用中，不能删除：1 个下级区域');
    // A region's own care policy is its own use.
    const town = await buildRegion(app, { parentId: county.id, level: 'township' });
    expect((await admin.put(`/api/care-policies/regions/${town.id}`, { rules: DEFAULT_RULES })).statusCode).toBe(200);
    expect((await admin.delete(`/api/regions/${town.id}`)).json().message).toBe('该区域仍在使用中，不能删除：1 个关爱制度版本');
    expect(await exists('regions', county.id)).toBe(true);
  });
});

describe('deleting a school', () => {
  it('deletes a school nothing uses, with the duties it was created with, audited', async () => {
    app = await buildTestApp({ clock });
    const { county, bureau } = await buildSchoolWithStaff(app);
    const officer = await app.as(bureau.username);
    const school = (await officer.post('/api/schools', { regionId: county.id, name: '错建小学', kind: 'primary' })).json();
    const res = await officer.delete(`/api/schools/${school.id}`);
    expect(res.statusCode).toBe(204);
    expect(await exists('schools', school.id)).toBe(false);
    expect(await app.ctx.db.selectFrom('duties').select('id').where('school_id', '=', school.id).execute()).toEqual([]);
    expect(await audited('school.delete', school.id)).toEqual([{ action: 'school.delete', summary: { name: '错建小学' } }]);
    // The name is free again.
    expect((await officer.post('/api/schools', { regionId: county.id, name: '错建小学', kind: 'primary' })).statusCode).toBe(201);
  });

  it('refuses a school that has classes, terms, staff or children, naming them; and a leader may not delete it', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    expect(
      (await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' }))
        .statusCode,
    ).toBe(201);
    expect((await leader.delete(`/api/schools/${s.school.id}`)).statusCode).toBe(403);
    const officer = await app.as(s.bureau.username);
    const res = await officer.delete(`/api/schools/${s.school.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该学校仍在使用中，不能删除：1 个班级、1 个学期、1 份儿童档案、2 名用户的角色');
    expect(await exists('schools', s.school.id)).toBe(true);
    expect((await (await app.as((await buildSchoolWithStaff(app)).bureau.username)).delete(`/api/schools/${s.school.id}`)).statusCode).toBe(404);
  });

  it('refuses a school whose term is being added meanwhile, and a term of a school deleted meanwhile', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const officer = await app.as(s.bureau.username);
    const school = await buildSchool(app, { regionId: s.county.id });
    const term = { schoolId: school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' };
    const remove = duringNextTransaction(app, () => officer.delete(`/api/schools/${school.id}`));
    expect((await officer.post('/api/terms', term)).statusCode).toBe(201);
    expect((await remove()).statusCode).toBe(409);
    const other = await buildSchool(app, { regionId: s.county.id });
    const add = duringNextTransaction(app, () => officer.post('/api/terms', { ...term, schoolId: other.id }));
    expect((await officer.delete(`/api/schools/${other.id}`)).statusCode).toBe(204);
    expect((await add()).statusCode).toBe(404);
  });
});

describe('deleting a term', () => {
  const term = { academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' };

  it('deletes a term nothing uses, audited; only those who may create terms', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const t = (await leader.post('/api/terms', { schoolId: s.school.id, ...term })).json();
    expect((await (await app.as(s.teacher.username)).delete(`/api/terms/${t.id}`)).statusCode).toBe(403);
    expect((await (await app.as((await buildSchoolWithStaff(app)).leader.username)).delete(`/api/terms/${t.id}`)).statusCode).toBe(404);
    expect((await leader.delete(`/api/terms/${t.id}`)).statusCode).toBe(204);
    expect(await exists('terms', t.id)).toBe(false);
    expect(await audited('term.delete', t.id)).toEqual([
      { action: 'term.delete', summary: { academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' } },
    ]);
    // The same term can be entered again.
    expect((await leader.post('/api/terms', { schoolId: s.school.id, ...term })).statusCode).toBe(201);
  });

  it('refuses a term with a roster submission, a pairing, or care records and activities in its days', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const kid = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const t = (await leader.post('/api/terms', { schoolId: s.school.id, ...term })).json();
    const spring = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2025-2026', semester: 2, startDate: '2026-02-20', endDate: '2026-07-10' })
    ).json();
    expect((await (await app.as(s.teacher.username)).post('/api/roster-submissions', { termId: t.id, classId: s.klass.id })).statusCode).toBeLessThan(300);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [kid.id], termId: t.id })).statusCode).toBe(201);
    expect((await leader.post('/api/care-records', { kind: 'talk', childIds: [kid.id], date: '2026-09-15', summary: '谈心', details: {} })).statusCode).toBe(
      201,
    );
    const res = await leader.delete(`/api/terms/${t.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该学期仍在使用中，不能删除：1 份花名册报送、1 条结对记录、1 条关爱记录');
    expect(await exists('terms', t.id)).toBe(true);
    // Records of another term's days do not hold this one; a withdrawn record holds nothing.
    const old = (await leader.post('/api/care-records', { kind: 'talk', childIds: [kid.id], date: '2026-03-10', summary: '谈心', details: {} })).json();
    expect((await leader.delete(`/api/terms/${spring.id}`)).json().message).toBe('该学期仍在使用中，不能删除：1 条关爱记录');
    expect((await leader.delete(`/api/care-records/${old.id}`)).statusCode).toBe(204);
    expect((await leader.delete(`/api/terms/${spring.id}`)).statusCode).toBe(204);
  });
});

describe('granting a role or adding a class while its region or school is deleted', () => {
  const user = (username: string, role: string, scopeId: string) => ({ username, name: '测试', password: TEST_PASSWORD, roles: [{ role, scopeId }] });
  const rolesAt = async (scopeId: string) => app.ctx.db.selectFrom('role_assignments').select('id').where('scope_id', '=', scopeId).execute();

  it('a region: the delete counts the role granted meanwhile, or the grant finds no region', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const officer = await app.as(s.bureau.username);
    const town = await buildRegion(app, { parentId: s.county.id, level: 'township' });
    const remove = duringNextTransaction(app, () => officer.delete(`/api/regions/${town.id}`));
    expect((await officer.post('/api/users', user('zhen01', 'bureau_officer', town.id))).statusCode).toBe(201);
    expect((await remove()).json()).toMatchObject({ error: 'in_use' });
    expect(await exists('regions', town.id)).toBe(true);
    const other = await buildRegion(app, { parentId: s.county.id, level: 'township' });
    const grant = duringNextTransaction(app, () => officer.post('/api/users', user('zhen02', 'bureau_officer', other.id)));
    expect((await officer.delete(`/api/regions/${other.id}`)).statusCode).toBe(204);
    const refused = await grant();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'roles.0.scopeId', message: '所选区域不存在' }]);
    expect(await rolesAt(other.id)).toEqual([]);
  });

  it('a school: the delete counts the role granted meanwhile, or the grant finds no school', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const officer = await app.as(s.bureau.username);
    const school = await buildSchool(app, { regionId: s.county.id });
    const remove = duringNextTransaction(app, () => officer.delete(`/api/schools/${school.id}`));
    expect((await officer.post('/api/users', user('xiao01', 'school_leader', school.id))).statusCode).toBe(201);
    expect((await remove()).json()).toMatchObject({ error: 'in_use' });
    const other = await buildSchool(app, { regionId: s.county.id });
    const grant = duringNextTransaction(app, () => officer.post('/api/users', user('xiao02', 'school_leader', other.id)));
    expect((await officer.delete(`/api/schools/${other.id}`)).statusCode).toBe(204);
    const refused = await grant();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([{ path: 'roles.0.scopeId', message: '所选学校不存在' }]);
    expect(await rolesAt(other.id)).toEqual([]);
  });

  it('a school: the delete counts the class added meanwhile, or the class finds no school', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const officer = await app.as(s.bureau.username);
    const klass = (schoolId: string) => ({ schoolId, grade: 3, name: '三年级1班', pupilCount: 40 });
    const school = await buildSchool(app, { regionId: s.county.id });
    const remove = duringNextTransaction(app, () => officer.delete(`/api/schools/${school.id}`));
    expect((await officer.post('/api/classes', klass(school.id))).statusCode).toBe(201);
    expect((await remove()).json()).toMatchObject({ error: 'in_use' });
    const other = await buildSchool(app, { regionId: s.county.id });
    const add = duringNextTransaction(app, () => officer.post('/api/classes', klass(other.id)));
    expect((await officer.delete(`/api/schools/${other.id}`)).statusCode).toBe(204);
    expect((await add()).json()).toMatchObject({ error: 'not_found', status: 404 });
    expect(await app.ctx.db.selectFrom('classes').select('id').where('school_id', '=', other.id).execute()).toEqual([]);
  });
});

describe('what uses a region, a school or a term', () => {
  it('is known for every table that names one', async () => {
    app = await buildTestApp();
    const columns =
      testDialect === 'postgres'
        ? (
            await sql<{
              t: string;
              c: string;
            }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(app.ctx.db)
          ).rows
        : (
            await sql<{
              t: string;
              c: string;
            }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(app.ctx.db)
          ).rows;
    const naming = (names: string[]) => [...new Set(columns.filter((r) => names.includes(r.c)).map((r) => r.t))].sort();
    const unknown = (names: string[], uses: { tables: readonly string[] }, self: string) => naming(names).filter((t) => t !== self && !uses.tables.includes(t));
    expect(unknown(['school_id'], SCHOOL_USES, 'schools')).toEqual([]);
    expect(unknown(['term_id'], TERM_USES, 'terms')).toEqual([]);
    expect(unknown(['region_id', 'parent_id', 'scope_id', 'region_path', 'scope_path'], REGION_USES, 'regions')).toEqual([]);
  });
});

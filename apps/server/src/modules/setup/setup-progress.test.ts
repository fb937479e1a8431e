import { afterEach, describe, expect, it } from 'vitest';
import { systemAuth } from '../../access/auth.ts';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, TEST_PASSWORD, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

type Progress = {
  regions: number;
  schools: number;
  schoolsWithoutTerm: { id: string; name: string }[];
  schoolsWithoutClasses: { id: string; name: string }[];
  users: number;
  children: number;
  unpaired: number;
};

describe('set-up progress', () => {
  it('tells each one setting up an area what is there and what is missing in it, and nobody else', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    // A second school of the county: no term, no class yet.
    const bare = await buildSchool(app, { regionId: s.county.id, name: '东河小学' });
    const leader = await app.as(s.leader.username);
    const bureau = await app.as(s.bureau.username);
    const progress = async (c: typeof leader) => {
      const res = await c.get('/api/setup/progress');
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Progress;
    };
    let p = await progress(bureau);
    expect(p).toMatchObject({ schools: 2, children: 0, unpaired: 0 });
    expect(p.schoolsWithoutTerm.map((x) => x.name).sort()).toEqual([s.school.name, '东河小学'].sort());
    expect(p.schoolsWithoutClasses.map((x) => x.id)).toEqual([bare.id]);
    // The leader's school: a term, a child without a mentor, then paired.
    await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-22' });
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    p = await progress(leader);
    expect(p).toMatchObject({ schools: 1, schoolsWithoutTerm: [], schoolsWithoutClasses: [], children: 1, unpaired: 1 });
    // Accounts with a role in the school, the leader left out: the class teacher.
    expect(p.users).toBe(1);
    const mentor = await buildUser(app, 'mentor', s.school.id);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [child.id], startDate: '2026-11-20' })).statusCode).toBe(201);
    p = await progress(leader);
    expect(p).toMatchObject({ users: 2, children: 1, unpaired: 0 });
    // The bureau sees its county: the other school still lacks both; the leader's school is done.
    p = await progress(bureau);
    expect(p.schoolsWithoutTerm.map((x) => x.id)).toEqual([bare.id]);
    await buildClass(app, { schoolId: bare.id, grade: 1, name: '一年级1班' });
    expect((await progress(bureau)).schoolsWithoutClasses).toEqual([]);
    // A class teacher or mentor sets nothing up.
    expect((await (await app.as(s.teacher.username)).get('/api/setup/progress')).statusCode).toBe(403);
    expect((await (await app.as(mentor.username)).get('/api/setup/progress')).statusCode).toBe(403);
  });

  it("counts only the schools of the caller's set-up roles, not one where it is also a mentor", async () => {
    app = await buildTestApp({ clock });
    const a = await buildSchoolWithStaff(app);
    const b = await buildSchoolWithStaff(app);
    for (let i = 0; i < 3; i++) await buildChild(app, { schoolId: b.school.id, classId: b.klass.id });
    await buildChild(app, { schoolId: a.school.id, classId: a.klass.id });
    const user = await app.services.users.create(systemAuth(), {
      username: 'dualrole',
      name: '双重角色',
      password: TEST_PASSWORD,
      roles: [
        { role: 'school_leader', scopeId: a.school.id },
        { role: 'mentor', scopeId: b.school.id },
      ],
    });
    await app.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
    const p = (await (await app.as('dualrole')).get('/api/setup/progress')).json() as Progress;
    // The accounts counted are school A's (but her own), not school B's too.
    expect(p).toMatchObject({ schools: 1, children: 1, unpaired: 1 });
    const staffOfA = await app.ctx.db
      .selectFrom('role_assignments')
      .select('user_id')
      .distinct()
      .where('school_id', '=', a.school.id)
      .where('user_id', '!=', user.id)
      .execute();
    expect(p.users).toBe(staffOfA.length);
  });
});

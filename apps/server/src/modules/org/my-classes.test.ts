import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
// 2026-11-20, 10:00 in Beijing.
const clock = () => new Date('2026-11-20T02:00:00Z');

describe('我的班级: a class teacher’s class at a glance', () => {
  it('counts the class’s children, archives missing a 三个清楚, children without a mentor, talks this month and this term’s roster', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const teacher = await app.as(s.teacher.username);
    const leader = await app.as(s.leader.username);
    // Day one: the class, no children, no term yet.
    expect((await teacher.get('/api/classes/mine')).json().items).toEqual([
      expect.objectContaining({ id: s.klass.id, children: 0, incomplete: 0, unpaired: 0, talkedThisMonth: 0, term: null, roster: null }),
    ]);
    const term = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' })
    ).json();
    const [a, b, c] = [
      await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '李明' }),
      await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '陈小雨' }),
      // No guardian: one of the 三个清楚 is missing.
      await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王芳', guardianName: null, guardianRelation: null, guardianPhone: null }),
    ];
    // A child of another class is not counted.
    const other = await buildClass(app, { schoolId: s.school.id, grade: 5, name: '五年级2班' });
    await buildChild(app, { schoolId: s.school.id, classId: other.id, name: '赵强' });
    const mentor = await buildUser(app, 'mentor', s.school.id);
    expect((await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [a.id, b.id], startDate: '2026-09-01' })).statusCode).toBe(201);
    const m = await app.as(mentor.username);
    // This month's talk with 李明, last month's with 陈小雨 (not this month), a withdrawn one with 陈小雨 this month.
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [a.id], date: '2026-11-03', summary: '谈了期中考试。' })).statusCode).toBe(201);
    expect((await m.post('/api/care-records', { kind: 'talk', childIds: [b.id], date: '2026-10-28', summary: '谈了秋游。' })).statusCode).toBe(201);
    const gone = (await m.post('/api/care-records', { kind: 'talk', childIds: [b.id], date: '2026-11-10', summary: '写错了孩子。' })).json();
    expect((await m.delete(`/api/care-records/${gone.id}`)).statusCode).toBeLessThan(300);
    const draft = (await teacher.post('/api/roster-submissions', { termId: term.id, classId: s.klass.id })).json();
    const [mine] = (await teacher.get('/api/classes/mine')).json().items;
    expect(mine).toMatchObject({
      id: s.klass.id,
      schoolId: s.school.id,
      schoolName: s.school.name,
      children: 3,
      unpaired: 1,
      talkedThisMonth: 1,
      term: { id: term.id, name: '2026-2027 第一学期（秋季）' },
      roster: 'draft',
    });
    // The same children as the list's 三个清楚 filter, which the card opens.
    const listed = async () => (await teacher.get(`/api/children?classId=${s.klass.id}&threeClear=false&limit=200`)).json().items.length;
    expect(mine.incomplete).toBe(await listed());
    expect(mine.incomplete).toBeGreaterThanOrEqual(1);
    await teacher.post(`/api/roster-submissions/${draft.id}/submit`, { version: draft.version });
    expect((await teacher.get('/api/classes/mine')).json().items[0].roster).toBe('submitted');
    // A child who left is no longer on the roll.
    const archive = (await leader.get(`/api/children/${c.id}`)).json();
    expect((await leader.post(`/api/children/${c.id}/status`, { status: 'left', version: archive.version })).statusCode).toBe(200);
    expect((await teacher.get('/api/classes/mine')).json().items[0]).toMatchObject({ children: 2, incomplete: await listed(), unpaired: 0 });
    // In English, the term's English name.
    expect((await teacher.get('/api/classes/mine', { 'accept-language': 'en-US' })).json().items[0].term.name).toMatch(/^2026-2027 /);
    // Others have no class of their own here: an empty list, not an error.
    expect((await leader.get('/api/classes/mine')).json().items).toEqual([]);
    expect((await m.get('/api/classes/mine')).json().items).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { type SuggestChild, suggestPairings } from './suggest.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

const kid = (id: string, extra: Partial<SuggestChild> = {}): SuggestChild => ({
  id,
  name: id,
  pinyin: id,
  classId: 'k1',
  className: 'k1',
  grade: 3,
  keySupport: false,
  risk: 'low',
  score: 0,
  ...extra,
});

describe('suggestPairings by need', () => {
  it('serves high risk first (the higher score first), then medium, then key support, then the rest', () => {
    const children = [
      kid('first-grader', { grade: 1 }),
      kid('key', { keySupport: true, grade: 1 }),
      kid('medium', { risk: 'medium', score: 2, grade: 6 }),
      kid('high4', { risk: 'high', score: 4, grade: 6 }),
      kid('high9', { risk: 'high', score: 9, grade: 6 }),
      kid('medium-key', { risk: 'medium', score: 2, grade: 6, keySupport: true }),
    ];
    const r = suggestPairings(children, [{ id: 'm1', name: '甲', count: 0 }], new Map(), 10);
    expect(r.items.map((s) => s.childId)).toEqual(['high9', 'high4', 'medium-key', 'medium', 'key', 'first-grader']);
  });

  it('leaves the lower-need children without a suggestion when the mentors are full, even those whose class teacher has room', () => {
    const children = [
      kid('new', { classId: 'k1', grade: 1 }),
      kid('key', { keySupport: true, classId: 'k2' }),
      kid('high', { risk: 'high', score: 9, classId: 'k3', grade: 5 }),
      kid('medium', { risk: 'medium', score: 3, classId: 'k3', grade: 5 }),
    ];
    const mentors = [
      { id: 'm1', name: '甲', count: 2 },
      { id: 't1', name: '班主任', count: 2 },
    ];
    const r = suggestPairings(children, mentors, new Map([['k1', 't1']]), 3);
    expect(r.items.map((s) => s.childId)).toEqual(['high', 'medium']);
    expect(r.unassigned).toBe(2);
  });
});

describe('suggested pairings in the school', () => {
  it("puts the school's unpaired children in order of need, by today's risk level, and leaves the lower-need ones out when mentors are full", async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const mentor = await buildUser(app, 'mentor', s.school.id, { name: '杨老师' });
    const grade1 = await buildClass(app, { schoolId: s.school.id, grade: 1, name: '一年级1班' });
    const grade5 = await buildClass(app, { schoolId: s.school.id, grade: 5, name: '五年级1班' });
    // Just imported, in the first grade: low risk.
    const fresh = await buildChild(app, { schoolId: s.school.id, classId: grade1.id, name: '新来的' });
    const key = await buildChild(app, { schoolId: s.school.id, classId: grade1.id, name: '重点帮扶', keySupport: true });
    const medium = await buildChild(app, { schoolId: s.school.id, classId: grade5.id, name: '中风险', custodyQuality: 'unsupervised' });
    const high = await buildChild(app, {
      schoolId: s.school.id,
      classId: grade5.id,
      name: '蒋梓豪',
      custodyQuality: 'unsupervised',
      psychologyLevel: 'serious',
      safetyLevel: 'serious',
    });
    const leader = await app.as(s.leader.username);
    const risks = (await leader.get(`/api/compliance/risks?schoolId=${s.school.id}`)).json().items;
    const levelOf = (id: string) => risks.find((r: { childId: string }) => r.childId === id)?.level;
    expect([high.id, medium.id, key.id, fresh.id].map(levelOf)).toEqual(['high', 'medium', 'low', 'low']);

    const res = await leader.post('/api/pairings/suggest', { schoolId: s.school.id });
    expect(res.statusCode).toBe(200);
    const sug = res.json();
    // One mentor, three places: the high-risk child, the medium-risk one, the key-support one; the new first-grader waits.
    expect(sug.items.map((i: { childName: string }) => i.childName)).toEqual(['蒋梓豪', '中风险', '重点帮扶']);
    expect(sug.items.every((i: { mentorId: string }) => i.mentorId === mentor.id)).toBe(true);
    expect(sug.unassigned).toBe(1);
  });

  it('lists the mentors in pinyin order, in the overview and in the suggestions', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    for (const name of ['张老师', '吴老师', '孙老师', '何老师', '刘老师']) await buildUser(app, 'mentor', s.school.id, { name });
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const pinyin = ['何老师', '刘老师', '孙老师', '吴老师', '张老师'];
    const overview = (await leader.get(`/api/pairings/overview?schoolId=${s.school.id}`)).json();
    expect(overview.mentors.map((m: { name: string }) => m.name)).toEqual(pinyin);
    const sug = (await leader.post('/api/pairings/suggest', { schoolId: s.school.id })).json();
    expect(sug.mentors.map((m: { name: string }) => m.name)).toEqual(pinyin);
  });
});

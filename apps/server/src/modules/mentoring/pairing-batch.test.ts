import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-11-20T02:00:00Z');

/** A school with two mentors (the second already taking two children), five unpaired children and a neighbour school. */
async function school() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const m1 = await buildUser(app, 'mentor', s.school.id, { name: '甲老师' });
  const m2 = await buildUser(app, 'mentor', s.school.id, { name: '乙老师' });
  const kids = [];
  for (let i = 0; i < 7; i++) kids.push(await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: `孩子${i}` }));
  const leader = await app.as(s.leader.username);
  expect((await leader.post('/api/pairings', { mentorId: m2.id, childIds: [kids[5]?.id, kids[6]?.id] })).statusCode).toBe(201);
  const other = await buildSchoolWithStaff(app);
  const foreignMentor = await buildUser(app, 'mentor', other.school.id);
  const foreignChild = await buildChild(app, { schoolId: other.school.id, classId: other.klass.id });
  return { ...s, m1, m2, kids: kids.map((k) => k.id), leader, other, foreignMentor, foreignChild };
}

const counts = async () => ({
  pairings: (await app.ctx.db.selectFrom('pairings').select('id').execute()).length,
  audits: (await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'pairing.create').execute()).length,
});

describe('accepting many pairings at once', () => {
  it('saves every pair in one call, audits each as a pairing, and warns of a mentor over the limit', async () => {
    const s = await school();
    const before = await counts();
    const res = await s.leader.post('/api/pairings/batch', {
      schoolId: s.school.id,
      startDate: '2026-11-20',
      pairs: [
        { childId: s.kids[0], mentorId: s.m1.id },
        { childId: s.kids[1], mentorId: s.m2.id },
        { childId: s.kids[2], mentorId: s.m1.id },
        { childId: s.kids[3], mentorId: s.m2.id },
        { childId: s.kids[4], mentorId: s.m1.id },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.items).toHaveLength(5);
    expect(body.items.map((p: { childId: string; mentorName: string }) => [p.childId, p.mentorName]).sort()).toEqual(
      [
        [s.kids[0], '甲老师'],
        [s.kids[1], '乙老师'],
        [s.kids[2], '甲老师'],
        [s.kids[3], '乙老师'],
        [s.kids[4], '甲老师'],
      ].sort(),
    );
    // 乙老师 had two and takes two more: four, above the default limit of three. 甲老师 reaches three: no warning.
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'mentor_over_limit', mentorId: s.m2.id, mentorName: '乙老师', count: 4, limit: 3 })]);
    expect(body.warnings[0].message).toContain('超过本校上限');
    const after = await counts();
    expect(after.pairings - before.pairings).toBe(5);
    expect(after.audits - before.audits).toBe(5);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'school_id', 'summary'])
      .where('action', '=', 'pairing.create')
      .where('entity_id', '=', body.items[0].id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'pairing', school_id: s.school.id });
    expect(JSON.parse(audit.summary as string)).toEqual({ childId: body.items[0].childId, mentorId: body.items[0].mentorId });
    // The mentor now sees exactly its children.
    const m1 = await app.as(s.m1.username);
    expect(
      (await m1.get('/api/children'))
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([s.kids[0], s.kids[2], s.kids[4]].sort());
  });

  it('saves nothing when one pair is refused, naming each refused pair by its index', async () => {
    const s = await school();
    const before = await counts();
    const pairs = [
      { childId: s.kids[0], mentorId: s.m1.id },
      { childId: s.kids[5], mentorId: s.m1.id },
      { childId: s.kids[1], mentorId: s.foreignMentor.id },
      { childId: s.foreignChild.id, mentorId: s.m1.id },
      { childId: s.kids[0], mentorId: s.m2.id },
    ];
    const res = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error).toBe('pairings_refused');
    expect(body.fields).toEqual([
      { path: 'pairs.1.childId', message: '孩子5已有帮扶教师，请先结束原结对' },
      { path: 'pairs.2.mentorId', message: '所选人员不是本校的帮扶教师' },
      { path: 'pairs.3.childId', message: '未找到该儿童，或该儿童不属于本校' },
      { path: 'pairs.4.childId', message: '孩子0在本次结对中重复出现' },
    ]);
    expect(body.message).toContain('全部未保存');
    expect(body.message).toContain('第 2 对');
    expect(body.message).not.toContain('pairs.');
    // The child of the other school is not named, in the message or anywhere.
    expect(res.body).not.toContain(s.foreignChild.name);
    expect(await counts()).toEqual(before);
    const en = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs }, { 'accept-language': 'en-US' });
    expect(en.json().message).toContain('none of them was saved');
    expect(en.json().fields[0].message).toBe('孩子5 already has a mentor; end that pairing first');
  });

  it('refuses a child whose archive is no longer active, by its index, and saves nothing', async () => {
    const s = await school();
    const gone = (await s.leader.get(`/api/children/${s.kids[1]}`)).json();
    expect((await s.leader.post(`/api/children/${gone.id}/status`, { status: 'left', version: gone.version })).statusCode).toBe(200);
    const before = await counts();
    const pairs = [
      { childId: s.kids[0], mentorId: s.m1.id },
      { childId: s.kids[1], mentorId: s.m1.id },
      { childId: s.kids[2], mentorId: s.m2.id },
    ];
    const res = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('pairings_refused');
    expect(res.json().fields).toEqual([{ path: 'pairs.1.childId', message: '孩子1的档案已不在册（已离校），不能结对' }]);
    expect(res.json().message).toContain('第 2 对：孩子1的档案已不在册（已离校），不能结对');
    expect(await counts()).toEqual(before);
    const en = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs }, { 'accept-language': 'en-US' });
    expect(en.json().message).toContain("pair 2: 孩子1's archive is no longer active (Left school), so the child cannot be paired");
    expect(en.json().fields[0].message).toBe("孩子1's archive is no longer active (Left school), so the child cannot be paired");
    expect(await counts()).toEqual(before);
  });

  it('refuses a term of another school, or one that does not exist, naming termId, and saves nothing', async () => {
    const s = await school();
    const term = { academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' };
    const own = (await s.leader.post('/api/terms', { schoolId: s.school.id, ...term })).json();
    const foreign = (await (await app.as(s.other.leader.username)).post('/api/terms', { schoolId: s.other.school.id, ...term })).json();
    const pairs = [
      { childId: s.kids[0], mentorId: s.m1.id },
      { childId: s.kids[1], mentorId: s.m2.id },
    ];
    const before = await counts();
    for (const termId of [foreign.id, '01999999-9999-7999-8999-999999999999']) {
      const res = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs, termId });
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([{ path: 'termId', message: '所选学期不属于本校或已不存在，请重新选择' }]);
      expect(res.json().message).toBe('所选学期不属于本校或已不存在，请重新选择');
    }
    expect(await counts()).toEqual(before);
    const ok = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs, termId: own.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items.map((p: { termId: string }) => p.termId)).toEqual([own.id, own.id]);
  });

  it("suggests by the load the save judges, every mentor's active pairings whatever their term, and asks for no term", async () => {
    const s = await school();
    const term = (
      await s.leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' })
    ).json();
    // 甲老师's two children are filed under this term, 乙老师's two under none: both count as two.
    expect((await s.leader.post('/api/pairings', { mentorId: s.m1.id, childIds: [s.kids[0], s.kids[1]], termId: term.id })).statusCode).toBe(201);
    const res = await s.leader.post('/api/pairings/suggest', { schoolId: s.school.id });
    expect(res.statusCode).toBe(200);
    const sug = res.json();
    // Three children wait and each mentor has room for one: two suggested, one left for the leader.
    expect(sug.items).toHaveLength(2);
    expect(sug.unassigned).toBe(1);
    expect(sug.mentors.map((m: { id: string; count: number }) => [m.id, m.count]).sort()).toEqual(
      [
        [s.m1.id, 3],
        [s.m2.id, 3],
      ].sort(),
    );
    // Accepting them saves without a warning: the suggestion kept to the limit the save checks.
    const accept = await s.leader.post('/api/pairings/batch', {
      schoolId: s.school.id,
      termId: term.id,
      pairs: sug.items.map((i: { childId: string; mentorId: string }) => ({ childId: i.childId, mentorId: i.mentorId })),
    });
    expect(accept.statusCode).toBe(201);
    expect(accept.json().warnings).toEqual([]);
    // The term is chosen when the suggestions are accepted, not asked for by the suggestion.
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths['/api/pairings/suggest'].post.requestBody.content['application/json'].schema.properties)).toEqual(['schoolId']);
  });

  it('lets only those who pair in the school accept, and checks the shape', async () => {
    const s = await school();
    const pairs = [{ childId: s.kids[0], mentorId: s.m1.id }];
    expect((await (await app.as(s.teacher.username)).post('/api/pairings/batch', { schoolId: s.school.id, pairs })).statusCode).toBe(403);
    expect((await (await app.as(s.other.leader.username)).post('/api/pairings/batch', { schoolId: s.school.id, pairs })).statusCode).toBe(404);
    const empty = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].path).toBe('pairs');
    const bad = await s.leader.post('/api/pairings/batch', { schoolId: s.school.id, pairs: [{ childId: s.kids[0] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('pairs.0.mentorId');
    expect((await counts()).pairings).toBe(2);
  });
});

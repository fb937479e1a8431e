import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type Client, type TestApp } from '../../test/index.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

/** The ids listed under a risk level (one page of up to 200). */
async function listed(c: Client, query: string): Promise<string[]> {
  const res = await c.get(`/api/children?${query}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((x) => x.id);
}

describe('child list: the 预警等级 filter is as the workbench assesses today', () => {
  it('lists a child assessed high under 高风险 and not under 低风险 when no level was ever computed', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    // Under no one's care and of serious psychological concern: high on its first day.
    const high = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'unsupervised', psychologyLevel: 'serious' });
    const low = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'good' });
    expect(await app.ctx.db.selectFrom('child_risks').select('child_id').execute()).toEqual([]);
    const teacher = await app.as(s.teacher.username);
    expect(await listed(teacher, 'riskLevel=high')).toEqual([high.id]);
    expect(await listed(teacher, 'riskLevel=low')).toEqual([low.id]);
    const bureau = await app.as(s.bureau.username);
    expect(await listed(bureau, `regionId=${s.county.id}&riskLevel=high`)).toEqual([high.id]);
    expect(await listed(bureau, `regionId=${s.county.id}&riskLevel=medium`)).toEqual([]);
  });

  it('follows a serious incident and a new day without any statistics call in between', async () => {
    let now = new Date('2026-11-20T02:00:00Z');
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    // New today and boarding with a host family (one point): low, until an incident (three more) names it.
    const hosted = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'good', boarding: 'host', hostName: '李阿姨' });
    // Weak custody, in the archive for 26 days: medium today, quiet for too long a month later.
    const quiet = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'guardian_insufficient' });
    await app.ctx.db.updateTable('children').set({ created_at: '2026-10-25T00:00:00.000Z', entered_on: '2026-10-25' }).where('id', '=', quiet.id).execute();
    let leader = await app.as(s.leader.username);
    const school = `schoolId=${s.school.id}`;
    expect(await listed(leader, `${school}&riskLevel=high`)).toEqual([]);
    expect(await listed(leader, `${school}&riskLevel=low`)).toEqual([hosted.id]);
    expect(await listed(leader, `${school}&riskLevel=medium`)).toEqual([quiet.id]);

    const incident = await leader.post('/api/incidents', {
      childIds: [hosted.id],
      kind: 'abuse_neglect',
      severity: 'serious',
      occurredAt: '2026-11-20T01:30:00.000Z',
      place: '学校门口',
      description: '孩子手臂和背上有多处淤青，说是家里人打的',
      immediateActions: '带到校医室检查，安抚情绪',
      answers: { multipleInjuries: true, suspectedViolence: true },
    });
    expect(incident.statusCode, incident.body).toBe(201);
    expect(await listed(leader, `${school}&riskLevel=high`)).toEqual([hosted.id]);
    expect(await listed(leader, `${school}&riskLevel=low`)).toEqual([]);

    // A month later (sessions have ended: sign in again), the weakly cared-for child has gone 56 days without a call home.
    now = new Date('2026-12-20T02:00:00Z');
    leader = await app.as(s.leader.username);
    expect((await listed(leader, `${school}&riskLevel=high`)).sort()).toEqual([hosted.id, quiet.id].sort());
    expect(await listed(leader, `${school}&riskLevel=medium`)).toEqual([]);
  });

  it("computes only the schools the caller's scope and the filter reach, and none when nothing moved", async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchool(app, { regionId: s.county.id });
    const otherLeader = await buildUser(app, 'school_leader', other.id);
    const far = await buildChild(app, { schoolId: other.id, custodyQuality: 'unsupervised', psychologyLevel: 'serious' });
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, custodyQuality: 'unsupervised', psychologyLevel: 'serious' });
    const levels = app.services.compliance.riskLevels;
    const computedBy = async (c: Client, query: string) => {
      const before = levels.computed;
      await listed(c, query);
      return levels.computed - before;
    };
    const teacher = await app.as(s.teacher.username);
    // The class teacher's list reaches one school; the other school's levels are not computed for it.
    expect(await computedBy(teacher, 'riskLevel=high')).toBe(1);
    expect(await computedBy(teacher, 'riskLevel=high')).toBe(0);
    const bureau = await app.as(s.bureau.username);
    // A bureau officer's filter on one school computes that school only (the other is up to date already).
    expect(await computedBy(bureau, `schoolId=${other.id}&riskLevel=low`)).toBe(1);
    expect(await computedBy(bureau, `regionId=${s.county.id}&riskLevel=high`)).toBe(0);
    // Another school's leader asking for this school's children reaches none of them.
    const stranger = await app.as(otherLeader.username);
    expect(await computedBy(stranger, `schoolId=${s.school.id}&riskLevel=high`)).toBe(0);
    expect(await listed(stranger, 'riskLevel=high')).toEqual([far.id]);
    // No level filter, no computation.
    await app.ctx.db.deleteFrom('school_risks').execute();
    expect(await computedBy(bureau, `regionId=${s.county.id}`)).toBe(0);
  });
});

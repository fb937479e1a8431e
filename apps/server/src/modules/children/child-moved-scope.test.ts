import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { startCampaign } from '../campaigns/campaign.test-helpers.ts';
import { seedCampThroughApi } from '../camps/camp.test-helpers.ts';

/**
 * A child transferred to another school leaves the sending school's sight everywhere, not only in its
 * archive: the things of the old school that name the child (a camp's roster, a home-visit campaign's
 * places) no longer reach it.
 */

let app: TestApp;
afterEach(async () => app?.close());

describe('a child moved to another school', () => {
  it('is no longer seen by a volunteer of a camp of the old school: not listed, no archive, not even with a reason', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-07-01T02:00:00Z') });
    const s = await seedCampThroughApi(app);
    const neighbour = await buildSchool(app, { regionId: s.county.id, name: '邻镇小学' });
    const nClass = await buildClass(app, { schoolId: neighbour.id, name: '新班级五班' });
    expect((await s.v.get('/api/children')).json().items.map((c: { id: string }) => c.id)).toEqual([s.child.id]);
    const leader = await app.as(s.leader.username);
    const moved = await leader.post(`/api/children/${s.child.id}/transfer`, { schoolId: neighbour.id, classId: nClass.id, version: s.child.version });
    expect(moved.statusCode, moved.body).toBe(204);

    expect((await s.v.get('/api/children')).json().items).toEqual([]);
    expect((await s.v.get(`/api/children/${s.child.id}`)).statusCode).toBe(404);
    expect((await s.v.post(`/api/children/${s.child.id}/view-reason`, { reason: '夏令营回访' })).statusCode).toBe(404);
    expect((await s.v.get(`/api/children/${s.child.id}`)).statusCode).toBe(404);
    // The camp's roster keeps the child by the name it was given, no longer linked to the archive, and
    // is saved again as read.
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    expect(JSON.stringify(camp)).not.toContain(s.child.id);
    expect(camp.children).toEqual([expect.objectContaining({ name: '小营员', childId: null })]);
    const saved = await leader.put(`/api/camps/${s.camp.id}/children`, { items: camp.children, version: camp.version });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it("is not named in the old school's home-visit campaign, to its leader nor to a visitor", async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const neighbour = await buildSchool(app, { regionId: s.county.id });
    const nClass = await buildClass(app, { schoolId: neighbour.id, name: '新班级五班' });
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '转走的孩子' });
    const stays = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '留下的孩子' });
    const member = await buildUser(app, 'mentor', s.school.id);
    const leader = await app.as(s.leader.username);
    const campaign = await startCampaign(leader, s.school.id, { leaderId: member.id }, '2026-11-25');
    const named = async (c: Awaited<ReturnType<TestApp['as']>>) =>
      ((await c.get(`/api/campaigns/${campaign}/places`)).json().items as { children: { name: string }[] }[])
        .flatMap((p) => p.children.map((x) => x.name))
        .sort();
    const m = await app.as(member.username);
    expect(await named(leader)).toEqual([child.name, stays.name].sort());
    const moved = await leader.post(`/api/children/${child.id}/transfer`, { schoolId: neighbour.id, classId: nClass.id, version: child.version });
    expect(moved.statusCode, moved.body).toBe(204);
    for (const c of [leader, m]) expect(await named(c)).toEqual([stays.name]);
  });

  it("leaves out of a campaign's visit the children moved away, and refuses the visit of a place they have all left", async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-26T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const neighbour = await buildSchool(app, { regionId: s.county.id });
    const nClass = await buildClass(app, { schoolId: neighbour.id });
    const home = { guardianName: '王奶奶', address: '石门村三组' };
    const leaves = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王大宝', ...home });
    const sibling = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王二宝', ...home });
    const alone = await buildChild(app, {
      schoolId: s.school.id,
      classId: s.klass.id,
      name: '李独自',
      guardianName: '李爷爷',
      guardianPhone: '13900139000',
      address: '石门村五组',
    });
    const leader = await app.as(s.leader.username);
    const id = await startCampaign(leader, s.school.id, { leaderId: s.teacher.id }, '2026-11-25');
    const places = (await leader.get(`/api/campaigns/${id}/places`)).json().items as { id: string; children: { id: string }[] }[];
    const placeOf = (childId: string) => places.find((p) => p.children.some((c) => c.id === childId)) as { id: string };
    for (const c of [leaves, alone]) {
      const moved = await leader.post(`/api/children/${c.id}/transfer`, { schoolId: neighbour.id, classId: nClass.id, version: c.version });
      expect(moved.statusCode, moved.body).toBe(204);
    }
    const visit = { answers: {}, summary: '入户走访' };
    const shared = await leader.post(`/api/campaigns/${id}/places/${placeOf(sibling.id).id}/visit`, visit);
    expect(shared.statusCode, shared.body).toBe(201);
    const record = (await leader.get(`/api/care-records/${shared.json().careRecordId}`)).json();
    expect(record.children.map((c: { id: string }) => c.id)).toEqual([sibling.id]);
    const gone = await leader.post(`/api/campaigns/${id}/places/${placeOf(alone.id).id}/visit`, visit);
    expect(gone.statusCode, gone.body).toBe(409);
    expect(gone.json().code ?? gone.json().error).toBe('campaign_place_moved');
  });
});

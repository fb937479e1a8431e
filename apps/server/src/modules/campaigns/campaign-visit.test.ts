import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';
import { startCampaign } from './campaign.test-helpers.ts';

/** A visit is one care record and the place ticked off, written together: never a record without its tick, nor two records of one visit. */

let app: TestApp;
afterEach(async () => app?.close());

describe('a home-visit campaign visit', () => {
  it('made twice at once by two members of the group is one care record; the second is told the place was visited', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T10:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const [one, two] = [await buildUser(app, 'mentor', s.school.id), await buildUser(app, 'mentor', s.school.id)];
    const leader = await app.as(s.leader.username);
    const id = await startCampaign(leader, s.school.id, { leaderId: one.id, memberIds: [two.id] });
    const place = ((await leader.get(`/api/campaigns/${id}/places`)).json().items as { id: string }[])[0] as { id: string };
    const [a, b] = [await app.as(one.username), await app.as(two.username)];
    const visit = (c: typeof a, summary: string) => c.post(`/api/campaigns/${id}/places/${place.id}/visit`, { answers: {}, summary });
    const second = duringNextTransaction(app, () => visit(b, '第二位老师也记了一次'));
    expect((await visit(a, '孩子在写作业')).statusCode).toBe(201);
    const late = await second();
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error).toBe('campaign_visited');
    const records = await app.ctx.db.selectFrom('care_record_children').select('record_id').where('child_id', '=', child.id).execute();
    expect(records).toHaveLength(1);
    const ticked = ((await leader.get(`/api/campaigns/${id}/places`)).json().items as { careRecordId: string }[])[0];
    expect(ticked?.careRecordId).toBe(records[0]?.record_id);
  });
});

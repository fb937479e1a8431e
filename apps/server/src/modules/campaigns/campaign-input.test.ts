import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildRegion, buildSchool, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

/**
 * Bad input to home-visit campaigns and events (once accepted, or a 500 on PostgreSQL) is refused
 * with a localised 4xx naming the field. Run on both databases.
 */
let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-05-10T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const mentor = await buildUser(app, 'mentor', s.school.id);
  await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '甲' });
  const client = await app.as(s.leader.username);
  return { ...s, mentor, client };
}

const campaign = (schoolId: string, leaderId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  title: '春季家访',
  date: '2026-05-10',
  target: { scope: 'all' },
  groups: [{ name: '第一组', leaderId, memberIds: [] }],
  ...extra,
});

const count = async (t: 'campaigns' | 'campaign_places' | 'campaign_groups' | 'audit_log') =>
  (
    await app.ctx.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('campaigns: input', () => {
  for (const [what, value] of [
    ['a grade that is not a number ("abc": 500 on PostgreSQL, an empty campaign on SQLite)', 'abc'],
    ['a grade that is not whole ("1.5": 500 on PostgreSQL)', '1.5'],
  ] as const)
    it(`POST /campaigns refuses ${what}`, async () => {
      const s = await setup();
      const before = await Promise.all([count('campaigns'), count('audit_log')]);
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await s.client.post('/api/campaigns', campaign(s.school.id, s.leader.id, { target: { scope: 'grade', value } }), {
          'accept-language': lang,
        });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().fields).toEqual([expect.objectContaining({ path: 'target.value' })]);
      }
      expect(await Promise.all([count('campaigns'), count('audit_log')])).toEqual(before);
    });

  it('POST /campaigns refuses a class target that is no class of the school (saved as an empty campaign)', async () => {
    const s = await setup();
    const elsewhere = await buildSchool(app, { regionId: s.county.id });
    const { buildClass } = await import('../../test/index.ts');
    const theirs = await buildClass(app, { schoolId: elsewhere.id });
    for (const value of ['nope', theirs.id])
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await s.client.post('/api/campaigns', campaign(s.school.id, s.leader.id, { target: { scope: 'class', value } }), {
          'accept-language': lang,
        });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().fields).toEqual([expect.objectContaining({ path: 'target.value' })]);
      }
    expect(await count('campaigns')).toEqual(0);
  });

  it('POST /campaigns refuses a checklist with the same item key twice (answers are keyed by it)', async () => {
    const s = await setup();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.client.post(
        '/api/campaigns',
        campaign(s.school.id, s.leader.id, {
          checklist: [
            { key: 'safe', label: '居住安全' },
            { key: 'safe', label: '饮食卫生' },
          ],
        }),
        { 'accept-language': lang },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields?.some((f: { path: string }) => f.path.startsWith('checklist'))).toBe(true);
    }
    expect(await count('campaigns')).toEqual(0);
  });

  it('POST /campaigns refuses one person twice in the groups (a member listed twice, a leader also a member of another group)', async () => {
    const s = await setup();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.client.post(
        '/api/campaigns',
        campaign(s.school.id, s.leader.id, {
          groups: [
            { name: '第一组', leaderId: s.leader.id, memberIds: [s.mentor.id, s.mentor.id] },
            { name: '第二组', leaderId: s.mentor.id, memberIds: [s.leader.id] },
          ],
        }),
        { 'accept-language': lang },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields?.some((f: { path: string }) => f.path.startsWith('groups'))).toBe(true);
    }
    expect(await count('campaigns')).toEqual(0);
  });
});

describe('events: input', () => {
  it('PATCH /events/:id refuses unitIds outside the organiser (another county, ids of nothing) as POST does', async () => {
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    const otherCounty = await buildRegion(app, { level: 'county' });
    const far = await buildSchool(app, { regionId: otherCounty.id });
    const bureau = await app.as(s.bureau.username);
    const rules = { leaders: 1, maxCoaches: 1, minPlayers: 1, maxPlayers: 12 };
    const body = {
      regionId: s.county.id,
      title: '足球节',
      registrationOpens: '2026-05-01',
      registrationDeadline: '2026-05-20',
      eventDate: '2026-06-01',
      rules,
    };
    // The create refuses a school outside the county ...
    const refused = await bureau.post('/api/events', { ...body, unitIds: [far.id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fields).toEqual([expect.objectContaining({ path: 'unitIds' })]);
    // ... and so must the change.
    const ev = (await bureau.post('/api/events', { ...body, unitIds: [s.school.id] })).json();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await bureau.patch(`/api/events/${ev.id}`, { unitIds: [far.id, 'no-such-school'], version: ev.version }, { 'accept-language': lang });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields?.some((f: { path: string }) => f.path.startsWith('unitIds'))).toBe(true);
    }
    const after = (await bureau.get(`/api/events/${ev.id}`)).json();
    expect(after.units.map((u: { id: string }) => u.id)).toEqual([s.school.id]);
    expect(after.version).toBe(ev.version);
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'event.update').execute()).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/index.ts';
import { seedCampThroughApi } from './camp.test-helpers.ts';

/** A camp's lists refuse the same archive child, or the same account, twice. */
let app: TestApp;
afterEach(async () => app?.close());
const clock = () => new Date('2026-07-01T02:00:00Z');

describe('camps: input', () => {
  it('PUT /camps/:id/children refuses one archive child in two rows (two groups)', async () => {
    app = await buildTestApp({ clock });
    const s = await seedCampThroughApi(app);
    const leader = await app.as(s.leader.username);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await leader.put(
        `/api/camps/${s.camp.id}/children`,
        {
          items: [
            { id: 'k1', childId: s.child.id, name: s.child.name, groupId: 'g3' },
            { id: 'k2', childId: s.child.id, name: s.child.name, groupId: 'g1' },
          ],
          version: s.camp.version,
        },
        { 'accept-language': lang },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'items.1.childId' })]);
    }
    const rows = await app.ctx.db.selectFrom('camp_children').select('group_id').where('camp_id', '=', s.camp.id).where('child_id', '=', s.child.id).execute();
    expect(rows).toEqual([{ group_id: 'g3' }]);
  });

  it('PUT /camps/:id/volunteers refuses one account as two volunteers', async () => {
    app = await buildTestApp({ clock });
    const s = await seedCampThroughApi(app);
    const leader = await app.as(s.leader.username);
    const camp = (await leader.get(`/api/camps/${s.camp.id}`)).json();
    const items = camp.volunteers.map((v: Record<string, unknown>) => ({ ...v }));
    const withAccount = items.find((v: { userId?: string | null }) => v.userId);
    expect(withAccount.userId).toBe(s.volunteer.id);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await leader.put(
        `/api/camps/${s.camp.id}/volunteers`,
        { items: [...items, { ...withAccount, id: 'again', name: '又一个' }], version: camp.version },
        { 'accept-language': lang },
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: `items.${items.length}.userId` })]);
    }
    const rows = await app.ctx.db.selectFrom('camp_volunteers').select('id').where('camp_id', '=', s.camp.id).where('user_id', '=', s.volunteer.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('PUT /camps/:id/volunteers answers a maxUnits past a 32-bit integer with a 4xx on maxUnits (500 on PostgreSQL)', async () => {
    app = await buildTestApp({ clock });
    const s = await seedCampThroughApi(app);
    const camp = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    const items = camp.volunteers.map((v: Record<string, unknown>, i: number) => (i === 1 ? { ...v, maxUnits: 3_000_000_000 } : v));
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.v.put(`/api/camps/${s.camp.id}/volunteers`, { items, version: camp.version }, { 'accept-language': lang });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'items.1.maxUnits' })]);
    }
    const after = (await s.v.get(`/api/camps/${s.camp.id}`)).json();
    expect(after.version).toBe(camp.version);
    expect(after.volunteers[1].maxUnits).toEqual(camp.volunteers[1].maxUnits);
  });
});

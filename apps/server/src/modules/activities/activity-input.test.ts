import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

/**
 * Bad input to the activity routes (once accepted) is refused with a localised 4xx naming the field.
 */
let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const a = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '甲' });
  const leader = await app.as(s.leader.username);
  return { ...s, a, leader };
}

const activity = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  kind: 'discussion',
  title: '留守儿童座谈会',
  date: '2026-11-18',
  target: { scope: 'selected' },
  ...extra,
});

describe('activities: input', () => {
  it('PUT /activities/:id/attendance refuses the same child listed twice (it stored two lines for one child)', async () => {
    const s = await setup();
    const created = (await s.leader.post('/api/activities', activity(s.school.id))).json();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.leader.put(
        `/api/activities/${created.id}/attendance`,
        {
          children: [
            { childId: s.a.id, present: true },
            { childId: s.a.id, present: false },
          ],
          version: created.version,
        },
        { 'accept-language': lang },
      );
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().fields?.some((f: { path: string }) => f.path.startsWith('children'))).toBe(true);
    }
    // Whatever the answer, one child is one line of the sheet.
    const lines = await app.ctx.db.selectFrom('activity_people').select('id').where('activity_id', '=', created.id).where('child_id', '=', s.a.id).execute();
    expect(lines.length).toBeLessThanOrEqual(1);
    const sheet = (await s.leader.get(`/api/activities/${created.id}/attendance`)).json();
    expect(sheet.lines.filter((l: { childId: string | null }) => l.childId === s.a.id).length).toBeLessThanOrEqual(1);
  });

  it('POST /activities refuses a grade target outside the school grades (99 was saved as "99年级留守儿童")', async () => {
    const s = await setup();
    const before = await app.ctx.db.selectFrom('activities').select('id').execute();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await s.leader.post('/api/activities', activity(s.school.id, { target: { scope: 'grade', value: '99' } }), { 'accept-language': lang });
      expect(res.statusCode).toBe(422);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'target.value' })]);
    }
    expect(await app.ctx.db.selectFrom('activities').select('id').execute()).toHaveLength(before.length);
  });
});

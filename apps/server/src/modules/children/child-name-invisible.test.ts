import { afterEach, describe, expect, it } from 'vitest';
import { buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

/** A required name made only of zero-width characters reads as empty everywhere: refused as a blank one is. */
let app: TestApp;
afterEach(async () => app?.close());

describe('children: invisible names', () => {
  it('POST /children refuses a name of zero-width spaces as it refuses a blank one', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const body = {
      schoolId: s.school.id,
      classId: s.klass.id,
      gender: 'male',
      birthDate: '2016-05-05',
      fatherStatus: 'away',
      motherStatus: 'away',
      guardianRelation: 'paternal_grandparents',
      guardianName: '王奶奶',
      guardianPhone: '13800138000',
      hukouRural: true,
    };
    // The control: blank is refused on `name`.
    const blank = await leader.post('/api/children', { ...body, name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().fields).toEqual([expect.objectContaining({ path: 'name' })]);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await leader.post('/api/children', { ...body, name: '\u200b\u200b' }, { 'accept-language': lang });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'name' })]);
    }
    expect(await app.ctx.db.selectFrom('children').select('id').execute()).toEqual([]);
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'child.create').execute()).toEqual([]);
    // One pasted inside a name is dropped, not kept as an invisible difference from the same name typed.
    const pasted = await leader.post('/api/children', { ...body, name: '王\u200b小明' });
    expect(pasted.statusCode, pasted.body).toBe(201);
    expect(pasted.json().name).toBe('王小明');
  });
});

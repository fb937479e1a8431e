import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

/** A status "change" to the status the archive already has: refused, naming status, with no history or audit row for nothing. */
let app: TestApp;
afterEach(async () => app?.close());

describe('children: a status it already has', () => {
  for (const status of ['active', 'left'] as const)
    it(`POST /children/:id/status to the status it already has (${status}) changes nothing, writes no history or audit row`, async () => {
      app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
      const s = await buildSchoolWithStaff(app);
      const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
      const leader = await app.as(s.leader.username);
      let version = child.version;
      if (status === 'left') version = (await leader.post(`/api/children/${child.id}/status`, { status: 'left', version })).json().version;
      const rows = async () => ({
        history: (await app.ctx.db.selectFrom('child_history').select('id').where('child_id', '=', child.id).execute()).length,
        audit: (await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'child.status').execute()).length,
        version: (await app.ctx.db.selectFrom('children').select('version').where('id', '=', child.id).executeTakeFirstOrThrow()).version,
      });
      const before = await rows();
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await leader.post(`/api/children/${child.id}/status`, { status, version }, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(422);
        const said = { active: ['在册', 'Active'], left: ['已离校', 'Left school'] }[status];
        expect(res.json().fields).toEqual([{ path: 'status', message: lang === 'zh-CN' ? `档案已是“${said[0]}”状态` : `The archive is already “${said[1]}”` }]);
      }
      expect(await rows()).toEqual(before);
    });
});

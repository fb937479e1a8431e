import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tx } from '../../context.ts';
import { buildChild, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

// Two people acting on one roster at once (two leaders reviewing it, a teacher and a leader sending it):
// each read the row at the same version, so the version must hold in the UPDATE itself, not only in
// the test before it. The second finds the row changed: 409, and nothing of its own written.

let app: TestApp;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.close();
});
const clock = () => new Date('2026-11-20T02:00:00Z');

type Sub = { id: string; version: number; status: string };

async function setUp() {
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
  const [teacher, leader] = await Promise.all([app.as(s.teacher.username), app.as(s.leader.username)]);
  const term = (
    await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-07', endDate: '2027-01-20' })
  ).json() as { id: string };
  const draft = (await teacher.post('/api/roster-submissions', { termId: term.id, classId: s.klass.id })).json() as Sub;
  return { ...s, teacher, leader, draft };
}

/**
 * The next read of the submission inside a step (`find`, given the step's transaction) is followed
 * by another person's change of the same row: its version moves on, as when another reviewer
 * committed between this one's read and its write.
 */
function changedAfterRead() {
  // `find` is private: reached as the object it is at run time.
  const service = app.services.submissions as unknown as { find(auth: unknown, id: string, db: Tx): Promise<{ version: number }> };
  const find = service.find.bind(service);
  vi.spyOn(service, 'find').mockImplementationOnce(async (auth, id, db) => {
    const r = await find(auth, id, db);
    await db
      .updateTable('roster_submissions')
      .set({ version: r.version + 1 })
      .where('id', '=', id)
      .execute();
    return r;
  });
}

/** What the step would have written: the row, its audit rows, the notifications. */
async function written(id: string) {
  const db = app.ctx.db;
  const row = await db.selectFrom('roster_submissions').select(['status', 'comment', 'reviewed_by', 'submitted_at']).where('id', '=', id).executeTakeFirst();
  const audit = (await db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()).map((a) => a.action);
  const notes = (await db.selectFrom('notifications').select('dedupe_key').execute()).map((n) => n.dedupe_key);
  return { row, audit, notes };
}

const conflict = (res: { statusCode: number; json: () => unknown }) => {
  expect(res.statusCode).toBe(409);
  expect(res.json()).toMatchObject({ error: 'version_conflict' });
};

describe('roster submission: two people at once', () => {
  it('refuses an approval whose roster changed after it was read: 409, the roster, the audit log and the bell as they were', async () => {
    const s = await setUp();
    const sent = (await s.teacher.post(`/api/roster-submissions/${s.draft.id}/submit`, { version: s.draft.version })).json() as Sub;
    const before = await written(s.draft.id);
    changedAfterRead();
    conflict(await s.leader.post(`/api/roster-submissions/${s.draft.id}/approve`, { version: sent.version, comment: '已核对' }));
    expect(await written(s.draft.id)).toEqual(before);
    expect(before.row).toMatchObject({ status: 'submitted', reviewed_by: null });
  });

  it('refuses a return the same way', async () => {
    const s = await setUp();
    const sent = (await s.teacher.post(`/api/roster-submissions/${s.draft.id}/submit`, { version: s.draft.version })).json() as Sub;
    const before = await written(s.draft.id);
    changedAfterRead();
    conflict(await s.leader.post(`/api/roster-submissions/${s.draft.id}/return`, { version: sent.version, comment: '李明的监护人电话缺失' }));
    expect(await written(s.draft.id)).toEqual(before);
  });

  it('refuses a submission whose roster changed after it was read', async () => {
    const s = await setUp();
    const before = await written(s.draft.id);
    changedAfterRead();
    conflict(await s.teacher.post(`/api/roster-submissions/${s.draft.id}/submit`, { version: s.draft.version }));
    expect(await written(s.draft.id)).toEqual(before);
    expect(before.row).toMatchObject({ status: 'draft', submitted_at: null });
  });

  it('lets one of two reviews at once through: the one that read the roster before the other committed is refused', async () => {
    const s = await setUp();
    const sent = (await s.teacher.post(`/api/roster-submissions/${s.draft.id}/submit`, { version: s.draft.version })).json() as Sub;
    const other = await app.as((await buildUser(app, 'school_leader', s.school.id)).username);
    // On PostgreSQL the return reads the roster while the approval's transaction is still open.
    const returned = duringNextTransaction(app, () => other.post(`/api/roster-submissions/${s.draft.id}/return`, { version: sent.version, comment: '请补充' }));
    const approved = await s.leader.post(`/api/roster-submissions/${s.draft.id}/approve`, { version: sent.version });
    expect(approved.statusCode, approved.body).toBe(200);
    conflict(await returned());
    const { row, audit } = await written(s.draft.id);
    expect(row).toMatchObject({ status: 'approved', comment: null });
    expect(audit.filter((a) => a === 'roster.approve' || a === 'roster.return')).toEqual(['roster.approve']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildRegion, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { county } from './reporting.test-helpers.ts';

let app: TestApp | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await app?.close();
});

type Sub = { id: string; version: number };
type Note = { kind: string; title: string; link: string };

/** The caller's notifications about rosters, newest first, in the language asked for. */
async function inbox(c: Client, lang: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Note[]> {
  const res = await c.get('/api/notifications', { 'accept-language': lang });
  return (res.json().items as Note[]).filter((n) => n.link.startsWith('/submissions'));
}

async function setUp() {
  const s = await county();
  app = s.app;
  const teacher = await s.app.as(s.teacher.username);
  const bureau = await s.app.as(s.bureau.username);
  return { ...s, t: teacher, b: bureau };
}

const open = async (c: Client, body: Record<string, string>) => (await c.post('/api/roster-submissions', body)).json() as Sub;
const act = async (c: Client, id: string, step: 'submit' | 'approve' | 'return', body: Record<string, unknown>) => {
  const res = await c.post(`/api/roster-submissions/${id}/${step}`, body);
  expect(res.statusCode).toBe(200);
  return res.json() as Sub;
};

describe('roster submission notifications', () => {
  it("tells the school's leaders of a class roster sent to them, and the class teacher of the return and the approval", async () => {
    const s = await setUp();
    const draft = await open(s.t, { termId: s.term.id, classId: s.klass.id });
    const sent = await act(s.t, draft.id, 'submit', { version: draft.version });
    const toLeader = await inbox(s.leader);
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0]).toMatchObject({ kind: 'roster', link: `/submissions?school=${s.school.id}&term=${s.term.id}` });
    expect(toLeader[0]?.title).toContain(s.klass.name);
    expect(toLeader[0]?.title).toContain('2026-2027 第一学期（秋季）');
    expect(toLeader[0]?.title).toContain('请审核');
    // Nobody else hears of a class roster: not the bureau, not the teacher who sent it.
    expect(await inbox(s.b)).toEqual([]);
    expect(await inbox(s.t)).toEqual([]);

    const returned = await act(s.leader, draft.id, 'return', { comment: '李明的监护人电话缺失', version: sent.version });
    const back = await inbox(s.t);
    expect(back).toHaveLength(1);
    expect(back[0]?.title).toContain('退回');
    expect(back[0]?.title).toContain('李明的监护人电话缺失');
    // In English for an English reader, the comment as written.
    expect((await inbox(s.t, 'en-US'))[0]?.title).toMatch(/returned the roster of .*2026-2027 First semester \(autumn\).*李明的监护人电话缺失/);

    const again = await act(s.t, draft.id, 'submit', { version: returned.version });
    expect(await inbox(s.leader)).toHaveLength(2);
    await act(s.leader, draft.id, 'approve', { version: again.version, comment: '已核对' });
    const done = await inbox(s.t);
    expect(done).toHaveLength(2);
    expect(done[0]?.title).toContain('审核通过');
    expect(done[0]?.title).toContain('已核对');
  });

  it("tells the bureau over the school of the school's roster, and the school's leaders of the bureau's return and approval", async () => {
    const s = await setUp();
    for (const k of [s.klass, s.k2]) {
      const d = await open(s.leader, { termId: s.term.id, classId: k.id });
      const x = await act(s.leader, d.id, 'submit', { version: d.version });
      await act(s.leader, d.id, 'approve', { version: x.version });
    }
    // A bureau officer of another county hears nothing; the school's moral-education office hears what its leaders hear.
    const elsewhere = await s.app.as((await buildUser(s.app, 'bureau_officer', (await buildRegion(s.app, { level: 'county' })).id)).username);
    const moral = await s.app.as((await buildUser(s.app, 'moral_education', s.school.id)).username);
    const school = await open(s.leader, { termId: s.term.id });
    const sent = await act(s.leader, school.id, 'submit', { version: school.version });
    const toBureau = await inbox(s.b);
    expect(toBureau).toHaveLength(1);
    expect(toBureau[0]?.title).toContain(s.school.name);
    expect(toBureau[0]?.title).toContain('请审核');
    expect(await inbox(elsewhere)).toEqual([]);
    // The leader who sent it hears nothing of its own act; the leaders hear nothing of their own class approvals either.
    expect(await inbox(s.leader)).toEqual([]);

    const returned = await act(s.b, school.id, 'return', { comment: '周子涵未分班，请核实', version: sent.version });
    for (const c of [s.leader, moral]) {
      const back = await inbox(c);
      expect(back).toHaveLength(1);
      expect(back[0]?.title).toContain('周子涵未分班，请核实');
      expect(back[0]?.link).toBe(`/submissions?school=${s.school.id}&term=${s.term.id}`);
    }
    const again = await act(s.leader, school.id, 'submit', { version: returned.version });
    expect(await inbox(s.b)).toHaveLength(2);
    await act(s.b, school.id, 'approve', { version: again.version });
    const done = await inbox(s.leader);
    expect(done).toHaveLength(2);
    expect(done[0]?.title).toContain('审核通过');
  });

  it('answers a step that was saved when telling who acts next fails, and logs the failure', async () => {
    const s = await setUp();
    const failure = new Error('connection terminated unexpectedly');
    const notify = vi.spyOn(s.app.services.notifications, 'notify').mockRejectedValue(failure);
    const logged = vi.spyOn(s.app.log, 'error');
    const draft = await open(s.t, { termId: s.term.id, classId: s.klass.id });
    const sent = await act(s.t, draft.id, 'submit', { version: draft.version });
    const approved = await s.leader.post(`/api/roster-submissions/${draft.id}/approve`, { version: sent.version, comment: '已核对' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', version: sent.version + 1 });
    expect(notify).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: failure }), expect.stringContaining('after the change was saved'));
    // Saved once, with its audit rows; a second approval (the client's retry) finds it done.
    const row = await s.app.ctx.db.selectFrom('roster_submissions').select(['status', 'version']).where('id', '=', draft.id).executeTakeFirst();
    expect(row).toEqual({ status: 'approved', version: sent.version + 1 });
    const audit = await s.app.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', draft.id)
      .where('action', 'like', 'roster.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['roster.submit', 'roster.approve']);
    expect((await s.leader.post(`/api/roster-submissions/${draft.id}/approve`, { version: sent.version })).statusCode).toBe(409);
    expect(await inbox(s.t)).toEqual([]);
  });

  it('records the comment of a return and of an approval in the audit log', async () => {
    const s = await setUp();
    const draft = await open(s.t, { termId: s.term.id, classId: s.klass.id });
    const sent = await act(s.t, draft.id, 'submit', { version: draft.version });
    const returned = await act(s.leader, draft.id, 'return', { comment: '李明的监护人电话缺失', version: sent.version });
    const again = await act(s.t, draft.id, 'submit', { version: returned.version });
    await act(s.leader, draft.id, 'approve', { version: again.version, comment: '已核对' });
    const rows = await s.app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', draft.id)
      .where('action', 'in', ['roster.return', 'roster.approve'])
      .execute();
    const summary = (action: string) => JSON.parse(rows.find((r) => r.action === action)?.summary ?? '{}') as Record<string, unknown>;
    expect(summary('roster.return')).toMatchObject({ level: 'class', comment: '李明的监护人电话缺失' });
    expect(summary('roster.approve')).toMatchObject({ level: 'class', comment: '已核对' });
  });
});

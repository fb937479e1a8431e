import { migrations, newId } from '@carebridge/db';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildChild,
  buildClass,
  buildRegion,
  buildSchool,
  buildSchoolWithStaff,
  buildTestApp,
  buildUser,
  type Client,
  type TestApp,
} from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');
/** The app's clock: `now` unless a test moves it. */
let at = now;

async function setup() {
  at = now;
  app = await buildTestApp({ clock: () => at });
  const s = await buildSchoolWithStaff(app);
  const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
  const teacher = await app.as(s.teacher.username);
  const bureau = await app.as(s.bureau.username);
  return { ...s, girl, t: teacher, b: bureau };
}

/** A serious case: its chain has a step for the bureau. */
const report = (childIds: string[]) => ({
  childIds,
  kind: 'injury',
  severity: 'serious',
  occurredAt: '2026-11-20T01:30:00.000Z',
  description: '课间从单杠上摔下，右臂疼痛',
  answers: {},
});

/** The caller’s notifications as [link, kind]. */
const inbox = async (c: Client) => ((await c.get('/api/notifications')).json().items as { link: string; kind: string }[]).map((n) => [n.link, n.kind]);

describe('the bureau side of incidents', () => {
  it('the bureau hears of a case when its own step is recorded, whatever target the request names, and not when another step is', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = (target: string) => inc.notifications.find((n: { target: string }) => n.target === target).id as string;
    // The parents' step, sent with the bureau as its target: the step keeps its target, the bureau was not told.
    const parents = await s.t.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step('parents'),
      target: 'bureau',
      method: 'phone',
      notifiedAt: '2026-11-20T01:40:00.000Z',
    });
    expect(parents.json()).toMatchObject({ reportedToBureau: false });
    expect(await inbox(s.b)).toEqual([]);
    // The bureau's step, sent with another target: the bureau was told, so it hears of it.
    const bureau = await s.t.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step('bureau'),
      target: 'guardian',
      method: 'phone',
      notifiedAt: '2026-11-20T01:45:00.000Z',
    });
    expect(bureau.json()).toMatchObject({ reportedToBureau: true });
    expect(await inbox(s.b)).toEqual([[`/incidents/${inc.id}`, 'incident_to_bureau']]);
    // The audit log says who was told, not what the request said.
    const audit = await app.ctx.db.selectFrom('audit_log').select('summary').where('action', '=', 'incident.notify').orderBy('id').execute();
    expect(audit.map((a) => JSON.parse(a.summary ?? '{}').target)).toEqual(['parents', 'bureau']);
  });

  it('the 签收 notification is of its own kind, and only the bureau over the school (at any level) hears and acknowledges', async () => {
    // A province with the school's county and one beside it; an officer of each.
    app = await buildTestApp({ clock: () => now });
    const province = await buildRegion(app, { level: 'province' });
    const county = await buildRegion(app, { parentId: province.id });
    const beside = await buildRegion(app, { parentId: province.id });
    const school = await buildSchool(app, { regionId: county.id });
    await buildSchool(app, { regionId: beside.id });
    const klass = await buildClass(app, { schoolId: school.id });
    const girl = await buildChild(app, { schoolId: school.id, classId: klass.id });
    const leader = await app.as((await buildUser(app, 'school_leader', school.id)).username);
    const t = await app.as((await buildUser(app, 'class_teacher', klass.id)).username);
    const b = await app.as((await buildUser(app, 'bureau_officer', county.id)).username);
    const above = await app.as((await buildUser(app, 'bureau_officer', province.id)).username);
    const neighbour = await app.as((await buildUser(app, 'bureau_officer', beside.id)).username);
    const s = { t, b, girl };
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
    await s.t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
    expect(await inbox(neighbour)).toEqual([]);
    expect((await neighbour.get('/api/incidents?acknowledgement=awaiting')).json().items).toEqual([]);
    expect((await neighbour.post(`/api/incidents/${inc.id}/acknowledge`, {})).statusCode).toBe(404);
    expect(await inbox(above)).toEqual([[`/incidents/${inc.id}`, 'incident_to_bureau']]);
    expect((await s.b.post(`/api/incidents/${inc.id}/acknowledge`, {})).statusCode).toBe(201);
    expect((await inbox(leader)).filter(([link]) => link === `/incidents/${inc.id}`).map(([, kind]) => kind)).toContain('incident_acknowledged');
    expect(await inbox(s.t)).toEqual([[`/incidents/${inc.id}`, 'incident_acknowledged']]);
    // Once one officer has acknowledged, no officer is still asked to: each 请签收 is read, still listed.
    for (const officer of [s.b, above]) {
      const bell = (await officer.get('/api/notifications')).json();
      expect(bell.unread).toBe(0);
      expect(bell.items.map((n: { kind: string; readAt: string | null }) => [n.kind, n.readAt])).toEqual([['incident_to_bureau', now.toISOString()]]);
    }
  });

  it('telling the bureau as an extra notification completes the chain’s bureau step: not overdue, awaiting 签收, no late alert', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau');
    const told = await s.t.post(`/api/incidents/${inc.id}/notifications`, {
      target: 'bureau',
      method: 'phone',
      notifiedAt: '2026-11-20T01:45:00.000Z',
      contactName: '县教育局安全股',
    });
    expect(told.statusCode).toBe(201);
    expect(told.json()).toMatchObject({ reportedToBureau: true });
    const bureau = told.json().notifications.filter((n: { target: string }) => n.target === 'bureau');
    expect(bureau).toEqual([
      expect.objectContaining({ id: step.id, dueAt: step.dueAt, doneAt: '2026-11-20T01:45:00.000Z', method: 'phone', contactName: '县教育局安全股' }),
    ]);
    expect(await inbox(s.b)).toEqual([[`/incidents/${inc.id}`, 'incident_to_bureau']]);
    // Past the bureau's deadline (2 hours): its step is not late, the case awaits 签收, and the leaders are not told to tell the bureau.
    at = new Date('2026-11-20T05:00:00Z');
    // Sessions idle for 2 hours have ended: sign in again.
    const b = await app.as(s.bureau.username);
    // Read by the reporter: a leader opening the case would be told of it (its step done by the app).
    const late = (await (await app.as(s.teacher.username)).get(`/api/incidents/${inc.id}`)).json();
    expect(late.notifications.find((n: { target: string }) => n.target === 'bureau')).toMatchObject({ overdue: false });
    expect(late.notifications.filter((n: { overdue: boolean }) => n.overdue).map((n: { target: string }) => n.target)).toEqual([
      'school_leader',
      'guardian',
      'parents',
    ]);
    expect(late.overdueNotifications).toBe(3);
    expect((await b.get('/api/incidents?acknowledgement=awaiting')).json().items).toEqual([
      expect.objectContaining({ id: inc.id, reportedToBureau: true, overdueNotifications: 3 }),
    ]);
    await app.services.notifications.incidentAlerts();
    const alerts = await app.ctx.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', '=', `notice|${step.id}`).execute();
    expect(alerts).toEqual([]);
  });

  it('a dropout’s written report completes the chain’s bureau step; the timeline has the report once', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', { ...report([s.girl.id]), kind: 'dropout', description: '连续两周未到校' })).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau');
    const r = await s.t.post(`/api/incidents/${inc.id}/actions`, {
      kind: 'written_report',
      at: '2026-11-20T01:50:00.000Z',
      text: '劝返无效，书面报告县教育局',
      documentNo: '城关小学〔2026〕12 号',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ reportedToBureau: true, dropout: { writtenReport: true } });
    expect(r.json().notifications.filter((n: { target: string }) => n.target === 'bureau')).toEqual([
      expect.objectContaining({ id: step.id, doneAt: '2026-11-20T01:50:00.000Z', method: 'written', note: '城关小学〔2026〕12 号' }),
    ]);
    expect(r.json().actions.map((a: { kind: string }) => a.kind)).toEqual(['written_report']);
    at = new Date('2026-11-20T05:00:00Z');
    const late = (await (await app.as(s.teacher.username)).get(`/api/incidents/${inc.id}`)).json();
    expect(late.notifications.filter((n: { overdue: boolean }) => n.overdue).map((n: { target: string }) => n.target)).toEqual([
      'school_leader',
      'guardian',
      'parents',
    ]);
    expect(await inbox(await app.as(s.bureau.username))).toEqual([[`/incidents/${inc.id}`, 'incident_to_bureau']]);
  });

  it('after 签收 the bureau adds instructions (批示) and the school replies: each on the timeline, each heard by the other side', async () => {
    const s = await setup();
    const moral = await app.as((await buildUser(app, 'moral_education', s.school.id)).username);
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
    expect(
      (
        await s.t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' })
      ).json(),
    ).toMatchObject({ reportedToBureau: true });
    const instruct = (text: string, c = s.b) => c.post(`/api/incidents/${inc.id}/actions`, { kind: 'instruction', text });
    // Before 签收 there is nothing to add an instruction to.
    const early = await instruct('请报送处置情况');
    expect([early.statusCode, early.json().error, early.json().message]).toEqual([409, 'incident_not_acknowledged', '请先签收此事件，再作批示']);
    expect((await s.b.post(`/api/incidents/${inc.id}/acknowledge`, {})).statusCode).toBe(201);
    expect(await inbox(moral)).toContainEqual([`/incidents/${inc.id}`, 'incident_acknowledged']);
    expect((await s.b.get(`/api/incidents/${inc.id}`)).json()).toMatchObject({ canInstruct: true, canEdit: false });
    expect((await s.t.get(`/api/incidents/${inc.id}`)).json()).toMatchObject({ canInstruct: false });
    // The school has no instruction to reply to yet, and gives none itself; the bureau records no school step.
    const noInstruction = await s.t.post(`/api/incidents/${inc.id}/actions`, { kind: 'reply', text: '已处理' });
    expect([noInstruction.statusCode, noInstruction.json().error]).toEqual([409, 'incident_no_instruction']);
    expect((await instruct('学校自己批示', s.t)).statusCode).toBe(403);
    expect((await s.b.post(`/api/incidents/${inc.id}/actions`, { kind: 'action', text: '局里处置' })).statusCode).toBe(403);
    const empty = await instruct('  ');
    expect([empty.statusCode, empty.json().fields.map((f: { path: string }) => f.path)]).toEqual([400, ['text']]);
    // An instruction: on the timeline under the officer's name; the leaders and the reporter hear of it.
    const given = await instruct('请于三日内报送书面处置情况，并做好家长沟通。');
    expect(given.statusCode).toBe(201);
    expect(given.json().actions.at(-1)).toMatchObject({ kind: 'instruction', text: '请于三日内报送书面处置情况，并做好家长沟通。', authorName: s.bureau.name });
    // The moral-education office, which keeps the school's cases, hears of it too.
    for (const c of [await app.as(s.leader.username), s.t, moral]) expect(await inbox(c)).toContainEqual([`/incidents/${inc.id}`, 'incident_instruction']);
    // The school replies; the bureau hears of it.
    const reply = await s.t.post(`/api/incidents/${inc.id}/actions`, { kind: 'reply', text: '已电话联系家长，书面材料明日报送。' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().actions.map((a: { kind: string }) => a.kind)).toEqual(['instruction', 'reply']);
    expect(await inbox(s.b)).toContainEqual([`/incidents/${inc.id}`, 'incident_reply']);
    // A second instruction is heard again (one notification each, not folded into the first).
    await instruct('材料已收到，请继续跟进孩子情况。');
    const told = await app.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('kind', '=', 'incident_instruction')
      .where('user_id', '=', s.teacher.id)
      .execute();
    expect(told.length).toBe(2);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', inc.id)
      .where('action', 'in', ['incident.instruct', 'incident.action'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.summary ?? '{}').kind])).toEqual([
      ['incident.instruct', 'instruction'],
      ['incident.action', 'reply'],
      ['incident.instruct', 'instruction'],
    ]);
    // A closed case takes no more instructions.
    await app.ctx.db.updateTable('incidents').set({ status: 'closed' }).where('id', '=', inc.id).execute();
    expect((await instruct('再批示')).statusCode).toBe(409);
    expect((await s.b.get(`/api/incidents/${inc.id}`)).json().canInstruct).toBe(false);
  });

  it('the 签收 instruction holds as much as a later 批示 (2000 characters), and one longer is named', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
    await s.t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
    const tooLong = await s.b.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请'.repeat(2001) });
    expect([tooLong.statusCode, tooLong.json().fields.map((f: { path: string }) => f.path)]).toEqual([400, ['instruction']]);
    expect((await s.b.get(`/api/incidents/${inc.id}`)).json().acknowledgement).toBeNull();
    const long = '请'.repeat(2000);
    const given = await s.b.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: long });
    expect(given.statusCode, given.body).toBe(201);
    expect((await s.t.get(`/api/incidents/${inc.id}`)).json().acknowledgement.instruction).toBe(long);
  });

  it('a reply is not dated before the instruction it answers: the timeline keeps the instruction first', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
    await s.t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
    // 签收 without an instruction; the instruction an hour later.
    expect((await s.b.post(`/api/incidents/${inc.id}/acknowledge`, {})).statusCode).toBe(201);
    at = new Date('2026-11-20T03:00:00Z');
    expect((await s.b.post(`/api/incidents/${inc.id}/actions`, { kind: 'instruction', text: '请报送处置情况' })).statusCode).toBe(201);
    // A reply dated before the instruction (here before the 签收, and before the case itself) is refused, its field named.
    for (const when of ['2026-11-20T02:30:00.000Z', '2026-11-20T01:00:00.000Z']) {
      const early = await s.t.post(`/api/incidents/${inc.id}/actions`, { kind: 'reply', text: '已处理', at: when });
      expect([early.statusCode, early.json().fields?.map((f: { path: string }) => f.path)], when).toEqual([422, ['at']]);
      expect(early.json().fields[0].message).toContain('批示');
    }
    const en = await s.t.post(
      `/api/incidents/${inc.id}/actions`,
      { kind: 'reply', text: 'done', at: '2026-11-20T02:30:00.000Z' },
      { 'accept-language': 'en-US' },
    );
    expect(en.json().fields[0].message).toContain('instruction');
    // Dated at or after it: on the timeline after it.
    const ok = await s.t.post(`/api/incidents/${inc.id}/actions`, { kind: 'reply', text: '已电话联系家长', at: '2026-11-20T03:00:00.000Z' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().actions.map((a: { kind: string }) => a.kind)).toEqual(['instruction', 'reply']);
  });

  it('a bad list filter or page cursor is named, in the reader’s language', async () => {
    const s = await setup();
    const en = { 'accept-language': 'en-US' };
    const bad = await s.b.get('/api/incidents?acknowledgement=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['acknowledgement']);
    expect(bad.json().message).toContain('签收');
    expect((await s.b.get('/api/incidents?acknowledgement=maybe', en)).json().message).toContain('Acknowledgement');
    // The status of a case, not of a child's archive.
    expect((await s.b.get('/api/incidents?status=maybe')).json().message).not.toContain('档案');
    const cursor = await s.b.get('/api/incidents?acknowledgement=awaiting&cursor=bm90LWEtY3Vyc29y');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().fields.map((f: { path: string }) => f.path)).toEqual(['cursor']);
    expect(cursor.json().message).not.toMatch(/validation\.|cursor/);
    expect((await s.b.get('/api/incidents?cursor=bm90LWEtY3Vyc29y', en)).json().message).not.toMatch(/validation\.|cursor/);
  });

  it('migration 20261213T1000: the 请签收 of a case acknowledged before is read as of its 签收; of one awaiting it, still unread', async () => {
    const s = await setup();
    const tell = async () => {
      const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
      const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
      await s.t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
      return inc.id as string;
    };
    const [done, awaiting] = [await tell(), await tell()];
    expect((await s.b.post(`/api/incidents/${done}/acknowledge`, {})).statusCode).toBe(201);
    // As earlier versions left it: the 签收 (at 13:00) did not settle the 请签收.
    const db = app.ctx.db;
    await db.updateTable('incidents').set({ bureau_ack_at: '2026-11-20T05:00:00.000Z' }).where('id', '=', done).execute();
    await db.updateTable('notifications').set({ read_at: null }).where('kind', '=', 'incident_to_bureau').execute();
    await migrations['20261213T1000-settled-bureau-alerts']?.up(db, app.ctx.dialect);
    const rows = await db.selectFrom('notifications').select(['link', 'read_at']).where('kind', '=', 'incident_to_bureau').orderBy('link').execute();
    expect(rows.map((r) => [r.link, r.read_at])).toEqual(
      [
        [`/incidents/${done}`, '2026-11-20T05:00:00.000Z'],
        [`/incidents/${awaiting}`, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('migration 20261206T1000: a pending step takes the earliest extra notification of its target, recorded before steps were completed that way', async () => {
    const s = await setup();
    const inc = (await s.t.post('/api/incidents', report([s.girl.id]))).json();
    const db = app.ctx.db;
    // As earlier versions left it: the bureau told twice as extra notifications, its step still pending.
    const extra = (done: string, sort: number, note: string) => ({
      id: newId(),
      incident_id: inc.id,
      target: 'bureau',
      due_at: null,
      sort_order: sort,
      created_at: done,
      done_at: done,
      method: 'phone',
      contact_name: '王科长',
      note,
      recorded_by: s.teacher.name,
      recorded_by_id: s.teacher.id,
    });
    await db
      .insertInto('incident_notices')
      .values([extra('2026-11-20T01:50:00.000Z', 90, '第一次'), extra('2026-11-20T03:00:00.000Z', 91, '第二次')])
      .execute();
    await migrations['20261206T1000-incident-extra-notices']?.up(db, app.ctx.dialect);
    const rows = await db
      .selectFrom('incident_notices')
      .selectAll()
      .where('incident_id', '=', inc.id)
      .where('target', '=', 'bureau')
      .orderBy('sort_order')
      .execute();
    // The step carries the first one; the second stays an extra notification.
    expect(rows.map((r) => [r.due_at !== null, r.done_at, r.note, r.contact_name, r.recorded_by_id])).toEqual([
      [true, '2026-11-20T01:50:00.000Z', '第一次', '王科长', s.teacher.id],
      [false, '2026-11-20T03:00:00.000Z', '第二次', '王科长', s.teacher.id],
    ]);
    // The other steps are untouched, and the case now awaits the bureau's 签收.
    const others = await db.selectFrom('incident_notices').select('done_at').where('incident_id', '=', inc.id).where('target', '<>', 'bureau').execute();
    expect(others.every((r) => r.done_at === null)).toBe(true);
    const listed = (await s.b.get('/api/incidents?acknowledgement=awaiting')).json().items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([inc.id]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildRegion, buildSchoolWithStaff, buildTestApp, buildUser, type TestApp } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
let now = new Date('2026-11-20T02:00:00Z');
const clock = () => now;

async function setup() {
  now = new Date('2026-11-20T02:00:00Z');
  app = await buildTestApp({ clock });
  const s = await buildSchoolWithStaff(app);
  const otherClass = await buildClass(app, { schoolId: s.school.id });
  const moral = await buildUser(app, 'moral_education', s.school.id);
  const counsellor = await buildUser(app, 'counsellor', s.school.id);
  const mentor = await buildUser(app, 'mentor', s.school.id);
  const otherTeacher = await buildUser(app, 'class_teacher', otherClass.id);
  const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
  const boy = await buildChild(app, { schoolId: s.school.id, classId: otherClass.id, gender: 'male', birthDate: '2014-05-05' });
  const leader = await app.as(s.leader.username);
  await leader.post('/api/pairings', { mentorId: mentor.id, childIds: [girl.id] });
  return { ...s, otherClass, moral, counsellor, mentor, otherTeacher, girl, boy, leaderClient: leader };
}

const report = (childIds: string[], extra: Record<string, unknown> = {}) => ({
  childIds,
  kind: 'abuse_neglect',
  severity: 'serious',
  occurredAt: '2026-11-20T01:30:00.000Z',
  place: '学校门口',
  description: '孩子手臂和背上有多处淤青，说是家里人打的',
  immediateActions: '带到校医室检查，安抚情绪',
  answers: { multipleInjuries: true, suspectedViolence: true },
  ...extra,
});

describe('incidents', () => {
  it('bullying with multiple injuries is a mandatory police report without the violence box ticked, and the reporter cannot change the kind away from it', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const res = await t.post(
      '/api/incidents',
      report([s.girl.id], { kind: 'bullying', description: '被高年级同学围堵，身上多处淤青', answers: { multipleInjuries: true } }),
    );
    expect(res.statusCode).toBe(201);
    const inc = res.json();
    expect(inc).toMatchObject({ mandatory: true, situations: ['s4'] });
    const moved = await t.patch(`/api/incidents/${inc.id}`, { kind: 'injury', version: inc.version });
    expect(moved.statusCode).toBe(403);
    expect(moved.json().error).toBe('incident_answers_locked');
    // Another change that keeps it mandatory is the reporter's to make.
    expect((await t.patch(`/api/incidents/${inc.id}`, { place: '操场', version: inc.version })).statusCode).toBe(200);
    // An injury with multiple bruises and nothing suspected is not.
    const fall = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', answers: { multipleInjuries: true } }))).json();
    expect(fall).toMatchObject({ mandatory: false, situations: [] });
  });

  it('the moral-education office, which keeps the school’s cases, hears of a report, of the police report still owed and of an overdue step, as the leader does', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id]))).json();
    now = new Date('2026-11-20T03:30:00Z');
    await app.services.notifications.incidentAlerts();
    const m = await app.as(s.moral.username);
    const heard = async (c: typeof m) =>
      ((await c.get('/api/notifications')).json().items as { title: string; kind: string; link: string }[])
        .filter((n) => n.link === `/incidents/${inc.id}`)
        .map((n) => n.kind)
        .sort();
    // Three steps overdue at 11:30 (leader and guardian due 10:30, parents 11:00); the report and
    // the police reminder of 10:00 and of 11:00 (alarms).
    expect(await heard(m)).toEqual(['incident', 'incident', 'incident', 'incident_urgent', 'incident_urgent', 'incident_urgent']);
    expect(await heard(m)).toEqual(await heard(s.leaderClient));
    // Other staff of the school are not told.
    expect(await heard(await app.as(s.counsellor.username))).toEqual([]);
  });

  it('a class teacher reports suspected abuse: the law asks for a police report, the chain starts, the leader is alerted', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const res = await t.post('/api/incidents', report([s.girl.id]));
    expect(res.statusCode).toBe(201);
    const inc = res.json();
    expect(inc).toMatchObject({ mandatory: true, situations: ['s4'], policeReported: false, status: 'open', reporter: { name: s.teacher.name } });
    // Serious: leader and guardian within 30 min, parents within 1 h, bureau within 2 h.
    expect(inc.notifications.map((n: { target: string; dueAt: string }) => [n.target, n.dueAt])).toEqual([
      ['school_leader', '2026-11-20T02:30:00.000Z'],
      ['guardian', '2026-11-20T02:30:00.000Z'],
      ['parents', '2026-11-20T03:00:00.000Z'],
      ['bureau', '2026-11-20T04:00:00.000Z'],
    ]);
    const notices = (await s.leaderClient.get('/api/notifications')).json().items as { title: string; kind: string }[];
    const alerts = notices.map((n) => n.title);
    expect(alerts.some((x: string) => x.includes('须立即向公安机关报案'))).toBe(true);
    // The police reminder is an alarm in the bell, like the report itself, not a deadline's clock.
    expect(notices.filter((n) => n.title.includes('须立即向公安机关报案')).map((n) => n.kind)).toEqual(['incident_urgent']);
    // The leader's workbench list: needs attention; a mandatory case cannot be closed before the police report.
    const attention = (await s.leaderClient.get('/api/incidents?attention=true&status=open')).json().items;
    expect(attention.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    expect((await s.leaderClient.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '处理完毕' })).json().error).toBe('incident_police_first');
    // The police report: when, to whom, the receipt number.
    const bad = await t.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T01:50:00.000Z', unit: '', method: 'call_110' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['unit']);
    expect(bad.json().message).toContain('接报单位');
    const p = await t.post(`/api/incidents/${inc.id}/mandatory-report`, {
      reportedAt: '2026-11-20T01:50:00.000Z',
      unit: '城关派出所',
      receiptNumber: 'JJ20261120001',
      method: 'call_110',
    });
    expect(p.statusCode).toBe(201);
    expect(p.json().police).toMatchObject({ unit: '城关派出所', receiptNumber: 'JJ20261120001', reporterName: s.teacher.name });
    expect(
      (await t.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T01:50:00.000Z', unit: 'x', method: 'call_110' })).statusCode,
    ).toBe(409);
    // Tell the guardian (a chain step) and an extra person.
    const step = inc.notifications[1];
    const told = await t.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step.id,
      target: 'guardian',
      method: 'phone',
      notifiedAt: '2026-11-20T01:55:00.000Z',
      contactName: '王奶奶',
    });
    expect(told.statusCode).toBe(201);
    expect(told.json().notifications[1]).toMatchObject({ doneAt: '2026-11-20T01:55:00.000Z', method: 'phone', contactName: '王奶奶', overdue: false });
    expect(
      (await t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step.id, target: 'guardian', method: 'phone', notifiedAt: '2026-11-20T01:56:00.000Z' }))
        .statusCode,
    ).toBe(409);
    // A step keeps its target whatever the request says.
    const parents = inc.notifications[2];
    const p2 = await t.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: parents.id,
      target: 'bureau',
      method: 'wechat',
      notifiedAt: '2026-11-20T01:58:00.000Z',
    });
    expect(p2.json().notifications[2]).toMatchObject({ target: 'parents', method: 'wechat' });
    // The reporter cannot talk the case out of being mandatory.
    expect((await t.patch(`/api/incidents/${inc.id}`, { answers: {}, version: p2.json().version })).json().error).toBe('incident_answers_locked');
    // Time passes: the leader's step is overdue and flagged (read by the reporter: a leader opening the case would be told of it).
    now = new Date('2026-11-20T03:30:00Z');
    const late = (await t.get(`/api/incidents/${inc.id}`)).json();
    expect(late.notifications.filter((n: { overdue: boolean }) => n.overdue).map((n: { target: string }) => n.target)).toEqual(['school_leader']);
    expect(late.overdueNotifications).toBe(1);
    expect(await app.services.notifications.incidentAlerts()).toBeGreaterThan(0);
    const texts = (await s.leaderClient.get('/api/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(texts.some((x: string) => x.includes('应在') && x.includes('校领导'))).toBe(true);
    // The leader records the chain's last steps and closes it; a closed case takes no further actions until reopened.
    for (const n of late.notifications.filter((x: { doneAt: string | null }) => !x.doneAt) as { id: string; target: string }[])
      await s.leaderClient.post(`/api/incidents/${inc.id}/notifications`, {
        stepId: n.id,
        target: n.target,
        method: 'phone',
        notifiedAt: '2026-11-20T03:20:00.000Z',
      });
    expect((await s.leaderClient.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '已移交公安，孩子由姑姑临时照顾' })).statusCode).toBe(201);
    expect((await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '补充' })).json().error).toBe('incident_closed');
    expect((await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'reopen', text: '重开' })).statusCode).toBe(403);
    const closed = (await s.leaderClient.get(`/api/incidents/${inc.id}`)).json();
    expect((await s.leaderClient.patch(`/api/incidents/${inc.id}`, { place: '校门口', version: closed.version })).json().error).toBe('incident_closed');
  });

  it('details only for the leader, the moral-education office, the class teacher, the bureau and the reporter; every view audited', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const created = await m.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'minor', answers: {} }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (const [user, details, reporter] of [
      [s.leader, true, true],
      [s.moral, true, false],
      [s.teacher, true, false],
      [s.bureau, true, true],
      [s.mentor, true, true],
    ] as const) {
      const c = await app.as(user.username);
      const r = await c.get(`/api/incidents/${id}`);
      expect(r.statusCode, user.username).toBe(details ? 200 : 403);
      expect(r.json().reporter !== null, user.username).toBe(reporter);
    }
    // The counsellor sees the child, so it learns that an incident exists, nothing more.
    const c = await app.as(s.counsellor.username);
    expect((await c.get(`/api/incidents/${id}`)).json().error).toBe('incident_restricted');
    const listed = (await c.get(`/api/incidents?childId=${s.girl.id}`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, restricted: true, kind: null, severity: null, occurredAt: '2026-11-20', status: 'open' })]);
    // Filtering by what only detail readers know does not reveal it.
    expect((await c.get('/api/incidents?kind=injury')).json().items).toEqual([]);
    // The other class's teacher does not see the child, so not the incident either.
    const o = await app.as(s.otherTeacher.username);
    expect((await o.get('/api/incidents')).json().items).toEqual([]);
    expect((await o.get(`/api/incidents/${id}`)).statusCode).toBe(404);
    // Each full view is in the audit log.
    const views = await app.ctx.db.selectFrom('audit_log').select(['user_id']).where('action', '=', 'incident.view').where('entity_id', '=', id).execute();
    expect(views).toHaveLength(5);
    const audit = (await s.leaderClient.get('/api/audit?action=incident.create')).json().items;
    expect(audit).toHaveLength(1);
  });

  it('a step of the timeline is not dated before the incident (a phone clock a few minutes off aside)', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', answers: {} }))).json();
    // Occurred at 01:30 (UTC): a step at 01:00 is a mistyped date or time.
    const early = await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'action', text: '送医', at: '2026-11-20T01:00:00.000Z' });
    expect([early.statusCode, early.json().fields]).toEqual([422, [{ path: 'at', message: '处置时间不能早于事件发生时间' }]]);
    expect((await t.get(`/api/incidents/${inc.id}`)).json().actions).toEqual([]);
    // Within the allowance for a clock running behind: kept as typed.
    const close = await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'action', text: '送医', at: '2026-11-20T01:28:00.000Z' });
    expect(close.statusCode).toBe(201);
    expect(close.json().actions[0].at).toBe('2026-11-20T01:28:00.000Z');
  });

  it('readers who may not know who reported find the reporter named nowhere: not in the timeline, the chain or the police report', async () => {
    const s = await setup();
    const m = await app.as(s.mentor.username);
    const inc = (await m.post('/api/incidents', report([s.girl.id]))).json();
    // The reporter records the first notification, the first action and the police report.
    const guardian = inc.notifications.find((n: { target: string }) => n.target === 'guardian');
    await m.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: guardian.id,
      target: 'guardian',
      method: 'phone',
      notifiedAt: '2026-11-20T01:40:00.000Z',
    });
    await m.post(`/api/incidents/${inc.id}/actions`, { kind: 'action', text: '陪孩子到校医室' });
    await m.post(`/api/incidents/${inc.id}/mandatory-report`, { reportedAt: '2026-11-20T01:45:00.000Z', unit: '城关派出所', method: 'call_110' });
    // Someone else's entries keep their names.
    await s.leaderClient.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '已约谈监护人' });
    const leaderName = (await app.ctx.db.selectFrom('users').select('name').where('id', '=', s.leader.id).executeTakeFirstOrThrow()).name;
    const reporterName = s.mentor.name;
    for (const reader of [s.teacher, s.moral]) {
      const c = await app.as(reader.username);
      for (const path of ['', '/actions', '/notifications']) {
        const r = await c.get(`/api/incidents/${inc.id}${path}`);
        expect(r.statusCode, `${reader.username} ${path}`).toBe(200);
        expect(r.body, `${reader.username} ${path}`).not.toContain(reporterName);
        expect(r.body, `${reader.username} ${path}`).not.toContain(s.mentor.username);
      }
      const seen = (await c.get(`/api/incidents/${inc.id}`)).json();
      expect(seen.reporter).toBeNull();
      expect(seen.actions.map((a: { authorName: string | null; byReporter: boolean }) => [a.authorName, a.byReporter])).toEqual([
        [null, true],
        [leaderName, false],
      ]);
      expect(seen.notifications.find((n: { target: string }) => n.target === 'guardian')).toMatchObject({ recordedByName: null, byReporter: true });
      expect(seen.police).toMatchObject({ reporterName: null, recordedByName: null });
    }
    // The leader, the bureau and the reporter see the name.
    for (const reader of [s.leader, s.bureau, s.mentor]) {
      const seen = (await (await app.as(reader.username)).get(`/api/incidents/${inc.id}/actions`)).json();
      expect(seen.items[0], reader.username).toMatchObject({ authorName: reporterName, byReporter: true });
    }
    // The audit log's free text names nobody: the actor is in its own column, as for every entry.
    const rows = await app.ctx.db.selectFrom('audit_log').select(['action', 'summary', 'user_id']).where('entity_id', '=', inc.id).execute();
    expect(rows.find((r) => r.action === 'incident.create')?.user_id).toBe(s.mentor.id);
    for (const r of rows) {
      expect(r.summary ?? '', r.action).not.toContain(reporterName);
      expect(r.summary ?? '', r.action).not.toContain(s.mentor.username);
    }
  });

  it('a leader who reports is not named to the class teacher by the step it told itself; notifications kept by name only are matched by name', async () => {
    const s = await setup();
    const inc = (await s.leaderClient.post('/api/incidents', report([s.girl.id], { kind: 'illness', severity: 'minor', answers: {} }))).json();
    const leaderName = inc.reporter.name as string;
    expect(inc.notifications[0]).toMatchObject({ target: 'school_leader', contactName: leaderName, recordedByName: leaderName, byReporter: true });
    // A notification from before accounts were kept on notifications: only the name.
    await app.ctx.db
      .insertInto('incident_notices')
      .values({
        id: '01900000-0000-7000-8000-00000000abcd',
        incident_id: inc.id,
        target: 'other',
        done_at: '2026-11-20T01:50:00.000Z',
        method: 'phone',
        contact_name: '村委会',
        recorded_by: leaderName,
        recorded_by_id: null,
        sort_order: 99,
        created_at: '2026-11-20T01:50:00.000Z',
      })
      .execute();
    const t = await app.as(s.teacher.username);
    const r = await t.get(`/api/incidents/${inc.id}/notifications`);
    expect(r.body).not.toContain(leaderName);
    const items = r.json().items;
    expect(items[0]).toMatchObject({ target: 'school_leader', contactName: null, recordedByName: null, byReporter: true });
    expect(items.at(-1)).toMatchObject({ contactName: '村委会', recordedByName: null, byReporter: true });
  });

  it('audits each read of the timeline and the notification chain as a view of the incident', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'minor', answers: {} }))).json();
    const m = await app.as(s.moral.username);
    expect((await m.get(`/api/incidents/${inc.id}/actions`)).statusCode).toBe(200);
    expect((await m.get(`/api/incidents/${inc.id}/notifications`)).statusCode).toBe(200);
    expect((await m.get(`/api/incidents/${inc.id}`)).statusCode).toBe(200);
    const views = await app.ctx.db
      .selectFrom('audit_log')
      .select(['user_id', 'summary'])
      .where('action', '=', 'incident.view')
      .where('entity_id', '=', inc.id)
      .orderBy('id')
      .execute();
    expect(views.map((v) => [v.user_id, JSON.parse(v.summary ?? '{}')])).toEqual([
      [s.moral.id, { kind: 'injury', part: 'actions' }],
      [s.moral.id, { kind: 'injury', part: 'notifications' }],
      [s.moral.id, { kind: 'injury' }],
    ]);
    // Someone who may only know that an incident exists reads neither, and nothing is recorded for it.
    const c = await app.as(s.counsellor.username);
    expect((await c.get(`/api/incidents/${inc.id}/actions`)).json().error).toBe('incident_restricted');
    expect((await c.get(`/api/incidents/${inc.id}/notifications`)).json().error).toBe('incident_restricted');
    expect(
      await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.view').where('user_id', '=', s.counsellor.id).execute(),
    ).toEqual([]);
  });

  it('rejects bad reports with the field named, and writes nothing', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const r = await t.post('/api/incidents', { childIds: [], kind: 'fire', severity: 'serious', occurredAt: 'yesterday', description: '' });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['childIds', 'description', 'kind', 'occurredAt']);
    const future = await t.post('/api/incidents', report([s.girl.id], { occurredAt: '2026-11-21T01:00:00.000Z' }));
    expect(future.statusCode).toBe(422);
    expect(future.json().fields[0].path).toBe('occurredAt');
    // A child of another class is not the class teacher's to report on.
    expect((await t.post('/api/incidents', report([s.boy.id]))).statusCode).toBe(404);
    expect(await app.ctx.db.selectFrom('incidents').select('id').execute()).toEqual([]);
    expect(await app.ctx.db.selectFrom('incident_notices').select('id').execute()).toEqual([]);
  });

  it('a dropout case tracks persuasion visits and the written report to the bureau', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (
      await t.post('/api/incidents', report([s.girl.id], { kind: 'dropout', severity: 'moderate', answers: {}, description: '连续一周未到校' }))
    ).json();
    expect(inc.dropout).toEqual({ persuasions: 0, returned: false, writtenReport: false });
    expect((await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'persuasion', text: '到家中劝返' })).json().fields[0].path).toBe('outcome');
    await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'persuasion', text: '到家中劝返，奶奶说孩子要去打工', outcome: 'refused' });
    const r = await t.post(`/api/incidents/${inc.id}/actions`, {
      kind: 'written_report',
      text: '劝返无效，书面报告县教育局',
      documentNo: '城关小学〔2026〕12 号',
    });
    expect(r.json().dropout).toEqual({ persuasions: 1, returned: false, writtenReport: true });
    expect(r.json().actions.map((a: { kind: string }) => a.kind)).toEqual(['persuasion', 'written_report']);
    // Persuasion belongs to dropout cases only.
    const other = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'minor', answers: {} }))).json();
    expect((await t.post(`/api/incidents/${other.id}/actions`, { kind: 'persuasion', text: 'x', outcome: 'returned' })).json().error).toBe('validation_failed');
  });

  it('a follow-up links a care record of the same child; incidents raise the risk level', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'bullying', severity: 'moderate', answers: {} }))).json();
    const rec = (
      await t.post('/api/care-records', { kind: 'talk', childIds: [s.girl.id], date: '2026-11-20', summary: '谈心，了解被欺负的经过', details: {} })
    ).json();
    const other = (await t.post('/api/care-records', { kind: 'talk', childIds: [s.girl.id], date: '2026-11-20', summary: 'x', details: {} })).json();
    const ok = await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'follow_up', text: '谈心跟进', careRecordId: rec.id });
    expect(ok.json().actions[0]).toMatchObject({ kind: 'follow_up', careRecordId: rec.id });
    const boyRec = (
      await s.leaderClient.post('/api/care-records', { kind: 'talk', childIds: [s.boy.id], date: '2026-11-20', summary: 'x', details: {} })
    ).json();
    expect((await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'follow_up', text: 'x', careRecordId: boyRec.id })).json().fields[0].path).toBe(
      'careRecordId',
    );
    expect(other.id).toBeTruthy();
    const risk = (await s.leaderClient.get(`/api/children/${s.girl.id}/risk`)).json();
    expect(risk.reasons.map((r: { signal: string }) => r.signal)).toContain('incident');
  });

  it('a minor incident (轻微) raises the risk level while its case is open only; a graver one for 90 days after', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const signals = async () =>
      ((await s.leaderClient.get(`/api/children/${s.girl.id}/risk`)).json().reasons as { signal: string; text: string }[])
        .filter((r) => r.signal === 'incident')
        .map((r) => r.text);
    const scrape = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'minor', answers: {} }))).json();
    expect(await signals()).toEqual(['有 1 起未结案或近 90 天内的安全事件']);
    await app.ctx.db.updateTable('incidents').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', scrape.id).execute();
    expect(await signals()).toEqual([]);
    const fall = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'moderate', answers: {} }))).json();
    await app.ctx.db.updateTable('incidents').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', fall.id).execute();
    expect(await signals()).toEqual(['有 1 起未结案或近 90 天内的安全事件']);
    // The stored levels (the children list's filter) read the same.
    const listed = (await s.leaderClient.get(`/api/compliance/risks?schoolId=${s.school.id}`)).json().items as {
      childId: string;
      reasons: { signal: string }[];
    }[];
    expect(listed.find((r) => r.childId === s.girl.id)?.reasons.filter((r) => r.signal === 'incident')).toHaveLength(1);
  });

  it('the school sets its own chain; a leader who reports has been told', async () => {
    const s = await setup();
    expect((await s.leaderClient.get(`/api/incident-chains/${s.school.id}`)).json().steps).toHaveLength(4);
    const twice = await s.leaderClient.put(`/api/incident-chains/${s.school.id}`, {
      steps: [
        { target: 'guardian', minutes: 15, minSeverity: 'minor' },
        { target: 'guardian', minutes: 30, minSeverity: 'minor' },
      ],
    });
    expect(twice.json().fields[0].path).toBe('steps.1.target');
    const t = await app.as(s.teacher.username);
    expect((await t.put(`/api/incident-chains/${s.school.id}`, { steps: [] })).statusCode).toBe(403);
    await s.leaderClient.put(`/api/incident-chains/${s.school.id}`, {
      steps: [
        { target: 'school_leader', minutes: 10, minSeverity: 'minor' },
        { target: 'guardian', minutes: 15, minSeverity: 'minor' },
      ],
    });
    const inc = (await s.leaderClient.post('/api/incidents', report([s.girl.id], { kind: 'illness', severity: 'minor', answers: {} }))).json();
    expect(inc.notifications.map((n: { target: string; doneAt: string | null }) => [n.target, !!n.doneAt])).toEqual([
      ['school_leader', true],
      ['guardian', false],
    ]);
  });

  it('the bureau over the school acknowledges an incident the school reported to it, once; the school sees who, when and the instruction', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const b = await app.as(s.bureau.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id]))).json();
    expect(inc).toMatchObject({ reportedToBureau: false, acknowledgement: null });
    // Not yet told to the bureau: nothing to acknowledge.
    expect((await b.get(`/api/incidents/${inc.id}`)).json().canAcknowledge).toBe(false);
    const early = await b.post(`/api/incidents/${inc.id}/acknowledge`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'incident_not_reported', message: expect.stringContaining('教育局') });
    // The school records that it told the bureau (the chain's step).
    const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau');
    await t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step.id, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:58:00.000Z' });
    const awaiting = (await b.get('/api/incidents?acknowledgement=awaiting')).json().items;
    expect(awaiting).toEqual([expect.objectContaining({ id: inc.id, reportedToBureau: true, acknowledgement: null })]);
    // The bureau officer hears of it in the app, once, with a link to the case.
    const told = (await b.get('/api/notifications')).json().items as { title: string; link: string }[];
    expect(told.filter((n) => n.link === `/incidents/${inc.id}`).map((n) => n.title)).toEqual([expect.stringContaining('请签收')]);
    const seen = (await b.get(`/api/incidents/${inc.id}`)).json();
    expect(seen).toMatchObject({ canAcknowledge: true, canEdit: false });
    // A bad instruction names the field.
    const bad = await b.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: 'x'.repeat(2001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['instruction']);
    expect(bad.json().message).toContain('批示');
    now = new Date('2026-11-20T03:00:00Z');
    const instruction = '请学校配合公安做好孩子的临时安置，每日报告进展';
    const ack = await b.post(`/api/incidents/${inc.id}/acknowledge`, { instruction });
    expect(ack.statusCode).toBe(201);
    expect(ack.json()).toMatchObject({
      acknowledgement: { at: '2026-11-20T03:00:00.000Z', byName: s.bureau.name, instruction },
      canAcknowledge: false,
      version: seen.version + 1,
    });
    // Once.
    const twice = await b.post(`/api/incidents/${inc.id}/acknowledge`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('incident_acknowledged');
    expect((await b.get('/api/incidents?acknowledgement=awaiting')).json().items).toEqual([]);
    expect((await b.get('/api/incidents?acknowledgement=done')).json().items.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    // The school sees who acknowledged, when, and the instruction; its leader and the reporter are told.
    for (const c of [s.leaderClient, t]) {
      const read = (await c.get(`/api/incidents/${inc.id}`)).json();
      expect(read.acknowledgement).toEqual({ at: '2026-11-20T03:00:00.000Z', byName: s.bureau.name, instruction });
      expect(read.canAcknowledge).toBe(false);
      const list = (await c.get('/api/incidents')).json().items;
      expect(list[0].acknowledgement).toMatchObject({ byName: s.bureau.name });
      const texts = (await c.get('/api/notifications')).json().items.map((n: { title: string }) => n.title);
      expect(texts.some((x: string) => x.includes('已签收') && x.includes(s.bureau.name))).toBe(true);
    }
    const audit = await app.ctx.db.selectFrom('audit_log').select(['user_id', 'summary']).where('action', '=', 'incident.acknowledge').execute();
    expect(audit).toEqual([{ user_id: s.bureau.id, summary: JSON.stringify({ instruction: true }) }]);
  });

  it('only the bureau over the school acknowledges: another county 404, the school and the administrator 403; a dropout’s written report counts', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (
      await t.post('/api/incidents', report([s.girl.id], { kind: 'dropout', severity: 'moderate', answers: {}, description: '连续一周未到校' }))
    ).json();
    await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'written_report', text: '劝返无效，书面报告县教育局', documentNo: '城关小学〔2026〕12 号' });
    const otherCounty = await buildRegion(app, { level: 'county' });
    const stranger = await buildUser(app, 'bureau_officer', otherCounty.id);
    const admin = await buildUser(app, 'system_admin', null);
    expect((await (await app.as(stranger.username)).post(`/api/incidents/${inc.id}/acknowledge`, {})).statusCode).toBe(404);
    for (const u of [s.leader, s.moral, s.teacher, admin]) {
      const r = await (await app.as(u.username)).post(`/api/incidents/${inc.id}/acknowledge`, {});
      expect(r.statusCode, u.username).toBe(403);
    }
    // Who may only know that an incident exists learns nothing from the filter.
    const c = await app.as(s.counsellor.username);
    expect((await c.get('/api/incidents?acknowledgement=awaiting')).json().items).toEqual([]);
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.acknowledge').execute()).toEqual([]);
    const b = await app.as(s.bureau.username);
    expect((await b.get('/api/incidents?acknowledgement=awaiting')).json().items.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    // The written report reached the bureau's officers over the school, not the other county's.
    expect((await b.get('/api/notifications')).json().items.map((n: { link: string }) => n.link)).toContain(`/incidents/${inc.id}`);
    expect((await (await app.as(stranger.username)).get('/api/notifications')).json().items).toEqual([]);
    const ack = await b.post(`/api/incidents/${inc.id}/acknowledge`, {});
    expect(ack.statusCode).toBe(201);
    expect(ack.json().acknowledgement).toEqual({ at: now.toISOString(), byName: s.bureau.name, instruction: null });
  });

  it('a closed case records no notification either, refused as its other actions are, until it is reopened', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'serious', answers: {} }))).json();
    const url = `/api/incidents/${inc.id}/notifications`;
    const tell = { method: 'phone', notifiedAt: '2026-11-20T01:55:00.000Z' };
    // Everyone the chain names is told (the bureau too, a serious case), then the case is closed.
    for (const n of inc.notifications as { id: string; target: string }[]) await t.post(url, { stepId: n.id, target: n.target, ...tell });
    const told = (await s.leaderClient.get(`/api/incidents/${inc.id}`)).json();
    expect((await s.leaderClient.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '处理完毕' })).statusCode).toBe(201);
    const refusal = (await t.post(`/api/incidents/${inc.id}/actions`, { kind: 'note', text: '补充' })).json();
    expect(refusal.error).toBe('incident_closed');
    const guardian = inc.notifications.find((n: { target: string }) => n.target === 'guardian');
    // A step of the chain, an extra notification (even of the bureau), by the reporter or by the leader who closes cases.
    for (const [c, body] of [
      [t, { stepId: guardian.id, target: 'guardian', ...tell }],
      [t, { target: 'bureau', ...tell }],
      [s.leaderClient, { target: 'other', ...tell }],
    ] as const) {
      const r = await c.post(url, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(409);
      expect(r.json(), JSON.stringify(body)).toMatchObject({ error: 'incident_closed', message: refusal.message });
    }
    // Nothing was written, and the bureau heard nothing more than the step that told it.
    const read = (await s.leaderClient.get(`/api/incidents/${inc.id}`)).json();
    expect(read.notifications).toEqual(told.notifications);
    expect(read).toMatchObject({ reportedToBureau: true, version: told.version + 1 });
    expect(await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'incident.notify').execute()).toHaveLength(4);
    expect((await (await app.as(s.bureau.username)).get('/api/notifications')).json().items).toHaveLength(1);
    // Reopened, the school records it.
    expect((await s.leaderClient.post(`/api/incidents/${inc.id}/actions`, { kind: 'reopen', text: '补录通知' })).statusCode).toBe(201);
    const late = await t.post(url, { target: 'other', contactName: '村委会', ...tell });
    expect(late.statusCode).toBe(201);
    expect(late.json().notifications[4]).toMatchObject({ target: 'other', contactName: '村委会', doneAt: tell.notifiedAt });
  });

  it('telling someone the chain still waits for completes that step, however it is recorded; the chain and the timeline show each once', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'serious', answers: {} }))).json();
    const url = `/api/incidents/${inc.id}/notifications`;
    // Extra notifications (no step named) of the leader, the guardian and the parents, and of someone the chain does not name.
    await t.post(url, { target: 'school_leader', method: 'in_person', notifiedAt: '2026-11-20T01:35:00.000Z' });
    await t.post(url, { target: 'guardian', method: 'phone', notifiedAt: '2026-11-20T01:40:00.000Z', contactName: '王奶奶', note: '奶奶马上到校' });
    await t.post(url, { target: 'parents', method: 'wechat', notifiedAt: '2026-11-20T01:45:00.000Z' });
    await t.post(url, { target: 'other', method: 'phone', notifiedAt: '2026-11-20T01:50:00.000Z', contactName: '村委会' });
    // Told again once the step is done: a notification of its own.
    const last = await t.post(url, { target: 'guardian', method: 'phone', notifiedAt: '2026-11-20T01:55:00.000Z', contactName: '王爷爷' });
    expect(last.statusCode).toBe(201);
    const rows = last
      .json()
      .notifications.map((n: { target: string; dueAt: string | null; doneAt: string | null; method: string | null; contactName: string | null }) => [
        n.target,
        n.dueAt,
        n.doneAt,
        n.method,
        n.contactName,
      ]);
    expect(rows).toEqual([
      ['school_leader', '2026-11-20T02:30:00.000Z', '2026-11-20T01:35:00.000Z', 'in_person', null],
      ['guardian', '2026-11-20T02:30:00.000Z', '2026-11-20T01:40:00.000Z', 'phone', '王奶奶'],
      ['parents', '2026-11-20T03:00:00.000Z', '2026-11-20T01:45:00.000Z', 'wechat', null],
      ['bureau', '2026-11-20T04:00:00.000Z', null, null, null],
      ['other', null, '2026-11-20T01:50:00.000Z', 'phone', '村委会'],
      ['guardian', null, '2026-11-20T01:55:00.000Z', 'phone', '王爷爷'],
    ]);
    expect(last.json().notifications[1].note).toBe('奶奶马上到校');
    // Time passes: only the bureau's step is late, in the details, the list and the leaders' alerts.
    now = new Date('2026-11-20T05:00:00Z');
    // Sessions idle for 2 hours have ended: sign in again.
    const leader = await app.as(s.leader.username);
    const again = await app.as(s.teacher.username);
    const late = (await leader.get(`/api/incidents/${inc.id}`)).json();
    expect(late.notifications.filter((n: { overdue: boolean }) => n.overdue).map((n: { target: string }) => n.target)).toEqual(['bureau']);
    expect(late.overdueNotifications).toBe(1);
    expect((await leader.get('/api/incidents')).json().items[0].overdueNotifications).toBe(1);
    await app.services.notifications.incidentAlerts();
    const alerts = await app.ctx.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'like', 'notice|%').execute();
    const bureauStep = late.notifications[3].id;
    expect([...new Set(alerts.map((a) => a.dedupe_key))]).toEqual([`notice|${bureauStep}`]);
    // The chain lists every step and notification once; telling people is not a timeline entry, so the timeline stays empty.
    const listed = (await again.get(url)).json().items.map((n: { id: string }) => n.id);
    expect(new Set(listed).size).toBe(6);
    expect(listed).toEqual(late.notifications.map((n: { id: string }) => n.id));
    expect((await again.get(`/api/incidents/${inc.id}/actions`)).json().items).toEqual([]);
    const audit = await app.ctx.db.selectFrom('audit_log').select('summary').where('action', '=', 'incident.notify').orderBy('id').execute();
    expect(audit.map((a) => JSON.parse(a.summary ?? '{}').target)).toEqual(['school_leader', 'guardian', 'parents', 'other', 'guardian']);
  });

  it('the leaders hear of a new report with an alarm of its own kind; an overdue step of the chain stays a deadline', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    const inc = (await t.post('/api/incidents', report([s.girl.id], { kind: 'injury', severity: 'minor', answers: {} }))).json();
    const kinds = async () =>
      ((await s.leaderClient.get('/api/notifications')).json().items as { link: string; kind: string; title: string }[])
        .filter((n) => n.link === `/incidents/${inc.id}`)
        .map((n) => [n.kind, n.title.includes('报告了一起')]);
    expect(await kinds()).toEqual([['incident_urgent', true]]);
    now = new Date('2026-11-20T02:45:00Z');
    await app.services.notifications.incidentAlerts();
    // The leader's and the guardian's steps are late (30 minutes); the parents' (1 hour) not yet.
    expect(await kinds()).toEqual([
      ['incident', false],
      ['incident', false],
      ['incident_urgent', true],
    ]);
  });

  it('notifications are shown in the reader’s language', async () => {
    const s = await setup();
    const t = await app.as(s.teacher.username);
    await t.post('/api/incidents', report([s.girl.id]));
    const en = await s.leaderClient.request({ method: 'GET', url: '/api/notifications', headers: { 'accept-language': 'en-US' } });
    const titles = en.json().items.map((n: { title: string }) => n.title);
    expect(titles.some((x: string) => x.includes('must be reported to the police'))).toBe(true);
  });
});

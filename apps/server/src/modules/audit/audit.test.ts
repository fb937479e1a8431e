import type { AuditEntry } from '@carebridge/shared';
import { CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authOf,
  buildChild,
  buildClass,
  buildRegion,
  buildSchool,
  buildSchoolWithStaff,
  buildTestApp,
  buildUser,
  type Client,
  type TestApp,
  testDialect,
} from '../../test/index.ts';
import { auditPage, insertAuditMany } from './audit.repository.ts';
import { AuditService } from './audit.service.ts';

let app: TestApp;
afterEach(async () => app?.close());

const entries = async (c: Client, query = '') => {
  const res = await c.get(`/api/audit?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as AuditEntry[];
};

describe('audit log: who acted', () => {
  it('names the actor beside the login, and the accounts the entry is about', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const leader = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const teacher = await buildUser(app, 'mentor', s.school.id, { username: 'wangfang', name: '王芳' });
    const la = await app.as(leader.username);
    // Version 2: the factory's teacher, given the class-teacher role, became the class's head teacher.
    expect((await la.patch(`/api/classes/${s.klass.id}`, { headTeacherId: teacher.id, version: 2 })).statusCode).toBe(200);

    const seen = await entries(await app.as(s.bureau.username), '&entity=user');
    const change = seen.find((e) => e.action === 'user.update' && e.summary?.classTeacher);
    expect(change).toMatchObject({ userId: leader.id, username: 'liyulan', name: '李玉兰', entityId: teacher.id });
    expect(change?.people).toEqual({ [teacher.id]: { name: '王芳', username: 'wangfang' } });
    // The system's own entries (the factories') keep their login and have no name.
    const made = seen.find((e) => e.action === 'user.create' && e.entityId === leader.id);
    expect(made).toMatchObject({ userId: null, username: 'system', name: null, people: { [leader.id]: { name: '李玉兰', username: 'liyulan' } } });
  });

  it('keeps what was typed at a failed login, with no name when no account has that login', async () => {
    app = await buildTestApp();
    const admin = await buildUser(app, 'system_admin', null, { username: 'admin1', name: '赵管理' });
    const leader = await buildUser(app, 'school_leader', (await buildSchoolWithStaff(app)).school.id, { username: 'liyulan', name: '李玉兰' });
    for (const username of ['nobody', 'liyulan'])
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong-1234' } })).statusCode).toBe(401);
    const failed = (await entries(await app.as(admin.username), '&action=auth.login_failed')).map((e) => [e.userId, e.username, e.name]);
    expect(failed.sort()).toEqual(
      [
        [null, 'nobody', null],
        [leader.id, 'liyulan', '李玉兰'],
      ].sort(),
    );
  });

  it('filters by Beijing days: an entry at 04:00 Beijing time is of that day, not the day before (UTC)', async () => {
    app = await buildTestApp();
    const admin = await buildUser(app, 'system_admin', null, { username: 'admin1', name: '赵管理' });
    // Failed logins as four entries, moved to either side of two Beijing midnights.
    const at = { d1: '2026-11-20T15:59:00.000Z', d2start: '2026-11-20T16:00:00.000Z', d2end: '2026-11-21T15:59:59.000Z', d3: '2026-11-21T16:00:00.000Z' };
    for (const [username, when] of Object.entries(at)) {
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong-1234' } })).statusCode).toBe(401);
      await app.ctx.db.updateTable('audit_log').set({ at: when }).where('username', '=', username).execute();
    }
    const a = await app.as(admin.username);
    const day = async (from: string, to = from) => (await entries(a, `&action=auth.login_failed&from=${from}&to=${to}`)).map((e) => e.username).sort();
    expect(await day('2026-11-21')).toEqual(['d2end', 'd2start']);
    expect(await day('2026-11-20')).toEqual(['d1']);
    expect(await day('2026-11-20', '2026-11-22')).toEqual(['d1', 'd2end', 'd2start', 'd3']);
  });

  it('finds entries by a part of the actor’s name or login, case ignored, and by a whole login alone', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const li = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const zhao = await buildUser(app, 'school_leader', s.school.id, { username: 'zhaoyu', name: '赵玉' });
    // Version 2: the factory's teacher, given the class-teacher role, became the class's head teacher.
    expect((await (await app.as(li.username)).patch(`/api/classes/${s.klass.id}`, { pupilCount: 41, version: 2 })).statusCode).toBe(200);
    expect((await (await app.as(zhao.username)).patch(`/api/classes/${s.klass.id}`, { pupilCount: 42, version: 3 })).statusCode).toBe(200);
    const bureau = await app.as(s.bureau.username);
    const actors = async (query: string) => [...new Set((await entries(bureau, `&entity=class${query}`)).map((e) => e.username))].sort();

    expect(await actors(`&q=${encodeURIComponent('李玉兰')}`)).toEqual(['liyulan']);
    expect(await actors(`&q=${encodeURIComponent(' 玉兰 ')}`)).toEqual(['liyulan']);
    expect(await actors(`&q=${encodeURIComponent('玉')}`)).toEqual(['liyulan', 'zhaoyu']);
    expect(await actors('&q=LIYU')).toEqual(['liyulan']);
    expect(await actors('&q=system')).toEqual(['system']);
    // Wildcards are text, not patterns.
    expect(await actors(`&q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await actors('&q=_')).toEqual([]);
    // `username` stays an exact login.
    expect(await actors('&username=liyu')).toEqual([]);
    expect(await actors('&username=zhaoyu')).toEqual(['zhaoyu']);
  });
});

describe('audit log: reading a large log', () => {
  it('walks the primary key back to the page’s end when filtered by actor, on either database', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const li = await buildUser(app, 'school_leader', s.school.id, { username: 'liyulan', name: '李玉兰' });
    const others = await Promise.all([1, 2, 3].map((i) => buildUser(app, 'mentor', s.school.id, { name: `教师${i}` })));
    for (const [i, u] of [li, ...others].entries())
      await app.ctx.db.transaction().execute((tx) =>
        insertAuditMany(
          tx,
          { userId: u.id, username: u.username, ip: null },
          Array.from({ length: 1500 }, (_, n) => ({ action: n % 2 ? 'child.view' : 'care.create', entity: 'child', entityId: `c${n}`, schoolId: s.school.id })),
          `2026-11-0${i + 1}T08:00:00.000Z`,
          app.ctx,
        ),
      );
    await sql`analyze`.execute(app.ctx.db);
    const bureau = await authOfClient(await app.as(s.bureau.username));
    for (const q of [{ q: '玉兰' }, { q: 'liyulan', action: 'care.create' }]) {
      const c = auditPage(app.ctx.db, bureau, { limit: 50, ...q }).compile();
      const explain = testDialect === 'postgres' ? 'explain ' : 'explain query plan ';
      const rows = (await app.ctx.db.executeQuery(CompiledQuery.raw(explain + c.sql, [...c.parameters]))).rows as Record<string, string>[];
      const plan = rows.map((r) => r['QUERY PLAN'] ?? r.detail).join('\n');
      expect(plan, plan).toMatch(
        testDialect === 'postgres' ? /Index Scan Backward using audit_log_pkey on audit_log/ : /SCAN audit_log USING INDEX sqlite_autoindex_audit_log_1/,
      );
      expect(plan, plan).not.toMatch(/Sort|TEMP B-TREE|Seq Scan on audit_log/);
      const page = await auditPage(app.ctx.db, bureau, { limit: 50, ...q }).execute();
      expect(page).toHaveLength(51);
      expect(page.every((r) => r.username === li.username && r.name === '李玉兰')).toBe(true);
    }
  });
});

const clock = () => new Date('2026-11-20T02:00:00Z');

/** The caller behind a client, for calling the service directly. */
const authOfClient = (c: Client) => authOf(app, c);

describe('audit log: what an entry is about', () => {
  it('keeps the codes a page reads out, and names the region, roles’ places and child for an officer over them', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const [teacher, leader, bureau] = await Promise.all([app.as(s.teacher.username), app.as(s.leader.username), app.as(s.bureau.username)]);

    expect((await leader.get(`/api/children/${child.id}`)).statusCode).toBe(200);
    const inc = (
      await teacher.post('/api/incidents', {
        childIds: [child.id],
        kind: 'bullying',
        severity: 'serious',
        occurredAt: '2026-11-20T01:30:00.000Z',
        description: '高年级学生在厕所推搡、勒索零花钱',
        answers: {},
      })
    ).json();
    // The school tells everyone its chain names before it may close the case.
    for (const step of inc.notifications as { id: string; target: string }[])
      await teacher.post(`/api/incidents/${inc.id}/notifications`, {
        stepId: step.id,
        target: step.target,
        method: 'phone',
        notifiedAt: '2026-11-20T01:50:00.000Z',
      });
    const police = { reportedAt: '2026-11-20T01:55:00.000Z', unit: '城关派出所', receiptNumber: 'JJ1', method: 'call_110' };
    expect((await teacher.post(`/api/incidents/${inc.id}/mandatory-report`, police)).statusCode).toBe(201);
    expect((await leader.post(`/api/incidents/${inc.id}/actions`, { kind: 'action', text: '已分别约谈双方家长' })).statusCode).toBe(201);
    const closed = await leader.post(`/api/incidents/${inc.id}/actions`, { kind: 'close', text: '双方家长已调解' });
    expect(closed.statusCode, closed.body).toBe(201);
    const briefing = (await leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11' })).json();
    const edit = { title: '十一月关爱简报', sections: { intro: '本月情况' }, version: briefing.version };
    expect((await leader.put(`/api/briefings/${briefing.id}`, edit)).statusCode).toBe(200);
    expect((await bureau.get(`/api/compliance/export.xlsx?regionId=${s.county.id}&period=2026-11`)).statusCode).toBe(200);
    const roles = [{ role: 'bureau_officer', scopeId: s.county.id }];
    expect((await bureau.post('/api/users', { username: 'zhaoqiang', name: '赵强', password: 'Start1234', roles })).statusCode).toBe(201);
    const staff = [
      { role: 'mentor', scopeId: s.school.id },
      { role: 'class_teacher', scopeId: s.klass.id },
    ];
    expect((await leader.post('/api/users', { username: 'lifang', name: '李芳', password: 'Start1234', roles: staff })).statusCode).toBe(201);

    const seen = await entries(bureau);
    const one = (action: string, pick: (e: AuditEntry) => boolean = () => true) => {
      const found = seen.filter((e) => e.action === action && pick(e));
      expect(found, action).toHaveLength(1);
      return found[0] as AuditEntry;
    };
    // The codes stay codes; the page reads them out (web: audit-details.ts).
    expect(one('incident.close').summary).toEqual({ kind: 'close' });
    expect(one('incident.notify', (e) => e.summary?.target === 'guardian').summary).toEqual({ target: 'guardian', method: 'phone', reach: 'reached' });
    expect(one('incident.action').summary).toEqual({ kind: 'action' });
    expect(one('incident.police_report').summary).toEqual({ method: 'call_110', receipt: true });
    expect(one('briefing.update').summary).toMatchObject({ changed: ['title', 'intro'] });
    // Ids come with the names of what the officer sees.
    const county = { kind: 'region', name: s.county.name, school: null, semester: null };
    expect(one('compliance.export')).toMatchObject({ summary: { regionId: s.county.id }, names: { [s.county.id]: county } });
    expect(one('user.create', (e) => e.summary?.username === 'zhaoqiang')).toMatchObject({
      summary: { roles: [`bureau_officer@${s.county.id}`] },
      names: { [s.county.id]: county },
    });
    expect(one('user.create', (e) => e.summary?.username === 'lifang').names).toEqual({
      [s.school.id]: { kind: 'school', name: s.school.name, school: null, semester: null },
      [s.klass.id]: { kind: 'class', name: s.klass.name, school: s.school.name, semester: null },
    });
    expect(one('child.view')).toMatchObject({
      entity: 'child',
      entityId: child.id,
      names: { [child.id]: { kind: 'child', name: '王小明', school: s.school.name, semester: null } },
    });
  });

  it('names no child, school or region the reader may not see', async () => {
    app = await buildTestApp({ clock });
    const county = await buildRegion(app, { level: 'county', name: '青山县' });
    const [east, west] = await Promise.all(['东乡', '西乡'].map((name) => buildRegion(app, { parentId: county.id, level: 'township', name })));
    const here = await buildSchool(app, { regionId: (east as { id: string }).id, name: '东乡小学' });
    const there = await buildSchool(app, { regionId: (west as { id: string }).id, name: '西乡小学' });
    const klass = await buildClass(app, { schoolId: here.id, name: '三年级1班' });
    const child = await buildChild(app, { schoolId: here.id, classId: klass.id, name: '王小明' });
    const officer = await app.as((await buildUser(app, 'bureau_officer', (east as { id: string }).id)).username);
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const leader = await app.as((await buildUser(app, 'school_leader', here.id)).username);
    const roles = [
      { role: 'mentor', scopeId: here.id },
      { role: 'mentor', scopeId: there.id },
    ];
    expect((await admin.post('/api/users', { username: 'zhoujie', name: '周杰', password: 'Start1234', roles })).statusCode).toBe(201);
    const wide = [
      { role: 'mentor', scopeId: here.id },
      { role: 'bureau_officer', scopeId: county.id },
      { role: 'bureau_officer', scopeId: (west as { id: string }).id },
    ];
    expect((await admin.post('/api/users', { username: 'sunli', name: '孙丽', password: 'Start1234', roles: wide })).statusCode).toBe(201);
    expect((await leader.post(`/api/children/${child.id}/transfer`, { schoolId: there.id, version: 1 })).statusCode).toBe(204);

    // A school's leader sees its school and the regions above it, not a township beside it.
    const forLeader = (await entries(leader, '&action=user.create')).find((e) => e.summary?.username === 'sunli');
    expect(forLeader?.names).toEqual({
      [here.id]: { kind: 'school', name: '东乡小学', school: null, semester: null },
      [county.id]: { kind: 'region', name: '青山县', school: null, semester: null },
    });

    const made = (await entries(officer, '&action=user.create')).find((e) => e.summary?.username === 'zhoujie');
    expect(made?.names).toEqual({ [here.id]: { kind: 'school', name: '东乡小学', school: null, semester: null } });
    const moved = await entries(officer, '&action=child.transfer');
    expect(moved).toHaveLength(1);
    // The child is at a school of another township now: it stays an id, as the school it went to.
    expect(moved[0]?.summary).toEqual({ from: here.id, to: there.id });
    expect(moved[0]?.names).toEqual({ [here.id]: { kind: 'school', name: '东乡小学', school: null, semester: null } });

    const all = await entries(admin, '&action=child.transfer');
    expect(all).toHaveLength(2);
    for (const e of all)
      expect(e.names).toEqual({
        [child.id]: { kind: 'child', name: '王小明', school: '西乡小学', semester: null },
        [here.id]: { kind: 'school', name: '东乡小学', school: null, semester: null },
        [there.id]: { kind: 'school', name: '西乡小学', school: null, semester: null },
      });
  });

  it('names only the accounts that hold a role in the reader’s area; the actor always, as its name beside the login', async () => {
    app = await buildTestApp({ clock });
    const [near, far] = await Promise.all([buildRegion(app, { level: 'county' }), buildRegion(app, { level: 'county' })]);
    const here = await buildSchool(app, { regionId: near.id });
    const there = await buildSchool(app, { regionId: far.id });
    const admin = await app.as((await buildUser(app, 'system_admin', null)).username);
    const officer = await app.as((await buildUser(app, 'bureau_officer', near.id)).username);
    const li = await buildUser(app, 'school_leader', here.id, { username: 'liyulan', name: '李玉兰' });
    const zhao = await app.as((await buildUser(app, 'school_leader', here.id)).username);
    const wang = await buildUser(app, 'mentor', here.id, { username: 'wangfang', name: '王芳' });
    const stranger = await buildUser(app, 'mentor', here.id, { username: 'sunli', name: '孙丽' });
    // 李玉兰 corrects her own name, then moves to a school of another county.
    const self = await (await app.as(li.username)).patch(`/api/users/${li.id}`, { name: '李玉兰（副）', version: li.version });
    expect(self.statusCode, self.body).toBe(200);
    const moved = await admin.patch(`/api/users/${li.id}`, { roles: [{ role: 'school_leader', scopeId: there.id }], version: self.json().version });
    expect(moved.statusCode, moved.body).toBe(200);
    // A leader links the school's care organisation to a mentor of the school, who then moves to the other county.
    const org = (await zhao.post(`/api/schools/${here.id}/leadership`, { name: '外聘', position: 'member' })).json();
    const member = org.members[0] as { id: string; version: number };
    expect((await zhao.patch(`/api/leadership/${member.id}`, { userId: stranger.id, version: member.version })).statusCode).toBe(200);
    const gone = await admin.patch(`/api/users/${stranger.id}`, { roles: [{ role: 'mentor', scopeId: there.id }], version: stranger.version });
    expect(gone.statusCode, gone.body).toBe(200);

    const liNow = { name: '李玉兰（副）', username: 'liyulan' };
    for (const reader of [zhao, officer]) {
      const seen = await entries(reader);
      const about = (action: string, entityId: string, by: string | null) =>
        seen.find((e) => e.action === action && e.entityId === entityId && e.userId === by) as AuditEntry;
      // An account of the reader's school is named; one that holds no role here any more is not.
      expect(about('user.create', wang.id, null).people).toEqual({ [wang.id]: { name: '王芳', username: 'wangfang' } });
      expect(about('user.create', li.id, null).people).toEqual({});
      expect(about('user.update', li.id, (await authOfClient(admin)).userId).people).toEqual({});
      // Her own change names her, as its actor: the actor is always named.
      expect(about('user.update', li.id, li.id)).toMatchObject({ username: 'liyulan', name: liNow.name, people: { [li.id]: liNow } });
      expect(about('leadership.update', member.id, (await authOfClient(zhao)).userId).people).toEqual({});
    }
    const all = await entries(admin);
    expect(all.find((e) => e.action === 'user.create' && e.entityId === li.id)?.people).toEqual({ [li.id]: liNow });
    expect(all.find((e) => e.action === 'leadership.update')?.people).toEqual({ [stranger.id]: { name: '孙丽', username: 'sunli' } });
  });

  it('reads the names of a page in a few queries, however many entries it has', async () => {
    app = await buildTestApp({ clock });
    const s = await buildSchoolWithStaff(app);
    const children: { id: string }[] = [];
    for (let i = 0; i < 8; i++) children.push(await buildChild(app, { schoolId: s.school.id, classId: s.klass.id }));
    const classes = await Promise.all([1, 2, 3].map((grade) => buildClass(app, { schoolId: s.school.id, grade })));
    await app.ctx.db.transaction().execute((tx) =>
      insertAuditMany(
        tx,
        { userId: s.leader.id, username: s.leader.username, ip: null },
        children.flatMap((c, i) => [
          { action: 'child.view', entity: 'child', entityId: c.id, schoolId: s.school.id },
          { action: 'child.print', entity: 'child', entityId: c.id, schoolId: s.school.id, summary: { count: 1, classId: classes[i % 3]?.id } },
          { action: 'pairing.create', entity: 'pairing', entityId: `p${i}`, schoolId: s.school.id, summary: { childId: c.id, mentorId: s.teacher.id } },
        ]),
        '2026-11-20T03:00:00.000Z',
        app.ctx,
      ),
    );
    const auth = await authOfClient(await app.as(s.bureau.username));
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const audit = new AuditService({ ...app.ctx, db: app.ctx.db.withPlugin(counter) });
    const read = async (limit: number) => {
      queries = 0;
      const page = await audit.list(auth, { limit });
      return { queries, page: page.items };
    };
    const few = await read(1);
    const many = await read(30);
    expect(many.page.filter((e) => Object.keys(e.names).length > 0).length).toBeGreaterThan(20);
    expect(new Set(many.page.flatMap((e) => Object.values(e.names).map((n) => n.name))).size).toBeGreaterThan(10);
    // The page, its accounts, and one read per kind of thing named: children, classes, schools, pairings.
    expect(many.queries).toBeLessThanOrEqual(6);
    expect(few.queries).toBeLessThanOrEqual(many.queries);
  });
});

describe('audit log: which school', () => {
  it('names each entry’s school for the officer over many; a sign-in or a region’s change has none', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const other = await buildSchool(app, { regionId: s.county.id, name: '西岭小学' });
    const otherLeader = await buildUser(app, 'school_leader', other.id);
    const admin = await buildUser(app, 'system_admin', null);
    for (const [leader, schoolId] of [
      [s.leader, s.school.id],
      [otherLeader, other.id],
    ] as const) {
      const res = await (await app.as(leader.username)).post('/api/terms', {
        schoolId,
        academicYear: '2026-2027',
        semester: 1,
        startDate: '2026-09-01',
        endDate: '2027-01-20',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await buildRegion(app, { parentId: s.county.id, level: 'township' });

    for (const reader of [s.bureau.username, admin.username]) {
      const seen = await entries(await app.as(reader));
      const terms = seen.filter((e) => e.action === 'term.create');
      expect(Object.fromEntries(terms.map((e) => [e.schoolId, e.schoolName]))).toEqual({ [s.school.id]: s.school.name, [other.id]: '西岭小学' });
      // Sign-ins are the administrator's to read.
      if (reader === admin.username) expect(seen.find((e) => e.action === 'auth.login')).toMatchObject({ schoolId: null, schoolName: null });
      const region = seen.find((e) => e.action === 'region.create');
      expect(region).toMatchObject({ schoolId: null, schoolName: null });
    }
    // A school leader reads her own school's entries, each with its name.
    const own = await entries(await app.as(otherLeader.username));
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((e) => e.schoolName))).toEqual(new Set(['西岭小学']));
  });

  it('names a roster submission by its school, class and term, as the thing acted on and in an export’s details', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const leader = await app.as(s.leader.username);
    const term = (
      await leader.post('/api/terms', { schoolId: s.school.id, academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2027-01-20' })
    ).json() as { id: string };
    const teacher = await app.as(s.teacher.username);
    const klass = (await teacher.post('/api/roster-submissions', { termId: term.id, classId: s.klass.id })).json() as { id: string; version: number };
    const sent = await teacher.post(`/api/roster-submissions/${klass.id}/submit`, { version: klass.version });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await leader.post(`/api/roster-submissions/${klass.id}/approve`, { version: sent.json().version })).statusCode).toBe(200);
    const school = (await leader.post('/api/roster-submissions', { termId: term.id, schoolId: s.school.id })).json() as { id: string; version: number };
    expect((await leader.post(`/api/roster-submissions/${school.id}/submit`, { version: school.version })).statusCode).toBe(200);
    const bureau = await app.as(s.bureau.username);
    expect((await bureau.get(`/api/roster-submissions/${school.id}.xlsx`)).statusCode).toBe(200);

    const seen = await entries(bureau);
    const ofSchool = { kind: 'submission', name: '2026-2027', semester: 1, school: s.school.name, className: null };
    const ofClass = { ...ofSchool, className: s.klass.name };
    const submit = (id: string) => seen.find((e) => e.action === 'roster.submit' && e.entityId === id);
    expect(submit(school.id)?.names).toEqual({ [school.id]: ofSchool });
    expect(submit(klass.id)?.names).toEqual({ [klass.id]: ofClass });
    expect(seen.find((e) => e.action === 'roster.approve')?.names).toEqual({ [klass.id]: ofClass });
    // The official download names what it exported by the same name, under its id and as its `submissionId`.
    const exported = seen.find((e) => e.action === 'roster.export');
    expect(exported).toMatchObject({ summary: { submissionId: school.id }, schoolName: s.school.name, names: { [school.id]: ofSchool } });
    // A school leader of elsewhere sees none of it.
    const stranger = await buildUser(app, 'school_leader', (await buildSchool(app, { regionId: s.county.id })).id);
    expect((await entries(await app.as(stranger.username))).filter((e) => e.entity === 'roster_submission')).toEqual([]);
  });

  it('names an incident by its kind and Beijing day for those who reach it, with its school; never by its id', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const leader = await app.as(s.leader.username);
    const made = await leader.post('/api/incidents', {
      childIds: [child.id],
      kind: 'bullying',
      severity: 'moderate',
      // 20:30 UTC is the next morning in Beijing.
      occurredAt: '2026-11-11T20:30:00.000Z',
      description: '在操场被高年级学生推搡',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as { id: string }).id;
    const incident = { kind: 'incident', name: 'bullying', school: s.school.name, semester: null, date: '2026-11-12' };
    for (const reader of [s.leader.username, s.bureau.username]) {
      const e = (await entries(await app.as(reader), '&action=incident.create'))[0];
      expect(e).toMatchObject({ entityId: id, schoolName: s.school.name, names: { [id]: incident } });
    }
    // A leader of another school reads none of it.
    const stranger = await buildUser(app, 'school_leader', (await buildSchool(app, { regionId: s.county.id })).id);
    expect(await entries(await app.as(stranger.username), '&action=incident.create')).toEqual([]);
  });

  it('names a briefing and a campaign by their titles to readers of their school or over their region', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const bureau = await app.as(s.bureau.username);
    const ours = await leader.post('/api/briefings', { schoolId: s.school.id, period: '2026-11', title: '十一月关爱工作简报' });
    expect(ours.statusCode, ours.body).toBe(201);
    const county = await bureau.post('/api/briefings', { regionId: s.county.id, period: '2026-11', title: '全县十一月简报' });
    expect(county.statusCode, county.body).toBe(201);
    const visit = await leader.post('/api/campaigns', {
      schoolId: s.school.id,
      title: '寒假前家访',
      date: '2026-11-20',
      target: { scope: 'host' },
      groups: [{ name: '第一组', leaderId: s.leader.id, memberIds: [] }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const [school, region, campaign] = [ours, county, visit].map((r) => (r.json() as { id: string }).id) as [string, string, string];

    const named = (list: AuditEntry[], id: string) => list.find((e) => e.entityId === id)?.names[id];
    const byBureau = await entries(bureau);
    expect(named(byBureau, school)).toEqual({ kind: 'briefing', name: '十一月关爱工作简报', school: null, semester: null });
    expect(named(byBureau, region)).toEqual({ kind: 'briefing', name: '全县十一月简报', school: null, semester: null });
    expect(named(byBureau, campaign)).toEqual({ kind: 'campaign', name: '寒假前家访', school: s.school.name, semester: null });
    const byLeader = await entries(leader);
    expect(named(byLeader, school)?.name).toBe('十一月关爱工作简报');
    expect(named(byLeader, campaign)?.name).toBe('寒假前家访');
    // The county's own briefing is not the school's entry: she does not read it at all.
    expect(byLeader.some((e) => e.entityId === region)).toBe(false);
  });
});

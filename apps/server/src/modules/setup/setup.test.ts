import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testDialect } from '../../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());

describe('first run', () => {
  it('reports health with the database in use', async () => {
    app = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testDialect });
  });

  it('creates the first admin once and answers 409 afterwards', async () => {
    app = await buildTestApp();
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
    const admin = { username: 'admin', password: 'Secret123', name: '管理员' };
    const created = await app.inject({ method: 'POST', url: '/api/setup', payload: { admin } });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
    const again = await app.inject({ method: 'POST', url: '/api/setup', payload: { admin: { ...admin, username: 'other' } } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'setup_done', status: 409 });
    const me = await app.as('admin', 'Secret123');
    const audit = (await me.get('/api/audit?action=setup.admin_created')).json();
    expect(audit.items).toHaveLength(1);
  });

  it('rejects a weak first password naming the field, in the asked language', async () => {
    app = await buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'accept-language': 'en-US' },
      payload: { admin: { username: 'admin', password: 'weak', name: 'A' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation_failed');
    expect(body.fields).toEqual([{ path: 'admin.password', message: 'At least 8 characters, with letters and digits' }]);
    expect(body.message).toContain('Password');
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
  });

  it('answers a malformed JSON body with a 400 envelope, not a 500', async () => {
    app = await buildTestApp();
    const res = await app.inject({ method: 'POST', url: '/api/setup', headers: { 'content-type': 'application/json' }, payload: '{"admin":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', status: 400 });
  });

  it('loads the demo county only on an empty database, with working accounts of every role', async () => {
    app = await buildTestApp();
    const res = await app.inject({ method: 'POST', url: '/api/setup/demo' });
    expect(res.statusCode).toBe(201);
    const { accounts } = res.json() as { accounts: { username: string; password: string; role: string; schoolId?: string }[] };
    const roles = new Set(accounts.map((a) => a.role));
    for (const r of ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'class_teacher', 'mentor', 'counsellor', 'volunteer'])
      expect(roles).toContain(r);
    const bureau = accounts.find((a) => a.role === 'bureau_officer');
    const client = await app.as(bureau?.username ?? '', bureau?.password);
    const schools = (await client.get('/api/schools')).json().items;
    expect(schools).toHaveLength(3);
    const leader = accounts.find((a) => a.role === 'school_leader');
    const org = (await (await app.as(leader?.username ?? '', leader?.password)).get(`/api/schools/${leader?.schoolId}/organisation`)).json();
    expect(org.members.length).toBeGreaterThan(2);
    expect(org.duties.map((d: { office: string }) => d.office)).toContain('political_education');
    // About one pupil in five is a left-behind child, with varied guardians and boarding, all valid archives.
    const pupils = await app.ctx.db
      .selectFrom('classes')
      .select((eb) => eb.fn.sum<number>('pupil_count').as('n'))
      .executeTakeFirstOrThrow();
    const kids = await app.ctx.db.selectFrom('children').select(['guardian_relation', 'boarding', 'three_clear', 'xueji_code']).execute();
    const share = kids.length / Number(pupils.n);
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.27);
    expect(new Set(kids.map((k) => k.guardian_relation)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(kids.map((k) => k.boarding))).toEqual(new Set(['boarding', 'day', 'host']));
    expect(kids.some((k) => k.three_clear === 0)).toBe(true);
    expect(kids.some((k) => k.xueji_code === 1)).toBe(true);
    // A year of care: pairings within the limit, records of every common kind, mentors of varying diligence.
    const pairings = await app.ctx.db.selectFrom('pairings').select(['mentor_id']).execute();
    expect(pairings.length).toBeGreaterThan(50);
    const perMentor = new Map<string, number>();
    for (const p of pairings) perMentor.set(p.mentor_id, (perMentor.get(p.mentor_id) ?? 0) + 1);
    expect(Math.max(...perMentor.values())).toBeLessThanOrEqual(5);
    const kinds = await app.ctx.db.selectFrom('care_records').select(['kind']).execute();
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['talk', 'family_call', 'home_visit', 'tutoring', 'material_aid', 'counselling']));
    const mentor = accounts.find((a) => a.role === 'mentor');
    const mine = (await (await app.as(mentor?.username ?? '', mentor?.password)).get('/api/mentoring/mine')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    const teacher = accounts.find((a) => a.role === 'class_teacher');
    const tc = await app.as(teacher?.username ?? '', teacher?.password);
    const own = (await tc.get('/api/children?limit=200')).json().items;
    expect(own.length).toBeGreaterThan(3);
    for (const c of own.slice(0, 3)) expect((await tc.get(`/api/children/${c.id}`)).statusCode).toBe(200);
    // Archives the demo loader wrote were written by the system, not by a user named "setup".
    const history = (await tc.get(`/api/children/${own[0].id}/history`)).json().items;
    expect(history[history.length - 1]).toMatchObject({ action: 'create', userName: null });
    // Activities with attendance, a contest, the seed's camp solved and led by volunteer1.
    const lc = await app.as(leader?.username ?? '', leader?.password);
    const acts = (await lc.get(`/api/activities?schoolId=${leader?.schoolId}`)).json().items;
    expect(new Set(acts.map((a: { kind: string }) => a.kind))).toEqual(new Set(['discussion', 'safety_education', 'guardian_meeting', 'essay_contest']));
    expect(acts.find((a: { kind: string }) => a.kind === 'discussion').attendance.present).toBeGreaterThan(0);
    const volunteer = accounts.find((a) => a.role === 'volunteer');
    const vc = await app.as(volunteer?.username ?? '', volunteer?.password);
    const camps = (await vc.get('/api/camps')).json().items;
    expect(camps).toHaveLength(1);
    const grid = (await vc.get(`/api/camps/${camps[0].id}/timetable`)).json();
    expect(grid.cells.length).toBeGreaterThan(100);
    expect(grid.violations).toEqual([]);
    // Every member of staff has a name of their own (two leaders named alike confused reviewers).
    const users = await app.ctx.db.selectFrom('users').select(['name', 'phone']).execute();
    const staff = users.map((u) => u.name);
    expect(staff.length).toBeGreaterThan(40);
    expect(new Set(staff).size).toBe(staff.length);
    // …and a mobile number of their own, which the contact card gives families for the mentor.
    const phones = users.map((u) => u.phone ?? '');
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
    const again = await app.inject({ method: 'POST', url: '/api/setup/demo' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('demo_needs_empty');
  });

  it('seeded on the 1st of a month, the demo has written nothing in the future and only a day of this month', async () => {
    const now = new Date('2026-12-01T03:00:00.000Z');
    app = await buildTestApp({ clock: () => now });
    expect((await app.inject({ method: 'POST', url: '/api/setup/demo' })).statusCode).toBe(201);
    const db = app.ctx.db;
    const future = await db.selectFrom('care_records').select('id').where('created_at', '>', now.toISOString()).execute();
    expect(future).toEqual([]);
    const count = async (from: string, to: string) =>
      Number(
        (
          await db
            .selectFrom('care_records')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('date', '>=', from)
            .where('date', '<=', to)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [today, november] = [await count('2026-12-01', '2026-12-01'), await count('2026-11-01', '2026-11-30')];
    expect(november).toBeGreaterThan(0);
    // A day's share of a month's work, not the whole month's on its first day.
    expect(today).toBeLessThan(november / 5);
    // The archives were created when the children entered them (the start of last school year), and
    // the timeline's 创建 says so: not "today" beside 建档 456 天 in the risk reasons.
    const child = await db.selectFrom('children').select(['id', 'created_at', 'entered_on']).executeTakeFirstOrThrow();
    expect(child.entered_on).toBe('2025-09-01');
    expect(child.created_at.slice(0, 10)).toBe(child.entered_on);
    const created = await db.selectFrom('child_history').select('at').where('child_id', '=', child.id).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(created.at).toBe(child.created_at);
  });

  it('serves the OpenAPI document at /api/docs without a session', async () => {
    app = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/schools', '/api/users', '/api/audit']));
  });
});

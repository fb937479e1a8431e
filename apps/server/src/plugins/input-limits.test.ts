import { afterEach, describe, expect, it } from 'vitest';
import { multipart } from '../modules/rosters/roster.test-helpers.ts';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp } from '../test/index.ts';

let app: TestApp | undefined;
afterEach(async () => app?.close());

const NUL = '\u0000';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('a NUL character in any input', () => {
  it('is a 400 naming the field on SQLite and PostgreSQL alike (PostgreSQL cannot keep it in text); nothing is written', async () => {
    app = await buildTestApp({ clock: () => new Date('2026-11-20T02:00:00Z') });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '王小明' });
    const leader = await app.as(s.leader.username);
    const named = (res: { statusCode: number; body: string; json: () => { fields?: { path: string; message: string }[] } }, path: string) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields, res.body).toEqual([{ path, message: '不能包含空字符（\\0）' }]);
    };
    named(await leader.patch(`/api/children/${child.id}`, { version: child.version, name: `王${NUL}小明` }), 'name');
    named(await leader.post('/api/care-records', { kind: 'talk', childIds: [child.id], date: '2026-11-18', summary: `谈${NUL}心`, details: {} }), 'summary');
    named(
      await leader.post('/api/care-records', { kind: 'talk', childIds: [child.id], date: '2026-11-18', summary: '谈心', details: { [`k${NUL}`]: 1 } }),
      'details',
    );
    named(await leader.get('/api/users?q=a%00b'), 'q');
    named(await leader.get('/api/children/a%00b'), 'id');
    expect((await leader.get(`/api/children/${child.id}`)).json()).toMatchObject({ name: '王小明', version: child.version });
    expect(await app.ctx.db.selectFrom('care_records').select('id').execute()).toEqual([]);
    // Inside a cursor too: each list's cursor is a 400 naming it.
    for (const [url, text] of [
      ['/api/incidents', `2026-01-01${NUL}|a${NUL}b`],
      ['/api/activities', `2026-01-01|a${NUL}b`],
      ['/api/notifications', `2026-01-01T00:00:00.000Z|a${NUL}b`],
      ['/api/care-records', `2026-01-01|a${NUL}b`],
      ['/api/care-records', 'no bar in it'],
      ['/api/children', JSON.stringify(['name:asc', `a${NUL}`, 'b'])],
    ] as const) {
      const res = await leader.get(`${url}?cursor=${cursorOf(text)}`);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['cursor']);
    }
    // A multipart field is refused; a file's name loses its control characters.
    const body = multipart({ schoolId: `a${NUL}b` }, { name: 'r.xlsx', data: Buffer.from('x') });
    named(await leader.request({ method: 'POST', url: '/api/rosters/import', payload: body.payload, headers: body.headers }), 'schoolId');
  });
});

describe('a version beyond the version columns', () => {
  it('is a 400 naming version, not a 500 on PostgreSQL', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const leader = await app.as(s.leader.username);
    const res = await leader.patch(`/api/classes/${s.klass.id}`, { name: '新名字', version: 2_147_483_648 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['version']);
  });
});

describe('a body nested thousands deep', () => {
  it('is a 400 naming where it nests too deep, not a 500 of a walk overflowing its stack', async () => {
    app = await buildTestApp();
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
    const leader = await app.as(s.leader.username);
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const body = `{"kind":"talk","childIds":["${child.id}"],"date":"2026-11-18","summary":"谈心","details":{"a":${deep}}}`;
    const res = await leader.request({ method: 'POST', url: '/api/care-records', payload: body, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().fields).toEqual([{ path: `details.a${'.0'.repeat(30)}`, message: '层级过深' }]);
  });
});

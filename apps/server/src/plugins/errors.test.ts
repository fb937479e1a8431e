import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type Client, type TestApp } from '../test/index.ts';

let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');
const en = { 'accept-language': 'en-US' };

/** A serious case told to the bureau: it awaits the bureau officer's 签收. */
async function reportedCase() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const girl = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, gender: 'female', birthDate: '2015-03-01' });
  const t = await app.as(s.teacher.username);
  const b = await app.as(s.bureau.username);
  const inc = (
    await t.post('/api/incidents', {
      childIds: [girl.id],
      kind: 'injury',
      severity: 'serious',
      occurredAt: '2026-11-20T01:30:00.000Z',
      description: '课间从单杠上摔下，右臂疼痛',
      answers: {},
    })
  ).json();
  const step = inc.notifications.find((n: { target: string }) => n.target === 'bureau').id as string;
  await t.post(`/api/incidents/${inc.id}/notifications`, { stepId: step, target: 'bureau', method: 'phone', notifiedAt: '2026-11-20T01:45:00.000Z' });
  return { ...s, girl, t, b, id: inc.id as string };
}

/** A POST with a raw body (or none), as a client other than our web app may send it. */
const raw = (c: Client, url: string, payload?: string, headers: Record<string, string> = {}) =>
  c.request({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

describe('validation errors', () => {
  it('say what a field should be and what it was, in plain words, naming the field in both languages', async () => {
    const s = await reportedCase();
    const url = `/api/incidents/${s.id}/acknowledge`;
    const zh = await s.b.post(url, { instruction: 123 });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      error: 'validation_failed',
      status: 400,
      message: '提交的数据有误，请检查标出的字段（批示意见：应为文字，而不是数字）',
      fields: [{ path: 'instruction', message: '应为文字，而不是数字' }],
    });
    const english = await s.b.post(url, { instruction: 123 }, en);
    expect(english.json().message).toBe('Some fields are invalid; please check the marked fields (Instruction: Must be text, not a number)');
    expect(english.json().fields).toEqual([{ path: 'instruction', message: 'Must be text, not a number' }]);
    // Every kind of wrong value is named as what it is.
    const received = async (value: unknown, headers: Record<string, string> = {}) =>
      (await s.b.post(url, { instruction: value }, headers)).json().fields[0].message;
    expect(await received(true)).toBe('应为文字，而不是“是”或“否”');
    expect(await received(['a'])).toBe('应为文字，而不是列表');
    expect(await received({ a: 1 })).toBe('应为文字，而不是一组字段');
    expect(await received(true, en)).toBe('Must be text, not yes or no');
    expect(await received(['a'], en)).toBe('Must be text, not a list');
    expect(await received({ a: 1 }, en)).toBe('Must be text, not a group of fields');
    // null where a value is needed, and a missing field.
    const create = await s.t.post('/api/incidents', { childIds: [s.girl.id], kind: 'injury', severity: null, occurredAt: '2026-11-20T01:30:00.000Z' });
    expect(create.json().fields).toEqual([
      { path: 'severity', message: '应为以下之一：轻微、一般、严重、特别严重' },
      { path: 'description', message: '必填' },
    ]);
    const nullText = await s.t.post(
      '/api/incidents',
      { childIds: [s.girl.id], kind: 'injury', severity: 'minor', occurredAt: '2026-11-20T01:30:00.000Z', description: null },
      en,
    );
    expect(nullText.json().fields).toEqual([{ path: 'description', message: 'Must be text, not empty (null)' }]);
    expect(nullText.json().message).toContain('(What happened: Must be text, not empty (null))');
    // No acknowledgement was recorded by any of these.
    expect((await s.b.get(`/api/incidents/${s.id}`)).json().acknowledgement).toBeNull();
  });

  it('accept a missing or empty body where every field is optional', async () => {
    const s = await reportedCase();
    const res = await raw(s.b, `/api/incidents/${s.id}/acknowledge`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().acknowledgement).toMatchObject({ instruction: null });
  });

  it('accept an empty JSON body where every field is optional', async () => {
    const s = await reportedCase();
    const res = await raw(s.b, `/api/incidents/${s.id}/acknowledge`, '', { 'content-type': 'application/json' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('name the required fields of a missing body, and the body itself when it is not an object', async () => {
    const s = await reportedCase();
    for (const res of [await raw(s.t, '/api/incidents'), await raw(s.t, '/api/incidents', '', { 'content-type': 'application/json' })]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['childIds', 'kind', 'severity', 'occurredAt', 'description']);
      expect(res.json().message).toMatch(/^提交的数据有误，请检查标出的字段（儿童：必填；事件类型：必填；严重程度：必填…）$/);
    }
    const english = await raw(s.t, '/api/incidents', undefined, en);
    expect(english.json().message).toBe('Some fields are invalid; please check the marked fields (Children: Required; Kind: Required; Severity: Required…)');
    const list = await s.t.post('/api/incidents', [1, 2]);
    expect(list.statusCode).toBe(400);
    expect(list.json()).toMatchObject({
      fields: [{ path: '', message: '应为一组字段，而不是列表' }],
      message: '提交的数据有误，请检查标出的字段（请求内容：应为一组字段，而不是列表）',
    });
    expect((await s.t.post('/api/incidents', [1, 2], en)).json().message).toContain('(Request body: Must be a group of fields, not a list)');
  });

  it('name the body of malformed JSON', async () => {
    const s = await reportedCase();
    const res = await raw(s.b, `/api/incidents/${s.id}/acknowledge`, '{"instruction":', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'bad_request',
      status: 400,
      message: '请求格式不正确（请求内容：不是有效的 JSON）',
      fields: [{ path: '', message: '不是有效的 JSON' }],
    });
    const english = await raw(s.b, `/api/incidents/${s.id}/acknowledge`, '{"instruction":', { 'content-type': 'application/json', ...en });
    expect(english.json().message).toBe('The request is malformed (Request body: Not valid JSON)');
  });

  it('name a bad query parameter and its choices', async () => {
    const s = await reportedCase();
    const res = await s.b.get('/api/incidents?acknowledgement=maybe');
    expect(res.json().fields).toEqual([{ path: 'acknowledgement', message: '应为以下之一：awaiting、done' }]);
    expect((await s.b.get('/api/incidents?acknowledgement=maybe', en)).json().message).toContain('(Acknowledgement: Must be one of: awaiting, done)');
  });
});

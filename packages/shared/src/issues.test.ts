import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localiseIssues } from './issues.ts';
import { CareRecordCreate } from './schemas/care.ts';
import { ChildCreate } from './schemas/children.ts';
import { IncidentCreate } from './schemas/incidents.ts';

type Lang = 'zh-CN' | 'en-US';

/** `path: message` of each issue of a failed parse, as the API and the forms show them. */
function said(schema: z.ZodType, input: unknown, lang: Lang, opts: { withInput?: boolean; reportInput?: boolean } = {}): string[] {
  const r = schema.safeParse(input, opts.reportInput ? { reportInput: true } : undefined);
  expect(r.success).toBe(false);
  return localiseIssues(r.error?.issues ?? [], lang, opts.withInput ? { input } : undefined).map((f) => `${f.path}: ${f.message}`);
}

const Types = z.object({
  s: z.string(),
  n: z.number(),
  b: z.boolean(),
  a: z.array(z.string()),
  o: z.object({ x: z.string().optional() }),
  t: z.string(),
  m: z.string(),
  i: z.number().int(),
});
const wrong = { s: 123, n: 'x', b: [], a: {}, o: true, t: null, i: 1.5 };

describe('localised type mismatches', () => {
  const zh = [
    's: 应为文字，而不是数字',
    'n: 应为数字，而不是文字',
    'b: 应为“是”或“否”，而不是列表',
    'a: 应为列表，而不是一组字段',
    'o: 应为一组字段，而不是“是”或“否”',
    't: 应为文字，而不是空值',
    'm: 必填',
    'i: 应为整数',
  ];
  const en = [
    's: Must be text, not a number',
    'n: Must be a number, not text',
    'b: Must be yes or no, not a list',
    'a: Must be a list, not a group of fields',
    'o: Must be a group of fields, not yes or no',
    't: Must be text, not empty (null)',
    'm: Required',
    'i: Must be a whole number',
  ];

  it('names what was expected in plain words and what was received, in both languages', () => {
    // zod 4 leaves the input out of its issues: the received type was once read as "undefined" whatever it was.
    expect(said(Types, wrong, 'zh-CN')).toEqual(zh);
    expect(said(Types, wrong, 'en-US')).toEqual(en);
  });

  it('reads the received type from the input given, or from the issue itself when zod reports it', () => {
    expect(said(Types, wrong, 'zh-CN', { withInput: true })).toEqual(zh);
    expect(said(Types, wrong, 'en-US', { reportInput: true })).toEqual(en);
    // Issues rebuilt elsewhere (the server's validation errors) may carry no zod message: the input still tells.
    const r = Types.safeParse(wrong);
    const bare = (r.error?.issues ?? []).map((i) => ({ ...i, message: '' }));
    expect(localiseIssues(bare, 'zh-CN', { input: wrong }).map((f) => `${f.path}: ${f.message}`)).toEqual(zh);
  });

  it('says "required" for a missing body, names a missing list or object, and reads nested paths', () => {
    expect(said(z.object({ a: z.string() }), undefined, 'zh-CN')).toEqual([': 必填']);
    // Fastify validates a missing body as null; the request's own body (undefined) says nothing was sent.
    const issues = z.array(z.string()).safeParse(null).error?.issues ?? [];
    expect(localiseIssues(issues, 'zh-CN', { input: undefined })).toEqual([{ path: '', message: '必填' }]);
    expect(localiseIssues(issues, 'en-US', { input: null })).toEqual([{ path: '', message: 'Must be a list, not empty (null)' }]);
    expect(said(z.object({ rows: z.array(z.object({ n: z.number() })) }), { rows: [{ n: '3' }] }, 'en-US')).toEqual(['rows.0.n: Must be a number, not text']);
    expect(said(z.object({ d: z.date() }), { d: 'x' }, 'zh-CN')).toEqual(['d: 应为日期，而不是文字']);
    expect(said(z.object({ n: z.number() }), { n: Number.NaN }, 'zh-CN')).toEqual(['n: 应为数字']);
    // What zod saw counts, not the value before a preprocess: '' read as nothing is "required".
    const blank = z.object({ s: z.preprocess((v) => (v === '' ? undefined : v), z.string()) });
    expect(said(blank, { s: '' }, 'zh-CN', { withInput: true })).toEqual(['s: 必填']);
  });
});

describe('localised messages of the other issue codes', () => {
  const S = z.object({
    code: z.string().length(3),
    pair: z.array(z.string()).length(2),
    email: z.email(),
    web: z.url(),
    day: z.iso.date(),
    at: z.iso.datetime(),
    pattern: z.string().regex(/^[a-z]+$/),
    prefix: z.string().startsWith('CB'),
    // Codes of no list the dictionary labels are named as they are.
    kind: z.enum(['north', 'south']),
    yes: z.literal(true),
    five: z.number().multipleOf(5),
    either: z.union([z.string(), z.number()]),
    shape: z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b') })]),
    shape2: z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b') })]),
    checked: z.string().refine((v) => v === 'ok'),
    keyed: z.string().refine((v) => v === 'ok', { message: 'validation.phone' }),
    strict: z.strictObject({ k: z.string() }),
  });
  const input = {
    code: 'ab',
    pair: [],
    email: 'x',
    web: 'not a url',
    day: '2026-13-01',
    at: 'yesterday',
    pattern: 'ABC',
    prefix: 'XX',
    kind: 'west',
    yes: false,
    five: 7,
    either: true,
    shape: { type: 'c' },
    shape2: {},
    checked: 'no',
    keyed: 'no',
    strict: { k: 'a', extra: 1, more: 2 },
  };

  it('in Chinese', () => {
    expect(said(S, input, 'zh-CN')).toEqual([
      'code: 应为 3 个字',
      'pair: 应为 2 项',
      'email: 请输入正确的电子邮箱地址',
      'web: 请输入正确的网址',
      'day: 请输入正确的日期（YYYY-MM-DD）',
      'at: 请输入正确的日期和时间',
      'pattern: 格式不正确',
      'prefix: 应以“CB”开头',
      'kind: 应为以下之一：north、south',
      'yes: 应为“是”',
      'five: 应为 5 的倍数',
      'either: 应为文字或数字，而不是“是”或“否”',
      'shape.type: 应为以下之一：a、b',
      // Without the input, a missing discriminator cannot be told from a wrong one.
      'shape2.type: 应为以下之一：a、b',
      'checked: 取值无效',
      'keyed: 请输入正确的手机号或带区号的固定电话',
      'strict: 无法识别的字段：extra、more',
    ]);
  });

  it('in English', () => {
    expect(said(S, input, 'en-US')).toEqual([
      'code: Must be exactly 3 characters',
      'pair: Must be exactly 2 items',
      'email: Enter a valid email address',
      'web: Enter a valid web address',
      'day: Enter a valid date (YYYY-MM-DD)',
      'at: Enter a valid date and time',
      'pattern: Not in the right format',
      'prefix: Must start with "CB"',
      'kind: Must be one of: north, south',
      'yes: Must be "yes"',
      'five: Must be a multiple of 5',
      'either: Must be text or a number, not yes or no',
      'shape.type: Must be one of: a, b',
      'shape2.type: Must be one of: a, b',
      'checked: Not a valid value',
      'keyed: Enter a valid mobile number or a landline with area code',
      'strict: Unknown fields: extra, more',
    ]);
  });

  it('calls a missing discriminator required when the input is given', () => {
    expect(said(S, input, 'zh-CN', { withInput: true })).toContain('shape2.type: 必填');
    expect(said(S, input, 'en-US', { withInput: true })).toContain('shape2.type: Required');
    expect(said(S, input, 'en-US', { withInput: true })).toContain('either: Must be text or a number, not yes or no');
  });

  it("never shows zod's own wording (types, patterns, English in Chinese)", () => {
    // The messages only: the paths above are zod's names.
    const messages = (lang: Lang) => [...said(S, input, lang), ...said(Types, wrong, lang)].map((l) => l.slice(l.indexOf(': ') + 2)).join('\n');
    const zh = messages('zh-CN');
    expect(zh).not.toMatch(/期望|无效输入|无效选项|无效字符串|实际接收|expected|received|string|boolean|object|array|number|Invalid/);
    const en = messages('en-US');
    expect(en).not.toMatch(/\b(string|boolean|object|array|expected|received|Invalid|pattern)\b/);
  });

  it('shortens a long list of choices', () => {
    const many = z.object({ c: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) });
    expect(said(many, { c: 'z' }, 'zh-CN')).toEqual(['c: 应为以下之一：a、b、c、d、e、f、g、h…']);
  });

  it('still says "required" for an empty text or list and speaks of sizes plainly', () => {
    const R = z.object({ name: z.string().min(1), ids: z.array(z.string()).min(1), text: z.string().max(5) });
    expect(said(R, { name: '', ids: [], text: 'abcdefg' }, 'zh-CN')).toEqual(['name: 必填', 'ids: 请至少选择一项', 'text: 最多 5 个字']);
  });
});

describe('choices named by their labels', () => {
  const incident = {
    childIds: ['01900000-0000-7000-8000-000000000001'],
    kind: 'injury',
    severity: 'bad',
    occurredAt: '2026-11-20T01:30:00.000Z',
    description: 'x',
  };
  const child = {
    name: '赵小雨',
    gender: 'female',
    birthDate: '2016-05-06',
    schoolId: '01900000-0000-7000-8000-000000000001',
    boarding: 'weekly',
    custodyQuality: 'poor',
  };
  const record = { kind: 'chat', childIds: ['01900000-0000-7000-8000-000000000001'], date: '2026-11-20', summary: 'x' };

  it("shows the labels of the code list the values belong to, in the reader's language", () => {
    expect(said(IncidentCreate, incident, 'zh-CN')).toEqual(['severity: 应为以下之一：轻微、一般、严重、特别严重']);
    expect(said(IncidentCreate, incident, 'en-US')).toEqual(['severity: Must be one of: Minor, Moderate, Serious, Critical']);
    expect(said(ChildCreate, child, 'zh-CN')).toEqual([
      'boarding: 应为以下之一：住校、走读、借宿',
      'custodyQuality: 应为以下之一：无人监护、父或母无监护能力、受委托监护人监护能力不足、一般、较好',
    ]);
    expect(said(ChildCreate, child, 'en-US')).toEqual([
      'boarding: Must be one of: Boards at school, Day pupil, Lodges with a host',
      'custodyQuality: Must be one of: No one in care, Parent unable to care, Entrusted guardian not capable enough, Fair, Good',
    ]);
  });

  it("names a discriminated union's options by their labels", () => {
    expect(said(CareRecordCreate, record, 'zh-CN')).toEqual(['kind: 应为以下之一：谈心、家访、亲情电话、亲情家书、学业辅导、心理辅导、生活帮助、借宿点走访']);
    expect(said(CareRecordCreate, record, 'en-US')).toEqual([
      'kind: Must be one of: Talk, Home visit, Family call, Family letter, Tutoring, Counselling, Material aid, Host visit',
    ]);
  });

  it('keeps the codes when no list holds them all, or lists holding them label them differently', () => {
    // Part of a list: the labels of that list.
    expect(said(z.object({ h: z.enum(['healthy', 'disabled']) }), { h: 'ill' }, 'zh-CN')).toEqual(['h: 应为以下之一：健康、残疾']);
    // A label two codes share is said once (a roster not yet submitted: none or draft).
    expect(said(z.object({ r: z.enum(['none', 'draft', 'submitted']) }), { r: 'x' }, 'zh-CN')).toEqual(['r: 应为以下之一：未报送、已报送']);
    // 父亲、母亲 as a guardian, 父亲外出、母亲外出 as a left-behind type: which is meant cannot be told.
    expect(said(z.object({ p: z.enum(['father', 'mother']) }), { p: 'x' }, 'zh-CN')).toEqual(['p: 应为以下之一：father、mother']);
    expect(said(z.object({ p: z.enum(['male', 'nobody']) }), { p: 'x' }, 'en-US')).toEqual(['p: Must be one of: male, nobody']);
    expect(said(z.object({ b: z.literal([true, 'male']) }), { b: 1 }, 'zh-CN')).toEqual(['b: 应为以下之一：是、male']);
  });
});

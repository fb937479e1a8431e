import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from './index.ts';
import { enUS, fill, localiseIssues, pickLang, translate, zhCN } from './index.ts';
import { SetupBody } from './schemas/auth.ts';
import { Phone } from './schemas/common.ts';
import { TermCreate } from './schemas/org.ts';
import { idNumberCheckChar, isIdNumber, isIsoDate, isPhone, isStrongPassword, maskMiddle, maskName, normalisePhone } from './validators.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('validators', () => {
  it('accepts an ID number whose GB 11643 check character matches', () => {
    const first17 = '11010519491231002';
    expect(idNumberCheckChar(first17)).toBe('X');
    expect(isIdNumber(`${first17}X`)).toBe(true);
    expect(isIdNumber(`${first17}1`)).toBe(false);
  });
  it('rejects ID numbers with an impossible birth date or wrong length', () => {
    const bad = '11010520150230001';
    expect(isIdNumber(bad + idNumberCheckChar(bad))).toBe(false);
    expect(isIdNumber('1101051949123100')).toBe(false);
  });
  it('accepts mainland mobiles and landlines with area code only', () => {
    expect(isPhone('13812345678')).toBe(true);
    expect(isPhone('0838-6601234')).toBe(true);
    expect(isPhone('12812345678')).toBe(false);
    expect(isPhone('6601234')).toBe(false);
  });
  it('reads a mobile number as people write it (spaces, dashes, +86) as its 11 digits, and keeps landlines as typed', () => {
    for (const v of [
      '139 1234 5678',
      '139-1234-5678',
      '+86 13912345678',
      '+86 139 1234 5678',
      '+86-139-1234-5678',
      '0086 13912345678',
      '8613912345678',
      '１３９ １２３４ ５６７８',
      ' 13912345678 ',
      '139\u00a01234\u30005678',
    ])
      expect(normalisePhone(v), v).toBe('13912345678');
    for (const v of ['0838-6601234', '0838-6601234-12', '08386601234', '010-12345678']) expect(normalisePhone(v), v).toBe(v);
    // A landline written with a space after its area code, or the area code in brackets, gets the usual dash.
    expect(normalisePhone('0838 6601234')).toBe('0838-6601234');
    expect(normalisePhone('(0838)6601234')).toBe('0838-6601234');
    expect(normalisePhone('（0838）6601234')).toBe('0838-6601234');
    expect(normalisePhone('0838 660 1234')).toBe('0838-6601234');
    // What is not a phone number stays as typed, for the validator to refuse.
    for (const v of ['12345', '+1 415 555 0100', '139 1234 567', '86 0838 6601234', '128 1234 5678']) expect(isPhone(normalisePhone(v)), v).toBe(false);
  });
  it('stores the bare digits through the shared Phone schema, and names a wrong number', () => {
    expect(Phone.parse('139 8765 4321')).toBe('13987654321');
    expect(Phone.parse('139-8765-4321')).toBe('13987654321');
    expect(Phone.parse('+86 13987654321')).toBe('13987654321');
    expect(Phone.parse('0838-6601234')).toBe('0838-6601234');
    const bad = Phone.safeParse('139 8765 432');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('validation.phone');
  });
  it('checks real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    // The same answers as a regular expression and a Date round trip, on every kind of string.
    const slow = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      return y >= 1000 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
    };
    const samples = [
      '',
      '2024-1-01',
      '2024/01/01',
      '2024-01-01 ',
      '２０２４-01-01',
      '0099-01-01',
      '0100-03-01',
      '1900-02-29',
      '2000-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-04-30',
      '2024-12-31',
      '2024-12-32',
      '20a4-01-01',
      '2024-01-0:',
      '2024-01-00',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const y = String(next() % 2600).padStart(4, '0');
      const m = String(next() % 14).padStart(2, '0');
      const d = String(next() % 33).padStart(2, '0');
      samples.push(`${y}-${m}-${d}`);
    }
    for (const v of samples) expect(isIsoDate(v), v).toBe(slow(v));
    expect(isIsoDate('2023-2-1')).toBe(false);
  });
  it('masks the middle of ID and phone numbers', () => {
    expect(maskMiddle('13812345678')).toBe('138****5678');
    expect(maskMiddle(null)).toBeNull();
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李明')).toBe('李*');
  });
  it('requires letters and digits in passwords', () => {
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('abcd1234')).toBe(true);
  });
});

describe('i18n', () => {
  it('keeps the English dictionary complete', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });
  it('picks zh-CN by default and en-US when asked', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLang('fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(pickLang('de')).toBe('zh-CN');
  });
  it('fills placeholders', () => {
    expect(translate('zh-CN', 'errors.account_locked', { minutes: 15 })).toContain('15 分钟');
    expect(translate('en-US', 'no.such.key')).toBe('no.such.key');
  });
  it('says one thing and many in English: "1 item", "2 items", "1 row has errors"', () => {
    expect(translate('en-US', 'validation.max_items', { n: 1 })).toBe('At most 1 item');
    expect(translate('en-US', 'validation.max_items', { n: 2 })).toBe('At most 2 items');
    expect(translate('en-US', 'errors.import_has_errors', { count: 1 })).toMatch(/^1 row has errors;/);
    expect(translate('en-US', 'errors.import_has_errors', { count: 3 })).toMatch(/^3 rows have errors;/);
    expect(fill('{n} {n|day|days}', { n: '1' })).toBe('1 day');
    expect(fill('{n} {n|day|days}', { n: 0 })).toBe('0 days');
    // A word without its value given stays as written.
    expect(fill('{n|day|days}', {})).toBe('{n|day|days}');
    // Chinese has no plural forms and uses none.
    expect(translate('zh-CN', 'validation.max_items', { n: 1 })).toBe('最多 1 项');
  });
});

describe('schemas and localised issues', () => {
  it('names each bad field in the chosen language', () => {
    const r = SetupBody.safeParse({ admin: { username: 'a', password: 'short', name: '' } });
    expect(r.success).toBe(false);
    const zh = localiseIssues(r.error?.issues ?? [], 'zh-CN');
    expect(zh.map((f) => f.path)).toEqual(['admin.username', 'admin.password', 'admin.name']);
    expect(zh[1]?.message).toBe(zhCN.validation.password_weak);
    const en = localiseIssues(r.error?.issues ?? [], 'en-US');
    expect(en[2]?.message).toBe('Required');
  });
  it('calls an empty new password missing, not weak', () => {
    const empty = localiseIssues(SetupBody.safeParse({ admin: { username: 'admin', password: '', name: '张校长' } }).error?.issues ?? [], 'zh-CN');
    expect(empty).toEqual([{ path: 'admin.password', message: zhCN.validation.required }]);
  });
  it("says too long, too many and too large in plain words, not in zod's types", () => {
    const S = z.object({
      text: z.string().max(2000),
      code: z.string().min(4),
      ids: z.array(z.string()).min(1),
      tags: z.array(z.string()).max(2),
      minutes: z.number().min(0),
      n: z.number().max(3),
      ratio: z.number().lt(1),
    });
    const r = S.safeParse({ text: 'x'.repeat(2001), code: 'ab', ids: [], tags: ['a', 'b', 'c'], minutes: -5, n: 9, ratio: 1 });
    const messages = (lang: 'zh-CN' | 'en-US') => localiseIssues(r.error?.issues ?? [], lang).map((f) => `${f.path}: ${f.message}`);
    expect(messages('zh-CN')).toEqual([
      'text: 最多 2000 个字',
      'code: 至少 4 个字',
      'ids: 请至少选择一项',
      'tags: 最多 2 项',
      'minutes: 不能小于 0',
      'n: 不能大于 3',
      'ratio: 应小于 1',
    ]);
    expect(messages('en-US')).toEqual([
      'text: At most 2000 characters',
      'code: At least 4 characters',
      'ids: Choose at least one',
      'tags: At most 2 items',
      'minutes: Must be 0 or more',
      'n: Must be 3 or less',
      'ratio: Must be less than 1',
    ]);
    // Other built-in checks are said in the caller's language too.
    const [email] = localiseIssues(z.object({ e: z.email() }).safeParse({ e: 'x' }).error?.issues ?? [], 'zh-CN');
    expect(email?.message).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('calls a missing field required', () => {
    const r = SetupBody.safeParse({ admin: { username: 'admin', password: 'Secret123' } });
    expect(localiseIssues(r.error?.issues ?? [], 'zh-CN')).toEqual([{ path: 'admin.name', message: '必填' }]);
  });
  it('refuses a term that ends before it starts, on the end date', () => {
    const r = TermCreate.safeParse({ schoolId: 's', academicYear: '2026-2027', semester: 1, startDate: '2026-09-01', endDate: '2026-08-01' });
    expect(r.error?.issues[0]?.path).toEqual(['endDate']);
    expect(TermCreate.safeParse({ schoolId: 's', academicYear: '2026-2028', semester: 1, startDate: '2026-09-01', endDate: '2027-01-01' }).success).toBe(false);
  });
});

describe('update schemas', () => {
  it('a change that leaves a field out never resets it to the create default', () => {
    // zod applies `.default()` even inside `.partial()`: a PATCH of a camp's title once reset its groups.
    const checked: string[] = [];
    for (const [name, schema] of Object.entries(shared)) {
      if (!/Update$/.test(name) || !(schema instanceof z.ZodType)) continue;
      const parsed = schema.safeParse({ version: 1 });
      if (!parsed.success) continue; // an update with fields of its own that are required (e.g. attendance)
      checked.push(name);
      expect(
        Object.keys(parsed.data as object).filter((k) => k !== 'version'),
        name,
      ).toEqual([]);
    }
    expect(checked).toEqual(expect.arrayContaining(['CampUpdate', 'IncidentUpdate', 'EventUpdate', 'ChildUpdate', 'ActivityUpdate']));
  });
});

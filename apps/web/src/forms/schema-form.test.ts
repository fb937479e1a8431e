import { ChildCreate, localiseIssues } from '@carebridge/shared';
import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyFieldErrors, fieldErrorKeeper, issuesToFieldErrors } from './schema-form.ts';

/** The part of an antd form `applyFieldErrors` uses, keeping each field's errors (and values) as antd would. */
function fakeForm(fields: string[], values: Record<string, unknown> = {}) {
  const errors = new Map<string, string[]>(fields.map((f) => [f, []]));
  const form = {
    getFieldsError: () => [...errors].map(([name, errs]) => ({ name: name.split('.'), errors: errs, warnings: [] })),
    setFields: (list: { name: (string | number)[]; errors: string[] }[]) => {
      for (const f of list) errors.set(f.name.join('.'), f.errors);
    },
    getFieldValue: (name: (string | number)[]) =>
      name.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values),
  } as unknown as FormInstance;
  return { form, errors, values };
}

describe('applyFieldErrors', () => {
  it('clears the message of a field put right since the last check', () => {
    const { form, errors } = fakeForm(['name', 'guardianPhone', 'address']);
    applyFieldErrors(form, [
      { path: 'name', message: '必填' },
      { path: 'guardianPhone', message: '请输入正确的手机号' },
    ]);
    expect(errors.get('name')).toEqual(['必填']);
    // The name is typed in; the phone is still wrong.
    applyFieldErrors(form, [{ path: 'guardianPhone', message: '请输入正确的手机号' }]);
    expect(errors.get('name')).toEqual([]);
    expect(errors.get('guardianPhone')).toEqual(['请输入正确的手机号']);
    // Everything right (the server's answer named nothing).
    expect(applyFieldErrors(form, [{ path: 'elsewhere', message: 'x' }])).toEqual([{ path: 'elsewhere', message: 'x' }]);
    expect([...errors.values()].flat()).toEqual([]);
  });
});

describe('an error placed on a field', () => {
  it('goes as soon as that field is changed, the others staying until theirs are', () => {
    // The pairing form after an empty submit: no mentor, no children.
    const { form, errors, values } = fakeForm(['mentorId', 'childIds', 'note'], { childIds: [] });
    const keeper = fieldErrorKeeper(form);
    keeper.place([
      { path: 'mentorId', message: '必填' },
      { path: 'childIds', message: '请至少选择一项' },
    ]);
    // Placing the errors (antd tells its watchers of that too) changes no value.
    expect(keeper.edited({ ...values })).toEqual([]);
    values.mentorId = 'mentor-1';
    values.note = '每周一次';
    expect(keeper.edited({ ...values })).toEqual(['mentorId']);
    keeper.clear(keeper.edited({ ...values }));
    expect(errors.get('mentorId')).toEqual([]);
    expect(errors.get('childIds')).toEqual(['请至少选择一项']);
    // Cleared once: a field typed back to what it was does not bring its old error back.
    values.mentorId = undefined;
    expect(keeper.edited({ ...values })).toEqual([]);
    values.childIds = ['child-1'];
    expect(keeper.edited({ ...values })).toEqual(['childIds']);
  });

  it("keeps the server's error of a nested field until it is changed, and every error goes after a successful save", () => {
    const { form, errors, values } = fakeForm(['admin.username', 'admin.password', 'confirm'], { admin: { username: 'admin', password: 'abc' } });
    const keeper = fieldErrorKeeper(form);
    keeper.place([
      { path: 'admin.password', message: '密码至少 8 位，且须同时包含字母和数字' },
      { path: 'admin.username', message: '用户名已被使用' },
    ]);
    values.admin = { username: 'admin', password: 'abc1' };
    expect(keeper.edited(structuredClone(values))).toEqual(['admin.password']);
    keeper.clear();
    expect([...errors.values()].flat()).toEqual([]);
    expect(keeper.edited({ admin: { username: 'other', password: 'x' } })).toEqual([]);
  });
});

describe('issuesToFieldErrors', () => {
  it('asks to pick one where a list is empty, and calls an empty field required', () => {
    const S = z.object({ childIds: z.array(z.string()).min(1), summary: z.string().min(1), minutes: z.number().min(0) });
    const payload = { childIds: [], summary: '', minutes: -1 };
    const r = S.safeParse(payload);
    expect(issuesToFieldErrors(r.error?.issues ?? [], payload, 'zh-CN')).toEqual([
      { path: 'childIds', message: '请至少选择一项' },
      { path: 'summary', message: '必填' },
      { path: 'minutes', message: '不能小于 0' },
    ]);
  });
});

describe('a number out of range', () => {
  it('is put under its field with the localised range message, the value left as typed (the form does not clamp it)', () => {
    const { form, errors } = fakeForm(['name', 'guardianAge']);
    const payload = { name: '赵小雨', gender: 'female', birthDate: '2016-05-06', schoolId: '01900000-0000-7000-8000-000000000001', guardianAge: 300 };
    const parsed = ChildCreate.safeParse(payload);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(applyFieldErrors(form, issuesToFieldErrors(parsed.error.issues, payload, 'zh-CN'))).toEqual([]);
    expect(errors.get('guardianAge')).toEqual(['不能大于 110']);
    expect(payload.guardianAge).toBe(300);
    const young = ChildCreate.safeParse({ ...payload, guardianAge: 5 });
    expect(young.success ? [] : issuesToFieldErrors(young.error.issues, payload, 'en-US')).toEqual([{ path: 'guardianAge', message: 'Must be 14 or more' }]);
  });
});

describe('a value of the wrong type', () => {
  it("reads as the server's message for the same input, whatever zod's own message says", () => {
    const payload = { name: 5, gender: 'female', birthDate: '2016-05-06', schoolId: '01900000-0000-7000-8000-000000000001' };
    // The server reads the received type from the request (plugins/errors.ts); zod's message in another
    // language than English does not say it.
    const issues = ChildCreate.safeParse(payload, { error: z.locales.zhCN().localeError }).error?.issues ?? [];
    const server = (lang: 'zh-CN' | 'en-US') => localiseIssues(issues, lang, { input: payload });
    expect(server('zh-CN')).toEqual([{ path: 'name', message: '应为文字，而不是数字' }]);
    expect(issuesToFieldErrors(issues, payload, 'zh-CN')).toEqual(server('zh-CN'));
    expect(issuesToFieldErrors(issues, payload, 'en-US')).toEqual([{ path: 'name', message: 'Must be text, not a number' }]);
  });
});

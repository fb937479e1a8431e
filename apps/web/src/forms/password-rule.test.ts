import { describe, expect, it } from 'vitest';
import { newPasswordRule } from './password-rule.ts';

const check = (value: unknown, lang: 'zh-CN' | 'en-US' = 'zh-CN') => newPasswordRule(lang).validator(undefined, value);

describe('a new password', () => {
  it('that is weak is told the rule, not that it is required', async () => {
    await expect(check('abc')).rejects.toThrow('密码至少 8 位，且须同时包含字母和数字');
    await expect(check('abcdefgh', 'en-US')).rejects.toThrow('At least 8 characters, with letters and digits');
  });

  it('passes when strong, and leaves an empty one to the form’s check (必填)', async () => {
    await expect(check('Secret123')).resolves.toBeUndefined();
    await expect(check('')).resolves.toBeUndefined();
    await expect(check(undefined)).resolves.toBeUndefined();
  });
});

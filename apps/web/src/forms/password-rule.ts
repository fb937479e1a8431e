import { isStrongPassword, type Lang, translate } from '@carebridge/shared';

/**
 * The new-password rule (the server's `validation.password_weak`) as an antd rule on the password
 * field. The confirmation's own antd rule stops a submit before the shared schema is asked, so a weak
 * password with its confirmation not yet typed kept whatever the last check had said ("必填") and never
 * showed the rule. An empty field passes here: the schema calls it required.
 */
export function newPasswordRule(lang: Lang): { validator: (rule: unknown, value: unknown) => Promise<void> } {
  return {
    validator: (_rule, value) =>
      typeof value !== 'string' || !value || isStrongPassword(value)
        ? Promise.resolve()
        : Promise.reject(new Error(translate(lang, 'validation.password_weak'))),
  };
}

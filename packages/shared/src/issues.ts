import { z } from 'zod';
import { hasKey, type Lang, translate } from './i18n/index.ts';

const LOCALES = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() } as const;

export interface FieldError {
  path: string;
  message: string;
}

/** Localise zod issues: our own refinements carry an i18n key as message; others use zod's locale. */
export function localiseIssues(issues: readonly z.core.$ZodIssue[], lang: Lang): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let message: string;
    if (issue.message && hasKey(lang, issue.message)) message = translate(lang, issue.message);
    // A missing field: say "required", not "expected string, received undefined".
    else if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message ?? '')) message = translate(lang, 'validation.required');
    else message = (LOCALES[lang].localeError?.(issue as never) as string | undefined) ?? issue.message;
    if (typeof message !== 'string') message = issue.message;
    return { path, message };
  });
}

/**
 * The localised label of a field path ("admin.username" → 用户名). `sections` are the dictionary
 * sections to look in, in order; child routes put `childFields` first so that "name" reads 姓名.
 */
export function fieldLabel(path: string, lang: Lang, sections: readonly string[] = ['fields', 'childFields']): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  for (const section of sections) {
    const key = `${section}.${last}`;
    if (hasKey(lang, key)) return translate(lang, key);
  }
  return path;
}

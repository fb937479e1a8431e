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
    else message = sizeMessage(issue, lang) ?? (LOCALES[lang].localeError?.(issue as never) as string | undefined) ?? issue.message;
    if (typeof message !== 'string') message = issue.message;
    return { path, message };
  });
}

/**
 * Too long, too short, too many, too few, too large, too small, said as a teacher would read it ("最多
 * 2000 个字"), not zod's "期望 string <=2000 字符".
 */
function sizeMessage(issue: z.core.$ZodIssue, lang: Lang): string | undefined {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return undefined;
  const big = issue.code === 'too_big';
  const n = Number(big ? issue.maximum : issue.minimum);
  switch (issue.origin) {
    case 'string':
      if (!big && n === 1) return translate(lang, 'validation.required');
      return translate(lang, big ? 'validation.max_chars' : 'validation.min_chars', { n });
    case 'array':
    case 'set':
      if (!big && n === 1) return translate(lang, 'validation.pick_one');
      return translate(lang, big ? 'validation.max_items' : 'validation.min_items', { n });
    case 'number':
    case 'int':
      if (big) return translate(lang, issue.inclusive === false ? 'validation.below_number' : 'validation.max_number', { n });
      return translate(lang, issue.inclusive === false ? 'validation.above_number' : 'validation.min_number', { n });
    default:
      return undefined;
  }
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

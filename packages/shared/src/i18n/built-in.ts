import { enUS } from './en-US.ts';
import type { Lang, Messages } from './index.ts';
import { zhCN } from './zh-CN.ts';

/**
 * The dictionaries that come with the code (`#i18n/built-in`, see package.json). Under Node — the
 * server, the CLI, tests — that is every language in full, so `translate()` answers at once in any.
 */
export const BUILT_IN: Partial<Record<Lang, Messages>> = { 'zh-CN': zhCN, 'en-US': enUS };

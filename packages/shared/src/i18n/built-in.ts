import { enUS } from './en-US.ts';
import type { Lang, Messages } from './index.ts';

/**
 * The dictionaries besides Chinese that come with the code (`#i18n/built-in`, see package.json). Under
 * Node — the server, the CLI, tests — that is every language, so `translate()` answers at once in any.
 */
export const BUILT_IN: Partial<Record<Lang, Messages>> = { 'en-US': enUS };

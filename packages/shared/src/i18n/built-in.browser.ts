import type { Lang, Messages } from './index.ts';

/**
 * What browsers get for `#i18n/built-in` (package.json): no dictionary besides Chinese, so that the
 * web app's first pages do not carry the English one. The web fetches it when the language is English
 * and adds it with `addMessages` (apps/web/src/i18n/load.ts).
 */
export const BUILT_IN: Partial<Record<Lang, Messages>> = {};

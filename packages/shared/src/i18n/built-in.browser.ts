import type { Lang, Messages } from './index.ts';
import { zhCNCore } from './zh-CN.core.ts';

/**
 * What browsers get for `#i18n/built-in` (package.json): the Chinese texts every page may need
 * (zh-CN.core.ts) and nothing else, so that the login page carries neither the texts of the pages
 * behind sign-in nor English. The web adds the whole Chinese dictionary when such a page loads
 * (apps/web/src/i18n/pages.ts) and English when the language is English (apps/web/src/i18n/load.ts).
 * Until then a key of those pages is not found (`translate` returns the key): no such page shows.
 */
export const BUILT_IN: Partial<Record<Lang, Messages>> = { 'zh-CN': zhCNCore as Partial<Messages> as Messages };

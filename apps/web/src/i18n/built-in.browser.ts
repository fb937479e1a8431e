import type { Lang } from '@carebridge/shared';
import type { AllWebMessages } from './translate.ts';

/**
 * What the browser build gets for `#i18n/built-in` (package.json): no dictionary besides Chinese, so
 * that the login page does not carry the English texts; load.ts fetches them when they are needed.
 */
export const BUILT_IN: Partial<Record<Lang, AllWebMessages>> = {};

import type { Lang } from '@carebridge/shared';
import { english } from './english.ts';
import type { AllWebMessages } from './translate.ts';

/**
 * The web dictionaries besides Chinese that come with the code (`#i18n/built-in`, see package.json).
 * Under Node (unit tests) that is English, so that `translateWeb('en-US', …)` answers at once there.
 */
export const BUILT_IN: Partial<Record<Lang, AllWebMessages>> = { 'en-US': english.web };

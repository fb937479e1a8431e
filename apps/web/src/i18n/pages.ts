import { addMessages, zhCN } from '@carebridge/shared';

/**
 * The whole Chinese dictionary of the shared package, the texts of the pages behind sign-in included.
 * In the browser the first chunk has only its first part (packages/shared/src/i18n/zh-CN.core.ts), so
 * that the login page does not carry the rest; app/routes.tsx loads this module with every other page.
 */
addMessages('zh-CN', zhCN);

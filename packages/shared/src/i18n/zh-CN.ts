import { zhCNCore } from './zh-CN.core.ts';
import { zhCNPages } from './zh-CN.pages.ts';

/**
 * Chinese (default) texts shared by server and web: error messages, field names, enum labels. Written
 * in two parts so that the web's login page carries only the first (zh-CN.core.ts).
 */
export const zhCN = { ...zhCNCore, ...zhCNPages };

/** A dictionary with the same keys as the Chinese one, every leaf a string. */
export type Messages = DeepStrings<typeof zhCN>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

import { fill, type Lang, type Messages, translate } from '@carebridge/shared';
import { enUS } from './en-US.ts';
import { type WebMessages, zhCN } from './zh-CN.ts';

const WEB: Record<Lang, WebMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Dotted paths to the string leaves of a dictionary: "login.title". */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type WebKey = Leaves<WebMessages>;
export type SharedKey = Leaves<Messages>;
/** A key of the web dictionary, or of the shared one ("roles.school_leader", "fields.name"). */
export type TKey = WebKey | SharedKey;
export type TParams = Record<string, string | number>;
export type TFunction = (key: TKey, params?: TParams) => string;

function lookup(dict: unknown, key: string): string | undefined {
  let node = dict;
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Web dictionary first, then the shared one; an unknown key comes back as-is. */
export function translateWeb(lang: Lang, key: string, params?: TParams): string {
  const own = lookup(WEB[lang], key);
  return own === undefined ? translate(lang, key, params) : fill(own, params);
}

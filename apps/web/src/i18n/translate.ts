import { fill, type Lang, type Messages, translate } from '@carebridge/shared';
import { BUILT_IN } from '#i18n/built-in';
import type { UserMessages } from '../features/users/users.zh-CN.ts';
import type { ActivityMessages } from './activities.zh-CN.ts';
import type { CampaignMessages } from './campaigns.zh-CN.ts';
import type { CampMessages } from './camps.zh-CN.ts';
import type { CareMessages } from './care.zh-CN.ts';
import type { ChildrenMessages } from './children.zh-CN.ts';
import type { ComplianceMessages } from './compliance.zh-CN.ts';
import type { EventMessages } from './events.zh-CN.ts';
import type { IncidentMessages } from './incidents.zh-CN.ts';
import type { ReportMessages } from './reports.zh-CN.ts';
import { type WebMessages, zhCN } from './zh-CN.ts';

/** The Chinese texts: the main dictionary, then those of the lazily loaded pages as their chunks add them. */
const CHINESE: object[] = [zhCN];

/**
 * The texts of the other languages, each in one dictionary (english.ts): added when its chunk has
 * arrived (load.ts), so that only those who read English download it. Under Node (unit tests) they
 * are built in (`#i18n/built-in`, see package.json).
 */
const OTHERS: Partial<Record<Lang, AllWebMessages>> = { ...BUILT_IN };

/**
 * Add the Chinese texts of a group of pages when their chunk loads, so that the login page does not
 * carry them. Their keys are known to the type of `t` all the same (AllWebMessages); their English
 * texts are in the English chunk (english.ts).
 */
export function registerMessages(zh: object) {
  if (!CHINESE.includes(zh)) CHINESE.push(zh);
}

/** Add the texts of a language other than Chinese, all of them in one dictionary (load.ts). */
export function addWebMessages(lang: Lang, dict: AllWebMessages) {
  if (lang !== 'zh-CN') OTHERS[lang] = dict;
}

/** Whether the texts of a language are at hand (Chinese always). */
export function hasWebMessages(lang: Lang): boolean {
  return lang === 'zh-CN' || OTHERS[lang] !== undefined;
}

/** Every web text: the main dictionary and those of the lazily loaded pages. */
export type AllWebMessages = WebMessages &
  ChildrenMessages &
  CareMessages &
  ComplianceMessages &
  IncidentMessages &
  ActivityMessages &
  CampMessages &
  CampaignMessages &
  ReportMessages &
  EventMessages &
  UserMessages;

/** Dotted paths to the string leaves of a dictionary: "login.title". */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type WebKey = Leaves<AllWebMessages>;
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

/**
 * Web dictionaries first, then the shared one; an unknown key comes back as-is. A language whose texts
 * have not arrived yet is answered in Chinese, never with raw keys.
 */
export function translateWeb(lang: Lang, key: string, params?: TParams): string {
  const other = lang === 'zh-CN' ? undefined : OTHERS[lang];
  if (other) {
    const own = lookup(other, key);
    return own === undefined ? translate(lang, key, params) : fill(own, params);
  }
  let own: string | undefined;
  for (const dict of CHINESE) {
    own = lookup(dict, key);
    if (own !== undefined) break;
  }
  return own === undefined ? translate('zh-CN', key, params) : fill(own, params);
}

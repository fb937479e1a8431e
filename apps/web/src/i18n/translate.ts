import { fill, type Lang, type Messages, translate } from '@carebridge/shared';
import type { ActivityMessages } from './activities.zh-CN.ts';
import type { CampaignMessages } from './campaigns.zh-CN.ts';
import type { CampMessages } from './camps.zh-CN.ts';
import type { CareMessages } from './care.zh-CN.ts';
import type { ChildrenMessages } from './children.zh-CN.ts';
import type { ComplianceMessages } from './compliance.zh-CN.ts';
import { enUS } from './en-US.ts';
import type { EventMessages } from './events.zh-CN.ts';
import type { IncidentMessages } from './incidents.zh-CN.ts';
import type { ReportMessages } from './reports.zh-CN.ts';
import { type WebMessages, zhCN } from './zh-CN.ts';

const WEB: Record<Lang, WebMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Dictionaries of lazily loaded pages, added by their chunks (see registerMessages). */
const EXTRA: Record<Lang, object[]> = { 'zh-CN': [], 'en-US': [] };

/**
 * Add the texts of a group of pages when their chunk loads, so that the login page does not carry
 * them. Their keys are known to the type of `t` all the same (AllWebMessages).
 */
export function registerMessages(dicts: Record<Lang, object>) {
  for (const lang of Object.keys(dicts) as Lang[]) if (!EXTRA[lang].includes(dicts[lang])) EXTRA[lang].push(dicts[lang]);
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
  EventMessages;

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

/** Web dictionaries first (main, then registered), then the shared one; an unknown key comes back as-is. */
export function translateWeb(lang: Lang, key: string, params?: TParams): string {
  let own = lookup(WEB[lang], key);
  for (const extra of EXTRA[lang]) {
    if (own !== undefined) break;
    own = lookup(extra, key);
  }
  return own === undefined ? translate(lang, key, params) : fill(own, params);
}

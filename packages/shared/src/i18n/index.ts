import { BUILT_IN } from '#i18n/built-in';
import type { Messages } from './zh-CN.ts';

export { enUS } from './en-US.ts';
export { type Messages, zhCN } from './zh-CN.ts';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The dictionaries at hand, as `#i18n/built-in` has them (package.json): under Node (the server, the
 * CLI, tests) every language in full; in browsers the first part of the Chinese one alone
 * (zh-CN.core.ts). The web app adds the whole Chinese dictionary when a page behind sign-in loads,
 * and English when it has fetched it (`addMessages`), so that its login page carries neither.
 */
const DICTS: Partial<Record<Lang, Messages>> = { ...BUILT_IN };

/** Counts the dictionaries added, so that what is worked out from them (issues.ts) is worked out again. */
let added = 0;

/** Add the dictionary of a language (the web app, once it has fetched it). */
export function addMessages(lang: Lang, dict: Messages): void {
  DICTS[lang] = dict;
  added++;
}

/** How many dictionaries have been added since start (see `added`). */
export function messagesAdded(): number {
  return added;
}

/** Whether the dictionary of a language is at hand (always, under Node). */
export function hasMessages(lang: Lang): boolean {
  return DICTS[lang] !== undefined;
}

/** The dictionary of a language; the Chinese one while that of the language is not at hand. */
export function messages(lang: Lang): Messages {
  return DICTS[lang] ?? (DICTS['zh-CN'] as Messages);
}

/** Pick zh-CN (default) or en-US from an Accept-Language header. */
export function pickLang(header: string | undefined | null): Lang {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

/** Look up a dotted key ("errors.not_found") and fill {placeholders}. Unknown keys come back as-is. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  let node: unknown = messages(lang);
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  if (typeof node !== 'string') return key;
  return fill(node, params);
}

/**
 * Put the parameters into a text: `{count}` is the value; `{count|item|items}` is the word for it,
 * the first when the value is 1 and the second otherwise (English: "1 item", "2 items").
 */
export function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (m, name: string, one?: string, other?: string) => {
    if (!(name in params)) return m;
    if (one === undefined) return String(params[name]);
    return Number(params[name]) === 1 ? one : (other as string);
  });
}

/** Items as a reader's list: "甲、乙、丙" / "A, B, C" (the dictionary's `validation.list_sep`). */
export function joinList(lang: Lang, items: readonly (string | number)[]): string {
  return items.join(translate(lang, 'validation.list_sep'));
}

/**
 * A label as it reads inside a sentence: "Family call" → "family call", "Start of term" → "start of
 * term". Labels are written to stand alone, with a capital; inside an English sentence a common noun
 * has none. A label with a capital after its first letter is a name ("Children's Day", "WeChat",
 * "PE lesson") and stays as written; Chinese has no capitals.
 */
export function inSentence(lang: Lang, label: string): string {
  if (lang !== 'en-US' || /\p{Lu}/u.test(label.slice(1))) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * A term's one name in each language, wherever it is shown (selectors, rosters, notifications,
 * exports, the audit log): the school year and the semester, "2026-2027 第一学期（秋季）".
 */
export function termName(lang: Lang, academicYear: string, semester: number | string): string {
  return `${academicYear} ${translate(lang, `semesters.${semester}`)}`;
}

/** A month "2026-11" by its name alone, as a heading names it: "11月", "Nov". */
export function monthName(lang: Lang, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Whether a dotted key exists in the dictionary. */
export function hasKey(lang: Lang, key: string): boolean {
  return translate(lang, key) !== key;
}

/** A stored message parameter: plain text, a number, "@dotted.key" to translate, or one text per language. */
export type MessageParam = string | number | Partial<Record<Lang, string>>;

/**
 * Render a message stored as key + parameters (notifications) in the reader's language. Parameters
 * that are themselves keys ("@policy.risk.high") or per-language texts are resolved first.
 */
export function renderMessage(lang: Lang, key: string, params: Record<string, MessageParam> = {}): string {
  const resolved: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'number') resolved[name] = v;
    else if (typeof v === 'string') resolved[name] = v.startsWith('@') ? translate(lang, v.slice(1)) : v;
    else resolved[name] = v[lang] ?? v['zh-CN'] ?? Object.values(v)[0] ?? '';
  }
  return translate(lang, key, resolved);
}

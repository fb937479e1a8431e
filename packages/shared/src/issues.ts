import type { z } from 'zod';
import { hasKey, type Lang, messages, messagesAdded, translate } from './i18n/index.ts';

export interface FieldError {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Localise zod issues, one message per issue in the same order. Our own refinements carry an i18n
 * key as message; zod's built-in checks are said plainly, as a teacher would read them ("应为文字，
 * 而不是数字", "最多 2000 个字"), never in zod's words ("期望 string"). `parsed.input` is the value
 * that was parsed (`undefined` too: nothing was sent): zod 4 leaves it out of its issues, and the
 * received type of a mismatch is read from it (else from the issue's `input`, as `reportInput` gives,
 * else from zod's default English message).
 */
export function localiseIssues(issues: readonly Issue[], lang: Lang, parsed?: { input: unknown }): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const received = receivedType(issue, parsed);
    let message = issue.message && hasKey(lang, issue.message) ? translate(lang, issue.message) : plainMessage(issue, lang, received);
    if (typeof message !== 'string' || !message) message = translate(lang, 'validation.invalid');
    return { path, message };
  });
}

/**
 * The kind of value found where an issue is ("string", "number", "null", "undefined" …), if it can be
 * told: what zod saw (its `input` when reported, else its default English message "…, received number"),
 * else the type at the issue's path in the input given.
 */
function receivedType(issue: Issue, parsed?: { input: unknown }): string | undefined {
  if ('input' in issue) return typeOf(issue.input);
  const said = receivedInMessage(issue.message);
  const given = parsed ? typeOf(valueAt(parsed.input, issue.path)) : undefined;
  // Fastify validates a missing body as null: the request's own body tells that nothing was sent.
  if (said === 'null' && given === 'undefined') return 'undefined';
  return said ?? given;
}

function receivedInMessage(message: string | undefined): string | undefined {
  const said = /received (\w+)$/.exec(message ?? '')?.[1];
  if (!said) return undefined;
  if (said === 'NaN') return 'nan';
  const type = said.toLowerCase();
  // Other class names (Map, RegExp …) are objects to a reader.
  return ['string', 'number', 'boolean', 'bigint', 'symbol', 'function', 'undefined', 'null', 'array', 'object', 'date'].includes(type) ? type : 'object';
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return typeof v;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** "文字" for "string", if the dictionary names that type. */
function typeName(lang: Lang, type: string | undefined): string | undefined {
  const key = `validation.types.${type}`;
  return type && hasKey(lang, key) ? translate(lang, key) : undefined;
}

/** "a、b、c" / "a, b, c", at most `max` of them. */
function listOf(lang: Lang, items: readonly string[], max = 8): string {
  const shown = items.slice(0, max).join(translate(lang, 'validation.list_sep'));
  return items.length > max ? `${shown}…` : shown;
}

/** "文字、数字或列表" / "text, a number or a list". */
function either(lang: Lang, items: readonly string[]): string {
  if (items.length < 2) return items[0] ?? '';
  return translate(lang, 'validation.either', {
    list: items.slice(0, -1).join(translate(lang, 'validation.list_sep')),
    last: items[items.length - 1] as string,
  });
}

/** A choice as a reader knows it: "是" for true, the text of a code as it is. */
function valueText(lang: Lang, v: unknown): string {
  if (typeof v === 'boolean') return translate(lang, `validation.bool.${v}`);
  return String(v);
}

/** "a、b" of the choices: the labels of their code list when one is known (each once), else each as `valueText` says it. */
function choicesText(lang: Lang, values: readonly unknown[]): string {
  const labels = codeLabels(lang, values);
  return listOf(lang, labels ? [...new Set(labels)] : values.map((v) => valueText(lang, v)));
}

/** A dictionary key that is a code ("home_visit", "0-5", "2"), not a field name ("birthDate") or an action ("roster.submit"). */
const CODE_KEY = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

/**
 * Code → the dictionary paths of the lists labelling it ("minor" → ["incidents.severities"]); built when
 * first needed, and again once a dictionary has been added (the web's Chinese pages, see i18n/index.ts).
 */
let listsOfCode: Map<string, Set<string>> | undefined;
let listsBuiltAt = -1;

/**
 * Every code list the dictionary labels: a group of at least two plain labels (no "{placeholder}")
 * keyed by codes — `codes.boarding`, `incidents.severities`, `care.kinds` … The Chinese dictionary
 * gives the paths; every language has the same keys (its `Messages` type).
 */
function codeLists(): Map<string, Set<string>> {
  if (listsOfCode && listsBuiltAt === messagesAdded()) return listsOfCode;
  const byCode = new Map<string, Set<string>>();
  const walk = (node: object, path: string) => {
    const entries = Object.entries(node);
    if (entries.length >= 2 && entries.every(([k, v]) => CODE_KEY.test(k) && typeof v === 'string' && !v.includes('{')))
      for (const [code] of entries) byCode.set(code, (byCode.get(code) ?? new Set()).add(path));
    for (const [k, v] of entries) if (v && typeof v === 'object') walk(v, path ? `${path}.${k}` : k);
  };
  walk(messages('zh-CN'), '');
  listsOfCode = byCode;
  listsBuiltAt = messagesAdded();
  return byCode;
}

/**
 * The labels of choices that are codes of one list ("轻微、一般" for minor, moderate): the lists
 * holding every value, when they all label them alike in the reader's language. Undefined when no
 * list holds them, lists disagree (父亲 as a guardian, 父亲外出 as a left-behind type) or a value is not
 * text; a single value tells too little of its list, so it stays a code.
 */
function codeLabels(lang: Lang, values: readonly unknown[]): string[] | undefined {
  if (values.length < 2 || !values.every((v): v is string => typeof v === 'string')) return undefined;
  const lists = codeLists();
  let paths = [...(lists.get(values[0] as string) ?? [])];
  for (const v of values.slice(1)) paths = paths.filter((p) => lists.get(v)?.has(p));
  let labels: string[] | undefined;
  for (const path of paths) {
    const these = values.map((v) => translate(lang, `${path}.${v}`));
    if (labels && these.some((l, i) => l !== labels?.[i])) return undefined;
    labels = these;
  }
  return labels;
}

/** "应为文字" or "应为文字，而不是数字"; "必填" when nothing was given. */
function mismatch(lang: Lang, expected: readonly string[], received: string | undefined): string {
  if (received === 'undefined') return translate(lang, 'validation.required');
  const names = expected.map((e) => typeName(lang, e));
  if (!names.length || names.some((n) => n === undefined)) return translate(lang, 'validation.invalid');
  const wanted = either(lang, names as string[]);
  // "应为整数" says enough for 1.5, "应为数字" for NaN.
  const alike = received === 'nan' || (received === 'number' && expected.every((e) => e === 'int' || e === 'bigint'));
  // A value changed before its check (a preprocess) may read as a type asked for: then say only what is wanted.
  const got = alike || names.includes(typeName(lang, received)) ? undefined : typeName(lang, received);
  return got ? translate(lang, 'validation.expected_not', { expected: wanted, received: got }) : translate(lang, 'validation.expected', { expected: wanted });
}

function plainMessage(issue: Issue, lang: Lang, received: string | undefined): string {
  switch (issue.code) {
    case 'invalid_type':
      return mismatch(lang, [issue.expected], received);
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue, lang) ?? translate(lang, 'validation.invalid');
    case 'not_multiple_of':
      return translate(lang, 'validation.multiple_of', { n: String(issue.divisor) });
    case 'invalid_format':
      return formatMessage(issue, lang);
    case 'invalid_value':
      if (received === 'undefined') return translate(lang, 'validation.required');
      if (issue.values.length === 1) return translate(lang, 'validation.must_be', { value: valueText(lang, issue.values[0]) });
      return translate(lang, 'validation.choose_one', { values: choicesText(lang, issue.values) });
    case 'unrecognized_keys':
      return translate(lang, 'validation.unknown_fields', { keys: listOf(lang, issue.keys, 10) });
    case 'invalid_union': {
      // zod's message of the union says nothing of the value; its branches' messages do.
      const got = received ?? (issue.errors[0]?.[0] ? receivedType(issue.errors[0][0]) : undefined);
      if (got === 'undefined') return translate(lang, 'validation.required');
      // A discriminated union names its discriminator's values.
      const options = (issue as { options?: unknown[] }).options;
      if (options?.length) return translate(lang, 'validation.choose_one', { values: choicesText(lang, options) });
      // A union of types ("文字或数字") when every branch failed on the type of the value itself.
      const firsts = issue.errors.map((branch) => branch[0]);
      if (firsts.length && firsts.every((i) => i?.code === 'invalid_type' && i.path.length === 0))
        return mismatch(lang, [...new Set(firsts.map((i) => (i as z.core.$ZodIssueInvalidType).expected))], got);
      return translate(lang, 'validation.invalid');
    }
    default:
      // custom (a refinement without a key of ours), invalid_key, invalid_element
      return translate(lang, 'validation.invalid');
  }
}

/**
 * Too long, too short, too many, too few, too large, too small, said as a teacher would read it ("最多
 * 2000 个字"), not zod's "期望 string <=2000 字符".
 */
function sizeMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, lang: Lang): string | undefined {
  const big = issue.code === 'too_big';
  const n = Number(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return translate(lang, 'validation.exact_chars', { n });
      if (!big && n === 1) return translate(lang, 'validation.required');
      return translate(lang, big ? 'validation.max_chars' : 'validation.min_chars', { n });
    case 'array':
    case 'set':
      if (issue.exact) return translate(lang, 'validation.exact_items', { n });
      if (!big && n === 1) return translate(lang, 'validation.pick_one');
      return translate(lang, big ? 'validation.max_items' : 'validation.min_items', { n });
    case 'number':
    case 'int':
    case 'bigint':
      if (big) return translate(lang, issue.inclusive === false ? 'validation.below_number' : 'validation.max_number', { n });
      return translate(lang, issue.inclusive === false ? 'validation.above_number' : 'validation.min_number', { n });
    default:
      return undefined;
  }
}

const ID_FORMATS = new Set(['uuid', 'guid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid', 'nanoid']);

/** A text of the wrong shape: the dates and times in the project's own words, the rest plainly. */
function formatMessage(issue: z.core.$ZodIssueInvalidStringFormat, lang: Lang): string {
  const f = issue.format;
  if (f === 'date') return translate(lang, 'validation.date');
  if (f === 'datetime') return translate(lang, 'validation.datetime');
  if (f === 'time') return translate(lang, 'validation.time');
  if (f === 'email') return translate(lang, 'validation.email');
  if (f === 'url') return translate(lang, 'validation.url');
  if (ID_FORMATS.has(f)) return translate(lang, 'validation.id_format');
  const i = issue as { prefix?: string; suffix?: string; includes?: string };
  if (f === 'starts_with' && i.prefix !== undefined) return translate(lang, 'validation.starts_with', { prefix: i.prefix });
  if (f === 'ends_with' && i.suffix !== undefined) return translate(lang, 'validation.ends_with', { suffix: i.suffix });
  if (f === 'includes' && i.includes !== undefined) return translate(lang, 'validation.includes', { includes: i.includes });
  return translate(lang, 'validation.format');
}

/**
 * The localised label of a field path ("admin.username" → 用户名). `sections` are the dictionary
 * sections to look in, in order; child routes put `childFields` first so that "name" reads 姓名.
 */
export function fieldLabel(path: string, lang: Lang, sections: readonly string[] = ['fields', 'childFields']): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  for (const section of sections) {
    const key = `${section}.${last}`;
    if (hasKey(lang, key)) return translate(lang, key);
  }
  return path;
}

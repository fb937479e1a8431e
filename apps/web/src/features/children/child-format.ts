import '../../i18n/children.ts';
import {
  CHILD_FIELD_KEYS,
  CHILD_FIELD_META,
  type Child,
  type ChildFieldKey,
  CODE_LISTS,
  type CodeListName,
  DIMENSIONS,
  type FieldGroup,
  joinList,
  type Lang,
  translate,
} from '@carebridge/shared';
import { useMemo } from 'react';
import { useLang } from '../../i18n/lang.tsx';

/** The archive sections in the order of the registration form. */
export const GROUPS: readonly FieldGroup[] = ['child', 'school', 'health', 'boarding', 'father', 'mother', 'family', 'guardian', 'economy', 'state'];

export const fieldsOf = (group: FieldGroup): ChildFieldKey[] => CHILD_FIELD_KEYS.filter((k) => CHILD_FIELD_META[k].group === group);

export const isChildField = (key: string): key is ChildFieldKey => key in CHILD_FIELD_META;

/** Long free text gets a text area and a whole row. */
export const isLongText = (key: string) => key.endsWith('Note') || key === 'remarks' || key === 'leftBehindReason' || key.endsWith('WorkAddress');

// Dates in Beijing time, shared with the other features.
export { shanghaiTime, todayInShanghai } from '../../lib/dates.ts';

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Comparable form of a field value: blanks are null, text trimmed, lists sorted. */
export function normalise(v: unknown): unknown {
  if (isEmpty(v)) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (Array.isArray(v)) return [...v].map(String).sort().join('|');
  return v;
}

export const sameValue = (a: unknown, b: unknown) => normalise(a) === normalise(b);

/**
 * The known parts of a place, each once: a municipality is its own province and city (上海市 上海市,
 * or 上海 上海市), named once; 吉林省 吉林市 are two places and stay.
 */
export function placeParts(parts: readonly (string | null | undefined)[]): string[] {
  const known = parts.map((v) => v?.trim()).filter((v): v is string => !!v);
  return known.filter((v, i) => {
    const next = known[i + 1];
    return next !== v && next !== `${v}市`;
  });
}

/** Where a parent works, as far as known ('' when not: never their status, which is no place). */
export function parentWorkPlace(c: Pick<Child, `${'father' | 'mother'}Work${'Province' | 'City' | 'Address'}`>, p: 'father' | 'mother'): string {
  return placeParts([c[`${p}WorkProvince`], c[`${p}WorkCity`], c[`${p}WorkAddress`]]).join(' ');
}

/** The parents someone may call for the child (the contact card, the archive's 紧急联系): not one who has died. */
export function parentsToCall(c: Pick<Child, 'fatherStatus' | 'motherStatus'>): ('father' | 'mother')[] {
  return (['father', 'mother'] as const).filter((p) => c[`${p}Status`] !== 'deceased');
}

/** The archive form's values, by field. */
export type ChildValues = Partial<Record<ChildFieldKey, unknown>>;

/** An archive as form values: unknown is undefined, dates stay 'YYYY-MM-DD' strings. */
export function toFormValues(child: Child): ChildValues {
  const out: ChildValues = {};
  for (const k of CHILD_FIELD_KEYS) {
    const v = child[k];
    out[k] = v === null ? undefined : v;
  }
  return out;
}

/** The fields whose values differ from the archive as loaded (the school is never edited here). */
export function changedFields(values: ChildValues, base: Child): ChildFieldKey[] {
  return CHILD_FIELD_KEYS.filter((k) => k !== 'schoolId' && !sameValue(values[k], base[k]));
}

/**
 * Tag colours, so that the same flag looks the same on every page. A left-behind type is a category
 * of the archive, not an alarm: blue family (red and orange are for what needs acting on).
 */
export const COLORS = {
  status: { active: 'green', returned: 'blue', transferred: 'purple', left: 'default' } as Record<string, string>,
  leftBehindType: { both: 'blue', father: 'cyan', mother: 'cyan', none: 'default' } as Record<string, string>,
  level: { good: 'green', fair: 'default', attention: 'orange', serious: 'red' } as Record<string, string>,
  difficulty: 'volcano',
  keySupport: 'magenta',
  narrow: 'geekblue',
};

/** Labels of the archive in a language. */
export function childLabels(lang: Lang) {
  const code = (list: CodeListName | 'xuejiCode' | 'dimension' | 'yesNo', value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '';
    const key = `codes.${list}.${String(value)}`;
    const text = translate(lang, key);
    return text === key ? String(value) : text;
  };
  const field = (key: string): string => {
    const k = `childFields.${key}`;
    const text = translate(lang, k);
    return text === k ? key : text;
  };
  /** Any archive value as text ('' when unknown): coded values by their labels, yes/no, lists joined. */
  const value = (key: string, v: unknown): string => {
    if (isEmpty(v)) return '';
    if (key === 'status') return code('childStatus', v as string);
    if (!isChildField(key)) return Array.isArray(v) ? joinList(lang, v) : String(v);
    const meta = CHILD_FIELD_META[key];
    if (meta.kind === 'bool' || typeof v === 'boolean') return code('yesNo', v ? 'yes' : 'no');
    if (meta.kind === 'multi' && Array.isArray(v))
      return joinList(
        lang,
        v.map((x) => (meta.codes ? code(meta.codes, x) : String(x))),
      );
    if (meta.kind === 'enum' && meta.codes) return code(meta.codes, v as string);
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const options = (list: CodeListName) => CODE_LISTS[list].map((v) => ({ value: v, label: code(list, v) }));
  return {
    code,
    field,
    value,
    options,
    group: (g: FieldGroup) => translate(lang, `childGroups.${g}`),
    dimension: (d: string) => code('dimension', d),
    yesNo: (b: boolean | null | undefined) => (b === null || b === undefined ? '' : code('yesNo', b ? 'yes' : 'no')),
    /** The dictionary's list separator ("、" / ", "), for lists joined on a page. */
    sep: translate(lang, 'validation.list_sep'),
    colon: lang === 'zh-CN' ? '：' : ': ',
    /** "张三" → "（张三）" or " (张三)"; nothing for an empty value. */
    paren: (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '' : lang === 'zh-CN' ? `（${v}）` : ` (${v})`),
  };
}

export type ChildLabels = ReturnType<typeof childLabels>;

/** Labels of the archive (shared dictionaries: codes.*, childFields.*, childGroups.*) in the current language. */
export function useChildLabels(): ChildLabels {
  const { lang } = useLang();
  return useMemo(() => childLabels(lang), [lang]);
}

const known = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * What is still missing for each part of "三个清楚" (the same rules as threeClear in the shared
 * package), so that the page can name the fields and link to them.
 */
export function threeClearGaps(c: Partial<Child>): { child: ChildFieldKey[]; parents: ChildFieldKey[]; guardian: ChildFieldKey[] } {
  const child = (['name', 'birthDate', 'address', ...DIMENSIONS.map((d) => `${d}Level`)] as ChildFieldKey[]).filter((k) => !known(c[k]));
  const parents: ChildFieldKey[] = [];
  for (const p of ['father', 'mother'] as const) {
    const status = c[`${p}Status`];
    if (!known(status)) parents.push(`${p}Status`);
    else if (status === 'away') for (const k of ['WorkProvince', 'WorkCity', 'Phone'] as const) if (!known(c[`${p}${k}`])) parents.push(`${p}${k}`);
  }
  const guardian = (['guardianName', 'guardianAddress', 'guardianPhone'] as ChildFieldKey[]).filter((k) => !known(c[k]));
  return { child, parents, guardian };
}

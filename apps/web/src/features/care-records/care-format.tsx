import '../../i18n/care.ts';
import {
  BookOutlined,
  CustomerServiceOutlined,
  GiftOutlined,
  HomeOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { CARE_DETAILS, CARE_KINDS, type CareKind, joinList, type Lang, translate } from '@carebridge/shared';
import { type ReactNode, useMemo } from 'react';
import { z } from 'zod';
import { useLang } from '../../i18n/lang.tsx';

/** Colour and icon of each kind, the same on every page (tags, timeline dots, the kind picker). */
export const KIND_META: Record<CareKind, { color: string; icon: ReactNode }> = {
  talk: { color: '#c2410c', icon: <MessageOutlined /> },
  home_visit: { color: '#389e0d', icon: <HomeOutlined /> },
  family_call: { color: '#1677ff', icon: <PhoneOutlined /> },
  family_letter: { color: '#722ed1', icon: <MailOutlined /> },
  tutoring: { color: '#08979c', icon: <BookOutlined /> },
  counselling: { color: '#c41d7f', icon: <CustomerServiceOutlined /> },
  material_aid: { color: '#d48806', icon: <GiftOutlined /> },
  host_visit: { color: '#5b8c00', icon: <ShopOutlined /> },
};

export const isCareKind = (v: unknown): v is CareKind => typeof v === 'string' && (CARE_KINDS as readonly string[]).includes(v);

/** Which shared option list labels the values of each kind-specific choice field. */
const OPTION_LISTS: Record<string, string> = {
  topics: 'care.topics',
  mood: 'care.moods',
  termPoint: 'care.termPoints',
  mode: 'care.callModes',
  withWhom: 'care.callWith',
  to: 'care.callWith',
  guardianCapacity: 'care.guardianCapacity',
};

/** How a kind-specific field is entered, read off its zod schema in CARE_DETAILS. */
export type DetailSpec =
  | { name: string; type: 'text'; max: number }
  | { name: string; type: 'number'; min: number; max: number; integer: boolean }
  | { name: string; type: 'enum'; options: string[] }
  | { name: string; type: 'multi'; options: string[] }
  | { name: string; type: 'bool' };

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function specOf(name: string, schema: z.ZodType): DetailSpec | null {
  const s = unwrap(schema);
  if (s instanceof z.ZodString) return { name, type: 'text', max: s.maxLength ?? 500 };
  if (s instanceof z.ZodNumber) return { name, type: 'number', min: s.minValue ?? 0, max: s.maxValue ?? 1_000_000, integer: !!s.isInt };
  if (s instanceof z.ZodEnum) return { name, type: 'enum', options: s.options.map(String) };
  if (s instanceof z.ZodBoolean) return { name, type: 'bool' };
  if (s instanceof z.ZodArray) {
    const el = unwrap(s.element as z.ZodType);
    if (el instanceof z.ZodEnum) return { name, type: 'multi', options: el.options.map(String) };
  }
  return null;
}

const SPECS = Object.fromEntries(
  CARE_KINDS.map((k) => [
    k,
    Object.entries(CARE_DETAILS[k].shape as Record<string, z.ZodType>)
      .map(([name, schema]) => specOf(name, schema))
      .filter((s): s is DetailSpec => s !== null),
  ]),
) as Record<CareKind, DetailSpec[]>;

/** The kind's own fields, in the order the shared schema lists them. */
export const detailSpecs = (kind: CareKind): DetailSpec[] => SPECS[kind];

/** Labels of kinds, fields and options in a language (the hook `useCareLabels` in a component). */
export function careLabels(lang: Lang) {
  const look = (key: string, fallback: string) => {
    const text = translate(lang, key);
    return text === key ? fallback : text;
  };
  const option = (field: string, value: unknown) => {
    const list = OPTION_LISTS[field];
    return list ? look(`${list}.${String(value)}`, String(value)) : String(value);
  };
  return {
    // A care-policy rule may also name an activity kind, written `activity.<kind>`.
    kind: (k: string) => (k.startsWith('activity.') ? look(`activities.kinds.${k.slice(9)}`, k) : look(`care.kinds.${k}`, k)),
    field: (f: string) => look(`careFields.${f}`, f),
    option,
    options: (field: string, values: readonly string[]) => values.map((v) => ({ value: v, label: option(field, v) })),
    reason: (r: string) => look(`care.reasons.${r}`, r),
    /** A kind-specific value as text ('' when empty). */
    detail: (spec: DetailSpec, v: unknown): string => {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return '';
      if (spec.type === 'multi' && Array.isArray(v))
        return joinList(
          lang,
          v.map((x) => option(spec.name, x)),
        );
      if (spec.type === 'enum') return option(spec.name, v);
      if (spec.type === 'bool') return look(`codes.yesNo.${v ? 'yes' : 'no'}`, v ? 'yes' : 'no');
      return String(v);
    },
    /** The dictionary's list separator ("、" / ", "), for lists joined on a page. */
    sep: translate(lang, 'validation.list_sep'),
    colon: lang === 'zh-CN' ? '：' : ': ',
  };
}

export type CareLabels = ReturnType<typeof careLabels>;

/** Labels of kinds, fields and options (shared dictionaries care.*, careFields.*) in the current language. */
export function useCareLabels(): CareLabels {
  const { lang } = useLang();
  return useMemo(() => careLabels(lang), [lang]);
}

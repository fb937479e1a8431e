import { inSentence, joinList, type Lang, translate } from '../i18n/index.ts';
import { type CareRule, parentContactOnly } from './policy.ts';

/**
 * A rule in plain words for the policy form and the to-do lists:
 * "每名帮扶对象每月至少谈心 1 次，由帮扶教师负责".
 */
export function describeRule(rule: CareRule, lang: Lang): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `policy.${key}`, params);
  const value = rule.appliesTo.value ?? '';
  const who =
    rule.appliesTo.scope === 'xueji'
      ? t('who.xueji', { code: translate(lang, `codes.xuejiCode.${value}`) })
      : rule.appliesTo.scope === 'age_band'
        ? t('who.age_band', { band: value })
        : rule.appliesTo.scope === 'boarding'
          ? t('who.boarding', { boarding: translate(lang, `codes.boarding.${value || 'boarding'}`) })
          : // Contact with parents away asks nothing of a child with no parent away (\`parentContactOnly\`).
            (rule.appliesTo.scope === 'all' || rule.appliesTo.scope === 'key_support') && parentContactOnly(rule)
            ? t(rule.appliesTo.scope === 'all' ? 'who.left_behind' : 'who.key_support_left_behind')
            : t(`who.${rule.appliesTo.scope}`);
  const c = rule.cadence;
  const when =
    c.type === 'every_days'
      ? t('when.every_days', { days: c.days })
      : c.type === 'term_windows'
        ? t('when.term_windows', {
            points: joinList(
              lang,
              c.windows.map((w) => inSentence(lang, translate(lang, `care.termPoints.${w.point}`))),
            ),
            days: Math.max(...c.windows.map((w) => w.days)),
          })
        : c.type === 'dates'
          ? t('when.dates', {
              dates: joinList(
                lang,
                c.dates.map((d) => festivalLabel(d.label, lang)),
              ),
              days: Math.max(...c.dates.map((d) => d.daysBefore)),
            })
          : t(`when.${c.type}`);
  // An activity is kept by attending it: 至少参加读书活动 1 次, not 至少读书活动 1 次.
  const kinds = rule.kinds
    .map((k) => inSentence(lang, ruleKindLabel(lang, k)))
    .map((label, i) => (rule.kinds[i]?.startsWith('activity.') ? t('attends', { kind: label }) : label))
    .join(t('or'));
  return t('sentence', { who, when, kinds, min: rule.min, responsible: t(`responsible.${rule.responsible}`) });
}

/**
 * Festivals a rule's dates are often named after, in both languages: a rule saved with 五一 reads
 * "before Labour Day" in English, one saved in English reads 五一 in Chinese. Other labels are the
 * school's own words, shown as typed.
 */
export const FESTIVALS: readonly { zh: string; en: string }[] = [
  { zh: '元旦', en: "New Year's Day" },
  { zh: '春节', en: 'Spring Festival' },
  { zh: '元宵', en: 'Lantern Festival' },
  { zh: '清明', en: 'Qingming Festival' },
  { zh: '五一', en: 'Labour Day' },
  { zh: '母亲节', en: "Mother's Day" },
  { zh: '端午', en: 'Dragon Boat Festival' },
  { zh: '六一', en: "Children's Day" },
  { zh: '父亲节', en: "Father's Day" },
  { zh: '七夕', en: 'Qixi Festival' },
  { zh: '中秋', en: 'Mid-Autumn Festival' },
  { zh: '国庆', en: 'National Day' },
  { zh: '重阳', en: 'Double Ninth Festival' },
];
const FESTIVAL_BY_NAME = new Map(
  FESTIVALS.flatMap((f) => [
    [f.zh, f],
    [`${f.zh}节`, f],
    [f.en.toLowerCase(), f],
  ]),
);

/** A date's label in `lang` when it names a known festival (`FESTIVALS`), else as typed. */
export function festivalLabel(label: string, lang: Lang): string {
  const f = FESTIVAL_BY_NAME.get(label.trim()) ?? FESTIVAL_BY_NAME.get(label.trim().toLowerCase());
  return f ? (lang === 'zh-CN' ? f.zh : f.en) : label;
}

/** A rule's kind: a care-record kind, or an activity kind written `activity.<kind>`. */
export function ruleKindLabel(lang: Lang, kind: string): string {
  return kind.startsWith('activity.') ? translate(lang, `activities.kinds.${kind.slice(9)}`) : translate(lang, `care.kinds.${kind}`);
}

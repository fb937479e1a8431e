import '../../i18n/compliance.ts';
import { type CareRule, DEFAULT_RULES, describeRule, festivalLabel, type Lang } from '@carebridge/shared';
import { translateWeb } from '../../i18n/translate.ts';

type Cadence = CareRule['cadence'];
export type CadenceType = Cadence['type'];

const MONTH_DAY = /^(\d{4}-)?\d{2}-\d{2}$/;

/** Whether "05-01" / "2027-06-09" is a real date (the shared schema only checks the shape). */
export function validMonthDay(value: string): boolean {
  if (!MONTH_DAY.test(value)) return false;
  const full = value.length === 10 ? value : `2024-${value}`; // a leap year, so that 02-29 passes
  const d = new Date(`${full}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === full;
}

/** The parameters a cadence type starts with when it is chosen (the seed schools' usual values). */
export function defaultCadence(type: CadenceType, lang: Lang): Cadence {
  switch (type) {
    case 'every_days':
      return { type, days: 14 };
    case 'term_windows':
      return {
        type,
        windows: [
          { point: 'start', days: 21 },
          { point: 'middle', days: 21 },
          { point: 'end', days: 21 },
        ],
      };
    case 'dates':
      return { type, dates: [{ label: lang === 'zh-CN' ? '五一' : 'Labour Day', date: '05-01', daysBefore: 14 }] };
    default:
      return { type };
  }
}

/** A new rule: a monthly talk for every child, by the mentor. */
export function blankRule(): CareRule {
  return { key: 'talk_monthly', kinds: ['talk'], cadence: { type: 'month' }, min: 1, appliesTo: { scope: 'all' }, responsible: 'mentor', active: true };
}

const CADENCE_SUFFIX: Record<CadenceType, (c: Cadence) => string> = {
  month: () => 'monthly',
  every_days: (c) => (c.type === 'every_days' ? `every_${c.days}d` : 'every_days'),
  term: () => 'term',
  term_windows: () => 'term_visits',
  dates: () => 'dates',
};

/** "talk_monthly", "home_visit_term_visits_key_support", made unique with "_2", "_3" … ([a-z0-9_], at most 40). */
export function ruleKeyFor(rule: CareRule, taken: ReadonlySet<string>): string {
  const parts = [rule.kinds[0] ?? 'care', CADENCE_SUFFIX[rule.cadence.type](rule.cadence)];
  if (rule.appliesTo.scope !== 'all') parts.push(rule.appliesTo.scope);
  const base = parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 36);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Whether the rule is complete enough to be read out (the preview waits for kinds, windows and valid dates). */
export function describable(rule: CareRule): boolean {
  const c = rule.cadence;
  if (!rule.kinds.length || !rule.min) return false;
  if (c.type === 'every_days') return !!c.days;
  if (c.type === 'term_windows') return c.windows.length > 0 && c.windows.every((w) => !!w.days);
  if (c.type === 'dates') return c.dates.length > 0 && c.dates.every((d) => d.label.trim() && validMonthDay(d.date));
  return true;
}

/** The rule's plain sentence, or null while it is incomplete. */
export function sentenceOf(rule: CareRule, lang: Lang): string | null {
  if (!describable(rule)) return null;
  try {
    return describeRule(rule, lang);
  } catch {
    return null;
  }
}

/** Fixed-date festivals to add with one click; movable ones (端午, 中秋, 母亲节) need the year's date. */
export const DATE_PRESETS: { zh: string; en: string; date: string }[] = (
  [
    ['元旦', '01-01'],
    ['五一', '05-01'],
    ['六一', '06-01'],
    ['国庆', '10-01'],
  ] as const
).map(([zh, date]) => ({ zh, en: festivalLabel(zh, 'en-US'), date }));

/**
 * Whether a school's rule is still what its built-in namesake is: the same kinds of record, the
 * same kind of cadence and the same children. Other parameters (how many, who, which windows or
 * dates) may change under the same name; a "monthly talk" made fortnightly may not.
 */
function stillBuiltIn(rule: Partial<CareRule>): boolean {
  const builtIn = DEFAULT_RULES.find((r) => r.key === rule.key);
  if (!builtIn || !rule.kinds || !rule.cadence || !rule.appliesTo) return true;
  const kinds = new Set(rule.kinds);
  return (
    kinds.size === new Set(builtIn.kinds).size &&
    builtIn.kinds.every((k) => kinds.has(k)) &&
    rule.cadence.type === builtIn.cadence.type &&
    rule.appliesTo.scope === builtIn.appliesTo.scope
  );
}

/**
 * A rule's short name, or null when it has none: its own label where a rule carries one, else the
 * localised name of a built-in rule ("talk_monthly" → 每月谈心) while the rule is still that rule
 * (`stillBuiltIn`). Never its key.
 */
export function ruleLabel(key: string, lang: Lang, rule?: Pick<CareRule, 'key'> & Partial<CareRule> & { label?: unknown }): string | null {
  if (typeof rule?.label === 'string' && rule.label.trim()) return rule.label.trim();
  if (rule && !stillBuiltIn(rule)) return null;
  const path = `carePolicy.ruleNames.${key}`;
  const name = /^[a-z0-9_]+$/.test(key) ? translateWeb(lang, path) : path;
  return name === path ? null : name;
}

/** What to call a rule for people: its label or built-in name, else its sentence when the rule is known, the key only as the last resort. */
export function ruleName(key: string, lang: Lang, rule?: CareRule): string {
  return ruleLabel(key, lang, rule) ?? (rule ? sentenceOf(rule, lang) : null) ?? key;
}

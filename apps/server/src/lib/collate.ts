/**
 * Chinese order (pinyin, as zh-CN collates) for sorting names. One collator for the process:
 * `a.localeCompare(b, 'zh-CN')` looks the locale up on every call, which made sorting a province's
 * tens of thousands of classes and mentors take seconds.
 */
export const byChinese: (a: string, b: string) => number = new Intl.Collator('zh-CN').compare;

/**
 * Each distinct name's place in Chinese order, for sorting many rows that share few names (a
 * province's classes are tens of thousands of rows but a few hundred names): the collator runs over
 * the distinct names once, the rows compare numbers.
 */
export function chineseRanks(names: Iterable<string>): Map<string, number> {
  return new Map([...new Set(names)].sort(byChinese).map((name, i) => [name, i]));
}

/** Plain code-point order (ids, codes): no collator needed. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

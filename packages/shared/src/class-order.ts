/** The order in which a school lists its classes, for the web's tables and lists and the server's exports alike. */

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "12", "三", "十", "十二" as a number. */
function numberOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.startsWith('十')) return 10 + (CN_DIGITS[text.slice(1)] ?? 0);
  return CN_DIGITS[text] ?? Number.NaN;
}

/**
 * The grade a class name starts with: 三年级1班 and 3年级1班 → 3, 三(1)班 → 3, 初一2班 → 7, 高二1班 → 11;
 * null for 学前班, 没有班级 or any other name without one.
 */
export function gradeOfClassName(name: string): number | null {
  const t = name.trim();
  const upper = /^(初|高)([一二三123])/.exec(t);
  if (upper) return (upper[1] === '初' ? 6 : 9) + numberOf(upper[2] as string);
  const m = /^(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*(?:年级|[(（])/.exec(t);
  return m ? numberOf(m[1] as string) : null;
}

/**
 * A class named with its grade where a list shows both ("一年级 1班"), the grade left out when the name
 * already says it: schools write the full name (一年级1班, 三(2)班, 初一2班), which read "一年级 一年级1班"
 * with the grade's label put before. `gradeLabel` is the grade's label in the reader's language.
 */
export function classWithGrade(klass: { grade: number; name: string }, gradeLabel: string): string {
  const name = klass.name.trim();
  if (gradeOfClassName(name) === klass.grade || name.startsWith(gradeLabel)) return klass.name;
  return `${gradeLabel} ${klass.name}`;
}

/** A class as the API gives it (`grade` set) or only its name (the grade then read from the name). */
export interface ClassLike {
  name: string;
  grade?: number | null | undefined;
}

/**
 * Classes as a school lists them: by grade, then by name with numbers as numbers (一年级1班, 一年级2班,
 * 一年级10班, 二年级1班 …), not in pinyin order (二年级 before 一年级). Names without a grade come last.
 */
export function compareClasses(a: ClassLike, b: ClassLike): number {
  const ga = a.grade ?? gradeOfClassName(a.name) ?? Number.POSITIVE_INFINITY;
  const gb = b.grade ?? gradeOfClassName(b.name) ?? Number.POSITIVE_INFINITY;
  if (ga !== gb) return ga < gb ? -1 : 1;
  return a.name.localeCompare(b.name, 'zh-CN', { numeric: true });
}

/**
 * A compliance breakdown as the server ranks it (lowest rate first, equal rates in pinyin order) with
 * the classes among each run of equal rates put as a school lists them: 一年级1班, 一年级2班, 二年级1班 …
 * Rows that are no class (rules, teachers, schools, 没有班级) keep their order, after the classes of
 * their run. The compliance page and its Excel export both show the rows so.
 */
export function classesInSchoolOrder<R extends { name: string; rate: number | null }>(rows: readonly R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j]?.rate === rows[i]?.rate) j++;
    const run = rows.slice(i, j);
    out.push(...run.filter((r) => gradeOfClassName(r.name) !== null).sort(compareClasses), ...run.filter((r) => gradeOfClassName(r.name) === null));
    i = j;
  }
  return out;
}

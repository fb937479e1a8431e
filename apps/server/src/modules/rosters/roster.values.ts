import { type CodeListName, isIdNumber, isIsoDate, isPhone, normalisePhone, withoutInvisible } from '@carebridge/shared';
import { codeOf, type RosterField } from './roster.columns.ts';

/** A cell's problem: an i18n key and its params. */
export interface CellProblem {
  message: string;
  params?: Record<string, string | number>;
}
export type Parsed = { value: unknown } | { problem: CellProblem } | { empty: true };

/** What ExcelJS gives for a cell value, reduced to plain text or number or date. */
export type CellValue = string | number | boolean | Date | null;

const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Cleaned cell texts: a roster repeats the same short values (是, 祖父母, a class name) thousands of times. */
const cleaned = new Map<string, string>();

/**
 * Text that cleaning leaves as it is: printable ASCII without spaces and CJK unified ideographs only
 * (NFKC keeps both). Most cells of a roster (names, ID and phone numbers, dates, 是, 祖父母) are, and
 * one unique value per child would otherwise churn the cache below.
 */
function plainText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 0x21 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff))) return false;
  }
  return true;
}

/** Non-breaking and ideographic spaces made plain, removed at the ends, inner runs collapsed; zero-width characters dropped (as the archive form drops them). */
export function tidySpaces(v: string): string {
  if (plainText(v)) return v;
  return withoutInvisible(v)
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** For codes, numbers and dates: full-width to half-width (NFKC), and the spaces tidied. */
export function cleanText(v: string): string {
  if (plainText(v)) return v;
  const hit = cleaned.get(v);
  if (hit !== undefined) return hit;
  const out = tidySpaces(v.normalize('NFKC'));
  if (v.length <= 32) {
    if (cleaned.size >= 10_000) cleaned.clear();
    cleaned.set(v, out);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Excel serial day number (1900 system) → YYYY-MM-DD. */
function fromSerial(n: number): string {
  const ms = Math.round((n - 25569) * 86400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date from an Excel date, a serial number, or text such as 2015-03-04, 2015/3/4, 2015.3.4,
 * 2015年3月4日 or 20150304. Month-only text (2020.3, 2020年3月) is the first of the month when allowed.
 */
export function parseDate(v: CellValue, allowMonth = false): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (v >= 19000101 && v <= 21001231 && Number.isInteger(v)) return parseDate(String(v), allowMonth);
    return v > 0 && v < 80000 ? fromSerial(v) : null;
  }
  if (typeof v !== 'string') return null;
  const t = cleanText(v).replace(/\s/g, '');
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) {
    const s = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return isIsoDate(s) ? s : null;
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  if (m && allowMonth && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ymd(Number(m[1]), Number(m[2]), 1);
  return null;
}

/** An ID number from text, or a clear problem when Excel has turned it into a number. */
export function parseIdNumber(v: CellValue): Parsed {
  if (typeof v === 'number') {
    // 18 digits do not fit a double: the last ones are already gone.
    if (!Number.isSafeInteger(v)) return { problem: { message: 'validation.id_number_lost_digits' } };
    v = String(v);
  }
  if (typeof v !== 'string') return { problem: { message: 'validation.id_number' } };
  const t = cleanText(v).replace(/[\s-]/g, '').toUpperCase();
  if (!t) return { empty: true };
  if (/^\d(\.\d+)?E\+?\d+$/.test(t)) return { problem: { message: 'validation.id_number_lost_digits' } };
  if (/^\d{15}000$/.test(t) && !isIdNumber(t)) return { problem: { message: 'validation.id_number_lost_digits' } };
  return isIdNumber(t) ? { value: t } : { problem: { message: 'validation.id_number' } };
}

export function parsePhone(v: CellValue): Parsed {
  const raw = typeof v === 'number' ? String(v) : typeof v === 'string' ? cleanText(v) : '';
  if (!raw) return { empty: true };
  // The archive form's rule (the shared Phone schema): a mobile as its 11 digits, a landline with its dash.
  const phone = normalisePhone(raw);
  return isPhone(phone) ? { value: phone } : { problem: { message: 'validation.phone' } };
}

const YES = new Set(['是', '有', 'y', 'yes', '√', '✓', '1', 'true', '农业', '农村', '已登记', '已委托', '重点']);
const NO = new Set(['否', '无', '没有', 'n', 'no', '×', '0', 'false', '非农业', '城镇', '未登记', '未委托']);

/** The labels of the list's values in the reader's language, joined with joinList ("男、女" / "Male, Female"), for "must be one of" messages. */
export type LabelsOf = (list: CodeListName) => string;

const masked = (v: CellValue) => typeof v === 'string' && /^[\dXx]*\*{2,}[\dXx]*$/.test(cleanText(v).replace(/\s/g, ''));

/** Turn one cell into the value of a field (or a problem). Empty cells are "not given". */
export function parseCell(field: RosterField, kind: string, codes: CodeListName | undefined, v: CellValue, labels: LabelsOf): Parsed {
  if (v === null || v === undefined || (typeof v === 'string' && cleanText(v) === '')) return { empty: true };
  switch (kind) {
    case 'date': {
      const d = parseDate(v, field.endsWith('AwaySince'));
      return d ? { value: d } : { problem: { message: 'validation.date' } };
    }
    // A number masked by CareBridge's own export ("511***********0663") is read as not given: the
    // archive keeps its number, and the child is matched by name and birth date.
    case 'id_number':
      return masked(v) ? { empty: true } : parseIdNumber(v);
    case 'phone':
      return masked(v) ? { empty: true } : parsePhone(v);
    case 'bool': {
      const t = cleanText(String(v)).toLowerCase();
      if (YES.has(t)) return { value: true };
      if (NO.has(t)) return { value: false };
      return { problem: { message: 'validation.yes_no' } };
    }
    case 'int': {
      const n = typeof v === 'number' ? v : Number(cleanText(String(v)).replace(/岁$/, ''));
      return Number.isInteger(n) ? { value: n } : { problem: { message: 'validation.integer' } };
    }
    case 'enum': {
      const text = cleanText(String(v));
      const code = codes ? codeOf(codes, text) : null;
      return code ? { value: code } : { problem: { message: 'validation.choose_one', params: { values: codes ? labels(codes) : '' } } };
    }
    case 'multi': {
      const parts = cleanText(String(v))
        .split(/[,，、;；/\s]+/)
        .filter((p) => p && p !== '无');
      const out: string[] = [];
      for (const p of parts) {
        const code = codes ? codeOf(codes, p) : null;
        if (!code) return { problem: { message: 'validation.choose_one', params: { values: codes ? labels(codes) : '' } } };
        if (!out.includes(code)) out.push(code);
      }
      return { value: out };
    }
    default: {
      // Free text is kept as typed ("，" stays "，"), only its spaces tidied: NFKC is for codes and numbers.
      const text = typeof v === 'number' ? String(v) : v instanceof Date ? v.toISOString().slice(0, 10) : tidySpaces(String(v));
      return text ? { value: text } : { empty: true };
    }
  }
}

/** "广东省深圳市宝安区" → province 广东省, city 深圳市; "广东深圳" → 广东, 深圳. */
export function splitWorkPlace(text: string): { province: string; city: string | null } {
  const t = cleanText(text).replace(/\s/g, '');
  const m = /^(.+?(?:省|自治区|特别行政区))(.+?(?:市|州|盟|地区))?/.exec(t);
  if (m) return { province: m[1] as string, city: m[2] ?? null };
  const muni = /^(北京|上海|天津|重庆)市?/.exec(t);
  if (muni) return { province: `${muni[1]}市`, city: `${muni[1]}市` };
  if (t.length === 4) return { province: t.slice(0, 2), city: t.slice(2) };
  return { province: t, city: null };
}

/** Class names compared loosely: 三年级1班 = 3年级1班 = 三年级（1）班 = 3(1)班. */
export function normaliseClassName(text: string): string {
  return cleanText(text)
    .replace(/[\s（）()]/g, '')
    .replace(/[〇零一二两三四五六七八九]/g, (c) => CN_DIGITS[c] ?? c)
    .replace(/年级/, '.')
    .replace(/班$/, '');
}

/** A grade from 三年级, 3, 初一, 七年级. */
export function parseGrade(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 12 ? v : null;
  if (typeof v !== 'string') return null;
  const t = cleanText(v).replace(/[〇零一二两三四五六七八九]/g, (c) => CN_DIGITS[c] ?? c);
  const junior = /^初(\d)/.exec(t);
  if (junior) return 6 + Number(junior[1]);
  const senior = /^高(\d)/.exec(t);
  if (senior) return 9 + Number(senior[1]);
  const m = /^(\d{1,2})/.exec(t);
  return m ? Number(m[1]) : null;
}

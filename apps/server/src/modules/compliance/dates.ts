/**
 * Calendar arithmetic on YYYY-MM-DD strings (UTC, no time zone surprises), in integers: counting a
 * county works out windows by the hundred thousand, where a `Date` and `toISOString` per step were a
 * tenth of the time (bench/RESULTS.md, session 21). `dates.test.ts` checks them against `Date`.
 */

/** Days since 1970-01-01 of a valid "YYYY-MM-DD" starting at `at` (no Date object, no substring, no closure). */
export function dayNumber(s: string, at = 0): number {
  let y = (s.charCodeAt(at) - 48) * 1000 + (s.charCodeAt(at + 1) - 48) * 100 + (s.charCodeAt(at + 2) - 48) * 10 + (s.charCodeAt(at + 3) - 48);
  const m = (s.charCodeAt(at + 5) - 48) * 10 + (s.charCodeAt(at + 6) - 48);
  const day = (s.charCodeAt(at + 8) - 48) * 10 + (s.charCodeAt(at + 9) - 48);
  // Days from civil (H. Hinnant), exact for the proleptic Gregorian calendar.
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const TWO = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** "YYYY-MM-DD" of a day number (civil from days, H. Hinnant); years 1000–9999. */
export function dayString(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${TWO[m]}-${TWO[d]}`;
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
/** Whether `s` begins "YYYY-MM" in digits. */
const monthShaped = (s: string) =>
  s.length >= 7 && s.charCodeAt(4) === 45 && digit(s, 0) && digit(s, 1) && digit(s, 2) && digit(s, 3) && digit(s, 5) && digit(s, 6);
/** Whether `s` is shaped like a day ("YYYY-MM-DD" in digits); anything else goes through `Date` as before. */
const shaped = (s: string) => {
  if (!(s.length === 10 && monthShaped(s) && s.charCodeAt(7) === 45 && digit(s, 8) && digit(s, 9))) return false;
  const m = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
  const d = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
  // As `Date` reads them: months 1–12, days 1–31 (the 30th of February is the 2nd of March).
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
};

export function addDays(date: string, days: number): string {
  if (shaped(date)) {
    const n = dayNumber(date) + days;
    if (Number.isInteger(n) && n >= -354_285 && n <= 2_932_896) return dayString(n);
  }
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  if (shaped(a) && shaped(b)) return dayNumber(b) - dayNumber(a);
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The last day of the month of "YYYY-MM" (or of a day in it). */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (monthShaped(month) && m >= 1 && m <= 12 && y >= 1000) {
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    return `${month.slice(0, 7)}-${m === 2 && leap ? 29 : MONTH_DAYS[m - 1]}`;
  }
  const [yy, mm] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
}

/** "YYYY-MM" of every month from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * A period cut at month ends: [from, to] within one month is itself; a longer one is its first
 * (maybe partial) month, the whole months between and its last (maybe partial) month.
 */
export function monthSegments(from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let f = from; f <= to; ) {
    const t = minDate(monthEnd(f), to);
    out.push({ from: f, to: t });
    f = addDays(t, 1);
  }
  return out;
}

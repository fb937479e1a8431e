import type { CareRule } from '@carebridge/shared';
import { addDays, dayNumber, daysBetween, maxDate, minDate } from './dates.ts';
import { applies, type DueStatus, type EngineChild, type PolicyInForce, responsibleFor, spans, type Term, type Window, windows } from './engine.ts';

/**
 * The engine's judgement reduced to counting, for compliance rates at county scale: the same
 * windows, the same rules (`applies`, `responsibleFor` and the policy spans are the engine's own),
 * but records arrive as sorted day numbers per child and kind, dates are compared as integers and
 * no item or record list is built. `tally.test.ts` checks it against `tallyItems` on generated data.
 */

/** Each child's records as day numbers: `days[childIndex * kinds.length + kindIndex]`, ascending. */
export interface KindDays {
  kinds: string[];
  days: (number[] | undefined)[];
}

/** Collects records into `KindDays`; kinds outside `kinds` (no rule counts them) are dropped. */
export class KindDaysBuilder {
  readonly days: (number[] | undefined)[];
  private readonly index: Map<string, number>;
  private unsorted = false;

  constructor(
    readonly kinds: string[],
    children: number,
  ) {
    this.index = new Map(kinds.map((k, i) => [k, i]));
    this.days = new Array(children * kinds.length);
  }

  private push(child: number, kind: number, day: number) {
    const slot = child * this.kinds.length + kind;
    const list = this.days[slot];
    if (!list) this.days[slot] = [day];
    else {
      if (day < (list[list.length - 1] as number)) this.unsorted = true;
      list.push(day);
    }
  }

  add(child: number, kind: string, date: string) {
    const k = this.index.get(kind);
    if (k !== undefined) this.push(child, k, dayNumber(date));
  }

  /** A child's records as one string of kind + date pairs ("talk2026-11-03home_visit2026-11-05…"), as SQL's group_concat builds it. */
  addPacked(child: number, packed: string) {
    const kinds = this.kinds;
    let p = 0;
    while (p < packed.length) {
      let k = -1;
      for (let i = 0; i < kinds.length; i++) {
        const name = kinds[i] as string;
        const c = packed.charCodeAt(p + name.length);
        if (c >= 48 && c <= 57 && packed.startsWith(name, p)) {
          k = i;
          break;
        }
      }
      // Kind names have no digits: the date starts at the first digit.
      let q = p;
      if (k >= 0) q = p + (kinds[k] as string).length;
      else while (q < packed.length && (packed.charCodeAt(q) < 48 || packed.charCodeAt(q) > 57)) q++;
      if (k >= 0) this.push(child, k, dayNumber(packed, q));
      p = q + 10;
    }
  }

  build(): KindDays {
    if (this.unsorted) for (const list of this.days) if (list && list.length > 1) list.sort((a, b) => a - b);
    return { kinds: this.kinds, days: this.days };
  }
}

export interface TallyInput {
  /** Policy versions of one school, any order. */
  policies: PolicyInForce[];
  children: EngineChild[];
  records: KindDays;
  terms: Term[];
  today: string;
  /** Items whose window ends in [from, to] (each item belongs to the period its window ends in). */
  from: string;
  to: string;
  /** `${childId}|${ruleKey}|${windowStart}` → reason. */
  excuses?: Map<string, string>;
  /**
   * Where the windows of each rule are kept when the same school is counted for several parts of a
   * longer period: computed once for `widest` (which holds every part) and filtered per part, which
   * gives the same windows in the same order (`windows` builds them on fixed grids: months, terms,
   * days from a fixed Monday, and keeps those overlapping the range, sorted by start).
   */
  windowMemo?: { widest: { from: string; to: string }; byRule: Map<CareRule, Window[]> };
}

/** Statuses by code, as `tally` reports them. */
export const STATUS_CODES: readonly DueStatus[] = ['done', 'due', 'overdue', 'upcoming', 'excused'];
const DONE = 0;
const DUE = 1;
const OVERDUE = 2;
const UPCOMING = 3;
const EXCUSED = 4;
/**
 * Done while its window is still open (today is not past its end): done, but not yet judged — an
 * item falls due the day after its window ends — so a rate leaves it out (cache.ts `EARLY`).
 */
export const DONE_EARLY = 5;

/** `status` indexes STATUS_CODES, or is `DONE_EARLY`. */
export type TallyVisit = (rule: CareRule, child: number, responsibleUserId: string | null, status: number) => void;

/** Number of entries of the ascending `list` in [lo, hi]. */
function countIn(list: number[], lo: number, hi: number): number {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((list[mid] as number) < lo) a = mid + 1;
    else b = mid;
  }
  let c = a;
  b = list.length;
  while (c < b) {
    const mid = (c + b) >> 1;
    if ((list[mid] as number) <= hi) c = mid + 1;
    else b = mid;
  }
  return c - a;
}

const NEVER = Number.MAX_SAFE_INTEGER;
/** How far before the period windows are looked for (a window ending in the period may start long before). */
const LOOKBACK = 400;

interface DayWindow {
  w: Window;
  start: number;
  end: number;
  /** The latest arrival that still counts (the engine's `prepare`). */
  arrivedBy: number;
  /** The day whose mentor is responsible: today, held inside the window (the engine's `responsibleFor`). */
  on: string;
}

/** The mentor paired with the child on `on`: the engine's first choice, without a closure per item. */
function mentorOn(c: EngineChild, on: string): string | undefined {
  for (const p of c.pairings) if (p.start <= on && (!p.end || p.end >= on)) return p.mentorId;
  return undefined;
}

/** Every child, rule and window ending in the period, judged and counted; the visit order is the engine's. */
export function tally(input: TallyInput, visit: TallyVisit): void {
  const todayStr = input.today;
  const today = dayNumber(todayStr);
  const K = input.records.kinds.length;
  const kindIndex = new Map(input.records.kinds.map((k, i) => [k, i]));
  const days = input.records.days;
  const n = input.children.length;
  const activeFrom = new Float64Array(n);
  const activeTo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = input.children[i] as EngineChild;
    activeFrom[i] = dayNumber(c.activeFrom);
    activeTo[i] = c.activeTo ? dayNumber(c.activeTo) : NEVER;
  }
  const excuses = input.excuses?.size ? input.excuses : null;
  for (const span of spans(input.policies)) {
    const from = maxDate(input.from, span.from);
    if (from > input.to) continue;
    for (const rule of span.rules) {
      // The engine's windows, of those starting in this span the ones ending in the period.
      const memo = input.windowMemo;
      let all = memo?.byRule.get(rule);
      if (memo && !all) {
        all = windows(rule, input.terms, addDays(memo.widest.from, -LOOKBACK), memo.widest.to);
        memo.byRule.set(rule, all);
      }
      const ws: DayWindow[] = (all ?? windows(rule, input.terms, maxDate(span.from, addDays(from, -LOOKBACK)), input.to))
        .filter((w) => w.start >= span.from && w.start <= span.to && w.end >= input.from && w.end <= input.to)
        .map((w) => {
          const len = daysBetween(w.start, w.end) + 1;
          const end = dayNumber(w.end);
          return { w, start: dayNumber(w.start), end, arrivedBy: end - (Math.min(7, len) - 1), on: minDate(maxDate(todayStr, w.start), w.end) };
        });
      if (!ws.length) continue;
      const kinds = [...new Set(rule.kinds)].map((k) => kindIndex.get(k)).filter((k): k is number => k !== undefined);
      const k0 = kinds.length === 1 ? (kinds[0] as number) : -1;
      const byAge = rule.appliesTo.scope === 'age_band';
      const mentor = rule.responsible === 'mentor';
      for (let ci = 0; ci < n; ci++) {
        const c = input.children[ci] as EngineChild;
        // Only the age band depends on the day; other scopes are the child's for every window.
        if (!byAge && !applies(rule, c, '')) continue;
        const from = activeFrom[ci] as number;
        const to = activeTo[ci] as number;
        const single = k0 >= 0 ? days[ci * K + k0] : undefined;
        for (let wi = 0; wi < ws.length; wi++) {
          const x = ws[wi] as DayWindow;
          // In the archive at the window's end and for at least a week of it (the engine's `activeFor`).
          if (to < x.end || from > x.arrivedBy) continue;
          if (byAge && !applies(rule, c, x.w.end)) continue;
          let count = 0;
          if (k0 >= 0) {
            if (single) count = countIn(single, x.start, x.end);
          } else
            for (const k of kinds) {
              const list = days[ci * K + k];
              if (list) count += countIn(list, x.start, x.end);
            }
          let status: number;
          if (count >= rule.min) status = today > x.end ? DONE : DONE_EARLY;
          else if (excuses?.get(`${c.id}|${rule.key}|${x.w.start}`)) status = EXCUSED;
          else status = today > x.end ? OVERDUE : today >= x.start ? DUE : UPCOMING;
          const responsible = mentor ? (mentorOn(c, x.on) ?? responsibleFor(rule, c, x.w, todayStr)) : responsibleFor(rule, c, x.w, todayStr);
          visit(rule, ci, responsible, status);
        }
      }
    }
  }
}

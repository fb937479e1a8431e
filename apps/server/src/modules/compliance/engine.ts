import { ageBand, type CareRule, parentContactOnly } from '@carebridge/shared';
import { addDays, daysBetween, maxDate, minDate, monthEnd, monthsBetween } from './dates.ts';

export interface EngineChild {
  id: string;
  classTeacherId: string | null;
  keySupport: boolean;
  boarding: string | null;
  xuejiCode: number;
  birthDate: string;
  /** In the archive (and left-behind) from this date … */
  activeFrom: string;
  /** … until this date, or still. */
  activeTo: string | null;
  pairings: { mentorId: string; start: string; end: string | null }[];
}

export interface EngineRecord {
  id: string;
  kind: string;
  date: string;
}

export interface PolicyInForce {
  effectiveFrom: string;
  rules: CareRule[];
}

export interface Term {
  start: string;
  end: string;
}

export type DueStatus = 'done' | 'due' | 'overdue' | 'upcoming' | 'excused';

export interface DueItem {
  childId: string;
  ruleKey: string;
  rule: CareRule;
  windowStart: string;
  windowEnd: string;
  responsible: CareRule['responsible'];
  responsibleUserId: string | null;
  required: number;
  count: number;
  status: DueStatus;
  satisfiedBy: string[];
  excuse: string | null;
}

export interface EngineInput {
  /** Policy versions of one school, any order. */
  policies: PolicyInForce[];
  children: EngineChild[];
  /** Each child's records, any order. */
  records: Map<string, EngineRecord[]>;
  terms: Term[];
  today: string;
  /** Items whose window overlaps [from, to]. */
  from: string;
  to: string;
  /** `${childId}|${ruleKey}|${windowStart}` → reason. */
  excuses?: Map<string, string>;
}

export interface Window {
  start: string;
  end: string;
}

const MIN_MONTH_WINDOW = 7;
const EPOCH = '2000-01-03';

/** A term's window at one point (期初, 期中, 期末) of `days` days: its first days, its middle ones, its last. */
export function termPointWindow(t: Window, w: { point: 'start' | 'middle' | 'end'; days: number }): Window {
  const len = daysBetween(t.start, t.end) + 1;
  const d = Math.min(w.days, len);
  if (w.point === 'start') return { start: t.start, end: addDays(t.start, d - 1) };
  if (w.point === 'end') return { start: addDays(t.end, -(d - 1)), end: t.end };
  const s = addDays(t.start, Math.floor(len / 2) - Math.floor(d / 2));
  return { start: s, end: addDays(s, d - 1) };
}

/** Where a rule falls due between two dates; monthly and every-N-days rules only inside terms (holidays are free). */
export function windows(rule: CareRule, terms: Term[], from: string, to: string): Window[] {
  const c = rule.cadence;
  const out: Window[] = [];
  // Without terms the school's calendar is unknown: months and every-N-days still fall due (aligned to a
  // fixed Monday so windows do not move with the question), term rules do not.
  const overlapping = terms.filter((t) => t.end >= from && t.start <= to);
  switch (c.type) {
    case 'month':
      for (const m of monthsBetween(from, to)) {
        const ms = `${m}-01`;
        const me = monthEnd(ms);
        for (const t of terms.length ? terms : [{ start: ms, end: me }]) {
          if (t.end < ms || t.start > me) continue;
          const w = { start: maxDate(ms, t.start), end: minDate(me, t.end) };
          // A month the term only touches (a few days) is not a month of care.
          if (daysBetween(w.start, w.end) + 1 >= MIN_MONTH_WINDOW || (w.start === ms && w.end === me)) out.push(w);
        }
      }
      break;
    case 'every_days':
      for (const t of terms.length ? overlapping : [{ start: addDays(EPOCH, Math.floor(daysBetween(EPOCH, from) / c.days) * c.days), end: to }]) {
        for (let s = t.start; s <= t.end; s = addDays(s, c.days)) {
          const e = terms.length ? minDate(addDays(s, c.days - 1), t.end) : addDays(s, c.days - 1);
          if (daysBetween(s, e) + 1 >= Math.ceil(c.days / 2)) out.push({ start: s, end: e });
        }
      }
      break;
    case 'term':
      for (const t of overlapping) out.push({ start: t.start, end: t.end });
      break;
    case 'term_windows':
      for (const t of overlapping) for (const w of c.windows) out.push(termPointWindow(t, w));
      break;
    case 'dates':
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
        for (const d of c.dates) {
          const date = d.date.length === 10 ? d.date : `${y}-${d.date}`;
          if (d.date.length === 10 && Number(d.date.slice(0, 4)) !== y) continue;
          out.push({ start: addDays(date, -d.daysBefore), end: date });
        }
      }
      break;
  }
  return out.filter((w) => w.end >= from && w.start <= to).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * Whether a rule applies to a child (on the window's last day, for the age band). A rule counting
 * only contact with parents away asks nothing of a child with no parent away (`parentContactOnly`).
 */
export function applies(rule: CareRule, c: EngineChild, on: string): boolean {
  if (c.xuejiCode === 0 && parentContactOnly(rule)) return false;
  const v = rule.appliesTo.value;
  switch (rule.appliesTo.scope) {
    case 'all':
      return true;
    case 'key_support':
      return c.keySupport;
    case 'boarding':
      return c.boarding === (v || 'boarding');
    case 'host':
      return c.boarding === 'host';
    case 'xueji':
      return v ? c.xuejiCode === Number(v) : c.xuejiCode > 0;
    case 'age_band':
      return ageBand(c.birthDate, on) === v;
  }
}

/** A window with the latest arrival date that still counts: in the archive for at least a week of it (or all of a shorter one). */
interface PreparedWindow extends Window {
  arrivedBy: string;
}

function prepare(w: Window): PreparedWindow {
  const len = daysBetween(w.start, w.end) + 1;
  return { ...w, arrivedBy: addDays(w.end, -(Math.min(7, len) - 1)) };
}

/** A child counts for a window when in the archive at its end and for at least a week of it. */
function activeFor(c: EngineChild, w: PreparedWindow): boolean {
  if (c.activeTo && c.activeTo < w.end) return false;
  return c.activeFrom <= w.arrivedBy;
}

/**
 * Who an item falls to: the class teacher, nobody (the counsellor's are the school's), or the mentor
 * paired on the day that matters (today, held inside the window). With none paired that day, a window
 * over or not yet begun goes to the last mentor whose pairing overlaps it; a window running today goes
 * to nobody: its mentor left (an account deactivated ends its pairings) and the item waits for a new one.
 */
export function responsibleFor(rule: CareRule, c: EngineChild, w: Window, today: string): string | null {
  if (rule.responsible === 'class_teacher') return c.classTeacherId;
  if (rule.responsible === 'counsellor') return null;
  const on = minDate(maxDate(today, w.start), w.end);
  const now = c.pairings.find((p) => p.start <= on && (!p.end || p.end >= on));
  if (now) return now.mentorId;
  if (on === today) return null;
  const overlapping = c.pairings.filter((p) => p.start <= w.end && (!p.end || p.end >= w.start)).sort((a, b) => (a.start < b.start ? 1 : -1));
  return overlapping[0]?.mentorId ?? null;
}

/** The rules in force for windows starting in each policy version's span (past periods keep their rules). */
export function spans(policies: PolicyInForce[]): { from: string; to: string; rules: CareRule[] }[] {
  const sorted = [...policies].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return sorted.map((p, i) => ({
    from: i === 0 ? '0000-01-01' : p.effectiveFrom,
    to: i + 1 < sorted.length ? addDays((sorted[i + 1] as PolicyInForce).effectiveFrom, -1) : '9999-12-31',
    rules: p.rules.filter((r) => r.active !== false),
  }));
}

/**
 * The versions that windows ending by `to` are judged under (see `spans`): each in force on or before
 * `to`, and the earliest, whose rules reach back before it. A version starting after `to` changes only
 * windows starting after it, so the items of a period ending by `to` do not depend on it: a new policy
 * (never in the past) leaves the months before it as they were counted.
 */
export function versionsBy(policies: PolicyInForce[], to: string): PolicyInForce[] {
  let first = '9999-12-31';
  for (const p of policies) if (p.effectiveFrom < first) first = p.effectiveFrom;
  const upTo = to > first ? to : first;
  return policies.filter((p) => p.effectiveFrom <= upTo);
}

/** One judged (child, rule, window), before it is dressed as a DueItem. */
/** `hits()` lists the window's records; counting does not need the list, so it is built only when asked. */
type Visit = (rule: CareRule, c: EngineChild, w: PreparedWindow, status: DueStatus, hits: () => EngineRecord[], excuse: string | null) => void;

/** First index in date-sorted records whose date is ≥ `date` (binary search). */
function firstOnOrAfter(recs: EngineRecord[], date: string): number {
  let lo = 0;
  let hi = recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((recs[mid] as EngineRecord).date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose date is > `date`. */
function firstAfter(recs: EngineRecord[], date: string): number {
  let lo = 0;
  let hi = recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((recs[mid] as EngineRecord).date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The engine's one loop: every child, rule and window in the period, judged. */
function judge(input: EngineInput, visit: Visit): void {
  for (const span of spans(input.policies)) {
    const from = maxDate(input.from, span.from);
    if (from > input.to) continue;
    for (const rule of span.rules) {
      // Windows starting in this span (a window may reach back before `from`).
      const ws = windows(rule, input.terms, maxDate(span.from, addDays(from, -400)), input.to)
        .filter((w) => w.start >= span.from && w.start <= span.to && w.end >= input.from)
        .map(prepare);
      if (!ws.length) continue;
      const kinds = new Set<string>(rule.kinds);
      for (const c of input.children) {
        // This child's records of the rule's kinds, by date, once per rule.
        const recs = (input.records.get(c.id) ?? []).filter((r) => kinds.has(r.kind));
        if (recs.length > 1) recs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
        for (const w of ws) {
          if (!activeFor(c, w) || !applies(rule, c, w.end)) continue;
          // Records are sorted by date: the window's are one contiguous run, found by two binary searches.
          const a = recs.length ? firstOnOrAfter(recs, w.start) : 0;
          const b = recs.length ? firstAfter(recs, w.end) : 0;
          const count = b - a;
          const excuse = input.excuses?.size ? (input.excuses.get(`${c.id}|${rule.key}|${w.start}`) ?? null) : null;
          const status: DueStatus =
            count >= rule.min ? 'done' : excuse ? 'excused' : input.today > w.end ? 'overdue' : input.today >= w.start ? 'due' : 'upcoming';
          visit(rule, c, w, status, () => recs.slice(a, b), excuse);
        }
      }
    }
  }
}

/**
 * The care due for each child under the school's rules: one item per child, rule and window, with
 * who is responsible and whether records satisfy it. Pure: everything comes in, nothing is read.
 */
export function dueItems(input: EngineInput, onItem?: (item: DueItem) => void): DueItem[] {
  const out: DueItem[] = [];
  const emit = onItem ?? ((i: DueItem) => out.push(i));
  judge(input, (rule, c, w, status, hitsOf, excuse) => {
    const hits = hitsOf();
    emit({
      childId: c.id,
      ruleKey: rule.key,
      rule,
      windowStart: w.start,
      windowEnd: w.end,
      responsible: rule.responsible,
      responsibleUserId: responsibleFor(rule, c, w, input.today),
      required: rule.min,
      count: hits.length,
      status,
      satisfiedBy: status === 'done' ? hits.slice(0, rule.min).map((h) => h.id) : hits.map((h) => h.id),
      excuse,
    });
  });
  return out;
}

/**
 * The same judgement without building items, for counting at county scale: the callback gets the
 * rule, the child, the window's end, the responsible user and the status.
 */
export function tallyItems(
  input: EngineInput,
  onItem: (rule: CareRule, child: EngineChild, windowEnd: string, responsibleUserId: string | null, status: DueStatus) => void,
): void {
  judge(input, (rule, c, w, status) => onItem(rule, c, w.end, responsibleFor(rule, c, w, input.today), status));
}

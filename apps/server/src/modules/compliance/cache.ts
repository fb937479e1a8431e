import type { CareRule } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import type { TallyLoaded } from './load.ts';
import { PolicyService } from './policy.service.ts';
import { tally } from './tally.ts';

/**
 * One school's compliance counts for one period, as `compliance()` merges them into a report:
 * counts by status code (STATUS_CODES order, the total last), groups in the order of their first
 * item, so that merging schools in report order gives exactly the groups (and order) of counting
 * all schools in one pass. Names that depend on the language are resolved at merge time.
 */
export interface SchoolTally {
  overall: Float64Array;
  rules: { key: string; rule: CareRule; n: Float64Array }[];
  /** Class id ('' for none) and its name (null: none, the caller's "no class"). */
  classes: { id: string; name: string | null; n: Float64Array }[];
  /** Responsible user id ('' for none). */
  mentors: { id: string; n: Float64Array }[];
}

/** One item of status `code` in counts kept by status code. */
export function count(n: Float64Array, code: number) {
  n[code] = (n[code] as number) + 1;
  n[5] = (n[5] as number) + 1;
}

/** Count a school's items falling due in [from, to] (`tally`), grouped as the report groups them. */
export function tallySchool(l: TallyLoaded, today: string, from: string, to: string): SchoolTally {
  const out: SchoolTally = { overall: new Float64Array(6), rules: [], classes: [], mentors: [] };
  const rules = new Map<string, Float64Array>();
  const classes = new Map<string, Float64Array>();
  const mentors = new Map<string, Float64Array>();
  // Looked up once per rule, child and mentor run rather than per item.
  let lastRule: CareRule | null = null;
  let ruleN = out.overall;
  const classN: (Float64Array | undefined)[] = new Array(l.children.length);
  let lastMentor: string | null | undefined;
  let mentorN = out.overall;
  tally(
    { policies: PolicyService.forEngine(l.policy), children: l.children, records: l.records, terms: l.terms, today, from, to, excuses: l.excuses },
    (rule, child, responsibleUserId, status) => {
      if (rule !== lastRule) {
        lastRule = rule;
        let n = rules.get(rule.key);
        if (!n) {
          n = new Float64Array(6);
          rules.set(rule.key, n);
          out.rules.push({ key: rule.key, rule, n });
        }
        ruleN = n;
      }
      let classCounts = classN[child];
      if (!classCounts) {
        const classId = l.classIds[child] ?? null;
        const id = classId ?? '';
        classCounts = classes.get(id);
        if (!classCounts) {
          classCounts = new Float64Array(6);
          classes.set(id, classCounts);
          out.classes.push({ id, name: (classId && l.classNames.get(classId)) || null, n: classCounts });
        }
        classN[child] = classCounts;
      }
      if (responsibleUserId !== lastMentor) {
        lastMentor = responsibleUserId;
        const id = responsibleUserId ?? '';
        let n = mentors.get(id);
        if (!n) {
          n = new Float64Array(6);
          mentors.set(id, n);
          out.mentors.push({ id, n });
        }
        mentorN = n;
      }
      count(out.overall, status);
      count(ruleN, status);
      count(classCounts, status);
      count(mentorN, status);
    },
  );
  return out;
}

interface Entry {
  stamp: number;
  policy: string;
  tally: SchoolTally;
}

/**
 * Tallies of schools by (school, period, today for a period not yet over), each valid for the school's change stamp and policy
 * it was computed under. The stamp is read from the database on every request (`stamps`), so an
 * entry is used only while nothing the tally reads has been written since, whichever process or
 * path wrote it. In-process and bounded (least recently used out first).
 */
export class TallyCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private max = 4000) {}

  /** Room for at least `entries` (the pre-warming makes room for every school's usual periods). */
  reserve(entries: number) {
    this.max = Math.max(this.max, entries);
  }

  /**
   * A period over before today is judged the same whatever day today is (every window in it has
   * ended: done, overdue or excused), so its tallies outlive midnight; an open period's depend on
   * today (due or overdue, upcoming, whose mentor is responsible).
   */
  private static key(schoolId: string, from: string, to: string, today: string) {
    return `${schoolId}|${from}|${to}|${to < today ? 'closed' : today}`;
  }

  get(schoolId: string, from: string, to: string, today: string, stamp: number, policy: string): SchoolTally | undefined {
    const key = TallyCache.key(schoolId, from, to, today);
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp || e.policy !== policy) {
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.tally;
  }

  set(schoolId: string, from: string, to: string, today: string, stamp: number, policy: string, tally: SchoolTally) {
    const key = TallyCache.key(schoolId, from, to, today);
    this.entries.delete(key);
    this.entries.set(key, { stamp, policy, tally });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear() {
    this.entries.clear();
  }
}

/** Schools per stamp query, well inside both dialects' parameter limits. */
const CHUNK = 500;

/** The schools' change stamps (0 for a school never written to since the stamps exist). */
export async function stamps(db: Tx, schoolIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < schoolIds.length; i += CHUNK) {
    const ids = schoolIds.slice(i, i + CHUNK);
    for (const r of await db.selectFrom('compliance_stamps').select(['school_id', 'stamp']).where('school_id', 'in', ids).execute())
      out.set(r.school_id, Number(r.stamp));
  }
  return out;
}

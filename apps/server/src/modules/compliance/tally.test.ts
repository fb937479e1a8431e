import { type CareRule, DEFAULT_RULES } from '@carebridge/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, monthSegments } from './dates.ts';
import { type DueStatus, type EngineChild, type EngineRecord, type PolicyInForce, type Term, tallyItems, type Window } from './engine.ts';
import { DONE_EARLY, KindDaysBuilder, STATUS_CODES, tally } from './tally.ts';

/**
 * The counting fast path must judge exactly as the engine: on generated schools (children entering
 * and leaving mid-period, pairing changes, policy versions, term breaks, excuses, records of kinds no
 * rule counts) both produce the same items, in the same order, with the same responsible and status.
 */

const day = (n: number) => addDays('2025-06-01', n);
const date = fc.integer({ min: 0, max: 700 }).map(day);
const kind = fc.constantFrom('talk', 'family_call', 'family_letter', 'home_visit', 'tutoring', 'activity.parent_meeting');

const termSets: Term[][] = [
  [],
  [
    { start: '2025-09-01', end: '2026-01-20' },
    { start: '2026-02-24', end: '2026-07-10' },
    { start: '2026-09-01', end: '2027-01-22' },
  ],
  // A short term and one starting mid-month.
  [
    { start: '2025-09-15', end: '2025-10-03' },
    { start: '2026-03-04', end: '2026-06-30' },
  ],
];

const variants: ((r: CareRule) => CareRule)[] = [
  (r) => r,
  (r) => ({ ...r, min: r.min + 1 }),
  (r) => (r.key === 'key_support_talk' ? { ...r, cadence: { type: 'every_days', days: 10 }, appliesTo: { scope: 'boarding', value: 'boarding' } } : r),
  (r) => (r.key === 'talk_monthly' ? { ...r, appliesTo: { scope: 'age_band', value: '6-13' }, responsible: 'class_teacher' } : r),
  (r) => (r.key === 'home_visit_term' ? { ...r, kinds: ['home_visit', 'activity.parent_meeting'] as CareRule['kinds'], cadence: { type: 'term' } } : r),
  (r) => (r.key === 'family_contact_monthly' ? { ...r, appliesTo: { scope: 'xueji', value: '1' }, responsible: 'counsellor', active: r.active } : r),
  (r) => (r.key === 'festival_letter' ? { ...r, active: false } : { ...r, appliesTo: { scope: 'host' } }),
];

const childArb = fc.record({
  keySupport: fc.boolean(),
  boarding: fc.constantFrom('boarding', 'day', 'host', null),
  xuejiCode: fc.constantFrom(0, 1, 2),
  birthDate: fc.constantFrom('2010-05-01', '2013-09-01', '2016-03-04', '2020-12-31'),
  activeFrom: date,
  leaves: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  pairings: fc.array(
    fc.record({ mentor: fc.constantFrom('m1', 'm2', 'm3'), start: date, length: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }) }),
    { maxLength: 3 },
  ),
  records: fc.array(fc.record({ kind, date, withdrawn: fc.boolean() }), { maxLength: 30 }),
});

const schoolArb = fc.record({
  children: fc.array(childArb, { minLength: 1, maxLength: 6 }),
  terms: fc.constantFrom(...termSets),
  versions: fc.array(fc.record({ from: date, variant: fc.integer({ min: 0, max: variants.length - 1 }) }), { maxLength: 2 }),
  today: date,
  from: date,
  length: fc.integer({ min: 0, max: 400 }),
  excuseEvery: fc.integer({ min: 0, max: 4 }),
});

type School = typeof schoolArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: School) {
  const children: EngineChild[] = s.children.map((c, i) => ({
    id: `c${i}`,
    classTeacherId: i % 2 ? 't1' : null,
    keySupport: c.keySupport,
    boarding: c.boarding,
    xuejiCode: c.xuejiCode,
    birthDate: c.birthDate,
    activeFrom: c.activeFrom,
    activeTo: c.leaves === null ? null : addDays(c.activeFrom, c.leaves),
    pairings: c.pairings.map((p) => ({ mentorId: p.mentor, start: p.start, end: p.length === null ? null : addDays(p.start, p.length) })),
  }));
  const policies: PolicyInForce[] = [
    { effectiveFrom: '2000-01-01', rules: DEFAULT_RULES },
    ...s.versions.map((v) => ({ effectiveFrom: v.from, rules: DEFAULT_RULES.map(variants[v.variant] as (r: CareRule) => CareRule) })),
  ];
  // Withdrawn records never reach either path (the loaders leave them out).
  const records = new Map<string, EngineRecord[]>();
  s.children.forEach((c, i) => {
    records.set(
      `c${i}`,
      c.records.filter((r) => !r.withdrawn).map((r, j) => ({ id: `r${i}-${j}`, kind: r.kind, date: r.date })),
    );
  });
  const from = s.from;
  const to = addDays(s.from, s.length);
  const excuses = new Map<string, string>();
  if (s.excuseEvery)
    for (let i = 0; i < children.length; i += s.excuseEvery)
      for (const key of ['talk_monthly', 'home_visit_term', 'key_support_talk'])
        for (let m = 0; m < 24; m++) excuses.set(`c${i}|${key}|${addDays('2025-06-01', m * 30).slice(0, 7)}-01`, '住院');
  return { children, policies, records, terms: s.terms, today: s.today, from, to, excuses };
}

/** A status as both paths give it: the engine's, and `done_early` for done while the window is open. */
type Row = [string, string, string | null, DueStatus | 'done_early'];

function reference(x: ReturnType<typeof build>): Row[] {
  const out: Row[] = [];
  tallyItems(x, (rule, c, windowEnd, responsible, status) => {
    if (windowEnd >= x.from && windowEnd <= x.to) out.push([rule.key, c.id, responsible, status === 'done' && windowEnd >= x.today ? 'done_early' : status]);
  });
  return out;
}

function fast(x: ReturnType<typeof build>, packed: boolean, byMonth = false): Row[] {
  const kinds = [...new Set(x.policies.flatMap((p) => p.rules.flatMap((r) => r.kinds)))];
  const b = new KindDaysBuilder(kinds, x.children.length);
  x.children.forEach((c, i) => {
    const recs = x.records.get(c.id) ?? [];
    if (packed) {
      // As SQL's group_concat returns them: one string per child, in no particular order.
      const s = [...recs]
        .reverse()
        .map((r) => `${r.kind}${r.date}`)
        .join('');
      if (s) b.addPacked(i, s);
    } else for (const r of recs) b.add(i, r.kind, r.date);
  });
  const out: Row[] = [];
  const records = b.build();
  const visit = (rule: CareRule, ci: number, responsible: string | null, status: number) =>
    out.push([rule.key, (x.children[ci] as EngineChild).id, responsible, status === DONE_EARLY ? 'done_early' : (STATUS_CODES[status] as DueStatus)]);
  if (!byMonth) tally({ ...x, records }, visit);
  else {
    // As the compliance cache counts a long period: month by month, the windows worked out once.
    const windowMemo = { widest: { from: x.from, to: x.to }, byRule: new Map<CareRule, Window[]>() };
    for (const p of monthSegments(x.from, x.to)) tally({ ...x, records, from: p.from, to: p.to, windowMemo }, visit);
  }
  return out;
}

describe('tally (the counting fast path)', () => {
  it('unpacks group_concat strings, dropping kinds no rule counts', () => {
    const b = new KindDaysBuilder(['talk', 'family_call'], 2);
    b.addPacked(1, 'tutoring2026-01-05talk2026-03-02family_call2026-01-01talk2026-01-09');
    const k = b.build();
    // Child 0 has none; child 1's tutoring is dropped, the rest sorted by day.
    expect([k.days[0], k.days[1]]).toEqual([undefined, undefined]);
    expect(k.days[1 * 2 + 0]).toEqual([dayNumber('2026-01-09'), dayNumber('2026-03-02')]);
    expect(k.days[1 * 2 + 1]).toEqual([dayNumber('2026-01-01')]);
  });

  it('judges every item as the engine does, on generated schools', () => {
    fc.assert(
      fc.property(schoolArb, fc.boolean(), (s, packed) => {
        const x = build(s);
        expect(fast(x, packed)).toEqual(reference(x));
      }),
      { numRuns: 400 },
    );
  });

  it('counts a period month by month (windows worked out once) to the same items as in one pass', () => {
    const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
    fc.assert(
      fc.property(schoolArb, (s) => {
        const x = build(s);
        expect(sorted(fast(x, true, true))).toEqual(sorted(fast(x, true)));
      }),
      { numRuns: 400 },
    );
  });

  it('covers the statuses and the responsible of a realistic school year', () => {
    // A fixed case with every status, so that a generator drifting to trivial inputs cannot hide a difference.
    const x = build({
      children: [
        { keySupport: true, boarding: 'boarding', xuejiCode: 1, birthDate: '2016-03-04', activeFrom: '2025-08-20', leaves: null, pairings: [], records: [] },
        {
          keySupport: false,
          boarding: 'host',
          xuejiCode: 2,
          birthDate: '2013-09-01',
          activeFrom: '2025-10-10',
          leaves: 300,
          pairings: [
            { mentor: 'm1', start: '2025-09-01', length: 100 },
            { mentor: 'm2', start: '2025-12-15', length: null },
          ],
          records: Array.from({ length: 30 }, (_, i) => ({ kind: i % 2 ? 'talk' : 'family_call', date: day(100 + i * 11), withdrawn: i % 7 === 0 })),
        },
      ],
      terms: termSets[1] as Term[],
      versions: [{ from: '2026-03-01', variant: 1 }],
      today: '2026-05-20',
      from: '2025-09-01',
      length: 365,
      excuseEvery: 1,
    });
    const ref = reference(x);
    expect(new Set(ref.map((r) => r[3]))).toEqual(new Set(['done', 'done_early', 'overdue', 'due', 'upcoming', 'excused']));
    expect(new Set(ref.map((r) => r[2]))).toEqual(new Set(['m1', 'm2', null, 't1']));
    expect(fast(x, true)).toEqual(ref);
  });
});

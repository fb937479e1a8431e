import { type CareRule, DEFAULT_RULES } from '@carebridge/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthEnd, monthSegments } from './dates.ts';
import { dueItems, type EngineChild, type EngineInput, type EngineRecord, versionsBy, windows } from './engine.ts';

const rule = (key: string) => DEFAULT_RULES.find((r) => r.key === key) as CareRule;
const terms = [
  { start: '2026-02-24', end: '2026-07-10' },
  { start: '2026-09-01', end: '2027-01-22' },
];
const child = (extra: Partial<EngineChild> = {}): EngineChild => ({
  id: 'c1',
  classTeacherId: 't1',
  keySupport: false,
  boarding: 'day',
  xuejiCode: 2,
  birthDate: '2016-03-04',
  activeFrom: '2025-09-01',
  activeTo: null,
  pairings: [{ mentorId: 'm1', start: '2025-09-01', end: null }],
  ...extra,
});
const input = (extra: Partial<EngineInput> = {}): EngineInput => ({
  policies: [{ effectiveFrom: '2025-01-01', rules: [rule('talk_monthly')] }],
  children: [child()],
  records: new Map(),
  terms,
  today: '2026-11-20',
  from: '2026-09-01',
  to: '2026-11-30',
  ...extra,
});
const talk = (date: string, id = `r${date}`): EngineRecord => ({ id, kind: 'talk', date });

describe('monthSegments', () => {
  it('cuts a period at month ends', () => {
    expect(monthSegments('2026-11-03', '2026-11-20')).toEqual([{ from: '2026-11-03', to: '2026-11-20' }]);
    expect(monthSegments('2026-08-30', '2026-10-05')).toEqual([
      { from: '2026-08-30', to: '2026-08-31' },
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-05' },
    ]);
    expect(monthSegments('2025-12-01', '2026-11-30')).toHaveLength(12);
    expect(monthSegments('2024-02-01', '2024-02-29')).toEqual([{ from: '2024-02-01', to: '2024-02-29' }]);
  });

  it('covers every day of any period once, in order', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 800 }), (d, n) => {
        const from = d.toISOString().slice(0, 10);
        const to = addDays(from, n);
        const parts = monthSegments(from, to);
        expect(parts[0]?.from).toBe(from);
        expect(parts.at(-1)?.to).toBe(to);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i] as { from: string; to: string };
          expect(p.from.slice(0, 7)).toBe(p.to.slice(0, 7));
          if (i > 0) expect(daysBetween((parts[i - 1] as { to: string }).to, p.from)).toBe(1);
        }
      }),
    );
  });
});

describe('windows', () => {
  it('cuts months to terms and skips the holidays', () => {
    const ws = windows(rule('talk_monthly'), terms, '2026-06-01', '2026-10-31');
    expect(ws).toEqual([
      { start: '2026-06-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-07-10' },
      { start: '2026-09-01', end: '2026-09-30' },
      { start: '2026-10-01', end: '2026-10-31' },
    ]);
    // February: the term starts on the 24th, 5 days — not a month of care.
    expect(windows(rule('talk_monthly'), terms, '2026-02-01', '2026-02-28')).toEqual([]);
  });
  it('places home visits at the start, middle and end of each term', () => {
    const ws = windows(rule('home_visit_term'), terms, '2026-09-01', '2027-01-31');
    expect(ws).toEqual([
      { start: '2026-09-01', end: '2026-09-21' },
      { start: '2026-11-02', end: '2026-11-22' },
      { start: '2027-01-02', end: '2027-01-22' },
    ]);
  });
  it('opens festival windows before the date and runs every-N-day windows inside terms', () => {
    expect(windows(rule('festival_letter'), terms, '2026-01-01', '2026-12-31')).toEqual([{ start: '2026-04-17', end: '2026-05-01' }]);
    const ws = windows(rule('key_support_talk'), terms, '2026-09-01', '2026-09-30');
    expect(ws.slice(0, 3)).toEqual([
      { start: '2026-09-01', end: '2026-09-14' },
      { start: '2026-09-15', end: '2026-09-28' },
      { start: '2026-09-29', end: '2026-10-12' },
    ]);
  });
});

describe('dueItems', () => {
  it('marks a month done by a talk, due while it runs, overdue after it ends', () => {
    const items = dueItems(input({ records: new Map([['c1', [talk('2026-09-15')]]]) }));
    expect(items.map((i) => [i.windowStart, i.status])).toEqual([
      ['2026-09-01', 'done'],
      ['2026-10-01', 'overdue'],
      ['2026-11-01', 'due'],
    ]);
    expect(items[0]?.satisfiedBy).toEqual(['r2026-09-15']);
    expect(items[0]?.responsibleUserId).toBe('m1');
  });

  it('counts family calls or letters for the family-contact rule, and respects the minimum', () => {
    const r = { ...rule('family_contact_monthly'), min: 2 };
    const recs = [
      { id: 'a', kind: 'family_call', date: '2026-09-03' },
      { id: 'b', kind: 'family_letter', date: '2026-09-20' },
      { id: 'c', kind: 'talk', date: '2026-10-03' },
      { id: 'd', kind: 'family_call', date: '2026-10-05' },
    ];
    const items = dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: [r] }], records: new Map([['c1', recs]]) }));
    expect(items.map((i) => [i.status, i.count])).toEqual([
      ['done', 2],
      ['overdue', 1],
      ['due', 0],
    ]);
  });

  it('asks contact with parents away only of a child with a parent away, and talks of every child', () => {
    const home = child({ xuejiCode: 0 });
    const both = [rule('talk_monthly'), rule('family_contact_monthly'), rule('festival_letter')];
    const keys = (c: EngineChild) =>
      new Set(dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: both }], children: [c], to: '2027-05-31' })).map((i) => i.ruleKey));
    expect(keys(home)).toEqual(new Set(['talk_monthly']));
    expect(keys(child({ xuejiCode: 1 }))).toEqual(new Set(['talk_monthly', 'family_contact_monthly', 'festival_letter']));
    // A rule that a talk also satisfies is asked of every child.
    const either: CareRule = { ...rule('family_contact_monthly'), key: 'either', kinds: ['family_call', 'talk'] };
    expect(dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: [either] }], children: [home] }))).toHaveLength(3);
  });

  it('does not ask for months before a child arrived or after it left', () => {
    const arrived = dueItems(input({ children: [child({ activeFrom: '2026-10-28' })] }));
    expect(arrived.map((i) => i.windowStart)).toEqual(['2026-11-01']);
    const arrivedEarly = dueItems(input({ children: [child({ activeFrom: '2026-10-20' })] }));
    expect(arrivedEarly.map((i) => i.windowStart)).toEqual(['2026-10-01', '2026-11-01']);
    const left = dueItems(input({ children: [child({ activeTo: '2026-10-15' })] }));
    expect(left.map((i) => i.windowStart)).toEqual(['2026-09-01']);
  });

  it('names the mentor paired now, or the last one, or nobody', () => {
    const changed = child({
      pairings: [
        { mentorId: 'm1', start: '2025-09-01', end: '2026-10-10' },
        { mentorId: 'm2', start: '2026-10-11', end: null },
      ],
    });
    const items = dueItems(input({ children: [changed] }));
    expect(items.map((i) => i.responsibleUserId)).toEqual(['m1', 'm2', 'm2']);
    expect(dueItems(input({ children: [child({ pairings: [] })] }))[0]?.responsibleUserId).toBeNull();
    // A mentor who left (pairing ended, nobody since): a month over keeps the last mentor of its
    // window; this month's item waits for a new mentor instead of staying with the one who left.
    const left = child({ pairings: [{ mentorId: 'm1', start: '2025-09-01', end: '2026-10-10' }] });
    expect(dueItems(input({ children: [left] })).map((i) => i.responsibleUserId)).toEqual(['m1', 'm1', null]);
    const leftToday = child({ pairings: [{ mentorId: 'm1', start: '2025-09-01', end: '2026-11-20' }] });
    expect(dueItems(input({ children: [leftToday] })).map((i) => i.responsibleUserId)).toEqual(['m1', 'm1', 'm1']);
    const leftYesterday = child({ pairings: [{ mentorId: 'm1', start: '2025-09-01', end: '2026-11-19' }] });
    expect(dueItems(input({ children: [leftYesterday] })).map((i) => i.responsibleUserId)).toEqual(['m1', 'm1', null]);
    const visits = dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: [rule('home_visit_term')] }] }));
    expect(visits.every((i) => i.responsibleUserId === 't1')).toBe(true);
  });

  it('judges past months by the rules in force then', () => {
    const stricter = { ...rule('talk_monthly'), min: 2 };
    const items = dueItems(
      input({
        policies: [
          { effectiveFrom: '2025-01-01', rules: [rule('talk_monthly')] },
          { effectiveFrom: '2026-10-15', rules: [stricter] },
        ],
        records: new Map([['c1', [talk('2026-09-10'), talk('2026-10-10'), talk('2026-11-10')]]]),
      }),
    );
    expect(items.map((i) => [i.windowStart, i.required, i.status])).toEqual([
      ['2026-09-01', 1, 'done'],
      ['2026-10-01', 1, 'done'],
      ['2026-11-01', 2, 'due'],
    ]);
  });

  it('applies rules to the children they name and honours excuses', () => {
    const key = rule('key_support_talk');
    expect(dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: [key] }] }))).toEqual([]);
    const items = dueItems(input({ policies: [{ effectiveFrom: '2025-01-01', rules: [key] }], children: [child({ keySupport: true })] }));
    expect(items.length).toBeGreaterThan(5);
    const excused = dueItems(input({ excuses: new Map([['c1|talk_monthly|2026-10-01', '住院']]) }));
    expect(excused[1]).toMatchObject({ status: 'excused', excuse: '住院' });
  });
});

describe('dueItems properties', () => {
  const date = fc.integer({ min: 0, max: 420 }).map((n) => addDays('2025-12-01', n));
  const kinds = fc.constantFrom('talk', 'family_call', 'family_letter', 'home_visit');
  const recs = fc.array(fc.record({ kind: kinds, date }), { maxLength: 25 }).map((rs) => rs.map((r, i) => ({ ...r, id: `r${i}` })));
  const policy = [{ effectiveFrom: '2025-01-01', rules: DEFAULT_RULES }];
  const run = (records: EngineRecord[], today: string) =>
    dueItems({
      policies: policy,
      children: [child({ keySupport: true })],
      records: new Map([['c1', records]]),
      terms,
      today,
      from: '2026-01-01',
      to: '2026-12-31',
    });
  const overdue = (items: ReturnType<typeof run>) => items.filter((i) => i.status === 'overdue').length;

  it('adding a record never increases the overdue count', () => {
    fc.assert(
      fc.property(recs, kinds, date, date, (rs, kind, d, today) => {
        const before = overdue(run(rs, today));
        const after = overdue(run([...rs, { id: 'new', kind, date: d }], today));
        return after <= before;
      }),
      { numRuns: 150 },
    );
  });

  it('moving today forward never turns done into not done', () => {
    fc.assert(
      fc.property(recs, date, fc.integer({ min: 1, max: 200 }), (rs, today, step) => {
        const a = run(rs, today);
        const b = run(rs, addDays(today, step));
        const key = (i: (typeof a)[number]) => `${i.ruleKey}|${i.windowStart}`;
        const later = new Map(b.map((i) => [key(i), i.status]));
        return a.filter((i) => i.status === 'done').every((i) => later.get(key(i)) === 'done');
      }),
      { numRuns: 150 },
    );
  });

  it('overdue only after the window ends, due only inside it', () => {
    fc.assert(
      fc.property(recs, date, (rs, today) =>
        run(rs, today).every((i) =>
          i.status === 'overdue' ? today > i.windowEnd : i.status === 'due' ? today >= i.windowStart && today <= i.windowEnd : true,
        ),
      ),
      { numRuns: 100 },
    );
  });
});

describe('versionsBy', () => {
  it('keeps the earliest version and those in force by the day, in their order', () => {
    const v = (effectiveFrom: string) => ({ effectiveFrom, rules: [] });
    const timeline = [v('2000-01-01'), v('2026-03-01'), v('2026-11-20')];
    expect(versionsBy(timeline, '2026-02-28')).toEqual([timeline[0]]);
    expect(versionsBy(timeline, '2026-11-19')).toEqual(timeline.slice(0, 2));
    expect(versionsBy(timeline, '2026-11-20')).toEqual(timeline);
    // A school whose only versions start later: the earliest judges everything before it.
    expect(versionsBy([v('2027-02-01'), v('2027-03-01')], '2026-11-30')).toEqual([v('2027-02-01')]);
  });

  it('judges every item of windows ending by the day as the whole timeline does', () => {
    // Periods ending at a month's end, as the cache's months do, and versions starting around it (at
    // month or term starts, or any day), so that most runs leave some version out.
    /** The first day of the month `m` months after the month of `day`. */
    const monthStart = (day: string, m: number) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + m, 1)).toISOString().slice(0, 10);
    const monthEnds = fc.integer({ min: 0, max: 17 }).map((m) => monthEnd(monthStart('2025-09-01', m)));
    const around = (to: string) =>
      fc.oneof(
        fc.integer({ min: -120, max: 90 }).map((d) => addDays(to, d)),
        fc.integer({ min: -4, max: 3 }).map((m) => monthStart(to, m)),
        fc.constantFrom('2026-02-24', '2026-09-01', '2027-01-23'),
      );
    // Besides the seed's rules, letters due at month ends (windows of one and four days), so that a
    // version starting in a month's last days decides some item of that month.
    const monthEndLetters: CareRule = {
      key: 'month_end_letters',
      kinds: ['family_letter'],
      cadence: {
        type: 'dates',
        dates: ['03-31', '06-30', '09-30', '10-31', '11-30', '12-31'].flatMap((date) => [
          { label: date, date, daysBefore: 0 },
          { label: `${date}-`, date, daysBefore: 3 },
        ]),
      },
      min: 1,
      appliesTo: { scope: 'all' },
      responsible: 'mentor',
      active: true,
    };
    const rules = fc
      .subarray([...(DEFAULT_RULES as CareRule[]), monthEndLetters], { minLength: 1 })
      .chain((rs) => fc.tuple(...rs.map((r) => fc.integer({ min: 1, max: 3 }).map((min) => ({ ...r, min })))));
    const children = [
      child(),
      child({ id: 'c2', keySupport: true, classTeacherId: 't2' }),
      child({ id: 'c3', boarding: 'boarding', activeFrom: '2026-03-10' }),
    ];
    fc.assert(
      fc.property(
        monthEnds.chain((to) => fc.tuple(fc.constant(to), fc.array(fc.record({ effectiveFrom: around(to), rules }), { minLength: 1, maxLength: 4 }))),
        fc.array(fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), fc.integer({ min: 0, max: 540 })), { maxLength: 40 }),
        ([to, versions], recs) => {
          const policies = [{ effectiveFrom: '2025-01-01', rules: DEFAULT_RULES as CareRule[] }, ...versions];
          const records = new Map<string, EngineRecord[]>();
          recs.forEach(([c, d], i) => {
            const list = records.get(c) ?? [];
            list.push({ id: `r${i}`, kind: ['talk', 'home_visit', 'family_call', 'family_letter'][i % 4] as string, date: addDays('2025-09-01', d) });
            records.set(c, list);
          });
          const from = `${to.slice(0, 8)}01`;
          const ending = (items: ReturnType<typeof dueItems>) => items.filter((i) => i.windowEnd <= to);
          const whole = ending(dueItems(input({ policies, children, records, from, to })));
          expect(ending(dueItems(input({ policies: versionsBy(policies, to), children, records, from, to })))).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});

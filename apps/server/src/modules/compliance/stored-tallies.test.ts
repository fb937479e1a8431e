import { DEFAULT_RULES } from '@carebridge/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SchoolTally } from './cache.ts';
import { decode, encode } from './stored-tallies.ts';

const tally: fc.Arbitrary<SchoolTally> = fc
  .record({
    counts: fc.array(fc.nat({ max: 100_000 }), { maxLength: 40 * 6 }),
    rules: fc.subarray([...DEFAULT_RULES]),
    names: fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { maxLength: 5 }),
  })
  .map(({ counts, rules, names }) => ({
    counts: Float64Array.from(counts),
    rules: rules.map((rule, i) => ({ key: rule.key, rule, at: i * 6 })),
    classes: names.map((name, i) => ({ id: name === null ? '' : `c${i}`, name, at: i * 6 })),
    mentors: names.map((_, i) => ({ id: `m${i}`, at: i * 6 })),
  }));

describe('stored tallies', () => {
  it('are written as the plain JSON of the tally, counts as an array, and read back the same', () => {
    fc.assert(
      fc.property(tally, (t) => {
        const text = encode(t);
        expect(text).toBe(JSON.stringify({ counts: Array.from(t.counts), rules: t.rules, classes: t.classes, mentors: t.mentors }));
        expect(decode(text)).toEqual(t);
      }),
      { numRuns: 200 },
    );
  });
});

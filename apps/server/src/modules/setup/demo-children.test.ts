import { ChildCreate, checkChild } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { demoChild, rng } from './demo-children.ts';

/** Whole years from `birth` to `day`. */
function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('demo children', () => {
  it('are valid archives, reproducible from the seed', () => {
    const make = () => {
      const r = rng(1);
      return Array.from({ length: 3000 }, (_, i) =>
        demoChild(r, { schoolId: 's', classId: 'c', grade: 1 + (i % 9), area: '511021', kind: 'primary', year: 2026 }, i),
      );
    };
    const kids = make();
    for (const v of kids) {
      expect(ChildCreate.safeParse(v).success).toBe(true);
      expect(checkChild(v as never, '2026-11-28')).toEqual([]);
    }
    expect(make()).toEqual(kids);
    // Old enough for their grade: six or seven on 1 September of the school year in grade 1, a year older for some.
    kids.forEach((k, i) => {
      const grade = 1 + (i % 9);
      const age = ageOn(String(k.birthDate), '2026-09-01');
      expect(age, `grade ${grade}, born ${k.birthDate}`).toBeGreaterThanOrEqual(grade + 5);
      expect(age, `grade ${grade}, born ${k.birthDate}`).toBeLessThanOrEqual(grade + 7);
    });
    const grandparents = kids.filter((k) => String(k.guardianRelation).endsWith('grandparents')).length / kids.length;
    expect(grandparents).toBeGreaterThan(0.8);
  });
});

import { ChildCreate, checkChild } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { demoChild, rng } from './demo-children.ts';

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
    const grandparents = kids.filter((k) => String(k.guardianRelation).endsWith('grandparents')).length / kids.length;
    expect(grandparents).toBeGreaterThan(0.8);
  });
});

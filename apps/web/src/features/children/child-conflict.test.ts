import type { Child } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { clip, mergeConflict } from './child-conflict.ts';
import { toFormValues } from './child-format.ts';

const archive = (facts: Partial<Child>) => ({ id: 'c1', schoolId: 's1', name: '周晓梅', version: 1, ...facts }) as unknown as Child;

describe('a save that lost the race to another user', () => {
  const base = archive({ psychologyNote: null, guardianName: '周奶奶', address: '青山村2组' });
  const latest = archive({ version: 2, psychologyNote: '情绪稳定', guardianName: '周奶奶', address: '青山村3组' });

  it("shows the other user's value where both changed the field, and keeps what the user typed for the notice", () => {
    const mine = { ...toFormValues(base), psychologyNote: '数学进步，爱笑了' };
    const { values, rows } = mergeConflict(base, latest, mine);
    expect(values.psychologyNote).toBe('情绪稳定');
    expect(rows.find((r) => r.field === 'psychologyNote')).toEqual({
      field: 'psychologyNote',
      before: null,
      after: '情绪稳定',
      both: true,
      mine: '数学进步，爱笑了',
    });
  });

  it("keeps the user's edits of fields the other user left alone, and lists the fields only the other user changed", () => {
    const mine = { ...toFormValues(base), guardianName: '周桂兰' };
    const { values, rows } = mergeConflict(base, latest, mine);
    expect(values.guardianName).toBe('周桂兰');
    expect(values.address).toBe('青山村3组');
    expect(rows.map((r) => [r.field, r.both])).toEqual([
      ['address', false],
      ['psychologyNote', false],
    ]);
  });

  it('loses nothing when both saved the same value', () => {
    const mine = { ...toFormValues(base), psychologyNote: ' 情绪稳定 ' };
    const { rows } = mergeConflict(base, latest, mine);
    expect(rows.find((r) => r.field === 'psychologyNote')).toMatchObject({ both: false });
    expect(rows.find((r) => r.field === 'psychologyNote')).not.toHaveProperty('mine');
  });
});

describe('a note under a field', () => {
  it('cuts a long text short by characters, not bytes', () => {
    expect(clip('情绪稳定')).toBe('情绪稳定');
    expect(clip('一二三四五六', 4)).toBe('一二三四…');
  });
});

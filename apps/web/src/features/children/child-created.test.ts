import type { ChildCreated } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { duplicateLines, handedOverDuplicates, splitCreated } from './child-created.ts';

const warning = (childId: string | null) => ({
  code: 'possible_duplicate' as const,
  childId,
  schoolName: childId ? '石桥小学' : null,
  className: childId ? '三年级1班' : null,
  sameSchool: true,
  message: childId ? '石桥小学 三年级1班 已有同名、同出生日期的儿童档案' : '本校已有同名、同出生日期的儿童档案，您无权查看',
});

describe('a created archive with warnings', () => {
  it('keeps the archive apart from its warnings', () => {
    const created = { id: 'c1', name: '王小花', version: 1, warnings: [warning('c0')] } as unknown as ChildCreated;
    const { child, warnings } = splitCreated(created);
    expect(child).toEqual({ id: 'c1', name: '王小花', version: 1 });
    expect(warnings).toHaveLength(1);
  });

  it('links to the other archive only when the user may open it', () => {
    expect(duplicateLines([warning('c0'), warning(null)])).toEqual([
      { key: 'c0', text: '石桥小学 三年级1班 已有同名、同出生日期的儿童档案', href: '/children/c0' },
      { key: 'w1', text: '本校已有同名、同出生日期的儿童档案，您无权查看', href: null },
    ]);
    expect(duplicateLines([])).toEqual([]);
  });

  it("hands the likely duplicates over to the new archive's page, and nothing else found in the history state", () => {
    const other = '7d1f2c3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
    expect(handedOverDuplicates({ duplicates: [warning(other), warning(null)] })).toEqual([warning(other), warning(null)]);
    expect(handedOverDuplicates({ duplicates: [{ code: 'other', message: 'x' }, 'text'] })).toEqual([]);
    expect(handedOverDuplicates({ from: '/children' })).toEqual([]);
    expect(handedOverDuplicates(null)).toEqual([]);
    expect(handedOverDuplicates(undefined)).toEqual([]);
  });
});

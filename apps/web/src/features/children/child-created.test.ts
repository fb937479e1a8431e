import type { ChildCreated } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { duplicateLines, duplicatesRefused, splitCreated } from './child-created.ts';

// As the server words them (errors.possible_duplicate_seen / _school); {place} is the school and class.
const SEEN = '石桥小学 三年级1班已有同名、同出生日期的儿童档案（王小花，2016-03-04），请确认不是同一名儿童，以免重复建档';
const SCHOOL = '本校已有同名、同出生日期的儿童档案（王小花，2016-03-04），您无权查看；请与校领导确认不是同一名儿童，以免重复建档';

const warning = (childId: string | null) => ({
  code: 'possible_duplicate' as const,
  childId,
  schoolName: childId ? '石桥小学' : null,
  className: childId ? '三年级1班' : null,
  sameSchool: true,
  message: childId ? SEEN : SCHOOL,
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
      { key: 'c0', text: SEEN, href: '/children/c0' },
      { key: 'w1', text: SCHOOL, href: null },
    ]);
    expect(duplicateLines([])).toEqual([]);
  });

  it('reads the likely duplicates out of the 409 that refused a new archive, and nothing out of any other error', () => {
    const other = '7d1f2c3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
    const body = { error: 'possible_duplicate', status: 409, message: '档案尚未保存：…', duplicates: [warning(other), warning(null)] };
    expect(duplicatesRefused(new ApiError('possible_duplicate', 409, body.message, [], body))).toEqual([warning(other), warning(null)]);
    // A refusal whose body does not hold them (an older server, a proxy's page) is not one to confirm.
    expect(duplicatesRefused(new ApiError('possible_duplicate', 409, 'x', [], { error: 'possible_duplicate' }))).toBeNull();
    expect(duplicatesRefused(new ApiError('possible_duplicate', 409, 'x', [], { ...body, duplicates: [] }))).toBeNull();
    expect(duplicatesRefused(new ApiError('id_number_taken', 409, 'x', [], { ...body, error: 'id_number_taken' }))).toBeNull();
    expect(duplicatesRefused(new Error('x'))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { acceptBody, refusedRows } from './suggest-accept.ts';

const rows = [
  { childId: 'c1', childName: '孩子一', mentorId: 'm1' },
  { childId: 'c2', childName: '孩子二', mentorId: 'm2' },
  { childId: 'c3', childName: '孩子三', mentorId: 'm1' },
];

describe('accepting suggestions', () => {
  it('sends the ticked rows, with the mentor each has now, as one request', () => {
    expect(acceptBody('s1', rows, ['c3', 'c1'], '2026-11-20', 't1')).toEqual({
      schoolId: 's1',
      startDate: '2026-11-20',
      termId: 't1',
      pairs: [
        { childId: 'c1', mentorId: 'm1' },
        { childId: 'c3', mentorId: 'm1' },
      ],
    });
    expect(acceptBody('s1', rows, ['c2'], '2026-11-20').termId).toBeNull();
  });

  it('reads refused pairs back as the rows they came from, by index', () => {
    const body = acceptBody('s1', rows, ['c2', 'c3'], '2026-11-20');
    const refused = refusedRows(
      body,
      rows,
      [
        { path: 'pairs.1.childId', message: '孩子三 已有帮扶教师，请先结束原结对' },
        { path: 'pairs.0.mentorId', message: '所选人员不是本校的帮扶教师' },
        { path: 'schoolId', message: '未找到学校' },
      ],
      '：',
    );
    expect(refused).toEqual([
      { childId: 'c3', text: '孩子三：孩子三 已有帮扶教师，请先结束原结对' },
      { childId: 'c2', text: '孩子二：所选人员不是本校的帮扶教师' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { acceptBody, acceptError, refusedRows } from './suggest-accept.ts';

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
        { path: 'pairs.1.childId', message: '孩子三已有帮扶教师，请先结束原结对' },
        { path: 'pairs.0.mentorId', message: '所选人员不是本校的帮扶教师' },
        { path: 'schoolId', message: '未找到学校' },
      ],
      '：',
    );
    expect(refused).toEqual([
      { childId: 'c3', text: '孩子三：孩子三已有帮扶教师，请先结束原结对' },
      { childId: 'c2', text: '孩子二：所选人员不是本校的帮扶教师' },
    ]);
  });
});

describe('showing a refused accept', () => {
  const body = acceptBody('s1', rows, ['c1', 'c2'], '2026-11-20', 't1');
  it('names the child whose archive is no longer active, on its row', () => {
    const shown = acceptError(
      body,
      rows,
      {
        message: '以下结对不能保存，本次结对全部未保存，请修改后重试：第 2 对：孩子二的档案已不在册（已离校），不能结对',
        fields: [{ path: 'pairs.1.childId', message: '孩子二的档案已不在册（已离校），不能结对' }],
      },
      '：',
    );
    expect(shown).toEqual({ title: null, refused: [{ childId: 'c2', text: '孩子二：孩子二的档案已不在册（已离校），不能结对' }] });
  });

  it('shows a refusal that names no pair (the term) as the message itself', () => {
    const message = '所选学期不属于本校或已不存在，请重新选择';
    expect(acceptError(body, rows, { message, fields: [{ path: 'termId', message }] }, '：')).toEqual({ title: message, refused: [] });
    expect(acceptError(body, rows, new Error('网络错误'), '：')).toEqual({ title: '网络错误', refused: [] });
  });
});

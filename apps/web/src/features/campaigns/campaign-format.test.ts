import { describe, expect, it } from 'vitest';
import { punctuation } from './campaign-format.tsx';

describe('campaign punctuation', () => {
  it('writes Chinese lists and asides with full-width marks and English ones with ASCII', () => {
    const zh = punctuation('zh-CN');
    expect(zh.list([zh.aside('王芳', '班主任'), '李强'])).toBe('王芳（班主任）、李强');
    expect(zh.clauses(['已走访', '发现问题'])).toBe('已走访；发现问题');
    expect(zh.label('对象')).toBe('对象：');
    const en = punctuation('en-US');
    expect(en.list([en.aside('Wang Fang', 'class teacher'), 'Li Qiang'])).toBe('Wang Fang (class teacher), Li Qiang');
    expect(en.list([])).toBe('');
    expect(en.label('Target')).toBe('Target: ');
  });
});

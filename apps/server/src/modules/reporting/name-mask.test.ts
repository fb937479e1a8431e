import { describe, expect, it } from 'vitest';
import { givenName, NameMasker } from './name-mask.ts';

describe('name masking', () => {
  it('finds a given name of two or more characters, after a compound surname too', () => {
    expect(givenName('王小明')).toBe('小明');
    expect(givenName('欧阳娜娜')).toBe('娜娜');
    expect(givenName('司马光')).toBe('马光');
    expect(givenName('李明')).toBeNull();
  });

  it('replaces the longest name at each place, each name by its own stand-in', () => {
    const m = new NameMasker().add('王小明', '××').add('小明', '××').add('李小明', '李**').add('陈雨', '陈*');
    expect(m.mask('王小明和李小明、小明、陈雨都来了')).toBe('××和李**、××、陈*都来了');
    // The first stand-in of a name is kept: add the strictest first.
    expect(new NameMasker().add('王芳', '××').add('王芳', '王*').mask('王芳')).toBe('××');
    expect(new NameMasker().mask('王芳')).toBe('王芳');
  });

  it('masks a county of names in a long text quickly', () => {
    const m = new NameMasker();
    for (let i = 0; i < 20_000; i++) m.add(`张${String.fromCharCode(0x4e00 + (i % 5000))}${String.fromCharCode(0x4e00 + Math.floor(i / 5000))}`, '张**');
    const text = '本月开展谈心家访等工作，张一一同学进步明显。'.repeat(500);
    const started = performance.now();
    expect(m.mask(text)).toContain('张**同学');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

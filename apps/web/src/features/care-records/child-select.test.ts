import { describe, expect, it } from 'vitest';
import { type KnownChild, tagLabels } from './ChildSelect.tsx';

const known = new Map<string, KnownChild>([
  ['a', { id: 'a', name: '张伟', className: '三年级1班' }],
  ['b', { id: 'b', name: '张伟', className: '五年级2班' }],
  ['c', { id: 'c', name: '李娜', className: '三年级1班' }],
  ['d', { id: 'd', name: '张伟', className: null }],
]);
const withClass = (name: string, className: string) => `${name}（${className}）`;

describe('the tags of the chosen children', () => {
  it('name the class only where two chosen children share a name', () => {
    expect([...tagLabels(['a', 'c'], known, withClass).values()]).toEqual(['张伟', '李娜']);
    expect([...tagLabels(['a', 'b', 'c'], known, withClass).values()]).toEqual(['张伟（三年级1班）', '张伟（五年级2班）', '李娜']);
  });

  it('leave a namesake without a class as its name, and children not known yet out', () => {
    expect([...tagLabels(['a', 'd', 'x'], known, withClass).entries()]).toEqual([
      ['a', '张伟（三年级1班）'],
      ['d', '张伟'],
    ]);
  });
});

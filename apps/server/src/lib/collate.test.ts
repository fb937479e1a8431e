import { describe, expect, it } from 'vitest';
import { byChinese, byCodePoint, chineseRanks } from './collate.ts';

describe('Chinese order', () => {
  it('ranks distinct names as the zh-CN collator orders them', () => {
    const names = ['张伟', '王芳', '一年级2班', '李明', '王芳', '一年级1班', '二年级1班', 'Zhang', '阿丽'];
    const rank = chineseRanks(names);
    expect(rank.size).toBe(8);
    const sorted = [...names].sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    expect(sorted).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(byChinese('阿丽', '张伟')).toBeLessThan(0);
  });

  it('orders ids by code point', () => {
    expect(['b-1', 'a-2', 'a-10'].sort(byCodePoint)).toEqual(['a-10', 'a-2', 'b-1']);
  });
});

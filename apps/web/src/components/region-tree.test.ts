import { describe, expect, it } from 'vitest';
import { buildRegionTree, regionOptions, regionTitle } from './region-tree.ts';

const label = (l: string) => ({ province: '省', city: '市', county: '县（区）', township: '乡镇' })[l] ?? l;

describe('region titles', () => {
  it('adds the level only where the name does not already say it', () => {
    expect(regionTitle('青山县', 'county', label)).toBe('青山县');
    expect(regionTitle('城关镇', 'township', label)).toBe('城关镇');
    expect(regionTitle('海淀区', 'county', label)).toBe('海淀区');
    expect(regionTitle('云南省', 'province', label)).toBe('云南省');
    expect(regionTitle('青山', 'county', label)).toBe('青山 · 县（区）');
    // A county's ending on a township is not the township's own.
    expect(regionTitle('青山县', 'township', label)).toBe('青山县 · 乡镇');
  });

  it('nests the options under their parents', () => {
    const base = { code: null, path: '', createdAt: '' };
    const tree = buildRegionTree([
      { ...base, id: 'p', name: '云南省', level: 'province', parentId: null },
      { ...base, id: 'c', name: '青山县', level: 'county', parentId: 'p' },
    ] as never);
    expect(regionOptions(tree, label)).toEqual([{ value: 'p', title: '云南省', children: [{ value: 'c', title: '青山县' }] }]);
  });
});

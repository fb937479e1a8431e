import { describe, expect, it } from 'vitest';
import { buildRegionTree, managesRegion, regionOptions, regionTitle } from './region-tree.ts';

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

  it('greys out the regions a county officer does not manage: the province above, a county beside; its county and townships can be picked', () => {
    const base = { code: null, createdAt: '' };
    const tree = buildRegionTree([
      { ...base, id: 'p', name: '云南省', level: 'province', parentId: null, path: '/p/' },
      { ...base, id: 'c', name: '青山县', level: 'county', parentId: 'p', path: '/p/c/' },
      { ...base, id: 't', name: '城关镇', level: 'township', parentId: 'c', path: '/p/c/t/' },
      { ...base, id: 'd', name: '绿水县', level: 'county', parentId: 'p', path: '/p/d/' },
    ] as never);
    const officer = [{ role: 'bureau_officer', regionId: 'c' }];
    expect(regionOptions(tree, label, (r) => managesRegion(officer, r))).toEqual([
      {
        value: 'p',
        title: '云南省',
        disabled: true,
        children: [
          { value: 'c', title: '青山县', children: [{ value: 't', title: '城关镇' }] },
          { value: 'd', title: '绿水县', disabled: true },
        ],
      },
    ]);
    expect(managesRegion([{ role: 'system_admin', regionId: null }], { path: '/p/' })).toBe(true);
    expect(managesRegion([{ role: 'school_leader', regionId: null }], { path: '/p/c/' })).toBe(false);
  });
});

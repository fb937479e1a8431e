import { CHILD_FIELD_KEYS } from '@carebridge/shared';
import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { diffValues, pinyinKeys } from './child.mapper.ts';

/** The keys as computed before the single-call version: two pinyin-pro calls with tone removal by pinyin-pro. */
function referenceKeys(name: string): { full: string; initials: string } {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
  const full = pinyin(name, opts)
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const initials = pinyin(name, { ...opts, pattern: 'first' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return { full, initials };
}

const NAMES = [
  // Polyphonic surnames, read as surnames (曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou, 朴 piao, 查 zha, 盖 ge, 覃 qin …).
  '曾国藩',
  '曾子墨',
  '单田芳',
  '单雄信',
  '解缙',
  '解小东',
  '仇英',
  '仇晓',
  '区志强',
  '朴树',
  '查良镛',
  '盖聂',
  '覃雪梅',
  '缪可',
  '翟天临',
  '尉迟恭',
  '万俟卨',
  '长孙无忌',
  '单于乐',
  '欧阳娜娜',
  '诸葛亮',
  '令狐冲',
  '乐嘉',
  '车晓',
  // Polyphonic given names, words in the name, tone sandhi, 了, 々, ü.
  '李重庆',
  '张长乐',
  '王行',
  '刘一一',
  '陈不凡',
  '赵了了',
  '吕绿',
  '女娲',
  '佐々木',
  '张小明',
  '石乐乐',
  '朝阳',
  '曾',
  '',
  // Mixed text: digits, Latin, accents, spaces, the middle dot of minority names, rare characters.
  '张伟12',
  '张 伟',
  'A张伟',
  'Zhang伟',
  '阿卜杜·热合曼',
  'José王',
  '王-明',
  '𠀀明',
  '张小明（大）',
  'ＺＨＡＮＧ三',
];

describe('pinyin keys', () => {
  it('are the keys of the two-call version for names with polyphonic surnames and mixed text', () => {
    for (const name of NAMES) expect(pinyinKeys(name), name).toEqual(referenceKeys(name));
    expect(pinyinKeys('张小明')).toEqual({ full: 'zhangxiaoming', initials: 'zxm' });
    expect(pinyinKeys('曾国藩')).toEqual({ full: 'zengguofan', initials: 'zgf' });
    expect(pinyinKeys('单田芳').full).toBe('shantianfang');
    expect(pinyinKeys('解缙').full).toBe('xiejin');
    expect(pinyinKeys('仇英').full).toBe('qiuying');
    expect(pinyinKeys('吕绿').full).toBe('lvlv');
  });

  it('are the keys of the two-call version for any string of name characters (and again from the cache)', () => {
    const chars = [...'曾单解仇区朴查盖覃尉迟万俟长孙欧阳诸葛张王李赵重庆乐行一不了々吕女绿朝阳小明伟芳'].concat([
      'a',
      'Z',
      '1',
      ' ',
      '·',
      'é',
      '-',
      '𠀀',
      'ü',
    ]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 8 }), (parts) => {
        const name = parts.join('');
        expect(pinyinKeys(name)).toEqual(referenceKeys(name));
        expect(pinyinKeys(name)).toEqual(referenceKeys(name));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The comparison before the fast path: every field as JSON. */
function referenceDiff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: { field: string; old: unknown; new: unknown }[] = [];
  for (const k of CHILD_FIELD_KEYS) {
    if (!(k in after)) continue;
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    const norm = (x: unknown) => (Array.isArray(x) && x.length === 0 ? null : x);
    if (JSON.stringify(norm(a)) !== JSON.stringify(norm(b))) out.push({ field: k, old: a, new: b });
  }
  return out;
}

describe('history differences', () => {
  it('are those of comparing every field as JSON', () => {
    const value = fc.oneof(
      fc.constantFrom(null, undefined, '', '0', 0, -0, 1, true, false, Number.NaN, Number.POSITIVE_INFINITY, [], ['a'], ['a', 'b']),
      fc.string({ maxLength: 3 }),
      fc.integer({ min: -3, max: 3 }),
    );
    const keys = CHILD_FIELD_KEYS.slice(0, 8);
    const values = fc.dictionary(fc.constantFrom(...keys), value);
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(diffValues(a as never, b as never)).toEqual(referenceDiff(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('compare values as JSON, empty lists as blank', () => {
    const before = { name: '张三', guardianAge: 60, keySupport: false, incomeSources: [], assistance: ['low_income'], remarks: null };
    const after = { name: '张三', guardianAge: 61, keySupport: true, incomeSources: null, assistance: ['low_income'], remarks: '', address: undefined };
    expect(diffValues(before as never, after as never)).toEqual([
      { field: 'guardianAge', old: 60, new: 61 },
      { field: 'keySupport', old: false, new: true },
      { field: 'remarks', old: null, new: '' },
    ]);
    expect(diffValues({}, { name: '李四', incomeSources: [], gender: 'male' } as never)).toEqual([
      { field: 'name', old: null, new: '李四' },
      { field: 'gender', old: null, new: 'male' },
    ]);
  });
});

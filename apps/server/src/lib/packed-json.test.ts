import { describe, expect, it } from 'vitest';
import { packJson, unpackJson } from './packed-json.ts';

describe('packed JSON', () => {
  it('gives back the value, much smaller than its JSON, and reads plain JSON as it is', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      row: i + 2,
      name: `张小明${i}`,
      values: { gender: 'male', phone: '13800138000', note: null, ok: true },
    }));
    const packed = await packJson(rows);
    expect(packed.startsWith('z1:')).toBe(true);
    expect(packed.length).toBeLessThan(JSON.stringify(rows).length / 5);
    expect(unpackJson(packed)).toEqual(rows);
    expect(unpackJson('[]')).toEqual([]);
    expect(unpackJson(JSON.stringify({ a: '中文', b: [1, null] }))).toEqual({ a: '中文', b: [1, null] });
    expect(unpackJson(await packJson({ a: '中文 "quoted" \\ z1:' }))).toEqual({ a: '中文 "quoted" \\ z1:' });
  });
});

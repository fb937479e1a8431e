import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packValue, unpackValue } from './packed-value.ts';

describe('packed values', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    row: i + 2,
    name: `张小明${i}`,
    values: { gender: 'male', phone: '13800138000', note: null, ok: true, none: undefined, tricky: '中文 "quoted" \\ v1: z1: 😀' },
  }));

  it('gives back the value as it went in, much smaller than its JSON', async () => {
    const packed = await packValue(rows);
    expect(packed.startsWith('v1:')).toBe(true);
    expect(packed.length).toBeLessThan(JSON.stringify(rows).length / 5);
    const back = unpackValue<typeof rows>(packed);
    expect(back).toEqual(rows);
    // Keys whose value is undefined stay (JSON would drop them): the same rows as those kept in memory.
    expect(Object.keys(back[0]?.values ?? {})).toEqual(Object.keys(rows[0]?.values ?? {}));
    expect(unpackValue(await packValue([]))).toEqual([]);
  });

  it('still reads what earlier releases stored: deflated JSON and plain JSON', () => {
    const json = JSON.stringify(rows);
    expect(unpackValue(`z1:${deflateRawSync(json).toString('base64')}`)).toEqual(JSON.parse(json));
    expect(unpackValue('[]')).toEqual([]);
    expect(unpackValue(JSON.stringify({ a: '中文', b: [1, null] }))).toEqual({ a: '中文', b: [1, null] });
  });
});

import { describe, expect, it } from 'vitest';
import { chunks, IN_CHUNK } from './chunks.ts';

describe('chunks', () => {
  it('splits a list into parts that stay under the bound-variable limits, in order, losing nothing', () => {
    const ids = Array.from({ length: 40_001 }, (_, i) => `u${i}`);
    const parts = chunks(ids);
    expect(parts.map((p) => p.length)).toEqual([...Array(8).fill(IN_CHUNK), 1]);
    expect(parts.flat()).toEqual(ids);
    expect(chunks([])).toEqual([]);
    expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
  });
});

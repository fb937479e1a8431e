import { describe, expect, it } from 'vitest';
import { countNearLimit } from './count-near-limit.ts';

describe('a text count near its limit', () => {
  it('says nothing until the last tenth, then the count and the limit', () => {
    expect(countNearLimit.formatter({ count: 120, maxLength: 2000 })).toBe('');
    expect(countNearLimit.formatter({ count: 1800, maxLength: 2000 })).toBe('1800 / 2000');
    expect(countNearLimit.formatter({ count: 2000, maxLength: 2000 })).toBe('2000 / 2000');
    expect(countNearLimit.formatter({ count: 5 })).toBe('');
  });
});

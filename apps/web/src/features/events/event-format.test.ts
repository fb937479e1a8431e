import { describe, expect, it } from 'vitest';
import { unitNames } from './event-format.tsx';

describe('event texts', () => {
  it('name the units of an event or team as a list of the reader’s language', () => {
    const units = [
      { id: 'u1', name: '城关镇中心小学' },
      { id: 'u2', name: '石桥镇中心小学' },
      { id: 'u3', name: '青山县第二中学' },
    ];
    expect(unitNames('zh-CN', units)).toBe('城关镇中心小学、石桥镇中心小学、青山县第二中学');
    expect(unitNames('en-US', units.slice(0, 2))).toBe('城关镇中心小学, 石桥镇中心小学');
    expect(unitNames('en-US', [])).toBe('');
  });
});

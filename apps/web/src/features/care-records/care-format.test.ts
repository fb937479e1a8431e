import { describe, expect, it } from 'vitest';
import { careLabels, detailSpecs } from './care-format.tsx';

describe('care record labels', () => {
  it('reads out a multiple choice as a list with the separator of the language', () => {
    const topics = detailSpecs('talk').find((s) => s.name === 'topics');
    if (!topics) throw new Error('the talk has no topics');
    expect(careLabels('en-US').detail(topics, ['study', 'family', 'safety'])).toBe('Study, Family, Safety');
    expect(careLabels('zh-CN').detail(topics, ['study', 'family'])).toBe('学习、家庭');
    expect(careLabels('zh-CN').detail(topics, [])).toBe('');
    expect(careLabels('zh-CN').sep).toBe('、');
    expect(careLabels('en-US').sep).toBe(', ');
  });
});

import { describe, expect, it } from 'vitest';
import { figureLabel } from './briefing-format.ts';

describe('briefing figures', () => {
  it("reads a figure's label in the page's language, whichever language drafted it", () => {
    expect(figureLabel('学校数', 'en-US')).toBe('Schools');
    expect(figureLabel('占在校学生比例', 'en-US')).toBe('Share of all pupils');
    expect(figureLabel('Left-behind children', 'zh-CN')).toBe('留守儿童人数');
    expect(figureLabel('Talks', 'en-US')).toBe('Talks');
    expect(figureLabel('自定义', 'en-US')).toBe('自定义');
  });
});

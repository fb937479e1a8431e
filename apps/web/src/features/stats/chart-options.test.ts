import { describe, expect, it } from 'vitest';
import { groupedOption, percentPointsText, pieOption } from './chart-options.ts';

type Formatter = (p: { name?: string; value?: unknown; dataIndex?: number }) => string;
const formatterOf = (series: unknown): Formatter => (series as { label: { formatter: Formatter } }).label.formatter;
const seriesOf = (option: ReturnType<typeof pieOption>) => option.series as unknown[];

describe('chart labels', () => {
  it('writes per cent on the bars and lines with one decimal, as the tables beside them: 82.0%, not 82%', () => {
    expect(percentPointsText(82)).toBe('82.0%');
    expect(percentPointsText(27.6)).toBe('27.6%');
    expect(percentPointsText(0)).toBe('0.0%');
    const option = groupedOption({
      labels: ['2026-2027 秋季学期'],
      series: [
        { name: '留守儿童', kind: 'bar', values: [217] },
        { name: '谈心覆盖率', kind: 'line', axis: 1, values: [82] },
      ],
      tip: () => [],
      percent: [false, true],
    });
    expect(formatterOf(seriesOf(option)[1])({ value: 82 })).toBe('82.0%');
  });

  it("gives each slice of a ring its count and its share of the ring with one decimal (30.0%, not echarts' 30%)", () => {
    const option = pieOption({ labels: ['男', '女'], values: [3, 7], drill: [true, true], tip: () => '' });
    const label = formatterOf(seriesOf(option)[0]);
    expect(label({ name: '男', value: 3, dataIndex: 0 })).toBe('男\n3 (30.0%)');
    expect(label({ name: '女', value: 7, dataIndex: 1 })).toBe('女\n7 (70.0%)');
  });
});

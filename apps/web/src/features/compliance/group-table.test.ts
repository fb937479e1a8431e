import { describe, expect, it } from 'vitest';
import { shownColumns } from './GroupTable.tsx';

describe("a breakdown's total row", () => {
  it('has a cell under each column the table shows at the screen width, as antd leaves out `responsive` columns', () => {
    const columns = [
      { key: 'name' },
      { key: 'rate' },
      { key: 'total', responsive: ['md' as const] },
      { key: 'overdue' },
      { key: 'excused', responsive: ['lg' as const] },
    ];
    const keys = (screens: Parameters<typeof shownColumns>[1]) => shownColumns(columns, screens).map((c) => c.key);
    expect(keys({ xs: true })).toEqual(['name', 'rate', 'overdue']);
    expect(keys({ xs: false, sm: true, md: true })).toEqual(['name', 'rate', 'total', 'overdue']);
    expect(keys({ sm: true, md: true, lg: true, xl: true })).toEqual(['name', 'rate', 'total', 'overdue', 'excused']);
    // Before the screen is measured antd shows only the columns for every width.
    expect(keys({})).toEqual(['name', 'rate', 'overdue']);
  });
});

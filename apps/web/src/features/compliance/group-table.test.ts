import { describe, expect, it } from 'vitest';
import { classesInSchoolOrder, shownColumns } from './GroupTable.tsx';

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

describe('the by-class breakdown', () => {
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it('lists classes of equal rate by grade and class number, not in the pinyin order the server sends', () => {
    const server = ['二年级1班', '二年级2班', '六年级1班', '三年级1班', '五年级1班', '一年级1班', '一年级2班'].map((name) => ({ name, rate: null }));
    expect(names(classesInSchoolOrder(server))).toEqual(['一年级1班', '一年级2班', '二年级1班', '二年级2班', '三年级1班', '五年级1班', '六年级1班']);
  });

  it('keeps the lowest rate first and orders only within equal rates', () => {
    const server = [
      { name: '六年级1班', rate: 0.5 },
      { name: '三年级1班', rate: 0.8 },
      { name: '二年级1班', rate: 0.8 },
      { name: '一年级1班', rate: 1 },
    ];
    expect(names(classesInSchoolOrder(server))).toEqual(['六年级1班', '二年级1班', '三年级1班', '一年级1班']);
  });

  it("keeps the server's order for rows that are no class: teachers, rules, the children without a class", () => {
    const mentors = ['高永刚', '郭晓红', '何明辉'].map((name) => ({ name, rate: 0 }));
    expect(names(classesInSchoolOrder(mentors))).toEqual(['高永刚', '郭晓红', '何明辉']);
    const classes = ['没有班级', '二年级1班', '一年级1班'].map((name) => ({ name, rate: 0 }));
    expect(names(classesInSchoolOrder(classes))).toEqual(['一年级1班', '二年级1班', '没有班级']);
  });
});

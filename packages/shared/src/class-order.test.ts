import { describe, expect, it } from 'vitest';
import { classesInSchoolOrder, classWithGrade, compareClasses, gradeOfClassName } from './class-order.ts';

const PINYIN = [
  '二年级1班',
  '二年级2班',
  '六年级1班',
  '六年级2班',
  '三年级1班',
  '三年级2班',
  '四年级1班',
  '四年级2班',
  '五年级1班',
  '五年级2班',
  '一年级1班',
  '一年级2班',
];

describe('the order of classes', () => {
  it('lists classes by grade, then class number, not in pinyin order', () => {
    const sorted = [...PINYIN].map((name) => ({ name })).sort(compareClasses);
    expect(sorted.map((k) => k.name)).toEqual([
      '一年级1班',
      '一年级2班',
      '二年级1班',
      '二年级2班',
      '三年级1班',
      '三年级2班',
      '四年级1班',
      '四年级2班',
      '五年级1班',
      '五年级2班',
      '六年级1班',
      '六年级2班',
    ]);
  });

  it('compares class numbers as numbers', () => {
    const names = ['三年级10班', '三年级2班', '三年级1班'].map((name) => ({ name })).sort(compareClasses);
    expect(names.map((k) => k.name)).toEqual(['三年级1班', '三年级2班', '三年级10班']);
  });

  it("uses the class's own grade when the API gives it, whatever the name", () => {
    const classes = [
      { name: '春蕾班', grade: 5 },
      { name: '二年级1班', grade: 2 },
      { name: '向日葵班', grade: 1 },
    ].sort(compareClasses);
    expect(classes.map((k) => k.name)).toEqual(['向日葵班', '二年级1班', '春蕾班']);
  });

  it('puts names without a grade after the classes', () => {
    const names = ['没有班级', '五年级1班', '学前班', '一年级1班'].map((name) => ({ name })).sort(compareClasses);
    expect(names.map((k) => k.name).slice(0, 2)).toEqual(['一年级1班', '五年级1班']);
  });

  it('reads the grade from the ways schools write class names', () => {
    expect(gradeOfClassName('三年级1班')).toBe(3);
    expect(gradeOfClassName('3年级2班')).toBe(3);
    expect(gradeOfClassName('三（1）班')).toBe(3);
    expect(gradeOfClassName('6(2)班')).toBe(6);
    expect(gradeOfClassName('七年级3班')).toBe(7);
    expect(gradeOfClassName('初一2班')).toBe(7);
    expect(gradeOfClassName('高二1班')).toBe(11);
    expect(gradeOfClassName('十二年级1班')).toBe(12);
    expect(gradeOfClassName('学前班')).toBeNull();
    expect(gradeOfClassName('没有班级')).toBeNull();
    expect(gradeOfClassName('东线上下学路线')).toBeNull();
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

describe('a class with its grade', () => {
  it('puts the grade before a name that lacks it, and does not repeat a grade the name already says', () => {
    expect(classWithGrade({ grade: 1, name: '1班' }, '一年级')).toBe('一年级 1班');
    expect(classWithGrade({ grade: 1, name: '一年级1班' }, '一年级')).toBe('一年级1班');
    expect(classWithGrade({ grade: 3, name: '三(2)班' }, '三年级')).toBe('三(2)班');
    expect(classWithGrade({ grade: 7, name: '初一2班' }, '七年级')).toBe('初一2班');
    expect(classWithGrade({ grade: 0, name: '幼儿园大班' }, '幼儿园')).toBe('幼儿园大班');
    // In English the grade's label differs from the Chinese name, which still says it.
    expect(classWithGrade({ grade: 1, name: '一年级1班' }, 'Grade 1')).toBe('一年级1班');
    expect(classWithGrade({ grade: 1, name: '1班' }, 'Grade 1')).toBe('Grade 1 1班');
    // A name saying another grade than the class's keeps the label: the two disagree, and the reader sees it.
    expect(classWithGrade({ grade: 2, name: '一年级1班' }, '二年级')).toBe('二年级 一年级1班');
  });
});

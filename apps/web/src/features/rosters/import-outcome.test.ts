import '../../i18n/children.ts';
import type { ImportPreview, ImportRow, Lang } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { type TFunction, translateWeb } from '../../i18n/translate.ts';
import { needsSkip, resultText, skippedRows } from './import-outcome.ts';

const t =
  (lang: Lang): TFunction =>
  (key, params) =>
    translateWeb(lang, key, params);

const row = (n: number, status: ImportRow['status'], errors: ImportRow['errors'] = []): ImportRow => ({
  row: n,
  status,
  name: `学生${n}`,
  childId: null,
  changed: [],
  errors,
});

/** A preview of six rows: one new, one unchanged and four with errors. */
const preview: ImportPreview = {
  importId: '01JDCAREBRIDGE0000000000AA',
  fileName: 'roster.xlsx',
  sheet: 'Sheet1',
  headerRow: 2,
  columns: [],
  summary: { create: 1, update: 0, unchanged: 1, error: 4 },
  rows: [
    row(3, 'create'),
    row(4, 'error', [{ column: '身份证号', message: '身份证号被 Excel 当成数字，末位已丢失' }]),
    row(5, 'error', [{ column: '身份证号', message: '身份证号中的性别与填写的性别不一致' }]),
    row(6, 'unchanged'),
    row(7, 'error', [{ column: '出生日期', message: '必填' }]),
    row(8, 'error', [
      { column: '班级', message: '本校没有名为“九年级1班”的班级' },
      { column: '监护人电话', message: '应为 11 位手机号' },
    ]),
  ],
  expiresAt: '2026-11-21T02:00:00.000Z',
};

describe('the result of a roster import', () => {
  it('says how many rows with errors it skipped, in Chinese and in English', () => {
    const result = { created: 1, updated: 0 };
    expect(resultText(t('zh-CN'), result, 4)).toBe('新增 1 名，更新 0 名，跳过 4 行有误的行');
    expect(resultText(t('en-US'), result, 4)).toBe('1 created, 0 updated, 4 rows with errors skipped');
    expect(resultText(t('en-US'), result, 1)).toBe('1 created, 0 updated, 1 row with errors skipped');
    // Nothing skipped, nothing said about it.
    expect(resultText(t('zh-CN'), result, 0)).toBe('新增 1 名，更新 0 名');
    expect(resultText(t('en-US'), result, 0)).toBe('1 created, 0 updated');
  });

  it('keeps the skipped rows with their errors, so that the school can correct them', () => {
    const skipped = skippedRows(preview);
    expect(skipped.map((r) => r.row)).toEqual([4, 5, 7, 8]);
    expect(skipped[3]?.errors).toHaveLength(2);
    expect(skippedRows({ ...preview, summary: { ...preview.summary, error: 0 }, rows: [row(3, 'create')] })).toEqual([]);
  });

  it('asks for 「跳过有误的行」 before a file with errors goes to the server, which would refuse it', () => {
    expect(needsSkip(preview, false)).toBe(true);
    expect(needsSkip(preview, true)).toBe(false);
    expect(needsSkip({ ...preview, summary: { ...preview.summary, error: 0 } }, false)).toBe(false);
  });
});

import type { ImportPreview, ImportResult, ImportRow } from '@carebridge/shared';
import type { TFunction } from '../../i18n/translate.ts';

/**
 * The rows a commit left out. The server writes every previewed row but those with errors, and refuses
 * a file with errors unless 「跳过有误的行」 is ticked: the rows skipped are the preview's rows with errors.
 */
export const skippedRows = (preview: ImportPreview): ImportRow[] => preview.rows.filter((r) => r.status === 'error');

/** What an import wrote, and how many rows with errors it skipped (新增 1 名，更新 0 名，跳过 4 行有误的行). */
export function resultText(t: TFunction, result: ImportResult, skipped: number): string {
  return skipped > 0
    ? t('rosters.resultSkipped', { created: result.created, updated: result.updated, count: skipped })
    : t('rosters.resultText', { created: result.created, updated: result.updated });
}

/** 确认导入 of a file with errors before 「跳过有误的行」 is ticked: the server would refuse it with the page's own warning. */
export const needsSkip = (preview: ImportPreview, skipInvalid: boolean) => preview.summary.error > 0 && !skipInvalid;

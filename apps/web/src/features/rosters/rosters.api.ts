import '../../i18n/children.ts';
import { ImportPreview, ImportResult, type RosterExportQuery } from '@carebridge/shared';
import { api } from '../../api/client.ts';
import { download, upload } from '../../api/files.ts';

export interface UploadTarget {
  schoolId: string;
  classId?: string | undefined;
}

export const rostersApi = {
  /** The empty Excel template with the archive's column headers. */
  template: () => download('/rosters/template.xlsx', undefined, '花名册模板.xlsx'),
  /** Parse and check a roster; nothing is written until commit. The file goes last in the form (the server streams it). */
  upload: (target: UploadTarget, file: File, progress: { onProgress: (percent: number) => void; onSent: () => void; signal?: AbortSignal }) => {
    const form = new FormData();
    form.append('schoolId', target.schoolId);
    if (target.classId) form.append('classId', target.classId);
    form.append('file', file, file.name);
    return upload('/rosters/import', form, { schema: ImportPreview, ...progress });
  },
  commit: (importId: string, skipInvalid: boolean) => api.post(`/rosters/import/${importId}/commit`, { skipInvalid }, { schema: ImportResult }),
  exportRoster: (query: Partial<Omit<RosterExportQuery, 'layout'>> & { layout: RosterExportQuery['layout'] }) =>
    download('/rosters/export.xlsx', query, query.layout === 'official' ? '留守儿童信息登记表.xlsx' : '留守儿童花名册.xlsx'),
};

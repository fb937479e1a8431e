import { Id, ImportCommit, ImportPreview, ImportResult, RosterExportQuery, translate } from '@carebridge/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { cleanFileName, refuseNul } from '../../lib/nul.ts';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { MAX_FILE_BYTES } from './roster.parse.ts';
import { buildTemplate } from './roster-template.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Send a workbook as a download with a Chinese file name (RFC 6266 / 5987). */
export function sendXlsx(reply: FastifyReply, fileName: string, data: Buffer) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

export function rosterRoutes(app: Api) {
  const { rosterImport, rosterExport } = app.services;
  const tags = ['rosters'];
  const config = { labels: 'childFields' };

  app.get('/rosters/template.xlsx', { schema: { tags } }, async (req, reply) =>
    sendXlsx(reply, `${translate(req.lang, 'rosterExport.files.template')}.xlsx`, await buildTemplate(req.lang)),
  );

  app.post('/rosters/import', { config, schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportPreview } } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', 415);
    const fields: Record<string, string> = {};
    let file: { name: string; data: Buffer } | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 } })) {
        if (part.type === 'file') file = { name: cleanFileName(part.filename) || 'roster.xlsx', data: await part.toBuffer() };
        else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import_too_large', 413, { mb: MAX_FILE_BYTES / 1024 / 1024 });
      throw err;
    }
    refuseNul(fields);
    const parsed = z.object({ schoolId: Id, classId: Id.optional().or(z.literal('').transform(() => undefined)) }).safeParse(fields);
    if (!parsed.success || !file) {
      const problems = [
        ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'schoolId'), message: 'validation.required' }))),
        ...(file ? [] : [{ path: 'file', message: 'validation.required' }]),
      ];
      throw new AppError('validation_failed', 400, {}, problems);
    }
    return rosterImport.preview(authOf(req), {
      schoolId: parsed.data.schoolId,
      classId: parsed.data.classId ?? null,
      fileName: file.name,
      data: file.data,
      lang: req.lang,
    });
  });

  app.get('/rosters/import/:importId', { schema: { tags, params: z.object({ importId: Id }), response: { 200: ImportPreview } } }, async (req) =>
    rosterImport.get(authOf(req), req.params.importId),
  );

  app.post(
    '/rosters/import/:importId/commit',
    { schema: { tags, params: z.object({ importId: Id }), body: ImportCommit.optional(), response: { 200: ImportResult } } },
    async (req) => rosterImport.commit(authOf(req), req.params.importId, { skipInvalid: req.body?.skipInvalid }),
  );

  app.get('/rosters/export.xlsx', { config, schema: { tags, querystring: RosterExportQuery } }, async (req, reply) => {
    const { fileName, data } = await rosterExport.export(authOf(req), req.query, req.lang);
    return sendXlsx(reply, fileName, data);
  });
}

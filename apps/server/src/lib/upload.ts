import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { cleanFileName, refuseNul } from './nul.ts';

/** One uploaded file of a multipart request, with the text fields sent before it. */
export interface Upload {
  name: string;
  data: Buffer;
  type: string;
  fields: Record<string, string>;
}

/** Browsers send the file name as UTF-8; some clients percent-encode it. */
export function decodedName(name: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(name)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * Read the one file of a multipart upload (photo or attachment) of at most `max` bytes: a request
 * that is not multipart is a 415, a file too large a 413 saying the limit, no file a 400 naming `file`.
 */
export async function readUpload(req: FastifyRequest, max: number, tooLarge = 'photo_too_large'): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 415);
  try {
    const part = await req.file({ limits: { fileSize: max + 1, files: 1 } });
    if (part) {
      const fields: Record<string, string> = {};
      for (const [key, field] of Object.entries(part.fields)) {
        const one = Array.isArray(field) ? field[0] : field;
        if (one && one.type === 'field' && typeof one.value === 'string') fields[key] = one.value;
      }
      refuseNul(fields);
      return { name: cleanFileName(decodedName(part.filename)), data: await part.toBuffer(), type: part.mimetype, fields };
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(tooLarge, 413, { mb: Math.round(max / 1024 / 1024) });
    throw err;
  }
  throw new AppError('validation_failed', 400, {}, [{ path: 'file', message: 'validation.required' }]);
}

import { type FieldError, fieldLabel, type Lang, localiseIssues, pickLang, translate } from '@carebridge/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/** Translate params that are themselves dictionary keys (entity names, scope kinds). */
function localParams(lang: Lang, params: Record<string, string | number>) {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && /^[a-z]+(Kinds)?\.[\w.]+$/i.test(v) ? translate(lang, v) : v;
  return out;
}

export function sendError(reply: FastifyReply, lang: Lang, status: number, code: string, params: Record<string, string | number> = {}, fields?: FieldError[]) {
  const body: Record<string, unknown> = { error: code, status, message: translate(lang, `errors.${code}`, localParams(lang, params)) };
  if (fields?.length) body.fields = fields;
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** A validation message that names the field: "用户名：至少 3 个字符". */
function summarise(lang: Lang, fields: FieldError[], sections?: readonly string[]): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  const parts = fields.slice(0, 3).map((f) => `${fieldLabel(f.path, lang, sections)}${sep}${f.message}`);
  const more = fields.length > 3 ? '…' : '';
  return lang === 'zh-CN'
    ? `${translate(lang, 'errors.validation_failed')}（${parts.join('；')}${more}）`
    : `${translate(lang, 'errors.validation_failed')} (${parts.join('; ')}${more})`;
}

/** Routes name the dictionary section of their field labels (`config: { labels: 'childFields' }`), looked up first. */
function labelSections(req: FastifyRequest): string[] | undefined {
  const labels = (req.routeOptions?.config as { labels?: string } | undefined)?.labels;
  return labels ? [labels, 'fields', 'childFields'] : undefined;
}

/** One error envelope for every failure; 5xx only for our own faults, and then masked. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? pickLang(req.headers['accept-language']);
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      const fields = err.fields?.map((f) => ({ path: f.path, message: translate(lang, f.message, localParams(lang, f.params ?? {})) }));
      if (err.code === 'validation_failed' && fields?.length) {
        const sections = labelSections(req);
        return reply.code(err.status).send({ error: err.code, status: err.status, message: summarise(lang, fields, sections), fields });
      }
      return sendError(reply, lang, err.status, err.code, err.params, fields);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
      }));
      const fields = localiseIssues(issues as never, lang);
      const sections = labelSections(req);
      const body = { error: 'validation_failed', status: 400, message: summarise(lang, fields, sections), fields };
      return reply.code(400).send(body);
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = e.statusCode ?? 500;
    if (status === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, lang, 413, 'payload_too_large');
    if (status === 415 || e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, lang, 415, 'unsupported_media_type');
    if (status === 429) return sendError(reply, lang, 429, 'rate_limited');
    if (status >= 400 && status < 500) return sendError(reply, lang, status, 'bad_request');
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, lang, 500, 'internal_error');
  });
}

/** Unknown API routes get the error envelope; with the web app built, other GETs get its shell (client-side routes). */
export function registerNotFound(app: FastifyInstance, spa: boolean) {
  app.setNotFoundHandler((req, reply) => {
    if (spa && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, req.lang ?? pickLang(req.headers['accept-language']), 404, 'route_not_found');
  });
}

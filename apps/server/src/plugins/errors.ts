import { type FieldError, fieldLabel, type Lang, localiseIssues, pickLang, translate } from '@carebridge/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { refuseNul } from '../lib/nul.ts';

/** An AppError's message as the API would answer it, in `lang` (for answers that report several outcomes). */
export function errorText(lang: Lang, err: AppError): string {
  return translate(lang, `errors.${err.code}`, localParams(lang, err.params));
}

/** Translate params that are themselves dictionary keys (entity names, scope kinds). */
function localParams(lang: Lang, params: Record<string, string | number>) {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && /^[a-z]+(Kinds)?\.[\w.]+$/i.test(v) ? translate(lang, v) : v;
  return out;
}

export function sendError(
  reply: FastifyReply,
  lang: Lang,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
  fields?: FieldError[],
  details?: Record<string, unknown>,
) {
  const body: Record<string, unknown> = { ...details, error: code, status, message: translate(lang, `errors.${code}`, localParams(lang, params)) };
  if (fields?.length) body.fields = fields;
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** Where a request's input was found wrong: its body, query string, route parameters or headers. */
type Part = 'body' | 'querystring' | 'params' | 'headers';

/** A field's label; a path of '' names the part itself ("请求内容"). */
function labelOf(lang: Lang, path: string, part: Part, sections?: readonly string[]): string {
  return path ? fieldLabel(path, lang, sections) : translate(lang, `validation.parts.${part}`);
}

/** A message that names the fields: "提交的数据有误…（用户名：至少 3 个字符）". */
function summarise(lang: Lang, fields: FieldError[], sections?: readonly string[], part: Part = 'body', head = 'errors.validation_failed'): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  const parts = fields.slice(0, 3).map((f) => `${labelOf(lang, f.path, part, sections)}${sep}${f.message}`);
  const more = fields.length > 3 ? '…' : '';
  return lang === 'zh-CN' ? `${translate(lang, head)}（${parts.join('；')}${more}）` : `${translate(lang, head)} (${parts.join('; ')}${more})`;
}

/** Routes name the dictionary section of their field labels (`config: { labels: 'childFields' }`), looked up first. */
function labelSections(req: FastifyRequest): string[] | undefined {
  const labels = (req.routeOptions?.config as { labels?: string } | undefined)?.labels;
  return labels ? [labels, 'fields', 'childFields'] : undefined;
}

/** Whether a body schema is an object (or objects only): a missing body then reads as `{}`. */
function objectSchema(schema: unknown): boolean {
  const def = (schema as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;
  switch (def?.type) {
    case 'object':
      return true;
    case 'pipe':
      return objectSchema(def.in);
    case 'union':
      return !!def.options?.length && def.options.every(objectSchema);
    case 'intersection':
      return objectSchema(def.left) && objectSchema(def.right);
    case 'nullable':
    case 'readonly':
      return objectSchema(def.innerType);
    default:
      return false;
  }
}
interface ZodDef {
  type: string;
  in?: unknown;
  options?: unknown[];
  left?: unknown;
  right?: unknown;
  innerType?: unknown;
}
const OBJECT_BODY = new WeakMap<object, boolean>();

/**
 * A request without a body (none at all, or an empty one sent as JSON) to a route whose body is an
 * object is validated as `{}`: a body of optional fields only is accepted, and one with required
 * fields names each of them ("儿童：必填"), where Fastify passed `null` and the answer named no field.
 * Any other missing body is named as the request's body ("请求内容：必填").
 */
function registerEmptyBodies(app: FastifyInstance) {
  const json = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? 'error', app.initialConfig.onConstructorPoisoning ?? 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
    body === '' ? done(null, undefined) : json(req, body as string, done),
  );
  app.addHook('preValidation', (req, _reply, done) => {
    const schema = req.routeOptions.schema?.body;
    if (req.body === undefined && schema && typeof schema === 'object') {
      let isObject = OBJECT_BODY.get(schema);
      if (isObject === undefined) {
        isObject = objectSchema(schema);
        OBJECT_BODY.set(schema, isObject);
      }
      if (isObject) req.body = {};
    }
    done();
  });
}

/**
 * One error envelope for every failure; 5xx only for our own faults, and then masked. Bad input is
 * answered with the fields it concerns, in the caller's language; a missing body counts as `{}` where
 * the route's body is an object (`registerEmptyBodies`).
 */
export function registerErrorHandling(app: FastifyInstance) {
  registerEmptyBodies(app);
  // A NUL character (or a body nested too deep) anywhere is refused before validation, naming its field (lib/nul.ts).
  app.addHook('preValidation', async (req) => {
    refuseNul(req.params);
    refuseNul(req.query);
    refuseNul(req.body);
  });
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? pickLang(req.headers['accept-language']);
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      const fields = err.fields?.map((f) => ({ path: f.path, message: translate(lang, f.message, localParams(lang, f.params ?? {})) }));
      if (err.code === 'validation_failed' && fields?.length) {
        const sections = labelSections(req);
        return reply.code(err.status).send({ error: err.code, status: err.status, message: summarise(lang, fields, sections), fields });
      }
      return sendError(reply, lang, err.status, err.code, err.params, fields, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
      }));
      // zod's issues do not carry the values: the received type of a mismatch is read from the request.
      const part = ((err as { validationContext?: Part }).validationContext ?? 'body') as Part;
      const input = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[part];
      const fields = localiseIssues(issues as never, lang, { input });
      const sections = labelSections(req);
      const body = { error: 'validation_failed', status: 400, message: summarise(lang, fields, sections, part), fields };
      return reply.code(400).send(body);
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = e.statusCode ?? 500;
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      const fields = [{ path: '', message: translate(lang, 'validation.invalid_json') }];
      return reply.code(400).send({ error: 'bad_request', status: 400, message: summarise(lang, fields, undefined, 'body', 'errors.bad_request'), fields });
    }
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

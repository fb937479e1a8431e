import { ErrorBody, type FieldError, type Lang } from '@carebridge/shared';
import type { z } from 'zod';
import { translateWeb } from '../i18n/translate.ts';

/** A failed API call: the server's error envelope (code, status, localised message, field errors). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    /** The whole answer, for an error that carries more than the envelope (a new archive's likely duplicates). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isVersionConflict(): boolean {
    return this.status === 409 && this.code === 'version_conflict';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions<S extends z.ZodType | undefined> {
  query?: Query;
  body?: unknown;
  /** Parse the response with a shared schema. */
  schema?: S;
}

type Result<S> = S extends z.ZodType ? z.output<S> : unknown;

const state: { csrfToken: string | null; lang: Lang; onUnauthorized: (() => void) | null } = {
  csrfToken: null,
  lang: 'zh-CN',
  onUnauthorized: null,
};

/** The session's CSRF token (from login or GET /api/auth/me); kept in memory only. */
export function setCsrfToken(token: string | null) {
  state.csrfToken = token;
}

export function setApiLang(lang: Lang) {
  state.lang = lang;
}

/** Called on a 401 from any endpoint except login itself (the app sends the user to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  state.onUnauthorized = handler;
}

export function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data.error, parsed.data.status, parsed.data.message, parsed.data.fields ?? [], body);
  return new ApiError('unexpected_response', status, translateWeb(state.lang, 'errors.unexpected', { status }));
}

export function parseResult<S extends z.ZodType | undefined>(method: string, path: string, status: number, body: unknown, schema: S | undefined): Result<S> {
  if (!schema) return body as Result<S>;
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data as Result<S>;
  // A shape drift between server and web: loud in development, tolerated in production.
  console.error(`Unexpected response shape from ${method} ${path}`, parsed.error.issues);
  if (import.meta.env.DEV) throw new ApiError('unexpected_response', status, translateWeb(state.lang, 'errors.unexpected', { status }));
  return body as Result<S>;
}

async function request<S extends z.ZodType | undefined = undefined>(method: string, path: string, opts: RequestOptions<S> = {}): Promise<Result<S>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.lang };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError('network', 0, translateWeb(state.lang, 'errors.network'));
  }
  const body = await readJson(res);
  if (!res.ok) throw errorOf(res.status, body, path);
  return parseResult(method, path, res.status, body, opts.schema);
}

/** An error answer as ApiError; a 401 (except from the login call itself) also ends the session in the app. */
export function errorOf(status: number, body: unknown, path: string): ApiError {
  const err = toApiError(status, body);
  if (status === 401 && path !== '/auth/login') {
    state.csrfToken = null;
    state.onUnauthorized?.();
  }
  return err;
}

/** Headers every call sends: the language, and on writes the session's CSRF token. For calls made outside `api` (file transfers). */
export function baseHeaders(write: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': state.lang };
  if (write && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  return headers;
}

export function networkError(): ApiError {
  return new ApiError('network', 0, translateWeb(state.lang, 'errors.network'));
}

/** Typed JSON calls to /api: cookies same-origin, CSRF header on writes, Accept-Language always. */
export const api = {
  get: <S extends z.ZodType | undefined = undefined>(path: string, opts?: Omit<RequestOptions<S>, 'body'>) => request('GET', path, opts),
  post: <S extends z.ZodType | undefined = undefined>(path: string, body?: unknown, opts?: Omit<RequestOptions<S>, 'body'>) =>
    request('POST', path, { ...opts, body }),
  patch: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, opts?: Omit<RequestOptions<S>, 'body'>) =>
    request('PATCH', path, { ...opts, body }),
  put: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, opts?: Omit<RequestOptions<S>, 'body'>) =>
    request('PUT', path, { ...opts, body }),
  /** DELETE; some answer with a body (the updated parent), parsed like every other answer when a schema is given. */
  delete: <S extends z.ZodType | undefined = undefined>(path: string, opts?: Omit<RequestOptions<S>, 'query'>) => request('DELETE', path, opts),
};

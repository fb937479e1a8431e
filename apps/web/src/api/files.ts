import type { z } from 'zod';
import { baseHeaders, errorOf, networkError, parseResult, type Query, url } from './client.ts';

type Result<S> = S extends z.ZodType ? z.output<S> : unknown;

/** "attachment; filename*=UTF-8''%E8%8A%B1.xlsx" → "花.xlsx" (falls back to the plain filename, then to `fallback`). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed encoding: try the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Download a file from /api (xlsx template, roster export): fetched first so that an error comes back
 * as a readable message (not a JSON page), then handed to the browser as a download.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url(path, query), { headers: baseHeaders(false), credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw errorOf(res.status, await res.json().catch(() => undefined), path);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

export interface UploadOptions<S extends z.ZodType | undefined> {
  schema?: S;
  /** 0-100 while the file is sent. */
  onProgress?: (percent: number) => void;
  /** The file is sent; the server is now working on it. */
  onSent?: () => void;
  signal?: AbortSignal;
}

/**
 * POST multipart/form-data with upload progress (fetch cannot report it, so XMLHttpRequest), the
 * CSRF header and Accept-Language; the JSON answer is parsed like every other call.
 */
export function upload<S extends z.ZodType | undefined = undefined>(path: string, form: FormData, opts: UploadOptions<S> = {}): Promise<Result<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(baseHeaders(true))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = () => {
      opts.onProgress?.(100);
      opts.onSent?.();
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(networkError());
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorOf(xhr.status, body, path));
        return;
      }
      try {
        resolve(parseResult('POST', path, xhr.status, body, opts.schema));
      } catch (err) {
        reject(err);
      }
    };
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

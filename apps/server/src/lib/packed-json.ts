import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';

const deflate = promisify(deflateRaw);
/** Marks packed text; JSON never starts with it. */
const PACKED = 'z1:';

/**
 * A large value as text for a text column: its JSON deflated (in libuv's thread pool, so the caller's
 * thread goes on meanwhile) and base64-encoded. A roster preview's 10,000 rows are ≈ 4 MB of JSON and
 * ≈ 0.3 MB packed; writing the plain JSON was a sixth of a preview on SQLite, and PostgreSQL compressed
 * it again on its own.
 */
export async function packJson(value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  return PACKED + (await deflate(json, { level: 1 })).toString('base64');
}

/** The value of `packJson`'s text, or of plain JSON (rows written before packing, or short ones). */
export function unpackJson<T>(text: string): T {
  if (!text.startsWith(PACKED)) return JSON.parse(text) as T;
  return JSON.parse(inflateRawSync(Buffer.from(text.slice(PACKED.length), 'base64')).toString('utf8')) as T;
}

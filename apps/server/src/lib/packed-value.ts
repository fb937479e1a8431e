import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { deflateRaw, inflateRawSync } from 'node:zlib';

const deflate = promisify(deflateRaw);
/** Marks a value packed by `packValue`; JSON never starts with it. */
const PACKED = 'v1:';
/** Marks deflated JSON, as values were packed before (rows of previews made by an earlier release). */
const PACKED_JSON = 'z1:';

/**
 * A large value as text for a text column: V8's serialisation of it (the structured-clone format, which
 * Node documents as safe to store: a later Node reads it), deflated in libuv's thread pool, so the
 * caller's thread goes on meanwhile, and base64-encoded. A roster preview's 10,000 rows are ≈ 4.6 MB as
 * JSON and ≈ 0.3 MB packed; serialising them costs a fraction of `JSON.stringify` and encoding the
 * text as UTF-8 (the preview's packing 26–87 ms instead of 81–150 ms, bench/RESULTS.md). Plain objects,
 * arrays, strings, numbers, booleans, null and undefined come back as they went in.
 */
export async function packValue(value: unknown): Promise<string> {
  return PACKED + (await deflate(serialize(value), { level: 1 })).toString('base64');
}

/** The value of `packValue`'s text; also of deflated JSON (`z1:`, packed by an earlier release) and of plain JSON. */
export function unpackValue<T>(text: string): T {
  if (text.startsWith(PACKED)) return deserialize(inflateRawSync(Buffer.from(text.slice(PACKED.length), 'base64'))) as T;
  if (text.startsWith(PACKED_JSON)) return JSON.parse(inflateRawSync(Buffer.from(text.slice(PACKED_JSON.length), 'base64')).toString('utf8')) as T;
  return JSON.parse(text) as T;
}

import { AppError } from '../errors.ts';

const NUL = '\u0000';
/** Enough to name every bad field a form could send; a body of thousands is not walked to the end. */
const MAX_FOUND = 20;

/**
 * Where a value holds the NUL character (in a string or an object's key): paths as the validation
 * errors write them ("items.0.name"), the key itself for a bad key. PostgreSQL can neither keep nor
 * compare NUL in text (SQLite can), so every input with one is refused, on both, before it reaches SQL.
 */
export function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (found.length >= MAX_FOUND) return found;
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) nulPaths(value[i], [...path, String(i)], found);
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) found.push(path.join('.'));
      else nulPaths(v, [...path, k], found);
    }
  }
  return found;
}

/** A 400 naming each field of `value` that holds a NUL character; nothing when none does. */
export function refuseNul(value: unknown): void {
  const paths = [...new Set(nulPaths(value))];
  if (paths.length)
    throw new AppError(
      'validation_failed',
      400,
      {},
      paths.map((path) => ({ path, message: 'validation.nul' })),
    );
}

/** Text decoded from a client's cursor: a NUL in it is as bad as anywhere else. */
export const hasNul = (text: string) => text.includes(NUL);

/** A file's name as sent, without control characters (a NUL, a newline): it is kept and shown, never trusted. */
export function cleanFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c !== 0x7f) out += ch;
  }
  return out;
}

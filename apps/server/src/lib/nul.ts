import { AppError } from '../errors.ts';

const NUL = '\u0000';
/** Enough to name every bad field a form could send; a body of thousands is not walked to the end. */
const MAX_FOUND = 20;
/** No form nests deeper; a body nested thousands deep (2 MB allow it) is refused here, not walked to a stack overflow. */
const MAX_DEPTH = 32;

interface Found {
  path: string;
  message: 'validation.nul' | 'validation.too_deep';
}

/**
 * Where a value holds the NUL character (in a string or an object's key): paths as the validation
 * errors write them ("items.0.name"), the key itself for a bad key; and where it nests deeper than
 * `MAX_DEPTH`. PostgreSQL can neither keep nor compare NUL in text (SQLite can), so every input with
 * one is refused, on both, before it reaches SQL.
 */
export function nulProblems(value: unknown, path: string[] = [], found: Found[] = []): Found[] {
  if (found.length >= MAX_FOUND) return found;
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push({ path: path.join('.'), message: 'validation.nul' });
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    if (path.length >= MAX_DEPTH) found.push({ path: path.join('.'), message: 'validation.too_deep' });
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) nulProblems(value[i], [...path, String(i)], found);
    else
      for (const [k, v] of Object.entries(value)) {
        if (k.includes(NUL)) found.push({ path: path.join('.'), message: 'validation.nul' });
        else nulProblems(v, [...path, k], found);
      }
  }
  return found;
}

/** The paths of `value` that hold a NUL character. */
export const nulPaths = (value: unknown): string[] => nulProblems(value).map((f) => f.path);

/** A 400 naming each field of `value` that holds a NUL character (or nests too deep); nothing when none does. */
export function refuseNul(value: unknown): void {
  const seen = new Set<string>();
  const fields = nulProblems(value).filter((f) => !seen.has(f.path) && seen.add(f.path));
  if (fields.length) throw new AppError('validation_failed', 400, {}, fields);
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

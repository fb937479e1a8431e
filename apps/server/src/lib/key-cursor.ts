import { AppError } from '../errors.ts';
import { hasNul } from './nul.ts';

/**
 * The cursor of a list ordered newest first by a sort key (a time or a day) and then by id: the last
 * row's key and id, opaque to the caller (`base64url("key|id")`). The next page is the rows strictly
 * before it in that order.
 */
export function encodeKeyCursor(key: string, id: string): string {
  return Buffer.from(`${key}|${id}`).toString('base64url');
}

/** The key and id in a cursor from `encodeKeyCursor`; one that is not such a cursor is a 400 naming `cursor`. */
export function decodeKeyCursor(cursor: string): { key: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [key, id, ...rest] = text.split('|');
  if (!key || !id || rest.length || hasNul(text)) throw new AppError('validation_failed', 400, {}, [{ path: 'cursor', message: 'validation.invalid' }]);
  return { key, id };
}

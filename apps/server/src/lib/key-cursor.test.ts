import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeKeyCursor, encodeKeyCursor } from './key-cursor.ts';

describe('key cursor', () => {
  it('gives back the key and id it was made of', () => {
    const c = encodeKeyCursor('2026-12-02T10:00:00.000Z', '01JABC');
    expect(c).not.toContain('|');
    expect(decodeKeyCursor(c)).toEqual({ key: '2026-12-02T10:00:00.000Z', id: '01JABC' });
  });

  it('refuses what is not such a cursor with a 400 naming the field', () => {
    for (const bad of ['', 'abc', Buffer.from('only-key').toString('base64url'), Buffer.from('a|b|c').toString('base64url')]) {
      try {
        decodeKeyCursor(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(400);
        expect((e as AppError).fields?.[0]?.path).toBe('cursor');
      }
    }
  });
});

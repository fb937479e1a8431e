import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Random words for ids, drawn from the system's CSPRNG 1,024 at a time: the library's default source
 * draws 8 at a time, one crypto call every few ids, which showed in bulk writes (a roster import makes
 * 30,000 ids).
 */
class BufferedRandom {
  private readonly buffer = new Uint32Array(1024);
  private cursor = this.buffer.length;
  nextUint32(): number {
    if (this.cursor >= this.buffer.length) {
      randomFillSync(this.buffer);
      this.cursor = 0;
    }
    return this.buffer[this.cursor++] as number;
  }
}
const ids = new V7Generator(new BufferedRandom());

/** A new time-sortable id (UUIDv7), generated in the app so rows move between databases unchanged. */
export function newId(): string {
  return ids.generate().toString();
}

/** Now as ISO-8601 UTC text, the portable timestamp format. */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean): number => (v ? 1 : 0);

/** Escape LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether an error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Whether an error is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint failed/.test(e?.message ?? '');
}

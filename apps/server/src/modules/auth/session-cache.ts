import type { Assignment } from '../../access/auth.ts';

/** What a session resolves to, before the request's own details (address, language) are added. */
export interface CachedSession {
  userId: string;
  username: string;
  name: string;
  roles: (Assignment & { userId: string })[];
  csrfToken: string;
  /** A first or reset password not changed yet: only the change itself is served. */
  mustChangePassword: boolean;
  expiresAt: number;
  lastSeenAt: number;
}

/**
 * Sessions resolved in the last moments, by token hash. A page sends several API requests at once and
 * every one of them resolved its session with a query (on PostgreSQL a round trip, about a third of a
 * child-list request's cost). Entries are kept `ttlMs` (the reader decides, `SESSION_CACHE_MS`), and
 * every change to sessions, users or role assignments made through this process empties the cache
 * (`forgetSessions`), so sign-out, password changes, deactivation and role changes act at once; a
 * change made by another server process on the same database acts within `ttlMs`.
 */
const entries = new Map<string, { at: number; session: CachedSession }>();
const MAX_ENTRIES = 10_000;
/**
 * A write empties the cache inside its transaction; a session read before that transaction commits
 * (another connection of a PostgreSQL pool) could hold what the write is replacing. So a session whose
 * reading began less than this long after the last write is not kept.
 */
const WRITE_GRACE_MS = 1_000;
let lastWrite = Number.NEGATIVE_INFINITY;

export const sessionCache = {
  get(id: string, ttlMs: number): CachedSession | undefined {
    const e = entries.get(id);
    if (!e) return undefined;
    if (performance.now() - e.at >= ttlMs) {
      entries.delete(id);
      return undefined;
    }
    return e.session;
  },
  /** Keep a session read from the database; `readAt`: `performance.now()` when the reading began. */
  set(id: string, session: CachedSession, readAt: number): void {
    if (readAt < lastWrite + WRITE_GRACE_MS) return;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(id, { at: performance.now(), session });
  },
  get size(): number {
    return entries.size;
  },
};

/** Empty the cache: called by every write to sessions, users and role assignments. */
export function forgetSessions(): void {
  entries.clear();
  lastWrite = performance.now();
}

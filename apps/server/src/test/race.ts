import type { TestApp } from './index.ts';

/**
 * For race tests: `other` starts inside the app's next transaction, after that transaction's writes
 * and 300 ms before it commits; returns what `other` answered. On PostgreSQL the two really overlap
 * (what a lock must serialise); SQLite runs one write transaction at a time, so `other` waits.
 */
export function duringNextTransaction<A>(app: TestApp, other: () => Promise<A>): () => Promise<A> {
  const db = app.ctx.db;
  const original = db.transaction.bind(db);
  let started: Promise<A> | undefined;
  db.transaction = (() => ({
    execute: (fn: (tx: typeof db) => Promise<unknown>) => {
      db.transaction = original;
      return original().execute(async (tx) => {
        const out = await fn(tx);
        started = other();
        await new Promise((r) => setTimeout(r, 300));
        return out;
      });
    },
  })) as never;
  return () => started as Promise<A>;
}

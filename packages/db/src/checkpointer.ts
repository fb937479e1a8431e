import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's own default: checkpoint after a commit once the WAL holds this many pages. */
const SQLITE_AUTOCHECKPOINT = 1000;

// The worker's code: its own connection to the file, a passive checkpoint every `everyMs` (it waits for
// no reader or writer), and a last one when told to stop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const pass = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
};
const timer = setInterval(pass, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  pass();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stop the worker after a last checkpoint; the connection checkpoints after each commit again. */
  stop(): Promise<void>;
}

/**
 * Copy a SQLite database's write-ahead log into the file from a worker thread instead of in the commit
 * that crosses SQLite's threshold (1,000 pages). That commit, whichever request it was, paid for copying
 * every earlier commit's pages and syncing the file: ≈ 90 ms of a 10,000-row roster import, and the
 * event loop stood still meanwhile. The worker has its own connection and runs on another core; the
 * server's connection no longer checkpoints by itself while the worker runs, and does again if it stops
 * or fails. A checkpoint error is reported through `onError`, and the next pass tries again.
 */
export function startCheckpointer(sqlite: SQLite.Database, file: string, everyMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // Plain CommonJS with no loaders: the parent's flags (tsx's hooks, `--input-type=module`) are not the worker's.
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { file, driver, everyMs } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
      resolve();
    });
  });
  worker.on('message', (m: { error?: string }) => m.error && onError(m.error));
  // An error thrown in the worker arrives cloned: a driver's error class may come as its code alone.
  worker.on('error', (err: unknown) => {
    const e = err as { message?: string; code?: string } | null;
    onError(e?.message || e?.code || String(err));
  });
  return {
    stop: async () => {
      // Unreferenced, the worker would not keep the process alive while it stops: a command-line tool whose
      // last handle it is would end with this promise pending (exit code 13) before the last checkpoint.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

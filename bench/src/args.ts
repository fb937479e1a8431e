import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { BENCH_TODAY, DEFAULT_CHILDREN, type Scale } from './seed.ts';

/** `--scale county --children 5000 --db URL` (also SCALE, CHILDREN, DATABASE_URL in the environment). */
export function benchArgs(argv = process.argv.slice(2)) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = (get('scale') ?? process.env.SCALE ?? 'county') as Scale;
  if (!['school', 'county', 'province'].includes(scale)) throw new Error(`--scale must be school, county or province, not ${scale}`);
  const children = Number(get('children') ?? process.env.CHILDREN ?? DEFAULT_CHILDREN[scale]);
  const db = get('db') ?? process.env.DATABASE_URL;
  return { scale, children, db, has: (flag: string) => argv.includes(`--${flag}`), get };
}

/** The app on the given database, or on a fresh SQLite file in a temporary directory. */
export async function benchApp(db: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'carebridge-bench-'));
  const url = db ?? `file:${join(dir, 'bench.db')}`;
  const app = await buildApp({
    config: loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NOTIFY_INTERVAL_MINUTES: '0', COMPLIANCE_PREWARM: 'false', DATA_DIR: dir }),
    logger: false,
    clock: () => BENCH_TODAY,
  });
  return { app, dir, url };
}

import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Idle and absolute session lifetimes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /**
   * How long a resolved session is reused without asking the database (a page's burst of requests);
   * 0 turns it off. Changes made by this server act at once, by another server process within this time.
   */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Failed sign-ins before an account is locked, and for how long. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failed sign-ins from one address (any account) in the lock window before it gets 429. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Set when served behind HTTPS: cookies get `Secure`. */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /** Trust X-Forwarded-* from a reverse proxy. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built web app; the server serves it when it exists. */
  WEB_DIST: z.string().optional(),
  /** Folder for uploaded files (care-record photos); backed up with the database. */
  DATA_DIR: z.string().default('data'),
  /** Largest photo accepted, in megabytes. */
  PHOTO_MAX_MB: z.coerce.number().min(1).max(50).default(10),
  /** How often overdue items and risk rises become notifications; 0 turns the timer off. */
  NOTIFY_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Count every school's compliance for this month and this term at start-up and after each Shanghai midnight. */
  COMPLIANCE_PREWARM: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  sessionCacheMs: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginMaxFailuresPerIp: number;
  cookieSecure: 'true' | 'false' | 'auto';
  trustProxy: boolean;
  logLevel: string;
  webDist: string | undefined;
  dataDir: string;
  photoMaxBytes: number;
  notifyIntervalMinutes: number;
  compliancePrewarm: boolean;
}

/** Parse the environment once into a frozen Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const e = Env.parse(env);
  return Object.freeze({
    databaseUrl: e.DATABASE_URL || undefined,
    port: e.PORT,
    host: e.HOST,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    sessionCacheMs: e.SESSION_CACHE_MS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    dataDir: e.DATA_DIR,
    photoMaxBytes: Math.round(e.PHOTO_MAX_MB * 1024 * 1024),
    notifyIntervalMinutes: e.NOTIFY_INTERVAL_MINUTES,
    compliancePrewarm: e.COMPLIANCE_PREWARM === 'true',
    ...overrides,
  });
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Db } from '@carebridge/db';
import { type ChildCreate, makeIdNumber, type Role } from '@carebridge/shared';
import type { InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import pg from 'pg';
import { type Auth, systemAuth } from '../access/auth.ts';
import { type App, buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';

/** The database tests run on: PostgreSQL when DATABASE_URL says so, else in-memory SQLite. */
export const testDialect = /^postgres/.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';

export interface TestApp extends App {
  /** Sign in and get a client that sends the session cookie and CSRF header. */
  as(username: string, password?: string): Promise<Client>;
}

export interface Client {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

export const TEST_PASSWORD = 'Passw0rd!';

/**
 * A fresh app on a fresh database: in-memory SQLite, or a new PostgreSQL schema dropped on close.
 * Config overrides let a test shorten lockouts or sessions; `clock` lets it move time; `onRoute` is
 * told of every route registered.
 */
export async function buildTestApp(opts: { env?: Record<string, string>; clock?: () => Date; onRoute?: (route: RouteOptions) => void } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-test-'));
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    NOTIFY_INTERVAL_MINUTES: '0',
    COMPLIANCE_PREWARM: 'false',
    ...opts.env,
    DATABASE_URL: process.env.DATABASE_URL ?? '',
  });
  let db: Db;
  let dropSchema: (() => Promise<void>) | undefined;
  if (testDialect === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = connect({ url: process.env.DATABASE_URL, pgSchema: schema, poolSize: 4 });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    db = connect({ url: ':memory:' });
  }
  const onClose = async () => {
    await db.close();
    await dropSchema?.();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let app: TestApp;
  try {
    app = (await buildApp({
      config,
      db,
      logger: false,
      onClose,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
    })) as TestApp;
  } catch (err) {
    // A test app that could not be built leaves no schema or files behind.
    await onClose().catch(() => undefined);
    throw err;
  }
  app.as = (username, password = TEST_PASSWORD) => login(app, username, password);
  return app;
}

export async function login(app: App, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (o: InjectOptions) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return {
    cookie,
    csrf,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers: headers ?? {} }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as never, headers: headers ?? {} }),
    patch: (url, payload, headers) => request({ method: 'PATCH', url, payload: payload as never, headers: headers ?? {} }),
    put: (url, payload, headers) => request({ method: 'PUT', url, payload: payload as never, headers: headers ?? {} }),
    delete: (url, payload, headers) =>
      request({ method: 'DELETE', url, ...(payload === undefined ? {} : { payload: payload as never }), headers: headers ?? {} }),
  };
}

// ---- factories: build organisation data directly through the services, as the system ----

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** The caller behind a signed-in client, for calling a service or repository directly. */
export async function authOf(app: App, client: Client): Promise<Auth> {
  const session = await app.services.auth.resolve(client.cookie.split('=')[1] as string, { ip: '', userAgent: null, lang: 'zh-CN' });
  if (!session) throw new Error('no session behind this client');
  return session.auth;
}

export async function buildRegion(app: App, opts: { parentId?: string; level?: 'province' | 'city' | 'county' | 'township'; name?: string } = {}) {
  return app.services.regions.create(systemAuth(), {
    parentId: opts.parentId ?? null,
    level: opts.level ?? (opts.parentId ? 'county' : 'province'),
    name: opts.name ?? `区域${uniq()}`,
  });
}

export async function buildSchool(app: App, opts: { regionId?: string; name?: string } = {}) {
  const regionId = opts.regionId ?? (await buildRegion(app, { level: 'county' })).id;
  return app.services.schools.create(systemAuth(), { regionId, name: opts.name ?? `学校${uniq()}`, kind: 'primary' });
}

export async function buildClass(app: App, opts: { schoolId: string; grade?: number; name?: string; headTeacherId?: string }) {
  return app.services.classes.create(systemAuth(), {
    schoolId: opts.schoolId,
    grade: opts.grade ?? 3,
    name: opts.name ?? `班${uniq()}`,
    pupilCount: 40,
    headTeacherId: opts.headTeacherId ?? null,
  });
}

/** A user with one role; scopeId is the region, school or class the role needs. */
export async function buildUser(app: App, role: Role, scopeId: string | null, opts: { username?: string; name?: string } = {}) {
  const username = opts.username ?? `${role.replace('_', '')}${uniq()}`;
  const user = await app.services.users.create(systemAuth(), {
    username,
    name: opts.name ?? `测试${username}`,
    password: TEST_PASSWORD,
    roles: [{ role, scopeId }],
  });
  // Factories skip the first-login password change.
  await app.ctx.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  return { ...user, username };
}

/** A county with one school, a class, and a user of every school role. */
export async function buildSchoolWithStaff(app: App) {
  const county = await buildRegion(app, { level: 'county' });
  const school = await buildSchool(app, { regionId: county.id });
  const klass = await buildClass(app, { schoolId: school.id });
  const leader = await buildUser(app, 'school_leader', school.id);
  const teacher = await buildUser(app, 'class_teacher', klass.id);
  const bureau = await buildUser(app, 'bureau_officer', county.id);
  return { county, school, klass, leader, teacher, bureau };
}

let childSeq = 0;
/** A left-behind child (both parents away, grandparents caring) with overrides. */
export async function buildChild(app: App, opts: { schoolId: string; classId?: string | null } & Partial<ChildCreate>) {
  childSeq++;
  const gender = opts.gender ?? (childSeq % 2 ? 'male' : 'female');
  const birthDate = opts.birthDate ?? `2016-0${(childSeq % 9) + 1}-1${childSeq % 10}`;
  return app.services.children.create(systemAuth(), {
    name: `儿童${uniq()}`,
    gender,
    birthDate,
    idNumber: makeIdNumber('530102', birthDate, childSeq, gender),
    fatherStatus: 'away',
    motherStatus: 'away',
    guardianRelation: 'paternal_grandparents',
    guardianName: '王奶奶',
    guardianPhone: '13800138000',
    hukouRural: true,
    ...opts,
  });
}

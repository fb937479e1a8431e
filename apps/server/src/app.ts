import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type Db, migrateToLatest } from '@carebridge/db';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Config, loadConfig } from './config.ts';
import type { Ctx } from './context.ts';
import { msUntilShanghaiMidnight } from './lib/dates.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling, registerNotFound } from './plugins/errors.ts';
import { registerRoutes } from './routes.ts';
import { buildServices, type Services } from './services.ts';

export interface BuildOptions {
  config?: Config;
  /** An open database (tests); otherwise one is opened from the config and closed with the app. */
  db?: Db;
  clock?: () => Date;
  logger?: boolean;
  /** Extra clean-up when the app closes (tests drop their database here). */
  onClose?: () => Promise<void>;
  /** Told of every route as it is registered (a test that holds every route to a rule lists them this way). */
  onRoute?: (route: RouteOptions) => void;
}

export type App = FastifyInstance & { services: Services; ctx: Ctx };

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = resolve(here, '../../web/dist');

/** Build the app without listening: migrations run, routes registered, ready for inject() or listen(). */
export async function buildApp(opts: BuildOptions = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  // The server checkpoints SQLite's log in the background (errors go to its log once it has one).
  let log: ((message: string) => void) | undefined;
  const db =
    opts.db ??
    connect({
      url: config.databaseUrl,
      checkpointEveryMs: 1_000,
      onCheckpointError: (message) => (log ? log(message) : console.error(`SQLite checkpoint: ${message}`)),
    });
  await migrateToLatest(db.kysely, db.dialect);

  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  log = (message) => app.log.error({ message }, 'SQLite checkpoint failed');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: Ctx = {
    db: db.kysely,
    dialect: db.dialect,
    config,
    clock: opts.clock ?? (() => new Date()),
    log: app.log,
    ...(db.sqlite ? { sqlite: db.sqlite } : {}),
    ...(db.copy ? { copy: db.copy } : {}),
  };
  const services = buildServices(ctx);
  app.decorate('services', services);
  app.decorate('ctx', ctx);
  app.decorate('dbInfo', db);
  if (!opts.db) app.addHook('onClose', () => db.close());
  if (opts.onClose) app.addHook('onClose', opts.onClose);
  // Overdue items, risk rises and follow-ups due become notifications on a timer; a failed pass is logged and retried next time.
  if (config.notifyIntervalMinutes > 0) {
    const pass = () => services.notifications.refresh().catch((err: unknown) => app.log.error({ err }, 'notification pass failed'));
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      setTimeout(pass, 5_000).unref();
      timer = setInterval(pass, config.notifyIntervalMinutes * 60_000);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  }

  // The first compliance reports and dashboards of the day come from the caches: counted at start-up
  // and again just after each Shanghai midnight, when every open period's due and overdue change.
  if (config.compliancePrewarm) {
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let startup: NodeJS.Timeout | undefined;
    let warming: Promise<void> = Promise.resolve();
    const warm = () => {
      warming = (async () => {
        try {
          app.log.info(await services.compliance.prewarm(stop.signal), 'compliance pre-warmed');
          app.log.info(await services.stats.prewarm(stop.signal), 'dashboard figures pre-warmed');
        } catch (err) {
          if (!stop.signal.aborted) app.log.error({ err }, 'pre-warm failed');
        }
      })();
      return warming;
    };
    const nightly = () => {
      timer = setTimeout(() => void warm().finally(nightly), msUntilShanghaiMidnight(Date.now()) + 60_000);
      timer.unref();
    };
    // A saved policy version changes the counts of the months from its first day: counted again
    // in the background for the schools it reaches, so the compliance page opened next reads them ready.
    services.policies.onChange((change) => {
      services.compliance.rewarm(change, stop.signal).then(
        (r) => app.log.info(r, 'compliance re-warmed after a policy change'),
        (err: unknown) => {
          if (!stop.signal.aborted) app.log.error({ err }, 're-warm after a policy change failed');
        },
      );
    });
    app.addHook('onReady', async () => {
      startup = setTimeout(warm, 10_000);
      startup.unref();
      nightly();
    });
    app.addHook('onClose', async () => {
      stop.abort();
      clearTimeout(startup);
      clearTimeout(timer);
      // A pre-warm or re-warm stops after the batch of schools it is counting (one on SQLite, eight on
      // PostgreSQL: well under a second), before the database closes.
      await Promise.all([warming, services.compliance.rewarmed()]);
    });
  }

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd's CSS-in-JS injects <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(fastifyCookie);
  // Roster uploads; the route sets the file-size limit and reads the parts itself.
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'CareBridge 爱心桥 API', version: '0.1.0', description: 'Care for left-behind children: archives, care work, compliance, reporting.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cb_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  registerErrorHandling(app);
  registerAuth(app, services.auth);
  await app.register(registerRoutes, { prefix: '/api' });

  const webDist = config.webDist ?? DEFAULT_WEB_DIST;
  const spa = existsSync(resolve(webDist, 'index.html'));
  // Built assets have hashed names; index.html must never be cached so that updates show at once.
  if (spa) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '7d' });
  registerNotFound(app, spa);
  await app.ready();
  return app as unknown as App;
}

import { DemoResponse, SetupBody, SetupProgress } from '@carebridge/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import { shanghaiDate } from '../../lib/dates.ts';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { setupProgress } from './setup-progress.ts';

export function setupRoutes(app: Api) {
  const { setup } = app.services;
  const tags = ['setup'];
  app.get(
    '/health',
    { config: { public: true }, schema: { tags, response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) } } },
    async () => {
      await sql`select 1`.execute(app.ctx.db);
      return { status: 'ok' as const, db: app.ctx.dialect };
    },
  );
  app.get('/setup', { config: { public: true }, schema: { tags, response: { 200: z.object({ needed: z.boolean() }) } } }, async () => ({
    needed: await setup.needed(),
  }));
  app.post('/setup', { config: { public: true }, schema: { tags, body: SetupBody } }, async (req, reply) => {
    const user = await setup.createAdmin(req.body, req.ip);
    return reply.code(201).send({ user });
  });
  // How far the caller's area is set up (the workbench's 开始使用 card).
  app.get('/setup/progress', { schema: { tags, response: { 200: SetupProgress } } }, async (req) =>
    setupProgress(app.ctx, authOf(req), shanghaiDate(app.ctx.clock())),
  );
  app.post('/setup/demo', { config: { public: true }, schema: { tags, response: { 201: DemoResponse } } }, async (req, reply) => {
    const result = await setup.loadDemo(req.ip);
    // Risk levels and overdue notices of the demo year now, not at the next timer pass.
    if (app.ctx.config.notifyIntervalMinutes > 0)
      void app.services.notifications.refresh().catch((err: unknown) => req.log.error({ err }, 'notification pass after the demo failed'));
    return reply.code(201).send(result);
  });
}

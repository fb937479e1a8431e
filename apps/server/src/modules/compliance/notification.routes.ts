import { Id, Notification } from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function notificationRoutes(app: Api) {
  const { notifications } = app.services;
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        querystring: z.object({ cursor: z.string().max(200).optional() }),
        response: { 200: z.object({ unread: z.number().int(), nextCursor: z.string().nullable(), items: z.array(Notification) }) },
      },
    },
    async (req) => notifications.list(authOf(req), req.query.cursor),
  );
  app.post('/notifications/read', { schema: { tags, body: z.object({ ids: z.array(Id).max(200).optional() }).optional() } }, async (req, reply) => {
    await notifications.markRead(authOf(req), req.body?.ids);
    return reply.code(204).send();
  });
}

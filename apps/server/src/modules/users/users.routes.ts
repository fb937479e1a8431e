import { Id, IdParams, Limit, Page, PasswordReset, ROLES, User, UserCreate, UserUpdate } from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function userRoutes(app: Api) {
  const { users } = app.services;
  const tags = ['users'];
  const UserQuery = z.object({
    q: z.string().max(50).optional(),
    schoolId: Id.optional(),
    /** Users holding a role in the region: the region itself, a region under it, or a school or class there. */
    regionId: Id.optional(),
    role: z.enum(ROLES).optional(),
    cursor: z.string().max(64).optional(),
    limit: Limit,
  });
  app.get('/users', { schema: { tags, querystring: UserQuery, response: { 200: Page(User) } } }, async (req) => users.list(authOf(req), req.query));
  app.post('/users', { schema: { tags, body: UserCreate, response: { 201: User } } }, async (req, reply) =>
    reply.code(201).send(await users.create(authOf(req), req.body)),
  );
  app.get('/users/:id', { schema: { tags, params: IdParams, response: { 200: User } } }, async (req) => users.get(authOf(req), req.params.id));
  app.patch('/users/:id', { schema: { tags, params: IdParams, body: UserUpdate, response: { 200: User } } }, async (req) =>
    users.update(authOf(req), req.params.id, req.body),
  );
  app.post('/users/:id/reset-password', { schema: { tags, params: IdParams, body: PasswordReset } }, async (req, reply) => {
    await users.resetPassword(authOf(req), req.params.id, req.body);
    return reply.code(204).send();
  });
}

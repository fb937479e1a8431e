import { ChangePasswordBody, LoginBody, MeResponse } from '@carebridge/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Api } from '../../routes.ts';
import { SESSION_COOKIE } from './auth.service.ts';

function cookieSecure(app: Api, req: FastifyRequest): boolean {
  const mode = app.ctx.config.cookieSecure;
  return mode === 'true' || (mode === 'auto' && req.protocol === 'https');
}

export function authRoutes(app: Api) {
  const { auth } = app.services;
  const tags = ['auth'];
  const info = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null, lang: req.lang });

  app.post('/auth/login', { config: { public: true }, schema: { tags, body: LoginBody, response: { 200: MeResponse } } }, async (req, reply) => {
    const { token } = await auth.login(req.body, info(req));
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(app, req),
      // No maxAge: a browser-session cookie; the server enforces idle and absolute expiry.
    });
    const session = await auth.resolve(token, info(req));
    if (!session) throw new AppError('unauthenticated', 401);
    return auth.me(session);
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags } }, async (req, reply) => {
    if (req.session) {
      if (!auth.checkCsrf(req.session, req.headers['x-csrf-token'] as string | undefined)) throw new AppError('csrf_failed', 403);
      await auth.logout(req.session);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/auth/me', { schema: { tags, response: { 200: MeResponse } } }, async (req) => auth.me(req.session as NonNullable<typeof req.session>));

  app.post('/auth/password', { schema: { tags, body: ChangePasswordBody } }, async (req, reply) => {
    await auth.changePassword(req.session as NonNullable<typeof req.session>, req.body);
    return reply.code(204).send();
  });
}

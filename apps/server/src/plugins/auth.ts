import { pickLang } from '@carebridge/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Auth } from '../access/auth.ts';
import { AppError } from '../errors.ts';
import { type AuthService, type ResolvedSession, SESSION_COOKIE } from '../modules/auth/auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: 'zh-CN' | 'en-US';
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, setup, login, docs). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What an account with a first or reset password may do before changing it: see who it is, change it, sign out. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Resolve the session cookie on every /api request, require it unless the route is public, and
 * require the CSRF header on state-changing requests that carry a session.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
  });
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.session = (await auth.resolve(token, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, lang: req.lang })) ?? null;
    if (req.routeOptions.config?.public) return;
    if (!req.session) throw new AppError(token ? 'session_expired' : 'unauthenticated', 401);
    // A password an administrator or leader gave out is not the user's own until changed.
    if (req.session.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url ?? '')) throw new AppError('password_change_required', 403);
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (!auth.checkCsrf(req.session, Array.isArray(header) ? header[0] : header)) throw new AppError('csrf_failed', 403);
    }
  });
}

/** The caller of a non-public route (the preValidation hook guarantees it). */
export function authOf(req: FastifyRequest): Auth {
  if (!req.session) throw new AppError('unauthenticated', 401);
  return req.session.auth;
}

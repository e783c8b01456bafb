import { createMiddleware } from 'hono/factory';
import { AppError } from '../platform/errors.ts';
import { safeEqual } from '../platform/crypto.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { readSessionCookie } from './cookies.ts';
import { authenticateApiToken, authenticateSession } from './service.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Agent authentication: an API token (`Authorization: Bearer clp_…`) or the session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 */
export const agentAuth = createMiddleware<AppEnv>(async (c, next) => {
  const deps = c.var.deps;
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  let auth;
  if (bearer) {
    auth = await authenticateApiToken(deps, bearer);
  } else {
    const token = readSessionCookie(c);
    if (!token) throw new AppError('unauthenticated', 'Sign in first');
    const session = await authenticateSession(deps, token);
    if (!safeMethods.has(c.req.method) && !safeEqual(c.req.header('x-csrf-token') ?? '', session.csrfToken)) {
      throw new AppError('csrf_failed', 'The request is missing its CSRF token; reload the page');
    }
    auth = session;
  }
  c.set('agent', auth.actor);
  c.set('ctx', { deps, db: deps.db, workspaceId: auth.workspaceId, actor: auth.actor, log: deps.log.child({ ws: auth.workspaceId }), ip: c.var.ip });
  await next();
});

/** The CSRF token of the current cookie session (for GET /me). */
export async function csrfTokenOf(c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]): Promise<string> {
  const token = readSessionCookie(c);
  if (!token) return '';
  return (await authenticateSession(c.var.deps, token)).csrfToken;
}

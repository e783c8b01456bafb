import { apiTokenInput, loginInput, updateProfileInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppContext, AppEnv } from '../platform/http/types.ts';
import { updateProfile } from '../agents/service.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import { csrfTokenOf } from './middleware.ts';
import { authenticateSession, createApiToken, listApiTokens, login, logout, me, revokeApiToken, type NewSession } from './service.ts';

/** Answer a fresh sign-in (login, setup, invitation) with the cookie and the MeDto. */
export async function respondSignedIn(c: AppContext, session: NewSession) {
  setSessionCookie(c, session);
  const auth = await authenticateSession(c.var.deps, session.token);
  const deps = c.var.deps;
  return c.json(await me({ deps, db: deps.db, workspaceId: auth.workspaceId, actor: auth.actor, log: deps.log, ip: c.var.ip }, auth.csrfToken));
}

/** Unauthenticated: sign in. */
export const loginRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const input = await readJson(c, loginInput);
    const session = await login(c.var.deps, input, { ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null });
    return respondSignedIn(c, session);
  });

export const sessionRoutes = new Hono<AppEnv>()
  .post('/logout', async (c) => {
    await logout(c.var.ctx);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

export const meRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await me(c.var.ctx, await csrfTokenOf(c))))
  .patch('/', async (c) => c.json(await updateProfile(c.var.ctx, await readJson(c, updateProfileInput))));

export const apiTokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listApiTokens(c.var.ctx)))
  .post('/', async (c) => c.json(await createApiToken(c.var.ctx, await readJson(c, apiTokenInput)), 201))
  .delete('/:id', async (c) => {
    await revokeApiToken(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });

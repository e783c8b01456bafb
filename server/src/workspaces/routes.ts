import { setupInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { respondSignedIn } from '../auth/routes.ts';
import { startSession } from '../auth/service.ts';
import { needsSetup, setupWorkspace } from './service.ts';

/** Unauthenticated: first-run setup, guarded by the setup token printed at start. */
export const setupRoutes = new Hono<AppEnv>()
  .get('/status', async (c) => c.json({ needsSetup: await needsSetup(c.var.deps) }))
  .post('/', async (c) => {
    const input = await readJson(c, setupInput);
    const deps = c.var.deps;
    const { workspaceId, agentId } = await setupWorkspace(deps, input, { token: c.req.query('token') ?? null }, c.var.ip);
    const session = await startSession(deps, { id: agentId, workspaceId }, { ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null });
    return respondSignedIn(c, session);
  });

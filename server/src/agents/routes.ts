import { acceptInvitationInput, inviteInput, teamInput, teamPatchInput, updateAgentInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { respondSignedIn } from '../auth/routes.ts';
import { startSession } from '../auth/service.ts';
import * as agents from './service.ts';

export const agentRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await agents.listAgents(c.var.ctx)))
  .patch('/:id', async (c) => c.json(await agents.updateAgent(c.var.ctx, c.req.param('id'), await readJson(c, updateAgentInput))));

export const teamRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await agents.listTeams(c.var.ctx)))
  .post('/', async (c) => c.json(await agents.createTeam(c.var.ctx, await readJson(c, teamInput)), 201))
  .patch('/:id', async (c) => c.json(await agents.editTeam(c.var.ctx, c.req.param('id'), await readJson(c, teamPatchInput))))
  .delete('/:id', async (c) => {
    await agents.removeTeam(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });

export const invitationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await agents.listInvitations(c.var.ctx)))
  .post('/', async (c) => c.json(await agents.inviteAgent(c.var.ctx, await readJson(c, inviteInput)), 201))
  .delete('/:id', async (c) => {
    await agents.revokeInvitation(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });

/** Unauthenticated: the invitation token is the credential. */
export const publicInvitationRoutes = new Hono<AppEnv>()
  .get('/lookup', async (c) => {
    const { token } = readQuery(c, z.object({ token: z.string().min(10).max(200) }));
    return c.json(await agents.lookupInvitation(c.var.deps.db, token));
  })
  .post('/accept', async (c) => {
    const input = await readJson(c, acceptInvitationInput);
    const deps = c.var.deps;
    const { agentId, workspaceId } = await agents.acceptInvitation({ deps, db: deps.db, log: deps.log, ip: c.var.ip }, input);
    const session = await startSession(deps, { id: agentId, workspaceId }, { ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null });
    return respondSignedIn(c, session);
  });

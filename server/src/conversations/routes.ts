import { conversationListQuery, createMessageInput, limits, markReadInput, scheduleMessageInput, triageCorrectionInput, updateConversationInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { listConversationMessages, sendAgentMessage } from '../messages/service.ts';
import { correctTriage } from '../triage/service.ts';
import { cancelScheduled, listScheduled, scheduleMessage } from '../messages/scheduled.ts';
import * as conversations from './service.ts';

const messagesQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(50),
});

export const conversationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await conversations.listConversations(c.var.ctx, readQuery(c, conversationListQuery))))
  .get('/counts', async (c) => c.json(await conversations.countConversations(c.var.ctx)))
  .get('/labels', async (c) => c.json(await conversations.listLabels(c.var.ctx)))
  .get('/:id', async (c) => c.json(await conversations.getConversation(c.var.ctx, c.req.param('id'))))
  .patch('/:id', async (c) => c.json(await conversations.updateConversation(c.var.ctx, c.req.param('id'), await readJson(c, updateConversationInput))))
  .get('/:id/messages', async (c) => c.json(await listConversationMessages(c.var.ctx, c.req.param('id'), readQuery(c, messagesQuery))))
  .post('/:id/messages', async (c) => c.json(await sendAgentMessage(c.var.ctx, c.req.param('id'), await readJson(c, createMessageInput)), 201))
  .get('/:id/scheduled-messages', async (c) => c.json(await listScheduled(c.var.ctx, c.req.param('id'))))
  .post('/:id/scheduled-messages', async (c) => c.json(await scheduleMessage(c.var.ctx, c.req.param('id'), await readJson(c, scheduleMessageInput)), 201))
  .delete('/:id/scheduled-messages/:sid', async (c) => c.json(await cancelScheduled(c.var.ctx, c.req.param('id'), c.req.param('sid'))))
  /** An agent relabels the triage of the latest customer message (it becomes a training example). */
  .post('/:id/triage', async (c) => {
    await correctTriage(c.var.ctx, c.req.param('id'), await readJson(c, triageCorrectionInput));
    return c.json(await conversations.getConversation(c.var.ctx, c.req.param('id')));
  })
  .post('/:id/read', async (c) => {
    await readJson(c, markReadInput);
    await conversations.markRead(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });

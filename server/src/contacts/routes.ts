import { blockContactInput, contactInput, contactListQuery, decideMergeSuggestionInput, mergeContactsInput } from '@careloop/contracts';
import { Hono } from 'hono';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { decideMergeSuggestion, listMergeSuggestions } from './identifiers.ts';
import { listContactMerges, mergeContacts, undoMerge } from './merge.ts';
import * as contacts from './service.ts';

/** Mounted at /api/v1/contacts. `/merge` is declared before `/:id` so it is never read as an id. */
export const contactRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await contacts.listContacts(c.var.ctx, readQuery(c, contactListQuery))))
  .post('/', async (c) => c.json(await contacts.addContact(c.var.ctx, await readJson(c, contactInput)), 201))
  .post('/merge', async (c) => c.json(await mergeContacts(c.var.ctx, await readJson(c, mergeContactsInput))))
  .get('/:id', async (c) => c.json(await contacts.viewContact(c.var.ctx, c.req.param('id'))))
  .patch('/:id', async (c) => c.json(await contacts.editContact(c.var.ctx, c.req.param('id'), await readJson(c, contactInput))))
  .delete('/:id', async (c) => {
    await contacts.deleteContact(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .post('/:id/block', async (c) => c.json(await contacts.setContactBlocked(c.var.ctx, c.req.param('id'), await readJson(c, blockContactInput))))
  .get('/:id/conversations', async (c) => c.json(await contacts.listConversationsOfContact(c.var.ctx, c.req.param('id'))))
  .get('/:id/merges', async (c) => c.json(await listContactMerges(c.var.ctx, c.req.param('id'))));

/** Mounted at /api/v1/contact-merges. */
export const contactMergeRoutes = new Hono<AppEnv>()
  .get('/suggestions', async (c) => c.json(await listMergeSuggestions(c.var.ctx, { contactId: c.req.query('contactId') })))
  .post('/suggestions/:id', async (c) => c.json(await decideMergeSuggestion(c.var.ctx, c.req.param('id'), (await readJson(c, decideMergeSuggestionInput)).decision)))
  .post('/:id/undo', async (c) => c.json(await undoMerge(c.var.ctx, c.req.param('id'))));

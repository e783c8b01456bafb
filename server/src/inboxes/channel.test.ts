import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newSecret } from '../platform/ids.ts';
import { listen, startTestApp, type TestApp } from '../test/harness.ts';
import { isEvent, openSocket } from '../test/sockets.ts';
import { createContact } from '../contacts/service.ts';
import { receiveIncoming } from '../messages/service.ts';
import { systemCtx } from '../platform/context.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('channel interface, send side', () => {
  it('a web chat reply is sent once stored', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    await visitor.say('Alo');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    const reply = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ shop nghe', force: true });
    expect(reply.body.deliveryStatus).toBe('sent');
  });

  it('a reply the channel cannot deliver is kept, marked failed, and the console is told', async () => {
    const { workspaceId, owner } = await t.workspace();
    // A phone inbox: calls come in, typed replies have no way out.
    const inboxId = newId('inbox');
    await t.deps.db.insertInto('inboxes').values({ id: inboxId, workspace_id: workspaceId, name: 'Phone', channel: 'phone', widget_token: newSecret(18), identity_secret: newSecret(32) }).execute();
    const ctx = systemCtx(t.deps, workspaceId);
    const contact = await createContact(ctx, { name: 'Khách gọi điện' });
    const { conversationId } = await receiveIncoming(ctx, { inboxId, contactId: contact.id, body: 'hello', externalId: 'tg-1' });
    const server = await listen(t);
    const socket = await openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie: owner.cookie });
    await socket.next((f) => f.type === 'ready');
    const reply = await owner.post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Chào bạn', force: true });
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('failed');
    const updated = await socket.next(isEvent('message.updated'));
    expect(updated.event.message).toMatchObject({ id: reply.body.id, deliveryStatus: 'failed', body: 'Chào bạn' });
    const stored = (await owner.get(`/api/v1/conversations/${conversationId}/messages`)).body.items.at(-1);
    expect(stored).toMatchObject({ body: 'Chào bạn', deliveryStatus: 'failed' });
    // The same vendor message id arriving twice stores one message.
    const again = await receiveIncoming(ctx, { inboxId, contactId: contact.id, body: 'hello', externalId: 'tg-1' });
    expect(again.duplicate).toBe(true);
    await socket.close();
    await server.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { inTransaction, systemCtx } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { findOrCreateCustomerContacts } from '../contacts/service.ts';
import { triageMessage } from '../triage/service.ts';
import { blankConversation, openConversationForIncoming, recordMessage } from './service.ts';
import * as store from './store.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('conversations through HTTP', () => {
  it('a visitor message opens a numbered conversation the agent can answer', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    expect((await visitor.start({ name: 'Phạm Thu Hà' })).status).toBe(200);
    const sent = await visitor.say('Chào shop, đơn hàng của tôi chưa tới', 'c-1');
    expect(sent.status).toBe(201);

    const list = await owner.get('/api/v1/conversations?view=unassigned');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const conv = list.body.items[0];
    expect(conv.number).toBe(1001);
    expect(conv.contact.name).toBe('Phạm Thu Hà');
    expect(conv.unreadCount).toBe(1);
    expect(conv.waitingSince).not.toBeNull();

    const messages = await owner.get(`/api/v1/conversations/${conv.id}/messages`);
    const last = messages.body.items.at(-1);
    expect(last.body).toBe('Chào shop, đơn hàng của tôi chưa tới');

    const reply = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ shop kiểm tra ngay ạ', lastSeenMessageId: last.id });
    expect(reply.status).toBe(201);
    const after = await owner.get(`/api/v1/conversations/${conv.id}`);
    expect(after.body.firstResponseAt).not.toBeNull();
    expect(after.body.waitingSince).toBeNull();

    const seen = await visitor.messages();
    expect(seen.body.map((m: { body: string }) => m.body)).toEqual(['Chào shop, đơn hàng của tôi chưa tới', 'Dạ shop kiểm tra ngay ạ']);
  });

  it('the same client id stores one message (idempotent retries)', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const a = await visitor.say('Xin chào', 'retry-1');
    const b = await visitor.say('Xin chào', 'retry-1');
    expect(b.body.id).toBe(a.body.id);
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    const messages = await owner.get(`/api/v1/conversations/${conv.id}/messages`);
    expect(messages.body.items.filter((m: { kind: string }) => m.kind === 'incoming')).toHaveLength(1);
  });
});

describe('a conversation opened by its first message', () => {
  it('the blank conversation is what the column defaults make', async () => {
    const { workspaceId, inbox } = await t.workspace();
    const ctx = systemCtx(t.deps, workspaceId);
    const [contact] = await findOrCreateCustomerContacts(ctx, [{ name: 'Lê Văn Tám', email: `tam.${Date.now()}@khach.test`, phone: null }]);
    const base = { id: newId('conversation'), workspace_id: workspaceId, number: 9001, inbox_id: inbox.id, contact_id: contact!.id, search_folded: '#9001' };
    const stored = await store.insertConversation(t.deps.db, base);
    expect(blankConversation({ ...base, created_at: stored.created_at })).toEqual(stored);
  });

  it('is inserted with the same summary as an insert followed by recordMessage', async () => {
    const { workspaceId, inbox } = await t.workspace();
    const ctx = systemCtx(t.deps, workspaceId);
    const [contact] = await findOrCreateCustomerContacts(ctx, [{ name: 'Lê Văn Tám', email: `tam.${Date.now()}@khach.test`, phone: null }]);
    // An upset customer: triage labels, waiting, a raised priority and its SLA clocks all come from the message.
    const cases = [
      { body: 'Tôi rất bực mình, đơn hàng giao sai lần thứ ba rồi, hoàn tiền ngay cho tôi!', priority: 'urgent', upset: true },
      { body: 'Shop ơi cho mình hỏi giờ mở cửa', priority: 'normal', upset: false },
    ];
    for (const { body, priority, upset } of cases) {
      const triage = await triageMessage(ctx, body);
      const message = { kind: 'incoming' as const, sender_type: 'contact' as const, body, triage: triage as unknown as Row<'messages'>['triage'], created_at: new Date(Date.now() - 5_000) };
      const once = await inTransaction(ctx, (tx) => openConversationForIncoming(tx, { inboxId: inbox.id, contactId: contact!.id, thread: 'new', firstMessage: message }));
      const twice = await inTransaction(ctx, async (tx) => {
        const { conversation } = await openConversationForIncoming(tx, { inboxId: inbox.id, contactId: contact!.id, thread: 'new' });
        return recordMessage(tx, conversation, { ...message, id: 'msg_x', workspace_id: workspaceId, conversation_id: conversation.id, inbox_id: inbox.id, sender_id: contact!.id,
          html: null, body_folded: '', mentions: [], delivery_status: 'delivered', external_id: null, client_id: null, delivery_error: null });
      });
      expect(once.created).toBe(true);
      const differs = ['id', 'number', 'search_folded', 'version', 'created_at'];
      const strip = (row: Row<'conversations'>) => Object.fromEntries(Object.entries(row).filter(([k]) => !differs.includes(k)));
      expect(strip(once.conversation)).toEqual(strip(twice));
      expect(once.conversation.created_at).toEqual(message.created_at);
      expect(once.conversation.waiting_since).toEqual(message.created_at);
      expect(once.conversation.first_response_due_at).not.toBeNull();
      expect(once.conversation.priority).toBe(priority);
      expect(once.conversation.upset_at !== null).toBe(upset);
    }
  });
});

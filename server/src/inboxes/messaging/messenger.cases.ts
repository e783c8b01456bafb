import type { ConversationDto, InboxDto, MessageDto } from '@careloop/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { feedCommentEvent, instagramCommentEvent, instagramMessageEvent, messengerDeliveryEvent, messengerEchoEvent, messengerReadEvent, messengerTextEvent, signMetaWebhook } from '../../test/fakes/graph-api.ts';
import type { AgentClient } from '../../test/harness.ts';
import { createMessagingInbox, drainEvents, messengerSetup, meta, postWebhook, type MessagingKit } from '../../test/messaging-kit.ts';
import { deliverMessage } from './outbound.ts';
import { systemCtx } from '../../platform/context.ts';

/** Cases run by messaging-flow.test.ts on its one app (one worker per database takes the send queue). */
export function messengerCases(app: () => MessagingKit) {
  const kit = { get t() { return app().t; }, get graph() { return app().graph; }, get zalo() { return app().zalo; }, get telegram() { return app().telegram; }, get viber() { return app().viber; } };


  let psidCounter = 0;
  const newPsid = () => `2468${Date.now() % 1_000_000}${++psidCounter}`;

  async function page(opts: { hidePhoneComments?: boolean } = {}) {
    const ws = await kit.t.workspace({ name: 'Shop Facebook' });
    const inbox = await createMessagingInbox(ws.owner, 'messenger', { ...messengerSetup, ...opts });
    return { ...ws, inbox };
  }

  async function conversationsOf(owner: AgentClient, inbox: InboxDto): Promise<ConversationDto[]> {
    return (await owner.get(`/api/v1/conversations?inboxId=${inbox.id}&status=any`)).body.items;
  }
  const messagesOf = async (owner: AgentClient, id: string): Promise<MessageDto[]> => (await owner.get(`/api/v1/conversations/${id}/messages`)).body.items;

  describe('Messenger: webhook → stored event → conversation', () => {
    it('answers the subscription check with the challenge only for the right verify token', async () => {
      const { inbox } = await page();
      const token = inbox.messaging!.verifyToken!;
      const ok = await kit.t.request('GET', `/api/channels/${inbox.id}/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
      expect(ok.status).toBe(200);
      expect(ok.body).toBe(1158201444); // the raw challenge, text/plain (the harness parses digits as JSON)
      const wrong = await kit.t.request('GET', `/api/channels/${inbox.id}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
      expect(wrong.status).toBe(403);
    });

    it('stores a signed message (Vietnamese escaped as Meta sends it), acknowledges, then turns it into a conversation once', async () => {
      const { owner, inbox } = await page();
      const psid = newPsid();
      kit.graph.setProfile(psid, { first_name: 'Lan', last_name: 'Nguyễn' });
      const body = messengerTextEvent({ pageId: meta.pageId, psid, mid: `m_${psid}_1`, text: 'Còn hàng áo dài size M không shop?', timestamp: Date.now() });
      const signed = signMetaWebhook(meta.appSecret, body, { escapeUnicode: true });
      expect(signed.body.toString()).toContain('\\u00f2'); // the bytes carry escapes, not the characters

      expect((await postWebhook(kit.t, inbox.id, signed)).status).toBe(200);
      expect((await postWebhook(kit.t, inbox.id, signed)).status).toBe(200); // Meta's redelivery
      const stored = await sql<{ n: number }>`select count(*)::int as n from channel_events where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
      expect(stored.rows[0]!.n).toBe(1);
      expect(await conversationsOf(owner, inbox)).toHaveLength(0); // acknowledged before processing

      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.channel).toBe('messenger');
      expect(conversation!.contact.name).toBe('Lan Nguyễn');
      expect(conversation!.replyWindow).toMatchObject({ state: 'open', tag: 'RESPONSE' });
      const messages = await messagesOf(owner, conversation!.id);
      expect(messages.map((m) => m.body)).toEqual(['Còn hàng áo dài size M không shop?']);
    });

    it('refuses forged and unsigned bodies with 401 and stores nothing', async () => {
      const { inbox } = await page();
      const body = messengerTextEvent({ pageId: meta.pageId, psid: newPsid(), mid: 'm_forged', text: 'hi', timestamp: Date.now() });
      const forged = signMetaWebhook('not-the-app-secret', body);
      expect((await postWebhook(kit.t, inbox.id, forged)).status).toBe(401);
      const unsigned = { body: forged.body, headers: { 'content-type': 'application/json' } };
      expect((await postWebhook(kit.t, inbox.id, unsigned)).status).toBe(401);
      const tampered = signMetaWebhook(meta.appSecret, body);
      expect((await postWebhook(kit.t, inbox.id, { body: Buffer.from(tampered.body.toString().replace('hi', 'ho')), headers: tampered.headers })).status).toBe(401);
      const stored = await sql<{ n: number }>`select count(*)::int as n from channel_events where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
      expect(stored.rows[0]!.n).toBe(0);
    });

    it('never returns channel secrets and keeps them sealed in the database', async () => {
      const { owner, inbox } = await page();
      const text = JSON.stringify((await owner.get(`/api/v1/inboxes/${inbox.id}`)).body);
      expect(text).not.toContain(meta.appSecret);
      expect(text).not.toContain(meta.accessToken);
      expect(inbox.messaging!.secretsSet.sort()).toEqual(['accessToken', 'appSecret']);
      const row = await sql<{ secrets: string }>`select secrets from inboxes where id = ${inbox.id}`.execute(kit.t.deps.db);
      expect(row.rows[0]!.secrets).toMatch(/^v1\./);
      expect(row.rows[0]!.secrets).not.toContain(meta.accessToken);
      const missing = await owner.post('/api/v1/inboxes', { name: 'x', channel: 'messenger', messaging: { pageId: meta.pageId } });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.fields).toEqual(['appId', 'appSecret', 'accessToken']);
    });
  });

  describe('Messenger: replies, echoes and receipts', () => {
    async function customerWrote(ago = 0) {
      const shop = await page();
      const psid = newPsid();
      await postWebhook(kit.t, shop.inbox.id, signMetaWebhook(meta.appSecret, messengerTextEvent({ pageId: meta.pageId, psid, mid: `m_${psid}_in`, text: 'Shop ơi', timestamp: Date.now() - ago })));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(shop.owner, shop.inbox);
      if (ago) await sql`update conversations set channel_state = jsonb_set(channel_state, '{lastCustomerAt}', to_jsonb(${new Date(Date.now() - ago).toISOString()}::text)) where id = ${conversation!.id}`.execute(kit.t.deps.db);
      return { ...shop, psid, conversation: conversation! };
    }
    const reply = async (owner: AgentClient, conversationId: string, body: string) => (await owner.post(`/api/v1/conversations/${conversationId}/messages`, { body, force: true })).body as MessageDto;
    const statusOf = async (owner: AgentClient, conversationId: string, id: string) => (await messagesOf(owner, conversationId)).find((m) => m.id === id)!;

    it('sends a reply inside 24 h as RESPONSE; our echo is not stored again; receipts move it to delivered and read', async () => {
      const { owner, psid, conversation, inbox } = await customerWrote();
      const sent = await reply(owner, conversation.id, 'Dạ còn ạ, chị lấy size M nhé');
      await expect.poll(async () => (await statusOf(owner, conversation.id, sent.id)).deliveryStatus, { timeout: 10_000 }).toBe('sent');
      const out = kit.graph.sent.find((s) => s.recipient.id === psid)!;
      expect(out).toMatchObject({ messaging_type: 'RESPONSE', message: { text: 'Dạ còn ạ, chị lấy size M nhé' } });

      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, messengerEchoEvent({ pageId: meta.pageId, psid, mid: out.messageId, text: 'Dạ còn ạ, chị lấy size M nhé', timestamp: Date.now(), appId: meta.appId })));
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, messengerDeliveryEvent({ pageId: meta.pageId, psid, mids: [out.messageId], watermark: Date.now() })));
      await drainEvents(kit.t);
      expect((await statusOf(owner, conversation.id, sent.id)).deliveryStatus).toBe('delivered');
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, messengerReadEvent({ pageId: meta.pageId, psid, watermark: Date.now() + 1000 })));
      await drainEvents(kit.t);
      expect((await statusOf(owner, conversation.id, sent.id)).deliveryStatus).toBe('read');
      expect((await messagesOf(owner, conversation.id)).filter((m) => m.kind === 'outgoing')).toHaveLength(1);
    });

    it('imports a reply typed in Meta Business Suite (an echo we did not send) as an outgoing message', async () => {
      const { owner, psid, conversation, inbox } = await customerWrote();
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, messengerEchoEvent({ pageId: meta.pageId, psid, mid: `m_${psid}_suite`, text: 'Trả lời từ Business Suite', timestamp: Date.now(), appId: '263902037430900' })));
      await sql`update channel_events set received_at = now() - interval '1 minute' where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
      await drainEvents(kit.t);
      const outgoing = (await messagesOf(owner, conversation.id)).filter((m) => m.kind === 'outgoing');
      expect(outgoing).toMatchObject([{ body: 'Trả lời từ Business Suite', sender: { type: 'system' }, deliveryStatus: 'sent' }]);
    });

    it('uses the HUMAN_AGENT tag between 24 h and 7 days, and refuses after 7 days without calling Meta', async () => {
      const late = await customerWrote(30 * 3_600_000);
      const sent = await reply(late.owner, late.conversation.id, 'Xin lỗi chị vì trả lời muộn');
      await expect.poll(async () => (await statusOf(late.owner, late.conversation.id, sent.id)).deliveryStatus, { timeout: 10_000 }).toBe('sent');
      expect(kit.graph.sent.find((s) => s.recipient.id === late.psid)).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

      const gone = await customerWrote(8 * 24 * 3_600_000);
      const refused = await reply(gone.owner, gone.conversation.id, 'Chị còn cần không ạ?');
      await expect.poll(async () => (await statusOf(gone.owner, gone.conversation.id, refused.id)).deliveryStatus, { timeout: 10_000 }).toBe('failed');
      expect((await statusOf(gone.owner, gone.conversation.id, refused.id)).deliveryError).toMatch(/expired/);
      expect(kit.graph.sent.some((s) => s.recipient.id === gone.psid)).toBe(false);
    });

    it('fails a reply on an expired Page token and marks the channel for reconnection', async () => {
      const { owner, conversation, inbox } = await customerWrote();
      kit.graph.failNext({ status: 400, error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190 } });
      const sent = await reply(owner, conversation.id, 'Dạ shop kiểm tra ạ');
      await expect.poll(async () => (await statusOf(owner, conversation.id, sent.id)).deliveryStatus, { timeout: 10_000 }).toBe('failed');
      expect((await owner.get(`/api/v1/inboxes/${inbox.id}`)).body.messaging.health.state).toBe('needs_reauth');
    });

    it('keeps a throttled or failing send `sending` with the reason, then delivers it on retry', async () => {
      const { owner, conversation } = await customerWrote();
      kit.graph.failNext({ status: 500, error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } });
      const sent = await reply(owner, conversation.id, 'Dạ vâng');
      await expect.poll(async () => (await statusOf(owner, conversation.id, sent.id)).deliveryError ?? '', { timeout: 15_000 }).toMatch(/unexpected error/);
      expect((await statusOf(owner, conversation.id, sent.id)).deliveryStatus).toBe('sending');
      // The retry waits pg-boss's delay (tuned to 1 s here; on a PostgreSQL shared with other test apps their start may reset it to 10 s).
      await expect.poll(async () => (await statusOf(owner, conversation.id, sent.id)).deliveryStatus, { timeout: 60_000 }).toBe('sent');

      kit.graph.failNext({ status: 400, error: { message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } });
      const second = (await kit.t.deps.db.selectFrom('messages').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow());
      await kit.t.deps.db.updateTable('messages').set({ delivery_status: 'sending' }).where('id', '=', second.id).execute();
      const outcome = await deliverMessage(systemCtx(kit.t.deps, second.workspace_id), second.id, { final: false });
      expect(outcome).toMatchObject({ status: 'sending', retryAfterSeconds: 60 });
    }, 90_000);
  });

  describe('Facebook comments', () => {
    it('makes one conversation per customer and post, hides a comment with a phone number, and replies publicly', async () => {
      const { owner, inbox } = await page({ hidePhoneComments: true });
      const from = { id: newPsid(), name: 'Trần Minh' };
      const comment = (commentId: string, postId: string, message: string, createdTime: number) =>
        signMetaWebhook(meta.appSecret, feedCommentEvent({ pageId: meta.pageId, postId, commentId, from, message, createdTime }), { escapeUnicode: true });
      const now = Math.floor(Date.now() / 1000);
      await postWebhook(kit.t, inbox.id, comment(`${meta.pageId}_1_c1`, `${meta.pageId}_1`, 'Giá bao nhiêu vậy shop? Gọi mình 0912 345 678', now));
      await postWebhook(kit.t, inbox.id, comment(`${meta.pageId}_1_c2`, `${meta.pageId}_1`, 'Còn màu đỏ không?', now + 5));
      await postWebhook(kit.t, inbox.id, comment(`${meta.pageId}_2_c3`, `${meta.pageId}_2`, 'Ship Đà Nẵng mấy ngày?', now + 9));
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, feedCommentEvent({ pageId: meta.pageId, postId: `${meta.pageId}_1`, commentId: `${meta.pageId}_1_c4`, from: { id: meta.pageId, name: 'Shop' }, message: 'Shop trả lời', createdTime: now + 10 })));
      await drainEvents(kit.t);

      const conversations = await conversationsOf(owner, inbox);
      expect(conversations).toHaveLength(2);
      expect(conversations.every((c) => c.isCommentThread && c.replyWindow === null)).toBe(true);
      const post1 = conversations.find((c) => c.lastMessage?.body === 'Còn màu đỏ không?')!;
      const bodies = (await messagesOf(owner, post1.id)).map((m) => m.body);
      expect(bodies[0]).toContain('0912 345 678');
      expect(bodies.some((b) => /ẩn|hidden/i.test(b))).toBe(true);
      expect(kit.graph.hiddenComments.get(`${meta.pageId}_1_c1`)).toBe(true);
      expect(kit.graph.hiddenComments.has(`${meta.pageId}_1_c2`)).toBe(false);

      const sent = (await owner.post(`/api/v1/conversations/${post1.id}/messages`, { body: 'Dạ còn màu đỏ ạ, shop inbox chị nhé', force: true })).body as MessageDto;
      await expect.poll(async () => (await messagesOf(owner, post1.id)).find((m) => m.id === sent.id)?.deliveryStatus, { timeout: 10_000 }).toBe('sent');
      expect(kit.graph.commentReplies.at(-1)).toMatchObject({ commentId: `${meta.pageId}_1_c2`, message: 'Dạ còn màu đỏ ạ, shop inbox chị nhé' });
    });
  });

  describe('one customer across channels', () => {
    it('a phone number typed in a chat suggests a merge with the contact who has it; an agent accepts or rejects', async () => {
      const { owner, inbox } = await page();
      const existing = (await owner.post('/api/v1/contacts', { name: 'Chị Ngọc (đơn hàng)', phone: '0912 777 666' })).body;
      const psid = newPsid();
      kit.graph.setProfile(psid, { name: 'Ngọc Trần' });
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, messengerTextEvent({ pageId: meta.pageId, psid, mid: `m_${psid}_phone`, text: 'Đơn mình đặt bằng sđt 0912.777.666 nhé shop', timestamp: Date.now() })));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.contact.id).not.toBe(existing.id); // typed, so not merged on its own
      expect(conversation!.contact.phone).toBeNull(); // and not written onto the chat contact: someone else has it
      const suggestions = (await owner.get(`/api/v1/contact-merges/suggestions?contactId=${conversation!.contact.id}`)).body;
      expect(suggestions).toMatchObject([{ reason: 'phone', identifier: '+84912777666', contact: { id: conversation!.contact.id }, other: { id: existing.id } }]);
      const agent = await kit.t.addAgent(owner, 'agent');
      expect((await agent.post(`/api/v1/contact-merges/suggestions/${suggestions[0].id}`, { decision: 'accept' })).status).toBe(403);
      const accepted = await owner.post(`/api/v1/contact-merges/suggestions/${suggestions[0].id}`, { decision: 'accept' });
      expect(accepted.body.contact?.id, JSON.stringify(accepted.body)).toBe(existing.id); // the older contact survives
      expect(((await owner.get(`/api/v1/conversations/${conversation!.id}`)).body as ConversationDto).contact.id).toBe(existing.id);
      expect((await owner.post(`/api/v1/contact-merges/suggestions/${suggestions[0].id}`, { decision: 'reject' })).status).toBe(409);

      // Rejected once, never offered again for the same pair and number.
      const other = await page();
      const second = (await other.owner.post('/api/v1/contacts', { name: 'Anh Tú', phone: '0903 222 111' })).body;
      const psid2 = newPsid();
      const typed = (n: number) => signMetaWebhook(meta.appSecret, messengerTextEvent({ pageId: meta.pageId, psid: psid2, mid: `m_${psid2}_${n}`, text: 'Gọi mình 0903222111', timestamp: Date.now() }));
      await postWebhook(kit.t, other.inbox.id, typed(1));
      await drainEvents(kit.t);
      const [s2] = (await other.owner.get('/api/v1/contact-merges/suggestions')).body;
      expect(s2.other.id).toBe(second.id);
      expect((await other.owner.post(`/api/v1/contact-merges/suggestions/${s2.id}`, { decision: 'reject' })).status).toBe(200);
      await postWebhook(kit.t, other.inbox.id, typed(2));
      await drainEvents(kit.t);
      expect((await other.owner.get('/api/v1/contact-merges/suggestions')).body).toEqual([]);
    });
  });

  describe('Instagram and private replies', () => {
    it('brings Instagram direct messages into an Instagram inbox and answers them', async () => {
      const ws = await kit.t.workspace({ name: 'Shop Instagram' });
      // The fake serves one account id for both flavours: the IG account is the fake's page id here.
      const inbox = await createMessagingInbox(ws.owner, 'instagram', { accountId: meta.pageId, appId: meta.appId, appSecret: meta.appSecret, accessToken: meta.accessToken });
      const igsid = newPsid();
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, instagramMessageEvent({ igId: meta.pageId, igsid, mid: `ig_${igsid}`, text: 'Mẫu này còn không ạ?', timestamp: Date.now() }), { escapeUnicode: true }));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(ws.owner, inbox);
      expect(conversation).toMatchObject({ channel: 'instagram', replyWindow: { state: 'open', tag: 'RESPONSE' } });
      const sent = (await ws.owner.post(`/api/v1/conversations/${conversation!.id}/messages`, { body: 'Dạ còn ạ', force: true })).body as MessageDto;
      await expect.poll(async () => (await messagesOf(ws.owner, conversation!.id)).find((m) => m.id === sent.id)?.deliveryStatus, { timeout: 10_000 }).toBe('sent');
      expect(kit.graph.sent.find((s) => s.recipient.id === igsid)).toMatchObject({ message: { text: 'Dạ còn ạ' } });
    });

    it('turns Instagram comments into one conversation per commenter and post, answered under the comment, phone numbers hidden', async () => {
      const ws = await kit.t.workspace({ name: 'Shop Instagram comments' });
      const inbox = await createMessagingInbox(ws.owner, 'instagram', { accountId: meta.pageId, appId: meta.appId, appSecret: meta.appSecret, accessToken: meta.accessToken, hidePhoneComments: true });
      const from = { id: newPsid(), username: 'thu.tran' };
      const mediaId = `1790${Date.now() % 1_000_000}`;
      const comment = (commentId: string, text: string) => signMetaWebhook(meta.appSecret, instagramCommentEvent({ igId: meta.pageId, commentId, from, text, mediaId, time: Math.floor(Date.now() / 1000) }), { escapeUnicode: true });
      const first = `1786${Date.now() % 1_000_000_000}1`;
      const second = `1786${Date.now() % 1_000_000_000}2`;
      await postWebhook(kit.t, inbox.id, comment(first, 'Váy này giá bao nhiêu vậy shop?'));
      await postWebhook(kit.t, inbox.id, comment(second, 'Gọi mình 0903 123 456 nhé'));
      // The shop's own reply under the post comes back as a comment from the account: not a customer.
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, instagramCommentEvent({ igId: meta.pageId, commentId: `${first}9`, from: { id: meta.pageId, username: 'shop' }, text: 'Inbox ạ', mediaId, time: Math.floor(Date.now() / 1000) })));
      await drainEvents(kit.t);
      const conversations = await conversationsOf(ws.owner, inbox);
      expect(conversations).toHaveLength(1);
      expect(conversations[0]).toMatchObject({ channel: 'instagram', isCommentThread: true, replyWindow: null });
      const texts = (await messagesOf(ws.owner, conversations[0]!.id)).filter((m) => m.kind === 'incoming').map((m) => m.body);
      expect(texts).toEqual(['Váy này giá bao nhiêu vậy shop?', 'Gọi mình 0903 123 456 nhé']);
      // Hidden on Instagram with its own parameter; the number stays visible to agents.
      expect(kit.graph.hiddenComments.get(second)).toBe(true);
      expect(kit.graph.hiddenComments.has(first)).toBe(false);
      expect(kit.graph.requests.find((r) => r.path.endsWith(`/${second}`) && r.method === 'POST')?.body).toMatchObject({ hide: true });

      const sent = (await ws.owner.post(`/api/v1/conversations/${conversations[0]!.id}/messages`, { body: 'Dạ váy 350k ạ, shop nhắn chị nhé', force: true })).body as MessageDto;
      await expect.poll(async () => (await messagesOf(ws.owner, conversations[0]!.id)).find((m) => m.id === sent.id)?.deliveryStatus, { timeout: 10_000 }).toBe('sent');
      // Answered publicly under the newest comment, on Instagram's replies edge.
      expect(kit.graph.commentReplies.at(-1)).toMatchObject({ commentId: second, edge: 'replies', message: 'Dạ váy 350k ạ, shop nhắn chị nhé' });
    });

    it('answers a commenter privately in Messenger when the agent asks for it', async () => {
      const { owner, inbox } = await page();
      const from = { id: newPsid(), name: 'Lê Hà' };
      const commentId = `${meta.pageId}_9_${from.id}`;
      await postWebhook(kit.t, inbox.id, signMetaWebhook(meta.appSecret, feedCommentEvent({ pageId: meta.pageId, postId: `${meta.pageId}_9`, commentId, from, message: 'Ib giá giúp mình', createdTime: Math.floor(Date.now() / 1000) })));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      const sent = (await owner.post(`/api/v1/conversations/${conversation!.id}/messages`, { body: 'Dạ shop nhắn giá cho chị ạ', force: true, privateReply: true })).body as MessageDto;
      await expect.poll(async () => (await messagesOf(owner, conversation!.id)).find((m) => m.id === sent.id)?.deliveryStatus, { timeout: 10_000 }).toBe('sent');
      expect(kit.graph.sent.find((s) => s.recipient.comment_id === commentId)).toMatchObject({ message: { text: 'Dạ shop nhắn giá cho chị ạ' } });
      expect(kit.graph.commentReplies.some((r) => r.commentId === commentId)).toBe(false);
    });
  });
}

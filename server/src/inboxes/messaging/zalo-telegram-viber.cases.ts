import type { ConversationDto, InboxDto, MessageDto } from '@careloop/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemCtx } from '../../platform/context.ts';
import { telegramContactUpdate, telegramTextUpdate, telegramWebhookRequest } from '../../test/fakes/telegram-api.ts';
import { signViberWebhook, viberConversationStartedEvent, viberDeliveredEvent, viberTextEvent, viberWebhookEvent } from '../../test/fakes/viber-api.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signZaloWebhook, zaloEchoEvent, zaloImageEvent, zaloSubmitInfoEvent, zaloTextEvent, zaloUnfollowEvent } from '../../test/fakes/zalo-api.ts';
import type { AgentClient } from '../../test/harness.ts';
import { createMessagingInbox, drainEvents, postWebhook, telegramBot, viberBot, zaloAccount, type MessagingKit } from '../../test/messaging-kit.ts';
import { accountOf } from './accounts.ts';
import { refreshAccessToken } from './outbound.ts';
import { vendorFor } from './vendors.ts';

/** Cases run by messaging-flow.test.ts on its one app (one worker per database takes the send queue). */
export function zaloTelegramViberCases(app: () => MessagingKit) {
  const kit = { get t() { return app().t; }, get graph() { return app().graph; }, get zalo() { return app().zalo; }, get telegram() { return app().telegram; }, get viber() { return app().viber; } };


  let userCounter = 0;
  const newUser = () => `61424948230${Date.now() % 100_000}${++userCounter}`;
  const conversationsOf = async (owner: AgentClient, inbox: InboxDto): Promise<ConversationDto[]> => (await owner.get(`/api/v1/conversations?inboxId=${inbox.id}&status=any`)).body.items;
  const messagesOf = async (owner: AgentClient, id: string): Promise<MessageDto[]> => (await owner.get(`/api/v1/conversations/${id}/messages`)).body.items;
  const reply = async (owner: AgentClient, conversationId: string, body: string) => (await owner.post(`/api/v1/conversations/${conversationId}/messages`, { body, force: true })).body as MessageDto;
  const settled = (owner: AgentClient, conversationId: string, id: string) =>
    expect.poll(async () => (await messagesOf(owner, conversationId)).find((m) => m.id === id)?.deliveryStatus, { timeout: 10_000 });

  describe('Zalo OA', () => {
    /** The fake rotates tokens on every refresh: a new inbox takes the pair that is valid now. */
    async function zaloShop() {
      const ws = await kit.t.workspace({ name: 'Shop Zalo' });
      const inbox = await createMessagingInbox(ws.owner, 'zalo', { ...zaloAccount, ...kit.zalo.tokens });
      return { ...ws, inbox };
    }
    const zaloIn = (inbox: InboxDto, payload: object, escapeUnicode = false) =>
      postWebhook(kit.t, inbox.id, signZaloWebhook({ appId: zaloAccount.appId, oaSecretKey: zaloAccount.oaSecretKey }, payload, { escapeUnicode }));
    const base = (userId: string) => ({ appId: zaloAccount.appId, oaId: zaloAccount.oaId, userId });

    it('verifies the mac, counts the 8 replies of the 48-hour window, and refuses the ninth without calling Zalo', async () => {
      const { owner, inbox } = await zaloShop();
      const userId = newUser();
      expect((await zaloIn(inbox, zaloTextEvent({ ...base(userId), msgId: `zm_${userId}`, text: 'Chào shop, áo còn không ạ?' }), true)).status).toBe(200);
      const forged = signZaloWebhook({ appId: zaloAccount.appId, oaSecretKey: 'wrong-oa-secret' }, zaloTextEvent({ ...base(userId), msgId: 'zm_forged', text: 'x' }));
      expect((await postWebhook(kit.t, inbox.id, forged)).status).toBe(401);
      const stale = zaloTextEvent({ ...base(userId), msgId: 'zm_old', text: 'x', timestamp: String(Date.now() - 3 * 86_400_000) });
      expect((await zaloIn(inbox, stale)).status).toBe(401); // a signed body replayed days later
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.replyWindow).toMatchObject({ state: 'open', repliesLeft: 8 });
      expect((await messagesOf(owner, conversation!.id)).map((m) => m.body)).toEqual(['Chào shop, áo còn không ạ?']);

      for (let i = 1; i <= 8; i++) {
        const sent = await reply(owner, conversation!.id, `Dạ shop trả lời lần ${i}`);
        await settled(owner, conversation!.id, sent.id).toBe('sent');
      }
      expect(kit.zalo.sent.filter((s) => s.recipient.user_id === userId)).toHaveLength(8);
      const after = (await owner.get(`/api/v1/conversations/${conversation!.id}`)).body as ConversationDto;
      expect(after.replyWindow).toEqual({ state: 'closed', reason: 'quota_used' });
      const ninth = await reply(owner, conversation!.id, 'Lần thứ chín');
      await settled(owner, conversation!.id, ninth.id).toBe('failed');
      expect(kit.zalo.sent.filter((s) => s.recipient.user_id === userId)).toHaveLength(8);
    }, 60_000);

    it('on -216 refreshes the token once, saves the new single-use refresh token, and retries the send', async () => {
      const { owner, inbox } = await zaloShop();
      const userId = newUser();
      await zaloIn(inbox, zaloTextEvent({ ...base(userId), msgId: `zm_${userId}`, text: 'Shop ơi' }));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      const before = { ...kit.zalo.tokens };
      kit.zalo.expireAccessToken();
      const sent = await reply(owner, conversation!.id, 'Dạ shop đây ạ');
      await settled(owner, conversation!.id, sent.id).toBe('sent');
      expect(kit.zalo.tokens.refreshToken).not.toBe(before.refreshToken);
      const row = await kit.t.deps.db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow();
      const { secrets } = accountOf(kit.t.deps, row);
      expect(secrets).toMatchObject({ accessToken: kit.zalo.tokens.accessToken, refreshToken: kit.zalo.tokens.refreshToken });
      expect(Date.parse(secrets.accessTokenExpiresAt!)).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    });

    it('refreshes single-flight: two refreshes of the same stale token make one call, and a refused refresh asks to reconnect', async () => {
      const { inbox } = await zaloShop();
      const ctx = systemCtx(kit.t.deps, (await kit.t.deps.db.selectFrom('inboxes').select('workspace_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).workspace_id);
      const vendor = vendorFor('zalo')!;
      const calls = () => kit.zalo.requests.filter((r) => r.path.endsWith('/v4/oa/access_token')).length;
      const stale = kit.zalo.tokens.accessToken;
      const before = calls();
      const [a, b] = await Promise.all([refreshAccessToken(ctx, vendor, inbox.id, stale), refreshAccessToken(ctx, vendor, inbox.id, stale)]);
      expect(calls() - before).toBe(1);
      expect(a!.secrets.accessToken).toBe(b!.secrets.accessToken);

      await sql`update inboxes set secrets = ${kit.t.deps.secrets.seal({ ...a!.secrets, refreshToken: 'already-used-refresh-token' })} where id = ${inbox.id}`.execute(kit.t.deps.db);
      expect(await refreshAccessToken(ctx, vendor, inbox.id, a!.secrets.accessToken)).toBeNull();
      const health = await kit.t.deps.db.selectFrom('inboxes').select('health').where('id', '=', inbox.id).executeTakeFirstOrThrow();
      expect(health.health).toMatchObject({ state: 'needs_reauth' });
    });

    it('does not store our own echo twice, imports one sent from the OA admin, and closes the window on unfollow', async () => {
      const { owner, inbox } = await zaloShop();
      const userId = newUser();
      await zaloIn(inbox, zaloTextEvent({ ...base(userId), msgId: `zm_${userId}`, text: 'Cho mình hỏi giá' }));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      const sent = await reply(owner, conversation!.id, 'Dạ giá 350.000đ ạ');
      await settled(owner, conversation!.id, sent.id).toBe('sent');
      const ourId = kit.zalo.sent.at(-1)!.messageId;
      await zaloIn(inbox, zaloEchoEvent({ ...base(userId), msgId: ourId, text: 'Dạ giá 350.000đ ạ' }));
      await zaloIn(inbox, zaloEchoEvent({ ...base(userId), msgId: `oa_admin_${userId}`, text: 'Shop gửi thêm ảnh nhé' }));
      await sql`update channel_events set received_at = now() - interval '1 minute' where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
      await drainEvents(kit.t);
      const outgoing = (await messagesOf(owner, conversation!.id)).filter((m) => m.kind === 'outgoing').map((m) => m.body);
      expect(outgoing).toEqual(['Dạ giá 350.000đ ạ', 'Shop gửi thêm ảnh nhé']);
      expect(((await owner.get(`/api/v1/conversations/${conversation!.id}`)).body as ConversationDto).replyWindow).toMatchObject({ state: 'open', repliesLeft: 6 });

      await zaloIn(inbox, zaloUnfollowEvent(base(userId)));
      await drainEvents(kit.t);
      expect(((await owner.get(`/api/v1/conversations/${conversation!.id}`)).body as ConversationDto).replyWindow).toEqual({ state: 'closed', reason: 'unsubscribed' });
    });

    it('sends an agent\'s image through Zalo\'s upload, and keeps a customer\'s image sent from the CDN', async () => {
      const { owner, inbox } = await zaloShop();
      const userId = newUser();
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c636060606000000005000157a48c6c0000000049454e44ae426082', 'hex');
      const cdn = createServer((req, res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(png); });
      await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', () => r()));
      try {
        const url = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/zalo-cdn/anh.png`;
        await zaloIn(inbox, zaloImageEvent({ ...base(userId), msgId: `zimg_${userId}`, url, caption: 'Áo này còn không?' }));
        await drainEvents(kit.t);
        const [conversation] = await conversationsOf(owner, inbox);
        const [incoming] = await messagesOf(owner, conversation!.id);
        expect(incoming!.body).toBe('Áo này còn không?');
        expect(incoming!.attachments).toMatchObject([{ contentType: 'image/png' }]);

        const form = new FormData();
        form.append('file', new Blob([png], { type: 'image/png' }), 'mau-ao.png');
        const upload = await kit.t.request('POST', '/api/v1/attachments', { body: form, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf } });
        expect(upload.status).toBe(201);
        const sent = (await owner.post(`/api/v1/conversations/${conversation!.id}/messages`, { body: 'Dạ mẫu này ạ', attachmentIds: [upload.body.id], force: true })).body as MessageDto;
        await settled(owner, conversation!.id, sent.id).toBe('sent');
        const uploaded = kit.zalo.uploads.at(-1)!;
        expect(uploaded).toMatchObject({ kind: 'image', filename: 'mau-ao.png' });
        expect(uploaded.data.equals(png)).toBe(true);
        const media = kit.zalo.sent.filter((x) => x.recipient.user_id === userId).map((x) => x.message);
        expect(media).toContainEqual(expect.objectContaining({ text: 'Dạ mẫu này ạ' }));
        expect(JSON.stringify(media)).toContain(uploaded.id);
      } finally {
        cdn.close();
      }
    });

    it('quotes the customer message the agent picked', async () => {
      const { owner, inbox } = await zaloShop();
      const userId = newUser();
      await zaloIn(inbox, zaloTextEvent({ ...base(userId), msgId: `zq_${userId}`, text: 'Phí ship ra Hà Nội bao nhiêu?' }));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      const [question] = await messagesOf(owner, conversation!.id);
      const sent = (await owner.post(`/api/v1/conversations/${conversation!.id}/messages`, { body: 'Dạ 30.000đ ạ', quoteMessageId: question!.id, force: true })).body as MessageDto;
      await settled(owner, conversation!.id, sent.id).toBe('sent');
      expect(kit.zalo.sent.at(-1)).toMatchObject({ recipient: { user_id: userId }, message: { text: 'Dạ 30.000đ ạ', quote_message_id: `zq_${userId}` } });
    });

    it('serves Zalo\'s domain verification file for the code an admin entered, and nothing else', async () => {
      const { owner, inbox } = await zaloShop();
      const code = `AbC${Date.now().toString(36)}`;
      expect((await kit.t.request('GET', `/zalo_verifier${code}.html`)).status).toBe(404);
      expect((await owner.patch(`/api/v1/inboxes/${inbox.id}`, { messaging: { siteVerification: code } })).body.messaging.siteVerification).toBe(code);
      const file = await kit.t.request('GET', `/zalo_verifier${code}.html`);
      expect(file.status).toBe(200);
      expect(file.body).toContain(`<meta name="zalo-platform-site-verification" content="${code}" />`);
      expect((await owner.patch(`/api/v1/inboxes/${inbox.id}`, { messaging: { siteVerification: '"><script>' } })).status).toBe(400);
    });

    it('merges the customer into the contact that already has the phone they shared through Zalo', async () => {
      const { owner, inbox } = await zaloShop();
      const existing = (await owner.post('/api/v1/contacts', { name: 'Chị Hoa (đơn hàng)', phone: '0912 888 777' })).body;
      const userId = newUser();
      await zaloIn(inbox, zaloTextEvent({ ...base(userId), msgId: `zm_${userId}`, text: 'Đơn của mình tới đâu rồi?' }));
      await zaloIn(inbox, zaloSubmitInfoEvent({ ...base(userId), info: { name: 'Hoa', phone: '84912888777' } }));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.contact.id).toBe(existing.id);
      const contact = (await owner.get(`/api/v1/contacts/${existing.id}`)).body;
      expect(contact.identities.map((i: { externalId: string }) => i.externalId)).toContain(userId);
    });
  });

  describe('Telegram', () => {
    async function bot() {
      const ws = await kit.t.workspace({ name: 'Shop Telegram' });
      const inbox = await createMessagingInbox(ws.owner, 'telegram', telegramBot);
      const row = await kit.t.deps.db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow();
      return { ...ws, inbox, secretToken: accountOf(kit.t.deps, row).secrets.secretToken! };
    }

    it('checks the secret header, registers the webhook on "test connection", answers, and backs off on 429', async () => {
      const { owner, inbox, secretToken } = await bot();
      expect(secretToken).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
      const update = telegramTextUpdate({ updateId: 900_001 + userCounter, chatId: 555_000_111 + ++userCounter, text: 'Xin chào shop', date: Math.floor(Date.now() / 1000), firstName: 'An' });
      expect((await postWebhook(kit.t, inbox.id, telegramWebhookRequest('wrong-secret', update))).status).toBe(403);
      expect((await postWebhook(kit.t, inbox.id, telegramWebhookRequest(secretToken, update, { escapeUnicode: true }))).status).toBe(200);
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.contact.name).toBe('An');

      const check = await owner.post(`/api/v1/inboxes/${inbox.id}/check`);
      expect(check.body).toMatchObject({ ok: true, webhookRegistered: true });
      expect(kit.telegram.webhook).toMatchObject({ url: `https://care.shop.test/api/channels/${inbox.id}/webhook`, secretToken });

      kit.telegram.failNext({ status: 429, error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
      const sent = await reply(owner, conversation!.id, 'Dạ shop chào bạn');
      await expect.poll(async () => (await messagesOf(owner, conversation!.id)).find((m) => m.id === sent.id)?.deliveryStatus, { timeout: 20_000 }).toBe('sent');
      expect(kit.telegram.sent.at(-1)).toMatchObject({ method: 'sendMessage', text: 'Dạ shop chào bạn' });
    }, 30_000);

    it('links the customer to an existing contact when they share their own phone number', async () => {
      const { owner, inbox, secretToken } = await bot();
      const existing = (await owner.post('/api/v1/contacts', { name: 'Anh Bình', phone: '+84 903 111 222' })).body;
      const chatId = 777_000_000 + ++userCounter;
      await postWebhook(kit.t, inbox.id, telegramWebhookRequest(secretToken, telegramTextUpdate({ updateId: 910_000 + userCounter, chatId, text: 'Mình muốn đổi size', date: Math.floor(Date.now() / 1000) })));
      await postWebhook(kit.t, inbox.id, telegramWebhookRequest(secretToken, telegramContactUpdate({ updateId: 910_500 + userCounter, chatId, phone: '84903111222', date: Math.floor(Date.now() / 1000) })));
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(owner, inbox);
      expect(conversation!.contact.id).toBe(existing.id);
    });
  });

  describe('Viber', () => {
    it('answers the webhook ping without storing it, keeps 64-bit tokens exact, and records delivery', async () => {
      const ws = await kit.t.workspace({ name: 'Shop Viber' });
      const inbox = await createMessagingInbox(ws.owner, 'viber', viberBot);
      const userId = `01234567890A${++userCounter}=`;
      const signed = (json: string) => signViberWebhook(viberBot.authToken, json);
      expect((await postWebhook(kit.t, inbox.id, signed(viberWebhookEvent({ token: 4912661846655238145n, timestamp: Date.now() })))).status).toBe(200);
      expect((await postWebhook(kit.t, inbox.id, { ...signed(viberTextEvent({ token: 4912661846655238146n, userId, text: 'x', timestamp: Date.now() })), headers: { 'x-viber-content-signature': 'ab'.repeat(32) } })).status).toBe(401);
      await postWebhook(kit.t, inbox.id, signed(viberConversationStartedEvent({ userId, name: 'Phương', token: 4912661846655238147n, timestamp: Date.now() })));
      await postWebhook(kit.t, inbox.id, signViberWebhook(viberBot.authToken, viberTextEvent({ token: 4912661846655238149n, userId, name: 'Phương', text: 'Tôi cần hỗ trợ đơn hàng', timestamp: Date.now() }), { escapeUnicode: true }));
      const stored = await sql<{ dedupe_key: string }>`select dedupe_key from channel_events where inbox_id = ${inbox.id} order by id`.execute(kit.t.deps.db);
      expect(stored.rows.map((r) => r.dedupe_key)).toEqual([expect.stringContaining('conversation_started'), 'msg:4912661846655238149']);
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(ws.owner, inbox);
      expect(conversation!.contact.name).toBe('Phương');

      const sent = await reply(ws.owner, conversation!.id, 'Dạ shop hỗ trợ ngay ạ');
      await settled(ws.owner, conversation!.id, sent.id).toBe('sent');
      const out = kit.viber.sent.at(-1)!;
      expect(out).toMatchObject({ receiver: userId, sender: { name: 'Shop Hoa Mai' }, text: 'Dạ shop hỗ trợ ngay ạ' });
      await postWebhook(kit.t, inbox.id, signed(viberDeliveredEvent({ token: BigInt(out.messageToken), userId, timestamp: Date.now() })));
      await drainEvents(kit.t);
      await settled(ws.owner, conversation!.id, sent.id).toBe('delivered');
    });
  });

  describe('dead letters', () => {
    it('moves an event that keeps failing to the dead-letter list, and a replay processes it once', async () => {
      const ws = await kit.t.workspace({ name: 'Shop Dead Letters' });
      const inbox = await createMessagingInbox(ws.owner, 'telegram', telegramBot);
      const row = await kit.t.deps.db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow();
      const secretToken = accountOf(kit.t.deps, row).secrets.secretToken!;
      await postWebhook(kit.t, inbox.id, telegramWebhookRequest(secretToken, telegramTextUpdate({ updateId: 990_000 + ++userCounter, chatId: 880_000 + userCounter, text: 'Alo shop', date: Math.floor(Date.now() / 1000) })));
      // The stored secrets cannot be opened (a changed CARELOOP_SECRETS_KEY): every attempt fails.
      await sql`update inboxes set secrets = 'v1.AAAA.BBBB.CCCC' where id = ${inbox.id}`.execute(kit.t.deps.db);
      for (let attempt = 0; attempt < 8; attempt++) {
        await sql`update channel_events set next_attempt_at = now() where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
        await drainEvents(kit.t);
      }
      const dead = (await ws.owner.get(`/api/v1/channel-events?state=dead&inboxId=${inbox.id}`)).body;
      expect(dead.items).toHaveLength(1);
      expect(dead.items[0]).toMatchObject({ attempts: 8, lastError: expect.stringMatching(/CARELOOP_SECRETS_KEY/) });
      expect(dead.counts.dead).toBeGreaterThanOrEqual(1);

      await sql`update inboxes set secrets = ${row.secrets} where id = ${inbox.id}`.execute(kit.t.deps.db);
      const replayed = await ws.owner.post(`/api/v1/channel-events/${dead.items[0].id}/replay`);
      expect(replayed.body.state).toBe('pending');
      expect((await ws.owner.post(`/api/v1/channel-events/${dead.items[0].id}/replay`)).status).toBe(409);
      await drainEvents(kit.t);
      const [conversation] = await conversationsOf(ws.owner, inbox);
      expect((await messagesOf(ws.owner, conversation!.id)).map((m) => m.body)).toEqual(['Alo shop']);
      const agent = await kit.t.addAgent(ws.owner, 'agent');
      expect((await agent.get('/api/v1/channel-events?state=dead')).status).toBe(403);
    });
  });
}

import type { ConversationDto, InboxDto, MessageDto } from '@careloop/contracts';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { telegramTextUpdate } from '../../test/fakes/telegram-api.ts';
import type { AgentClient } from '../../test/harness.ts';
import { createMessagingInbox, drainEvents, telegramBot, type MessagingKit } from '../../test/messaging-kit.ts';
import { startTelegramPolling, type TelegramPollingOptions } from './polling.ts';

/** Cases run by messaging-flow.test.ts on its one app: Telegram bots read with getUpdates (no webhook). */
export function telegramPollingCases(app: () => MessagingKit) {
  const kit = { get t() { return app().t; }, get telegram() { return app().telegram; } };
  const stops: (() => Promise<void>)[] = [];
  /** A node's poller with short waits: a poll lasts at most a second, a claim three. */
  const poller = (holder: string, opts: TelegramPollingOptions = {}) => {
    const stop = startTelegramPolling(kit.t.deps, { holder, waitSeconds: 1, leaseSeconds: 3, scanMs: 50, retryMs: 50, ...opts });
    let stopped = false;
    const once = async () => { if (!stopped) { stopped = true; await stop(); } };
    stops.push(once);
    return once;
  };
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    // The shops share one fake bot: a bot polled by two inboxes is two readers (each test's shop is its only one).
    await sql`update inboxes set settings = settings - 'delivery' where channel = 'telegram'`.execute(kit.t.deps.db);
  });

  let chat = 720_000_000;
  let update = 600_000_000;
  const now = () => Math.floor(Date.now() / 1000);
  const conversationsOf = async (owner: AgentClient, inbox: InboxDto): Promise<ConversationDto[]> => (await owner.get(`/api/v1/conversations?inboxId=${inbox.id}&status=any`)).body.items;
  const messagesOf = async (owner: AgentClient, id: string): Promise<MessageDto[]> => (await owner.get(`/api/v1/conversations/${id}/messages`)).body.items;
  const pollRow = (inbox: InboxDto) => kit.t.deps.db.selectFrom('telegram_polls').selectAll().where('inbox_id', '=', inbox.id).executeTakeFirst();
  const getUpdatesCalls = () => kit.telegram.requests.filter((r) => r.apiMethod === 'getUpdates').length;
  /** The messages customers sent, all conversations of the inbox, after applying what was stored. */
  const customerTexts = async (owner: AgentClient, inbox: InboxDto) => {
    await drainEvents(kit.t);
    const texts: string[] = [];
    for (const c of await conversationsOf(owner, inbox)) for (const m of await messagesOf(owner, c.id)) if (m.kind === 'incoming') texts.push(m.body);
    return texts.sort();
  };
  const health = async (owner: AgentClient, inbox: InboxDto) => (await owner.get(`/api/v1/inboxes/${inbox.id}`)).body.messaging.health as { state: string; error: string | null };

  /** A shop whose bot is polled; "test connection" has removed any webhook the bot had. */
  async function polledShop() {
    const ws = await kit.t.workspace({ name: 'Shop Telegram polling' });
    const inbox = await createMessagingInbox(ws.owner, 'telegram', { ...telegramBot, delivery: 'polling' });
    expect(inbox.messaging?.delivery).toBe('polling');
    return { ...ws, inbox };
  }

  describe('Telegram by polling (getUpdates)', () => {
    it('stores each update once, confirms it to Telegram, and goes on from the saved offset after a restart', async () => {
      const { owner, inbox } = await polledShop();
      const check = await owner.post(`/api/v1/inboxes/${inbox.id}/check`);
      expect(check.body).toMatchObject({ ok: true, webhookRegistered: true });
      expect(kit.telegram.webhook).toBeNull();

      const stopA = poller('node-a');
      const first = kit.telegram.pushUpdate(telegramTextUpdate({ updateId: ++update, chatId: ++chat, text: 'Shop ơi, áo còn size M không?', date: now(), firstName: 'Lan' }));
      kit.telegram.pushUpdate(telegramTextUpdate({ updateId: ++update, chatId: ++chat, text: 'Cho mình hỏi phí ship về Huế', date: now(), firstName: 'Minh' }));
      await expect.poll(() => customerTexts(owner, inbox), { timeout: 10_000 }).toEqual(['Cho mình hỏi phí ship về Huế', 'Shop ơi, áo còn size M không?']);
      // The next poll asks from past them: Telegram forgets them.
      await expect.poll(() => kit.telegram.unconfirmed, { timeout: 5_000 }).toEqual([]);
      expect((await pollRow(inbox))?.next_offset).toBe(first + 2);
      await stopA();
      expect((await pollRow(inbox))?.holder).toBeNull();

      // A crash after storing, before saving the offset: Telegram sends the update again; it is not stored twice.
      await kit.t.deps.db.updateTable('telegram_polls').set({ next_offset: first }).where('inbox_id', '=', inbox.id).execute();
      kit.telegram.pushUpdate(telegramTextUpdate({ updateId: first, chatId: chat - 1, text: 'Shop ơi, áo còn size M không?', date: now(), firstName: 'Lan' }));
      kit.telegram.pushUpdate(telegramTextUpdate({ updateId: first + 2, chatId: chat, messageId: 2, text: 'Mình chuyển khoản rồi nhé', date: now(), firstName: 'Minh' }));
      poller('node-b');
      await expect.poll(() => customerTexts(owner, inbox), { timeout: 10_000 })
        .toEqual(['Cho mình hỏi phí ship về Huế', 'Mình chuyển khoản rồi nhé', 'Shop ơi, áo còn size M không?']);
      await expect.poll(async () => (await pollRow(inbox))?.next_offset, { timeout: 5_000 }).toBe(first + 3);
      expect(await health(owner, inbox)).toMatchObject({ state: 'ok' });
    });

    it('lets one node poll a bot at a time: the other takes over when it stops, or when its claim lapses', async () => {
      const { owner, inbox } = await polledShop();
      const stopA = poller('node-a');
      await expect.poll(async () => (await pollRow(inbox))?.holder, { timeout: 5_000 }).toBe('node-a');
      poller('node-b');
      const calls = getUpdatesCalls();
      const conflicts = kit.telegram.conflicts;
      // Several polls later: node B never asked (two readers would end each other's polls with 409).
      await expect.poll(() => getUpdatesCalls() - calls, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(kit.telegram.conflicts).toBe(conflicts);
      expect((await pollRow(inbox))?.holder).toBe('node-a');

      await stopA();
      await expect.poll(async () => (await pollRow(inbox))?.holder, { timeout: 5_000 }).toBe('node-b');
      kit.telegram.pushUpdate(telegramTextUpdate({ updateId: ++update, chatId: ++chat, text: 'Node B nhận được không?', date: now() }));
      await expect.poll(() => customerTexts(owner, inbox), { timeout: 10_000 }).toContain('Node B nhận được không?');

      // A node that died keeps its claim until it lapses; then another node takes the bot.
      await Promise.all(stops.splice(0).map((stop) => stop()));
      await sql`update telegram_polls set holder = 'node-dead', lease_until = now() + interval '2 seconds' where inbox_id = ${inbox.id}`.execute(kit.t.deps.db);
      const before = getUpdatesCalls();
      poller('node-c');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(getUpdatesCalls()).toBe(before);
      await expect.poll(async () => (await pollRow(inbox))?.holder, { timeout: 10_000 }).toBe('node-c');
      expect(kit.telegram.conflicts).toBe(conflicts);
    });

    it('removes a webhook left from before, and shows a second reader and a revoked token on the health', async () => {
      const { owner, inbox } = await polledShop();
      // A webhook the bot still had (set elsewhere, or before the switch to polling).
      const set = await fetch(`${kit.telegram.url}/bot${telegramBot.botToken}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://old.shop.test/hook' }) });
      expect(set.status).toBe(200);
      poller('node-a');
      await expect.poll(() => kit.telegram.webhook, { timeout: 5_000 }).toBeNull();
      kit.telegram.pushUpdate(telegramTextUpdate({ updateId: ++update, chatId: ++chat, text: 'Có ai không ạ?', date: now() }));
      await expect.poll(() => customerTexts(owner, inbox), { timeout: 10_000 }).toEqual(['Có ai không ạ?']);

      // Another program polls the same bot: whichever asks ends the other's poll (409).
      await expect.poll(() => kit.telegram.waiting, { timeout: 5_000 }).toBe(1);
      const conflicts = kit.telegram.conflicts;
      const other = await fetch(`${kit.telegram.url}/bot${telegramBot.botToken}/getUpdates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeout: 0 }) });
      expect(other.status).toBe(200);
      await expect.poll(() => health(owner, inbox), { timeout: 5_000 }).toMatchObject({ state: 'needs_reauth', error: expect.stringContaining('terminated by other getUpdates request') });
      await expect.poll(() => kit.telegram.conflicts, { timeout: 2_000 }).toBe(conflicts + 1);
      // It stops; the next poll succeeds and the health is clear again.
      await expect.poll(() => health(owner, inbox), { timeout: 5_000 }).toMatchObject({ state: 'ok' });

      // A revoked token: no retry fixes it, so the loop waits for the admin to change the inbox.
      await expect.poll(() => kit.telegram.waiting, { timeout: 5_000 }).toBe(1);
      kit.telegram.failNext({ status: 401, error_code: 401, description: 'Unauthorized' });
      await expect.poll(() => health(owner, inbox), { timeout: 5_000 }).toMatchObject({ state: 'needs_reauth', error: expect.stringContaining('rejected the bot token') });
      const calls = getUpdatesCalls();
      await new Promise((r) => setTimeout(r, 500));
      expect(getUpdatesCalls()).toBe(calls);
      // The admin pastes the token again: polling resumes at once.
      expect((await owner.patch(`/api/v1/inboxes/${inbox.id}`, { messaging: { botToken: telegramBot.botToken } })).status).toBe(200);
      await expect.poll(() => getUpdatesCalls(), { timeout: 5_000 }).toBeGreaterThan(calls);
      await expect.poll(() => health(owner, inbox), { timeout: 5_000 }).toMatchObject({ state: 'ok' });
    });

    it('stops polling a bot set back to webhooks, and registers the webhook on "test connection"', async () => {
      const { owner, inbox } = await polledShop();
      poller('node-a');
      await expect.poll(async () => (await pollRow(inbox))?.holder, { timeout: 5_000 }).toBe('node-a');
      const patched = await owner.patch(`/api/v1/inboxes/${inbox.id}`, { messaging: { delivery: 'webhook' } });
      expect(patched.body.messaging.delivery).toBe('webhook');
      await expect.poll(async () => (await pollRow(inbox))?.holder, { timeout: 5_000 }).toBeNull();
      const calls = getUpdatesCalls();
      const check = await owner.post(`/api/v1/inboxes/${inbox.id}/check`);
      expect(check.body).toMatchObject({ ok: true, webhookRegistered: true });
      expect(kit.telegram.webhook).toMatchObject({ url: `https://care.shop.test/api/channels/${inbox.id}/webhook` });
      await new Promise((r) => setTimeout(r, 300));
      expect(getUpdatesCalls()).toBe(calls);
    });

    it('refuses polling for vendors that only deliver to webhooks', async () => {
      const ws = await kit.t.workspace({ name: 'Shop Viber polling' });
      const reply = await ws.owner.post('/api/v1/inboxes', { name: 'Viber', channel: 'viber', messaging: { authToken: '4b5a6c7d8e9f0a1b-2c3d4e5f6a7b8c9d-0e1f2a3b4c5d6e7f', senderName: 'Shop', delivery: 'polling' } });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'validation_failed', details: { fields: ['delivery'] } });
    });
  });
}

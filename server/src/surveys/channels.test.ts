import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDto } from '@careloop/contracts';
import { accountOf } from '../inboxes/messaging/accounts.ts';
import { telegramTextUpdate, telegramWebhookRequest } from '../test/fakes/telegram-api.ts';
import { createMessagingInbox, drainEvents, postWebhook, startMessagingApp, telegramBot, type MessagingKit } from '../test/messaging-kit.ts';
import { drainSurveyJobs, getPage, linkIn, messagesOf, postForm, resolve } from './test-kit.ts';

/** A messaging channel: the survey goes as a link through the vendor's send queue (a local Telegram fake). */
let kit: MessagingKit;
beforeAll(async () => { kit = await startMessagingApp(); }, 30_000);
afterAll(async () => { await kit.close(); });

describe('CSAT by messaging', () => {
  it('sends a signed link through the Telegram queue, in the customer\'s language, and takes the answer on the page', async () => {
    const t = kit.t;
    const ws = await t.workspace({ name: 'Shop Telegram', locale: 'en' });
    const inbox = await createMessagingInbox(ws.owner, 'telegram', telegramBot);
    const row = await t.deps.db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow();
    const secretToken = accountOf(t.deps, row).secrets.secretToken!;
    const update = telegramTextUpdate({ updateId: 770_001, chatId: 770_111_222, text: 'Xin chào shop, đơn hàng của mình đâu rồi?', date: Math.floor(Date.now() / 1000), firstName: 'An' });
    expect((await postWebhook(t, inbox.id, telegramWebhookRequest(secretToken, update))).status).toBe(200);
    await drainEvents(t);
    const [conversation] = (await ws.owner.get<{ items: ConversationDto[] }>(`/api/v1/conversations?inboxId=${inbox.id}&status=any`)).body.items;
    expect(conversation).toBeTruthy();

    await resolve(ws.owner, conversation!.id);
    await drainSurveyJobs(t, ws.workspaceId);
    const invite = (await messagesOf(ws.owner, conversation!.id)).find((m) => m.sender.type === 'system' && m.kind === 'outgoing')!;
    const token = linkIn(invite.body);
    expect(token, invite.body).toBeTruthy();
    // The customer wrote in Vietnamese: the survey speaks it although the shop's language is English.
    expect(invite.body).toContain('Cảm ơn bạn đã liên hệ Shop Telegram');
    await expect.poll(() => kit.telegram.sent.find((s) => s.method === 'sendMessage' && String(s.text ?? '').includes(token!)), { timeout: 20_000 }).toBeTruthy();

    const page = await getPage(t, `/s/${token}`);
    expect(page.status).toBe(200);
    expect((await postForm(t, `/s/${token}`, { score: '5' })).status).toBe(303);
    const state = await ws.owner.get(`/api/v1/surveys/conversations/${conversation!.id}`);
    expect(state.body.sends).toMatchObject([{ status: 'answered', via: 'link', score: 5 }]);
  }, 40_000);
});

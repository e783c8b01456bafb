import type { InboxDto } from '@careloop/contracts';
import { loadConfig } from '../config.ts';
import { processDueEvents } from '../inboxes/messaging/processor.ts';
import { messagingSendQueue, runMessagingSend } from '../inboxes/messaging/outbound.ts';
import { startFakeGraphApi } from './fakes/graph-api.ts';
import { startFakeTelegramApi } from './fakes/telegram-api.ts';
import { startFakeViberApi } from './fakes/viber-api.ts';
import { startFakeZaloApi } from './fakes/zalo-api.ts';
import { startTestApp, type AgentClient, type TestApp } from './harness.ts';

/** Fixed vendor accounts the fakes and the inboxes share. */
export const meta = { pageId: '104758291837465', igId: '17841400000000001', appId: '551234567890123', appSecret: 'meta-app-secret-0123456789abcdef', accessToken: 'EAAGpagetoken0123456789' };
export const zaloAccount = { appId: '2553928453557884079', oaId: '3662729599332560487', appSecret: 'zalo-app-secret-abcdef', oaSecretKey: 'zalo-oa-secret-key-123456', accessToken: 'zalo-access-0', refreshToken: 'zalo-refresh-0' };
export const telegramBot = { botToken: '7012345678:AAF-fakeTokenForTests_abcdefghijk' };
export const viberBot = { authToken: '4b5a6c7d8e9f0a1b-2c3d4e5f6a7b8c9d-0e1f2a3b4c5d6e7f', senderName: 'Shop Hoa Mai' };

export type MessagingKit = Awaited<ReturnType<typeof startMessagingApp>>;

/** One in-process CareLoop wired to local fakes of the four vendors (channels.md §0.1 item 6). */
export async function startMessagingApp() {
  const graph = await startFakeGraphApi({ pageId: meta.pageId, accessToken: meta.accessToken, appSecret: meta.appSecret });
  const zalo = await startFakeZaloApi({ appId: zaloAccount.appId, appSecret: zaloAccount.appSecret, accessToken: zaloAccount.accessToken, refreshToken: zaloAccount.refreshToken, oaId: zaloAccount.oaId });
  const telegram = await startFakeTelegramApi({ botToken: telegramBot.botToken });
  const viber = await startFakeViberApi({ authToken: viberBot.authToken });
  const defaults = loadConfig({}).vendors;
  // Telegram accepts only HTTPS webhook URLs: the node's public URL is an HTTPS one, as in production.
  const t = await startTestApp({ config: { publicUrl: 'https://care.shop.test', vendors: {
    ...defaults, graphApiBase: graph.url, zaloOpenApiBase: zalo.url, zaloOauthBase: zalo.url, telegramApiBase: telegram.url, viberApiBase: viber.url,
  } } });
  await t.deps.jobs.tune(messagingSendQueue.name, { retryDelaySeconds: 1 });
  await t.deps.jobs.work([{ ...messagingSendQueue, run: (data, job) => runMessagingSend(t.deps, data as never, job) }]);
  return {
    t, graph, zalo, telegram, viber,
    async close() {
      await t.close();
      await Promise.all([graph.close(), zalo.close(), telegram.close(), viber.close()]);
    },
  };
}

/** Apply every stored event that is due (the worker's loop, run by hand). */
export async function drainEvents(t: TestApp): Promise<number> {
  let total = 0;
  for (let n = await processDueEvents(t.deps); n > 0; n = await processDueEvents(t.deps)) total += n;
  return total;
}

/** POST a signed vendor request to an inbox's webhook URL. */
export const postWebhook = (t: TestApp, inboxId: string, signed: { body: Buffer; headers: Record<string, string> }) =>
  t.request('POST', `/api/channels/${inboxId}/webhook`, { body: signed.body, headers: signed.headers });

export async function createMessagingInbox(owner: AgentClient, channel: InboxDto['channel'], messaging: Record<string, unknown>): Promise<InboxDto> {
  const reply = await owner.post('/api/v1/inboxes', { name: `${channel} inbox`, channel, messaging });
  if (reply.status !== 201) throw new Error(`inbox: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export const messengerSetup = { pageId: meta.pageId, appId: meta.appId, appSecret: meta.appSecret, accessToken: meta.accessToken };
export const zaloSetup = { ...zaloAccount };

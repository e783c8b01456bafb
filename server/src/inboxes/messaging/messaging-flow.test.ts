import { afterAll, beforeAll } from 'vitest';
import { startMessagingApp, type MessagingKit } from '../../test/messaging-kit.ts';
import { messengerCases } from './messenger.cases.ts';
import { zaloTelegramViberCases } from './zalo-telegram-viber.cases.ts';
import { telegramPollingCases } from '../telegram/polling.cases.ts';

/**
 * Webhook → stored event → conversation → reply → vendor, for every messaging vendor against its
 * local fake. One file and one app: on a shared PostgreSQL the send queue is shared too, so a
 * second app working it would deliver this app's replies through its own fakes.
 */
let kit: MessagingKit;
beforeAll(async () => { kit = await startMessagingApp(); }, 60_000);
afterAll(async () => { await kit.close(); });

messengerCases(() => kit);
zaloTelegramViberCases(() => kit);
telegramPollingCases(() => kit);

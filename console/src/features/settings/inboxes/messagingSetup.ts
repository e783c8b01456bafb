import type { MessagingChannel } from '@careloop/contracts';

/**
 * Where each vendor wants the webhook (the steps are `messaging.setup.steps.<channel>.stepN`). Meta
 * (Messenger, Instagram) and Zalo take the URL in their dashboards; Telegram and Viber are registered
 * by CareLoop itself when the admin presses "Test connection".
 */
export const setupSteps: Record<MessagingChannel, number> = { messenger: 4, instagram: 4, zalo: 4, telegram: 2, viber: 2 };

/** A Telegram bot CareLoop polls has steps of its own (`messaging.setup.steps.telegramPolling.stepN`) and no URL to show. */
export const pollingSteps = 2;
export const stepKeysOf = (channel: MessagingChannel, delivery: 'webhook' | 'polling'): string[] =>
  channel === 'telegram' && delivery === 'polling'
    ? Array.from({ length: pollingSteps }, (_, i) => `messaging.setup.steps.telegramPolling.step${i + 1}`)
    : Array.from({ length: setupSteps[channel] }, (_, i) => `messaging.setup.steps.${channel}.step${i + 1}`);

/** Channels whose webhook CareLoop registers through the vendor's API (no URL to paste). */
export const registersWebhook = (channel: MessagingChannel) => channel === 'telegram' || channel === 'viber';

/** Meta asks for the verify token when the webhook is added. */
export const usesVerifyToken = (channel: MessagingChannel) => channel === 'messenger' || channel === 'instagram';

/** The answer of `POST /inboxes/:id/check`. */
export interface CheckResult { ok: boolean; name: string | null; error: string | null; webhookRegistered: boolean | null }

/**
 * The line shown after "Test connection": connected (as whom, webhook registered or not) or the vendor's error.
 * For a polled Telegram bot `webhookRegistered` says whether an old webhook could be removed.
 */
export function checkOutcome(result: CheckResult, delivery: 'webhook' | 'polling' = 'webhook'): { ok: boolean; key: string; params: Record<string, string> } {
  const polling = delivery === 'polling';
  if (!result.ok) {
    if (result.webhookRegistered === false) return { ok: false, key: polling ? 'messaging.check.pollingFailed' : 'messaging.check.webhookFailed', params: { error: result.error ?? '' } };
    return { ok: false, key: 'messaging.check.failed', params: { error: result.error ?? '' } };
  }
  return {
    ok: true,
    key: polling ? 'messaging.check.okPolling' : result.webhookRegistered ? 'messaging.check.okRegistered' : 'messaging.check.ok',
    params: { name: result.name ?? '' },
  };
}

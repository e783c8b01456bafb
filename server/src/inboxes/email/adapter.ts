import type { ChannelAdapter } from '../channel.ts';
import { deliverEmail, emailSendQueue } from './outbound.ts';

/**
 * Email on the channel interface. Replies are durable: `enqueue` puts an `email.send` job in the
 * message's own transaction, and the job (outbound.ts) sends over the inbox's SMTP server, retrying
 * transient failures. `send` is the same delivery, for callers that want it now.
 */
export const emailAdapter: ChannelAdapter = {
  channel: 'email',
  async enqueue(tx, delivery) {
    await tx.deps.jobs.enqueue(tx.db, emailSendQueue.name, { workspaceId: tx.workspaceId, messageId: delivery.message.id });
  },
  async send(ctx, delivery) {
    return deliverEmail(ctx, delivery.message.id, { final: true });
  },
};

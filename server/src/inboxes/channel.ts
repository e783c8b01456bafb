import type { ChannelType } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';

/**
 * The channel interface. Receive: each channel turns its vendor's event into an
 * `IncomingMessage` and calls `messages/service.receiveIncoming`. Send: after an agent's reply is
 * committed, the inbox's adapter delivers it and reports how that went.
 */
export interface OutgoingDelivery {
  inbox: Row<'inboxes'>;
  conversation: Row<'conversations'>;
  message: Row<'messages'>;
  attachments: Row<'attachments'>[];
  /** The agent's choices for this one message where the channel offers them. */
  options?: { privateReply?: boolean; quoteMessageId?: string };
}

export interface DeliveryResult {
  status: 'sending' | 'sent' | 'delivered' | 'failed';
  /** The vendor's id of the sent message, for idempotency and delivery receipts. */
  externalId?: string;
  /** Shown to the agent when delivery failed (e.g. outside a messaging window). */
  error?: string;
}

export interface ChannelAdapter {
  channel: ChannelType;
  send(ctx: Ctx, delivery: OutgoingDelivery): Promise<DeliveryResult>;
  /**
   * Durable channels (email) implement this instead of being called after commit: inside the
   * message's transaction they enqueue a job that calls `send` (and retries it), so a reply that is
   * stored is a reply that will be delivered, even across a crash.
   */
  enqueue?(tx: Ctx, delivery: OutgoingDelivery): Promise<void>;
}

import type { MessagingChannel } from '@careloop/contracts';
import type { Deps } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import type { MessagingSecrets, MessagingSettings } from './settings.ts';
import type { HandshakeReply, InboundAttachment, NormalizedEvent, OutboundMessage, RawWebhook, SendResult, SplitEvent, VerifyResult } from './types.ts';

/** One inbox's configuration as a vendor sees it. */
export interface VendorAccount {
  inbox: Row<'inboxes'>;
  settings: MessagingSettings;
  secrets: MessagingSecrets;
}

/** How a send should go out, decided by the pipeline from the conversation. */
export interface SendOptions {
  /** Messenger/Instagram: RESPONSE inside 24 h, the HUMAN_AGENT tag after (channels.md §2.5). */
  tag?: 'RESPONSE' | 'HUMAN_AGENT';
  /** A Facebook comment thread: answer this comment publicly (or privately). */
  comment?: { commentId: string; private: boolean };
}

/**
 * A messaging vendor on the pipeline: the protocol half (verify, split, normalize) and the client
 * half (send, profile, downloads, connection check) of one `inboxes/<vendor>/` folder, adapted to
 * one inbox's stored configuration. Implementations: `vendors.ts`.
 */
export interface Vendor {
  channel: MessagingChannel;
  /** GET handshakes and pings, answered without storing (checked before `verify` for GET, after it for POST). */
  handshake(account: VendorAccount, req: RawWebhook): HandshakeReply | null;
  verify(account: VendorAccount, req: RawWebhook): VerifyResult;
  /** A signed body that is too old to be anything but a replay (vendors that sign a timestamp). */
  isReplay?(req: RawWebhook, now: Date): boolean;
  split(body: Buffer, account: VendorAccount): SplitEvent[];
  normalize(account: VendorAccount, payload: unknown): NormalizedEvent[];
  send(deps: Deps, account: VendorAccount, message: OutboundMessage, options: SendOptions): Promise<SendResult>;
  /** The customer's name and picture when the event did not carry them. */
  profile?(deps: Deps, account: VendorAccount, userId: string): Promise<{ name?: string; avatarUrl?: string } | null>;
  /** A downloadable URL for an attachment that only names a vendor file (Telegram). */
  resolveAttachment?(deps: Deps, account: VendorAccount, attachment: InboundAttachment): Promise<string | null>;
  /** "Test connection": who the credentials belong to, or why they fail. */
  check(deps: Deps, account: VendorAccount): Promise<{ ok: true; name: string } | { ok: false; error: string }>;
  /** Register CareLoop's webhook with the vendor where the vendor allows it (Telegram, Viber). */
  register?(deps: Deps, account: VendorAccount, webhookUrl: string): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Refresh an expired access token (Zalo); the pipeline saves the result under a lock. */
  refresh?(deps: Deps, account: VendorAccount): Promise<{ ok: true; secrets: Partial<MessagingSecrets> } | { ok: false; permanent: boolean; error: string }>;
  /** Facebook comment moderation: hide a comment (e.g. one that shows a phone number). */
  hideComment?(deps: Deps, account: VendorAccount, commentId: string): Promise<SendResult>;
}

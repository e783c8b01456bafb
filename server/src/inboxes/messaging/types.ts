/**
 * The shapes every messaging vendor (Messenger, Instagram, Facebook comments, Zalo OA, Telegram,
 * Viber) is cut to. A vendor folder has two halves, both free of database code:
 *  - `protocol.ts`: verify a webhook over its raw bytes, split the body into single events (each
 *    with the vendor's dedupe key), and normalize one event into `NormalizedEvent`s;
 *  - `client.ts`: the vendor's send API at a configurable base URL, every answer classified into
 *    one `SendResult` (channels.md §0.3).
 * The pipeline (`messaging/`) stores raw events, processes them in order and calls the services.
 */

/** One HTTP request as it reached the webhook route: header names lowercased, the body untouched. */
export interface RawWebhook {
  method: 'GET' | 'POST';
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Buffer;
}

/** A webhook answered before (or instead of) storing anything: GET handshakes, pings. */
export interface HandshakeReply {
  status: number;
  contentType?: string;
  body: string;
}

export type VerifyResult = { ok: true } | { ok: false; status: 401 | 403 };

/** One vendor event cut out of a webhook body (Messenger batches several per POST). */
export interface SplitEvent {
  /** Unique per inbox: the vendor's message id, update id, or `type:watermark`. */
  dedupeKey: string;
  /** Events with the same key are processed one at a time, oldest first (the customer's id). */
  orderingKey: string;
  /** JSON-safe (big integers already turned into strings). */
  payload: unknown;
}

export interface Sender {
  /** The channel-scoped user id (PSID, IGSID, Zalo `sender.id`, Telegram chat id, Viber id). */
  id: string;
  name?: string;
  avatarUrl?: string;
  /** BCP-47-ish language from the vendor (`vi`). */
  language?: string;
  /** Zalo `user_id_by_app`, Telegram username … kept beside the main id. */
  secondaryId?: string;
}

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file' | 'sticker' | 'location' | 'link' | 'contact';

export interface InboundAttachment {
  kind: AttachmentKind;
  /** Vendor CDN URL (may expire: downloaded when the event is processed). Telegram gives `fileId` instead. */
  url?: string;
  fileId?: string;
  name?: string;
  size?: number;
  mimeType?: string;
  title?: string;
  latitude?: number;
  longitude?: number;
  /** Contact cards (Viber `contact`, Zalo `business_card`). */
  phone?: string;
}

export type NormalizedEvent =
  | {
      type: 'message';
      externalId: string;
      from: Sender;
      text: string;
      attachments: InboundAttachment[];
      replyToExternalId?: string;
      sentAt: Date;
    }
  | {
      /** A message the business sent: through CareLoop (`appId` is ours / matched by id) or from the vendor's own inbox. */
      type: 'echo';
      externalId: string;
      /** The customer's id. */
      to: string;
      text: string;
      attachments: InboundAttachment[];
      /** Messenger: the sending app's id; absent where the vendor does not say. */
      appId?: string;
      sentAt: Date;
    }
  | { type: 'delivered' | 'read'; userId: string; externalIds?: string[]; watermark?: Date }
  | { type: 'failed'; userId: string; externalIds: string[]; reason: string }
  | { type: 'follow'; userId: string; following: boolean; profile?: Sender }
  /** A conversation the customer opened without writing yet (Viber `conversation_started`). */
  | { type: 'opened'; from: Sender }
  /** Identity facts shared by the customer (Zalo `user_submit_info`, Telegram contact …). */
  | { type: 'profile'; userId: string; name?: string; phone?: string; email?: string; address?: string }
  | {
      type: 'comment';
      /** `comment_id`. */
      externalId: string;
      postId: string;
      parentId?: string;
      from: Sender;
      text: string;
      verb: 'add' | 'edited' | 'remove' | 'hide' | 'unhide';
      sentAt: Date;
    }
  /** Stored raw, nothing to do (group chats, reactions, other kinds). */
  | { type: 'ignored'; reason: string };

/** channels.md §0.3: one class for every vendor's answer. */
export type SendResult =
  | { kind: 'ok'; providerMessageId: string }
  | { kind: 'auth_expired'; message: string }
  | { kind: 'window_closed'; code?: string; message: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number; message: string }
  | { kind: 'transient'; message: string }
  | { kind: 'permanent'; code?: string; message: string };

export interface OutboundFile {
  kind: 'image' | 'video' | 'audio' | 'file';
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface OutboundMessage {
  /** The customer's channel id (PSID, Zalo user id, Telegram chat id, Viber id). */
  recipientId: string;
  text: string;
  /** Quote / reply to this vendor message id where the vendor supports it. */
  replyToExternalId?: string;
  attachments: OutboundFile[];
}

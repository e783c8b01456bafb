import { z } from 'zod';

/** Channels that reach CareLoop through vendor webhooks and answer through vendor send APIs. */
export const messagingChannels = ['messenger', 'instagram', 'zalo', 'telegram', 'viber'] as const;
export type MessagingChannel = (typeof messagingChannels)[number];

const numericId = z.string().trim().regex(/^\d{1,40}$/, 'digits only');
const token = z.string().trim().min(6).max(2000);

/**
 * Setup of a messaging inbox. Fields by channel (the service says which are missing):
 * - messenger: pageId, appId, appSecret, accessToken (Page token); commentsEnabled, hidePhoneComments
 * - instagram: accountId (IG professional account), appId, appSecret, accessToken
 * - zalo: appId, oaId, appSecret, oaSecretKey, accessToken, refreshToken
 * - telegram: botToken; delivery ('webhook', the default, or 'polling' for a server Telegram cannot reach over HTTPS)
 * - viber: authToken, senderName (≤ 28), senderAvatar
 * Secrets (appSecret, accessToken, oaSecretKey, refreshToken, botToken, authToken) are write-only:
 * stored sealed, never returned; left out of an update, they keep their stored value.
 */
export const messagingSetupInput = z.object({
  pageId: numericId.optional(),
  accountId: numericId.optional(),
  appId: numericId.optional(),
  oaId: numericId.optional(),
  appSecret: token.optional(),
  accessToken: token.optional(),
  oaSecretKey: token.optional(),
  refreshToken: token.optional(),
  botToken: z.string().trim().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'a bot token from @BotFather').optional(),
  authToken: token.optional(),
  senderName: z.string().trim().min(1).max(28).optional(),
  senderAvatar: z.string().trim().url().max(500).optional(),
  commentsEnabled: z.boolean().optional(),
  hidePhoneComments: z.boolean().optional(),
  /** Zalo's domain verification code (the `<CODE>` of `zalo_verifier<CODE>.html`): CareLoop serves that file. */
  siteVerification: z.string().trim().regex(/^[A-Za-z0-9_-]{4,100}$/, 'letters, digits, - and _').optional(),
  /** Telegram: updates pushed to the webhook URL, or fetched by CareLoop with `getUpdates` (no public HTTPS needed). */
  delivery: z.enum(['webhook', 'polling']).optional(),
});
export type MessagingSetupInput = z.infer<typeof messagingSetupInput>;

export const messagingSecretFields = ['appSecret', 'accessToken', 'oaSecretKey', 'refreshToken', 'botToken', 'authToken'] as const;
export type MessagingSecretField = (typeof messagingSecretFields)[number];

export interface MessagingInboxDto {
  /** Paste into the vendor's webhook settings (Telegram and Viber are registered by CareLoop). */
  webhookUrl: string;
  /** Meta's "Verify token" (admins only). */
  verifyToken?: string;
  pageId: string | null;
  accountId: string | null;
  appId: string | null;
  oaId: string | null;
  senderName: string | null;
  senderAvatar: string | null;
  commentsEnabled: boolean;
  hidePhoneComments: boolean;
  /** Zalo: the domain verification code, served at `/zalo_verifier<CODE>.html`. */
  siteVerification: string | null;
  /** Telegram: how updates arrive (`polling` needs no public address); always `webhook` for the other vendors. */
  delivery: 'webhook' | 'polling';
  /** Which secrets are stored (their values never leave the server). */
  secretsSet: MessagingSecretField[];
  health: { state: 'ok' | 'needs_reauth' | 'unchecked'; error: string | null; at: string | null };
}

/** What a channel can carry, so the composer adapts. */
export interface ChannelCapabilities {
  attachments: boolean;
  /** Largest text a single message may hold (longer ones are split or refused). */
  maxText: number;
  quoting: boolean;
  html: boolean;
}

export const channelCapabilities: Record<string, ChannelCapabilities> = {
  web_chat: { attachments: true, maxText: 5000, quoting: false, html: false },
  email: { attachments: true, maxText: 100_000, quoting: false, html: true },
  messenger: { attachments: true, maxText: 2000, quoting: false, html: false },
  facebook_comments: { attachments: false, maxText: 8000, quoting: false, html: false },
  /** A reply under an Instagram comment: Instagram takes at most 2,200 characters. */
  instagram_comments: { attachments: false, maxText: 2200, quoting: false, html: false },
  instagram: { attachments: true, maxText: 1000, quoting: false, html: false },
  zalo: { attachments: true, maxText: 2000, quoting: true, html: false },
  telegram: { attachments: true, maxText: 4096 * 4, quoting: true, html: false },
  viber: { attachments: false, maxText: 7000, quoting: false, html: false },
  phone: { attachments: false, maxText: 5000, quoting: false, html: false },
  form: { attachments: false, maxText: 100_000, quoting: false, html: false },
};

/**
 * Per-conversation channel state, kept by the server and shown by the console.
 * `lastCustomerAt`: the customer's last message; `repliesSince`: replies sent after it (Zalo's 8).
 */
export interface ChannelState {
  lastCustomerAt?: string;
  repliesSince?: number;
  /** A Facebook comment thread: replies go to the latest comment publicly (or privately). */
  comment?: { postId: string; commentId: string };
  /** The customer stopped following (Zalo) or unsubscribed (Viber): sending is refused. */
  unsubscribed?: boolean;
}

export type ReplyWindow =
  | { state: 'open'; closesAt: string | null; repliesLeft: number | null; tag: 'RESPONSE' | 'HUMAN_AGENT' | null }
  | { state: 'closed'; reason: 'expired' | 'quota_used' | 'no_customer_message' | 'unsubscribed' };

const hour = 3_600_000;

/**
 * The vendor's reply window (channels.md §1.6, §2.5): Zalo allows 8 replies within 48 h of the
 * customer's last message; Messenger and Instagram answer freely for 24 h, then with the
 * HUMAN_AGENT tag up to 7 days. Other channels have no window (null).
 */
export function replyWindowOf(channel: string, state: ChannelState, now: Date): ReplyWindow | null {
  if (!['zalo', 'messenger', 'instagram', 'viber'].includes(channel)) return null;
  if (state.unsubscribed) return { state: 'closed', reason: 'unsubscribed' };
  if (channel === 'viber') return null;
  if (state.comment) return null; // public comment replies have no messaging window
  if (!state.lastCustomerAt) return { state: 'closed', reason: 'no_customer_message' };
  const last = Date.parse(state.lastCustomerAt);
  if (channel === 'zalo') {
    const closesAt = last + 48 * hour;
    const left = 8 - (state.repliesSince ?? 0);
    if (now.getTime() >= closesAt) return { state: 'closed', reason: 'expired' };
    if (left <= 0) return { state: 'closed', reason: 'quota_used' };
    return { state: 'open', closesAt: new Date(closesAt).toISOString(), repliesLeft: left, tag: null };
  }
  const age = now.getTime() - last;
  if (age < 24 * hour) return { state: 'open', closesAt: new Date(last + 24 * hour).toISOString(), repliesLeft: null, tag: 'RESPONSE' };
  if (age < 7 * 24 * hour) return { state: 'open', closesAt: new Date(last + 7 * 24 * hour).toISOString(), repliesLeft: null, tag: 'HUMAN_AGENT' };
  return { state: 'closed', reason: 'expired' };
}

export const channelEventStates = ['pending', 'processing', 'done', 'dead'] as const;
export const listChannelEventsQuery = z.object({
  state: z.enum(channelEventStates).optional(),
  inboxId: z.string().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface ChannelEventDto {
  id: string;
  inboxId: string;
  channel: string;
  dedupeKey: string;
  state: (typeof channelEventStates)[number];
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
  /** The vendor's event as received (for the dead-letter view). */
  payload: unknown;
}

import type { Config } from '../../config.ts';
import type { Deps } from '../../platform/context.ts';
import { createGraphClient } from '../messenger/client.ts';
import { handshakeMeta, normalizeMeta, splitMeta, verifyMeta } from '../messenger/protocol.ts';
import { createTelegramClient } from '../telegram/client.ts';
import { normalizeTelegram, splitTelegram, verifyTelegram } from '../telegram/protocol.ts';
import { createViberClient } from '../viber/client.ts';
import { handshakeViber, normalizeViber, parseViberJson, splitViber, verifyViber, viberReplayWindowOk } from '../viber/protocol.ts';
import { createZaloClient } from '../zalo/client.ts';
import { handshakeZalo, normalizeZalo, parseZaloJson, splitZalo, verifyZalo, zaloReplayWindowOk } from '../zalo/protocol.ts';
import type { RawWebhook } from './types.ts';
import type { Vendor, VendorAccount } from './vendor.ts';

/**
 * Signed timestamps older than this are refused as replays. Wide, because vendors retry a failed
 * delivery for hours with the original body (Zalo; Viber unverified) and redeliveries are
 * deduplicated anyway; the check stops an old captured request from being played back later.
 */
const replayHorizonMs = 24 * 3_600_000;

const v = (deps: Deps): Config['vendors'] => deps.config.vendors;
const meta = (a: VendorAccount, idField: 'pageId' | 'accountId') => ({
  appId: a.settings.appId ?? '', appSecret: a.secrets.appSecret ?? '', verifyToken: a.settings.verifyToken,
  pageId: a.settings[idField] ?? '', accessToken: a.secrets.accessToken ?? '',
});
const graph = (deps: Deps) => createGraphClient({ baseUrl: v(deps).graphApiBase, apiVersion: v(deps).graphApiVersion, timeoutMs: 20_000 });

function metaVendor(channel: 'messenger' | 'instagram'): Vendor {
  const idField = channel === 'messenger' ? 'pageId' : 'accountId';
  return {
    channel,
    handshake: (a, req) => (req.method === 'GET' ? handshakeMeta(req, meta(a, idField)) : null),
    verify: (a, req) => verifyMeta(req, meta(a, idField)),
    split: splitMeta,
    normalize: (a, payload) => normalizeMeta(payload, meta(a, idField)),
    async send(deps, a, message, options) {
      const client = graph(deps);
      if (options.comment) {
        return options.comment.private
          ? client.privateReply(meta(a, idField), options.comment.commentId, message.text)
          : client.replyToComment(meta(a, idField), options.comment.commentId, message.text, channel);
      }
      const window = options.tag === 'HUMAN_AGENT' ? { type: 'MESSAGE_TAG' as const, tag: 'HUMAN_AGENT' as const } : { type: 'RESPONSE' as const };
      return client.sendMessage(meta(a, idField), message, window);
    },
    profile: (deps, a, userId) => graph(deps).getProfile(meta(a, idField), userId, channel),
    hideComment: (deps, a, commentId) => graph(deps).hideComment(meta(a, idField), commentId, true, channel),
    async check(deps, a) {
      const p = await graph(deps).getProfile(meta(a, idField), meta(a, idField).pageId, channel);
      return p?.name ? { ok: true, name: p.name } : { ok: false, error: 'The Page or account could not be read with this access token' };
    },
  };
}

const zaloClient = (deps: Deps) => createZaloClient({ openApiBase: v(deps).zaloOpenApiBase, oauthBase: v(deps).zaloOauthBase, timeoutMs: 20_000 });
const zaloCreds = (a: VendorAccount) => ({
  appId: a.settings.appId ?? '', appSecret: a.secrets.appSecret ?? '', oaSecretKey: a.secrets.oaSecretKey ?? '', oaId: a.settings.oaId ?? '',
  accessToken: a.secrets.accessToken ?? '', refreshToken: a.secrets.refreshToken ?? '',
});

/** The signed timestamp inside a JSON body, read without trusting anything else in it. */
function bodyTimestamp(req: RawWebhook, parse: (text: string) => unknown): string | null {
  try {
    const ts = (parse(req.body.toString('utf8')) as { timestamp?: unknown }).timestamp;
    return typeof ts === 'string' || typeof ts === 'number' ? String(ts) : null;
  } catch {
    return null;
  }
}

const zalo: Vendor = {
  channel: 'zalo',
  handshake: (_a, req) => (req.method === 'GET' ? handshakeZalo(req) : null),
  verify: (a, req) => verifyZalo(req, zaloCreds(a)),
  isReplay(req, now) {
    const ts = bodyTimestamp(req, parseZaloJson);
    return ts !== null && !zaloReplayWindowOk(ts, now, replayHorizonMs);
  },
  split: (body, a) => splitZalo(body, a.settings.oaId ?? undefined),
  normalize: (a, payload) => normalizeZalo(payload, zaloCreds(a)),
  send: (deps, a, message) => zaloClient(deps).send(a.secrets.accessToken ?? '', message),
  profile: (deps, a, userId) => zaloClient(deps).getUserProfile(a.secrets.accessToken ?? '', userId),
  async check(deps, a) {
    const oa = await zaloClient(deps).getOa(a.secrets.accessToken ?? '');
    return oa ? { ok: true, name: oa.name } : { ok: false, error: 'The Official Account could not be read with this access token' };
  },
  async refresh(deps, a) {
    const r = await zaloClient(deps).refreshAccessToken(a.settings.appId ?? '', a.secrets.appSecret ?? '', a.secrets.refreshToken ?? '');
    if (!r.ok) return { ok: false, permanent: r.permanent, error: r.message };
    return { ok: true, secrets: { accessToken: r.accessToken, refreshToken: r.refreshToken, accessTokenExpiresAt: new Date(Date.now() + r.expiresInSeconds * 1000).toISOString() } };
  },
};

const telegramClient = (deps: Deps) => createTelegramClient({ baseUrl: v(deps).telegramApiBase });
const telegram: Vendor = {
  channel: 'telegram',
  handshake: () => null,
  verify: (a, req) => verifyTelegram(req, { secretToken: a.secrets.secretToken ?? '' }),
  split: splitTelegram,
  normalize: (_a, payload) => normalizeTelegram(payload),
  send: (deps, a, message) => telegramClient(deps).sendMessage(a.secrets.botToken ?? '', message),
  async resolveAttachment(deps, a, attachment) {
    return attachment.fileId ? ((await telegramClient(deps).getFile(a.secrets.botToken ?? '', attachment.fileId))?.url ?? null) : null;
  },
  async check(deps, a) {
    const me = await telegramClient(deps).getMe(a.secrets.botToken ?? '');
    return me.ok ? { ok: true, name: `@${me.bot.username ?? me.bot.name}` } : { ok: false, error: me.message };
  },
  /** Webhook delivery registers the URL; polling removes any webhook, which would make getUpdates fail (409). */
  async register(deps, a, url) {
    const client = telegramClient(deps);
    const r = a.settings.delivery === 'polling'
      ? await client.deleteWebhook(a.secrets.botToken ?? '')
      : await client.setWebhook(a.secrets.botToken ?? '', url, a.secrets.secretToken ?? '');
    return r.ok ? { ok: true } : { ok: false, error: r.message };
  },
};

const viberClient = (deps: Deps) => createViberClient({ baseUrl: v(deps).viberApiBase });
const viberCreds = (a: VendorAccount) => ({ authToken: a.secrets.authToken ?? '', senderName: a.settings.senderName ?? 'Shop', ...(a.settings.senderAvatar ? { senderAvatar: a.settings.senderAvatar } : {}) });
const viber: Vendor = {
  channel: 'viber',
  handshake: (_a, req) => (req.method === 'POST' ? handshakeViber(req) : null),
  verify: (a, req) => verifyViber(req, viberCreds(a)),
  isReplay(req, now) {
    const ts = bodyTimestamp(req, parseViberJson);
    return ts !== null && !viberReplayWindowOk(ts, now, replayHorizonMs);
  },
  split: splitViber,
  normalize: (_a, payload) => normalizeViber(payload),
  send: (deps, a, message) => viberClient(deps).sendMessage(viberCreds(a), message),
  async check(deps, a) {
    const info = await viberClient(deps).getAccountInfo(a.secrets.authToken ?? '');
    return info.ok ? { ok: true, name: info.account.name } : { ok: false, error: info.message };
  },
  async register(deps, a, url) {
    const r = await viberClient(deps).setWebhook(a.secrets.authToken ?? '', url);
    return r.ok ? { ok: true } : { ok: false, error: r.message };
  },
};

/** THE list of messaging vendors (each one's protocol and client live in `inboxes/<vendor>/`). */
const vendors: Record<string, Vendor> = { messenger: metaVendor('messenger'), instagram: metaVendor('instagram'), zalo, telegram, viber };

export const vendorFor = (channel: string): Vendor | null => vendors[channel] ?? null;

/**
 * One entry point for inbound shop webhooks: signature first (before any JSON is read), then the topic decides
 * what the event is. Pure: the route stores the raw event under `dedupeKey` and a job acts on the result (§0.1).
 */
import { createHash } from 'node:crypto';
import type { NormalizedOrder, ShopPlatform } from '../order.ts';
import { ShopPayloadError, obj, optionalId, requiredId } from './fields.ts';
import type { NormalizeOptions } from './fields.ts';
import { parseJsonLossless } from './json.ts';
import { normalizeShopifyFamilyOrder } from './shopify-family.ts';
import type { ShopifyFamily } from './shopify-family.ts';
import { verifyShopSignature } from './signature.ts';
import type { HeaderLookup } from './signature.ts';
import { normalizeWooOrder } from './woocommerce.ts';

export type ShopWebhookKind = 'order' | 'order_deleted' | 'ping' | 'customer' | 'gdpr' | 'uninstalled' | 'ignored';

export interface ShopWebhookEvent {
  kind: ShopWebhookKind;
  /** Lower-cased topic header (`orders/create`, `order.updated`); `ping` for the Woo creation ping. */
  topic: string;
  /** Unique per delivery; retries of one delivery share it. Store under `(channel, dedupe_key)`. */
  dedupeKey: string;
  /** Shopify/Sapo shop domain, Woo site host (+ path), Haravan org id; null when the header is absent. */
  shopDomain: string | null;
  /** Absent for `orders/edited` (Shopify sends an `order_edit` summary, not the order): refetch `externalId`. */
  order?: NormalizedOrder;
  /** Order id (order, order_deleted), customer id (customer, gdpr), shop id (gdpr shop/redact), Woo webhook id (ping). */
  externalId?: string;
  /** The parsed body, big integers as exact strings. */
  payload?: unknown;
}

export type ShopWebhookResult =
  | { ok: false; reason: 'signature' | 'malformed'; detail?: string }
  | { ok: true; event: ShopWebhookEvent };

const TOPIC_HEADER: Record<ShopPlatform, string> = {
  shopify: 'x-shopify-topic', woocommerce: 'x-wc-webhook-topic', haravan: 'x-haravan-topic', sapo: 'x-sapo-topic',
};
const SHOP_HEADER: Record<ShopPlatform, string> = {
  shopify: 'x-shopify-shop-domain', woocommerce: 'x-wc-webhook-source', haravan: 'x-haravan-org-id', sapo: 'x-sapo-shop-domain',
};
const ORDER_TOPICS = new Set([
  'orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled', 'orders/partially_fulfilled', 'orders/edited',
]);
const GDPR_TOPICS = new Set(['customers/data_request', 'customers/redact', 'shop/redact']);
const WOO_ORDER_TOPICS = new Set(['order.created', 'order.updated', 'order.restored']);

type Classified = Pick<ShopWebhookEvent, 'kind' | 'order' | 'externalId' | 'payload'>;

export function parseShopWebhook(
  platform: ShopPlatform, header: HeaderLookup, rawBody: Buffer, secret: string, opts: NormalizeOptions = {},
): ShopWebhookResult {
  const shopDomain = shopDomainOf(platform, header);
  if (platform === 'woocommerce') {
    const webhookId = wooPing(header, rawBody);
    if (webhookId !== null) {
      return { ok: true, event: { kind: 'ping', topic: 'ping', dedupeKey: bodyHash('ping', rawBody), shopDomain, externalId: webhookId } };
    }
  }
  if (!verifyShopSignature(platform, header, rawBody, secret)) return { ok: false, reason: 'signature' };

  const topic = topicOf(platform, header);
  let payload: unknown;
  try {
    payload = parseJsonLossless(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: e instanceof Error ? e.message : 'not JSON' };
  }
  try {
    const classified = platform === 'woocommerce' ? classifyWoo(topic, payload, opts) : classifyShopifyFamily(platform, topic, payload, opts);
    return { ok: true, event: { topic, dedupeKey: dedupeKeyOf(platform, header, topic, rawBody), shopDomain, ...classified } };
  } catch (e) {
    if (e instanceof ShopPayloadError) return { ok: false, reason: 'malformed', detail: e.message };
    throw e;
  }
}

function classifyShopifyFamily(platform: ShopifyFamily, topic: string, payload: unknown, opts: NormalizeOptions): Classified {
  const p = obj(payload);
  if (ORDER_TOPICS.has(topic)) {
    const edit = obj(p?.order_edit);
    if (topic === 'orders/edited' && edit) return { kind: 'order', externalId: requiredId(edit.order_id, 'order_edit.order_id'), payload };
    const order = normalizeShopifyFamilyOrder(payload, platform, opts);
    return { kind: 'order', order, externalId: order.externalId, payload };
  }
  if (topic === 'orders/delete') return { kind: 'order_deleted', externalId: requiredId(p?.id, 'id'), payload };
  // Before customers/*: customers/redact and customers/data_request are data-subject requests, not profile updates.
  if (GDPR_TOPICS.has(topic)) {
    const id = optionalId(obj(p?.customer)?.id, 'customer.id') ?? optionalId(p?.shop_id, 'shop_id');
    return id === null ? { kind: 'gdpr', payload } : { kind: 'gdpr', externalId: id, payload };
  }
  if (topic.startsWith('customers/')) return withId('customer', p?.id, payload);
  if (topic === 'app/uninstalled') return { kind: 'uninstalled', payload };
  return { kind: 'ignored', payload };
}

function classifyWoo(topic: string, payload: unknown, opts: NormalizeOptions): Classified {
  if (WOO_ORDER_TOPICS.has(topic)) {
    const order = normalizeWooOrder(payload, opts);
    return { kind: 'order', order, externalId: order.externalId, payload };
  }
  if (topic === 'order.deleted') return { kind: 'order_deleted', externalId: requiredId(obj(payload)?.id, 'id'), payload };
  if (topic.startsWith('customer.')) return withId('customer', obj(payload)?.id, payload);
  return { kind: 'ignored', payload };
}

function withId(kind: ShopWebhookKind, id: unknown, payload: unknown): Classified {
  const externalId = optionalId(id, 'id');
  return externalId === null ? { kind, payload } : { kind, externalId, payload };
}

/** Woo's topic header, or `resource.event` from its two other headers when the topic is missing. */
function topicOf(platform: ShopPlatform, header: HeaderLookup): string {
  const topic = header(TOPIC_HEADER[platform])?.trim().toLowerCase() ?? '';
  if (topic !== '' || platform !== 'woocommerce') return topic;
  const resource = header('x-wc-webhook-resource')?.trim().toLowerCase();
  const event = header('x-wc-webhook-event')?.trim().toLowerCase();
  return resource && event ? `${resource}.${event}` : '';
}

/** Woo sends its site URL; host plus path tells two WordPress sites on one host apart. */
function shopDomainOf(platform: ShopPlatform, header: HeaderLookup): string | null {
  const raw = header(SHOP_HEADER[platform])?.trim();
  if (!raw) return null;
  if (platform !== 'woocommerce') return raw.toLowerCase();
  try {
    const url = new URL(raw);
    return (url.host + url.pathname).replace(/\/+$/, '').toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** The unsigned creation ping: form body `webhook_id=<N>`. Returns N, or null when this is not the ping. */
function wooPing(header: HeaderLookup, rawBody: Buffer): string | null {
  const type = header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' || rawBody.length > 100) return null;
  return /^webhook_id=(\d{1,20})$/.exec(rawBody.toString('latin1').trim())?.[1] ?? null;
}

const bodyHash = (topic: string, rawBody: Buffer): string =>
  createHash('sha256').update(`${topic}\n`).update(rawBody).digest('hex');

/**
 * Shopify: `X-Shopify-Webhook-Id` (same across retries). Woo: the delivery id plus the body hash, because Woo
 * derives the delivery id from the webhook id and the current *second*, so two updates of one order in the same
 * second share it and the second must not be dropped. Haravan, Sapo, or no header: hash of topic and body.
 */
function dedupeKeyOf(platform: ShopPlatform, header: HeaderLookup, topic: string, rawBody: Buffer): string {
  const hash = bodyHash(topic, rawBody);
  const id = (name: string) => {
    const v = header(name)?.trim();
    return v && /^[\w.:-]{1,200}$/.test(v) ? v : null;
  };
  if (platform === 'shopify') return id('x-shopify-webhook-id') ?? hash;
  if (platform === 'woocommerce') {
    const delivery = id('x-wc-webhook-delivery-id');
    return delivery === null ? hash : `${delivery}:${hash}`;
  }
  return hash;
}

/** Case-insensitive HeaderLookup over Node/Fetch-style headers, for routes and tests. */
export function headerLookup(headers: Headers | Record<string, string | string[] | undefined>): HeaderLookup {
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const key = k.toLowerCase();
    const value = Array.isArray(v) ? v.join(', ') : v;
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
  }
  return (name) => map.get(name.toLowerCase());
}


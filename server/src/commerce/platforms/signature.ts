/**
 * Inbound shop webhook signatures (§7.1): base64(HMAC-SHA256(secret, raw body)) for all four platforms,
 * compared as bytes in constant time (§0.1 item 2). Also the signers the fakes and tests use.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ShopPlatform } from '../order.ts';

/** Reads a request header by its lower-case name. */
export type HeaderLookup = (name: string) => string | undefined;

/** Lower-case signature header per platform. Sapo's `X-Sapo-Hmac-Sha256` and `X-Sapo-Hmac-SHA256` are one name here. */
export const SIGNATURE_HEADER: Record<ShopPlatform, string> = {
  shopify: 'x-shopify-hmac-sha256',
  woocommerce: 'x-wc-webhook-signature',
  haravan: 'x-haravan-hmacsha256',
  sapo: 'x-sapo-hmac-sha256',
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const hmac = (key: string, body: Buffer): Buffer => createHmac('sha256', key).update(body).digest();

const asBuffer = (body: Buffer | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** PHP `trim()`: WooCommerce signs `trim(wp_json_encode($payload))`, the bytes it also sends. */
export function phpTrim(body: Buffer): Buffer {
  const blank = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x00 || b === 0x0b;
  let start = 0;
  let end = body.length;
  while (start < end && blank(body[start])) start++;
  while (end > start && blank(body[end - 1])) end--;
  return body.subarray(start, end);
}

/**
 * WordPress `wp_specialchars_decode($s, ENT_QUOTES)`, which WooCommerce applies to the webhook secret before
 * signing. Only these entities (and their zero-padded numeric forms) are decoded, in one pass like PHP `strtr`:
 * a bare `&` survives, but a secret containing `&amp;`, `&lt;`, `&#039;`… is signed with a different key.
 */
export function wpSpecialcharsDecode(s: string): string {
  if (!s.includes('&')) return s;
  const padding: Array<[RegExp, string]> = [
    [/&#0*39;/g, '&#039;'], [/&#x0*27;/gi, '&#x27;'], [/&#0*34;/g, '&#034;'], [/&#x0*22;/gi, '&#x22;'],
    [/&#0*60;/g, '&#060;'], [/&#0*62;/g, '&#062;'], [/&#0*38;/g, '&#038;'], [/&#x0*26;/gi, '&#x26;'],
  ];
  for (const [re, to] of padding) s = s.replace(re, to);
  const table: Record<string, string> = {
    '&#039;': "'", '&#x27;': "'", '&quot;': '"', '&#034;': '"', '&#x22;': '"', '&lt;': '<', '&#060;': '<',
    '&gt;': '>', '&#062;': '>', '&amp;': '&', '&#038;': '&', '&#x26;': '&',
  };
  return s.replace(/&#039;|&#x27;|&quot;|&#034;|&#x22;|&lt;|&#060;|&gt;|&#062;|&amp;|&#038;|&#x26;/g, (m) => table[m]!);
}

/** Sign like WooCommerce's `WC_Webhook::generate_signature`: entity-decoded secret, trimmed body. For fakes/tests. */
export function signLikeWoo(rawBody: Buffer | string, secret: string): string {
  return hmac(wpSpecialcharsDecode(secret), phpTrim(asBuffer(rawBody))).toString('base64');
}

/** The signature header value a platform would send for this body (Woo with its entity-decoding quirk). */
export function signShopBody(platform: ShopPlatform, rawBody: Buffer | string, secret: string): string {
  if (platform === 'woocommerce') return signLikeWoo(rawBody, secret);
  return hmac(secret, asBuffer(rawBody)).toString('base64');
}

/**
 * Verify a webhook against the secret CareLoop stored. Woo: over the trimmed body with the raw secret, so a secret
 * that WordPress entity-decodes mismatches (CareLoop generates alphanumeric secrets). An empty secret never
 * verifies: an unconfigured shop must not accept HMAC(key = '').
 */
export function verifyShopSignature(platform: ShopPlatform, header: HeaderLookup, rawBody: Buffer, secret: string): boolean {
  const given = header(SIGNATURE_HEADER[platform])?.trim();
  if (!given || !secret || !BASE64.test(given)) return false;
  const expected = hmac(secret, platform === 'woocommerce' ? phpTrim(rawBody) : rawBody);
  const got = Buffer.from(given, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import type { ShopPlatform } from '../order.ts';
import { SIGNATURE_HEADER, phpTrim, signLikeWoo, signShopBody, verifyShopSignature, wpSpecialcharsDecode } from './signature.ts';
import { headerLookup } from './parse.ts';
import { fixtureBytes } from './fixtures/load.ts';

const secret = 'hush9Ka2LmQ7pX';
const body = fixtureBytes('shopify-order.json');
const only = (name: string, value: string) => (n: string) => (n === name ? value : undefined);
const platforms: ShopPlatform[] = ['shopify', 'woocommerce', 'haravan', 'sapo'];

describe('signShopBody', () => {
  it('matches an independently computed vector (openssl dgst -sha256 -hmac secret -binary | base64)', () => {
    expect(signShopBody('shopify', '{"id":1}', 'secret')).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
  });
});

describe('verifyShopSignature', () => {
  it.each(platforms)('%s: accepts a valid signature over the raw bytes', (platform) => {
    const sig = signShopBody(platform, body, secret);
    expect(verifyShopSignature(platform, only(SIGNATURE_HEADER[platform], sig), body, secret)).toBe(true);
  });

  it.each(['X-Sapo-Hmac-Sha256', 'X-Sapo-Hmac-SHA256', 'x-sapo-hmac-sha256'])('sapo: accepts the %s spelling', (name) => {
    const sig = signShopBody('sapo', body, secret);
    expect(verifyShopSignature('sapo', headerLookup({ [name]: sig }), body, secret)).toBe(true);
    expect(verifyShopSignature('sapo', headerLookup(new Headers({ [name]: sig })), body, secret)).toBe(true);
  });

  it.each(platforms)('%s: rejects a forged signature (wrong key)', (platform) => {
    const sig = signShopBody(platform, body, 'not-the-secret');
    expect(verifyShopSignature(platform, only(SIGNATURE_HEADER[platform], sig), body, secret)).toBe(false);
  });

  it.each(platforms)('%s: rejects a tampered body', (platform) => {
    const sig = signShopBody(platform, body, secret);
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('430000')] = '9'.charCodeAt(0);
    expect(verifyShopSignature(platform, only(SIGNATURE_HEADER[platform], sig), tampered, secret)).toBe(false);
  });

  it('rejects a body re-serialised after signing', () => {
    const sig = signShopBody('shopify', body, secret);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    expect(verifyShopSignature('shopify', only('x-shopify-hmac-sha256', sig), reserialised, secret)).toBe(false);
  });

  it.each(platforms)('%s: rejects a missing header', (platform) => {
    expect(verifyShopSignature(platform, () => undefined, body, secret)).toBe(false);
  });

  it('rejects another platform’s header, hex digests, junk and truncated signatures', () => {
    const sig = signShopBody('haravan', body, secret);
    expect(verifyShopSignature('haravan', only('x-shopify-hmac-sha256', sig), body, secret)).toBe(false);
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyShopSignature('haravan', only('x-haravan-hmacsha256', hex), body, secret)).toBe(false);
    expect(verifyShopSignature('haravan', only('x-haravan-hmacsha256', 'not base64!'), body, secret)).toBe(false);
    expect(verifyShopSignature('haravan', only('x-haravan-hmacsha256', sig.slice(0, 40)), body, secret)).toBe(false);
    expect(verifyShopSignature('haravan', only('x-haravan-hmacsha256', `${sig}, ${sig}`), body, secret)).toBe(false);
  });

  it('never verifies with an empty secret', () => {
    const sig = signShopBody('shopify', body, '');
    expect(verifyShopSignature('shopify', only('x-shopify-hmac-sha256', sig), body, '')).toBe(false);
  });
});

describe('WooCommerce quirks', () => {
  const woo = (sig: string) => only('x-wc-webhook-signature', sig);
  const trimmed = phpTrim(body); // the fixture file ends with a newline; Woo would not send it

  it('signs the trimmed body, so stray whitespace around the bytes still verifies', () => {
    const padded = Buffer.concat([Buffer.from(' \n'), body, Buffer.from('\r\n')]);
    expect(signLikeWoo(padded, secret)).toBe(signShopBody('shopify', trimmed, secret));
    expect(verifyShopSignature('woocommerce', woo(signLikeWoo(padded, secret)), padded, secret)).toBe(true);
  });

  it('a secret WordPress entity-decodes (`&amp;`) mismatches when verified with the raw secret', () => {
    const entitySecret = 'ck9&amp;Zq';
    const sig = signLikeWoo(body, entitySecret);
    expect(sig).toBe(signShopBody('shopify', trimmed, 'ck9&Zq'));
    expect(verifyShopSignature('woocommerce', woo(sig), body, entitySecret)).toBe(false);
  });

  it('a bare `&` is not an entity and survives, as in WordPress', () => {
    const sig = signLikeWoo(body, 'ck9&Zq');
    expect(verifyShopSignature('woocommerce', woo(sig), body, 'ck9&Zq')).toBe(true);
  });

  it('wpSpecialcharsDecode follows WordPress: listed entities only, zero padding, one pass', () => {
    expect(wpSpecialcharsDecode('a&amp;b&lt;c&gt;d&quot;e&#039;f')).toBe('a&b<c>d"e\'f');
    expect(wpSpecialcharsDecode('&#39;&#0039;&#x27;&#X0027;&#34;&#x22;&#38;&#x26;&#60;&#62;')).toBe('\'\'\'\'""&&<>');
    expect(wpSpecialcharsDecode('&amp;lt;')).toBe('&lt;');
    expect(wpSpecialcharsDecode('&nbsp;&apos;&copy;&')).toBe('&nbsp;&apos;&copy;&');
    expect(wpSpecialcharsDecode('plainSecret123')).toBe('plainSecret123');
  });
});

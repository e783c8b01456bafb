import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A URL that grants read access to one file until `exp` (seconds), without a session. */
export function signPath(secret: string, path: string, ttlSeconds = 3600): string {
  const exp = Math.floor(Date.now() / 1000 / 600) * 600 + ttlSeconds; // rounded so URLs stay cacheable
  return `${path}?exp=${exp}&sig=${hmacHex(secret, `${path}:${exp}`).slice(0, 32)}`;
}

export function verifySignedPath(secret: string, path: string, exp: string | undefined, sig: string | undefined): boolean {
  if (!exp || !sig || !/^\d+$/.test(exp)) return false;
  if (Number(exp) < Date.now() / 1000) return false;
  return safeEqual(hmacHex(secret, `${path}:${exp}`).slice(0, 32), sig);
}

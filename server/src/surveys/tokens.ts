import { hmacHex, safeEqual } from '../platform/crypto.ts';

/**
 * The public survey link `/s/<token>`: `<send id>.<expiry, unix seconds>.<mac>`, the mac an HMAC of
 * the workspace, the send and the expiry with the server's secret. Changing any part (another send,
 * a later expiry) breaks the mac; the send row names the workspace the mac is checked against.
 */
const pattern = /^(svs_[0-9A-Z]{26})\.(\d{9,11})\.([0-9a-f]{32})$/;

const macOf = (secret: string, workspaceId: string, sendId: string, exp: number) =>
  hmacHex(secret, `survey-link:v1:${workspaceId}:${sendId}:${exp}`).slice(0, 32);

export function signSurveyToken(secret: string, workspaceId: string, sendId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${sendId}.${exp}.${macOf(secret, workspaceId, sendId, exp)}`;
}

export interface ParsedToken { sendId: string; exp: number; mac: string }

/** The parts of a well-formed token (nothing is trusted until `verifySurveyToken`). */
export function parseSurveyToken(token: string): ParsedToken | null {
  const m = pattern.exec(token);
  return m ? { sendId: m[1]!, exp: Number(m[2]), mac: m[3]! } : null;
}

export type TokenVerdict = 'ok' | 'invalid' | 'expired';

/** Tampered is checked before expired: a forged expiry is "invalid", never "expired". */
export function verifySurveyToken(secret: string, workspaceId: string, parsed: ParsedToken, now: Date): TokenVerdict {
  if (!safeEqual(macOf(secret, workspaceId, parsed.sendId, parsed.exp), parsed.mac)) return 'invalid';
  return parsed.exp * 1000 <= now.getTime() ? 'expired' : 'ok';
}

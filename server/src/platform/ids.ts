import { randomBytes } from 'node:crypto';
import { idPrefixes, type IdKind } from '@careloop/contracts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Time-sortable readable ids: `cv_` + 10 chars of milliseconds + 16 random chars (Crockford base32). */
export function newId(kind: IdKind): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % 32];
  return `${idPrefixes[kind]}_${head}${tail}`;
}

/** An unguessable secret for tokens (URL-safe). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

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
  const bytes = randomChunk();
  let tail = '';
  for (const b of bytes) tail += alphabet[b % 32];
  return `${idPrefixes[kind]}_${head}${tail}`;
}

/** Ids take 16 random bytes each; bulk imports make thousands a second, so they are cut from a larger draw. */
let pool = Buffer.alloc(0);
let offset = 0;
function randomChunk(): Buffer {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 16;
  return pool.subarray(offset - 16, offset);
}

/** An unguessable secret for tokens (URL-safe). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

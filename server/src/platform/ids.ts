import { randomBytes } from 'node:crypto';
import { idPrefixes, type IdKind } from '@careloop/contracts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Time-sortable readable ids: `cv_` + 10 chars of milliseconds + 16 random chars (Crockford base32).
 * Within one millisecond the tail counts up from the first random draw (as ULIDs do), so rows made
 * in order — two activity lines of one update — also sort in order by id.
 */
export function newId(kind: IdKind): string {
  const now = Date.now();
  if (now === lastTime) {
    lastTail = increment(lastTail);
  } else {
    lastTime = now;
    lastTail = Array.from(randomChunk(), (b) => b % 32);
    lastTail[0]! &= 0x0f; // room to count up without overflowing the first digit
  }
  let time = now;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  return `${idPrefixes[kind]}_${head}${lastTail.map((d) => alphabet[d]).join('')}`;
}

let lastTime = -1;
let lastTail: number[] = [];
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]!++;
      return next;
    }
    next[i] = 0;
  }
  return next;
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

import type { Context } from 'hono';
import { helpLimits } from '@careloop/contracts';
import { AppError } from '../platform/errors.ts';
import { readUpload } from '../platform/http/body.ts';

const tooLarge = () => new AppError('payload_too_large', `Images may be at most ${helpLimits.imageBytes} bytes`, { maxBytes: helpLimits.imageBytes });

/** The body read chunk by chunk, stopping as soon as it passes `max` (a missing Content-Length cannot make us buffer more). */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * An article image from the request: a multipart form (field `file`, what the console sends) or the
 * raw bytes as the body (scripts, `curl --data-binary @photo.jpg`). Either way the declared type is
 * ignored: the service sniffs the bytes.
 */
export async function readImageBody(c: Context): Promise<Uint8Array> {
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return (await readUpload(c, helpLimits.imageBytes)).bytes;
  if (Number(c.req.header('content-length') ?? '0') > helpLimits.imageBytes) throw tooLarge();
  return readCapped(c.req.raw.body, helpLimits.imageBytes);
}

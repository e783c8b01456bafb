import { limits } from '@careloop/contracts';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Context } from 'hono';

// Any route's context will do: these helpers read only the request.
type AppContext = Context;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Deep NFC normalisation of every string: text is stored NFC (vietnam.md §4.1). */
export function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeStrings) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeStrings(v);
    return out as T;
  }
  return value;
}

async function readBytes(c: AppContext, max: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > max) throw new AppError('payload_too_large', `The body is larger than ${max} bytes`, { maxBytes: max });
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > max) throw new AppError('payload_too_large', `The body is larger than ${max} bytes`, { maxBytes: max });
  return bytes;
}

/** Read, decode (strict UTF-8), parse and validate a JSON body against a contracts schema. */
export async function readJson<S extends z.ZodType>(c: AppContext, schema: S, max: number = limits.jsonBodyBytes): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  const bytes = await readBytes(c, max);
  if (bytes.byteLength === 0) return validate(schema, {});
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError('unsupported_media_type', 'Send JSON with Content-Type: application/json');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new AppError('invalid_encoding', 'The body is not valid UTF-8');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON');
  }
  return validate(schema, normalizeStrings(data));
}

export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new AppError('validation_failed', 'Some fields are not valid', {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    });
  }
  return result.data;
}

/** Validate the query string. */
export function readQuery<S extends z.ZodType>(c: AppContext, schema: S): z.output<S> {
  return validate(schema, normalizeStrings(c.req.query()));
}

/** One uploaded file from a multipart body (field `file`), size-checked before and after parsing. */
export async function readUpload(c: AppContext, maxBytes: number): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes + 64 * 1024) throw new AppError('payload_too_large', `Files may be at most ${maxBytes} bytes`, { maxBytes });
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    throw new AppError('unsupported_media_type', 'Upload with multipart/form-data and a field named "file"');
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new AppError('bad_request', 'The upload could not be read');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new AppError('validation_failed', 'A field named "file" is required');
  if (file.size > maxBytes) throw new AppError('payload_too_large', `Files may be at most ${maxBytes} bytes`, { maxBytes });
  const filename = (file.name || 'file').normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 200);
  return { filename, contentType: file.type || 'application/octet-stream', bytes: new Uint8Array(await file.arrayBuffer()) };
}

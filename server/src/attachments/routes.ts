import { limits } from '@careloop/contracts';
import { Hono } from 'hono';
import { Readable } from 'node:stream';
import { readUpload } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { openSignedFile, uploadAttachment } from './service.ts';

export const attachmentRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const file = await readUpload(c, limits.attachmentBytes);
    return c.json(await uploadAttachment(c.var.ctx, file, { imagesOnly: false }), 201);
  });

/** Signed file downloads. Served as attachments with a strict CSP so an uploaded file can never run script. */
export const fileRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const file = await openSignedFile(c.var.deps, c.req.param('id'), c.req.query('exp'), c.req.query('sig'));
    const inline = file.row.content_type.startsWith('image/');
    const name = encodeURIComponent(file.row.filename);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        'content-type': file.row.content_type,
        'content-length': String(file.size),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=3600',
      },
    });
  });

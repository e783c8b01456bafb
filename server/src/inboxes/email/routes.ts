import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import * as email from './service.ts';

/** Public: raw MIME from a provider or forwarding script (`POST /api/email/inbound/:inboxId?token=…`). */
export const emailInboundRoutes = new Hono<AppEnv>()
  .post('/inbound/:inboxId', async (c) => {
    const max = c.var.deps.config.smtpMaxBytes;
    if (Number(c.req.header('content-length') ?? 0) > max) throw new AppError('payload_too_large', 'The mail is too large', { maxBytes: max });
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length > max) throw new AppError('payload_too_large', 'The mail is too large', { maxBytes: max });
    const result = await email.receiveRawUpload(c.var.deps, { inboxId: c.req.param('inboxId'), token: c.req.query('token') ?? '' }, raw);
    return c.json(result, result.outcome === 'stored' ? 201 : 200);
  });

/** Agents: an email message's headers and variants, and the original as received. */
export const emailRoutes = new Hono<AppEnv>()
  .get('/messages/:messageId', async (c) => c.json(await email.getEmailOfMessage(c.var.ctx, c.req.param('messageId'))))
  .get('/messages/:messageId/original', async (c) => {
    const file = await email.openRawEmail(c.var.ctx, c.req.param('messageId'));
    c.header('content-type', 'message/rfc822');
    c.header('content-disposition', `attachment; filename="${c.req.param('messageId')}.eml"`);
    c.header('content-length', String(file.size));
    return stream(c, async (out) => {
      for await (const chunk of file.stream as Readable) await out.write(chunk as Uint8Array);
    });
  });

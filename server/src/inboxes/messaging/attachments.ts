import { limits } from '@careloop/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { uploadAttachment } from '../../attachments/service.ts';
import type { InboundAttachment } from './types.ts';

/** Vendor media URLs are CDN links that expire: fetch them while processing the event. */
const downloadTimeoutMs = 15_000;

/**
 * Keep what can be kept of a customer's attachments: downloaded and stored (size-limited and
 * content-sniffed by the attachments service); what cannot be fetched or kept is described in text
 * (a location, a link, a file we do not store) so nothing the customer sent disappears.
 */
export async function keepAttachments(ctx: Ctx, attachments: InboundAttachment[], resolve: (a: InboundAttachment) => Promise<string | null>): Promise<{ ids: string[]; lines: string[] }> {
  const ids: string[] = [];
  const lines: string[] = [];
  for (const a of attachments.slice(0, limits.attachmentsPerMessage * 2)) {
    if (a.kind === 'location') {
      lines.push(`📍 ${a.title ? `${a.title} ` : ''}https://maps.google.com/?q=${a.latitude},${a.longitude}`);
      continue;
    }
    if (a.kind === 'link') {
      lines.push(`🔗 ${[a.title, a.url].filter(Boolean).join(' — ')}`);
      continue;
    }
    if (a.kind === 'contact') {
      lines.push(`👤 ${[a.name, a.phone].filter(Boolean).join(' · ')}`);
      continue;
    }
    if (a.kind === 'sticker') {
      lines.push('[sticker]');
      continue;
    }
    const url = a.url ?? (await resolve(a).catch(() => null));
    const stored = url && ids.length < limits.attachmentsPerMessage ? await download(ctx, url, a.name ?? `${a.kind}${extensionOf(a)}`) : null;
    if (stored) ids.push(stored);
    else lines.push(`📎 ${a.name ?? a.kind}${url ? ` ${url}` : ''}`);
  }
  return { ids, lines };
}

async function download(ctx: Ctx, url: string, filename: string): Promise<string | null> {
  if (!/^https?:\/\//.test(url)) return null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(downloadTimeoutMs), redirect: 'follow' });
    if (!res.ok || !res.body) return null;
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > limits.attachmentBytes) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limits.attachmentBytes) return null;
      chunks.push(chunk);
    }
    const stored = await uploadAttachment(ctx, { filename: filename.slice(0, 200), bytes: Buffer.concat(chunks) }, { imagesOnly: false });
    return stored.id;
  } catch (err) {
    if (err instanceof AppError) ctx.log.info('messaging: attachment not kept', { code: err.code });
    else ctx.log.warn('messaging: attachment download failed', { err: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

const extensionOf = (a: InboundAttachment) => (a.kind === 'image' ? '.jpg' : a.kind === 'video' ? '.mp4' : a.kind === 'audio' ? '.m4a' : '');

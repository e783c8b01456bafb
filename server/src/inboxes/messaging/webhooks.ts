import type { Deps } from '../../platform/context.ts';
import { accountForWebhook } from './accounts.ts';
import { wakeProcessor } from './processor.ts';
import * as store from './store.ts';
import type { RawWebhook } from './types.ts';
import { vendorFor } from './vendors.ts';

export interface WebhookAnswer { status: number; contentType: string; body: string }

const ok: WebhookAnswer = { status: 200, contentType: 'application/json', body: '{"ok":true}' };
const refuse = (status: number): WebhookAnswer => ({ status, contentType: 'application/json', body: JSON.stringify({ error: { code: status === 404 ? 'not_found' : status === 400 ? 'bad_request' : 'unauthorized', message: status === 404 ? 'No such channel' : status === 400 ? 'The body is not a valid event' : 'Signature check failed' } }) });
/** Headers worth keeping beside a raw event (for debugging a vendor; never secrets). */
const keptHeaders = ['user-agent', 'content-type', 'x-shopify-webhook-id', 'x-viber-content-signature', 'x-hub-signature-256', 'x-zevent-signature'];

/**
 * A vendor's webhook (channels.md §0.1): verify over the raw bytes → store every event of the body
 * (dedupe by the vendor's id) → answer. Processing happens after the answer, in the processor, so
 * the vendor hears back in milliseconds and nothing acknowledged can be lost.
 */
export async function receiveWebhook(deps: Deps, inboxId: string, req: RawWebhook, ip: string | null): Promise<WebhookAnswer> {
  const account = /^ib_[0-9A-Z]{26}$/.test(inboxId) ? await accountForWebhook(deps, inboxId) : null;
  const vendor = account ? vendorFor(account.inbox.channel) : null;
  if (!account || !vendor) return refuse(404);
  if (req.method === 'GET') {
    const reply = vendor.handshake(account, req);
    return reply ? { status: reply.status, contentType: reply.contentType ?? 'text/plain', body: reply.body } : { status: 200, contentType: 'text/plain', body: 'ok' };
  }
  const verdict = vendor.verify(account, req);
  if (!verdict.ok) {
    // A security event: logged with where it came from; which check failed is not said to the caller.
    deps.log.warn('messaging: webhook refused', { inbox: inboxId, channel: vendor.channel, ip, status: verdict.status });
    return refuse(verdict.status);
  }
  if (vendor.isReplay?.(req, new Date())) {
    deps.log.warn('messaging: stale signed webhook refused', { inbox: inboxId, channel: vendor.channel, ip });
    return refuse(401);
  }
  const ping = vendor.handshake(account, req);
  if (ping) return { status: ping.status, contentType: ping.contentType ?? 'application/json', body: ping.body };
  let events;
  try {
    events = vendor.split(req.body, account);
  } catch {
    return refuse(400);
  }
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) if (req.headers[name]) headers[name] = req.headers[name]!.slice(0, 300);
  await acceptEvents(deps, account.inbox, events, headers);
  return ok;
}

/** Store a vendor's events (from a webhook, or fetched by a poll) and wake this node's processor. Returns how many were new. */
export async function acceptEvents(deps: Deps, inbox: { id: string; workspace_id: string; channel: string }, events: { dedupeKey: string; orderingKey: string; payload: unknown }[], headers: Record<string, string> = {}): Promise<number> {
  const added = await store.insertEvents(deps.db, inbox, events, headers);
  if (added) wakeProcessor(deps);
  return added;
}

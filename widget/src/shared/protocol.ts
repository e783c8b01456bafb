/**
 * postMessage protocol between the loader (shop page) and the app (iframe).
 * Every message carries `careloop: 1` so unrelated messages on the page are ignored;
 * both sides also check event.origin and event.source before trusting anything.
 */
export type WidgetLocale = 'vi' | 'en';

/** What a shop passes to `Careloop.identify(…)`; `identifierHash` = HMAC-SHA256(inbox secret, identifier). */
export interface Identity {
  identifier?: string;
  identifierHash?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Loader → app. `init` answers the app's `ready` and carries everything queued before it;
 * its `locale` is set only by `Careloop.setLocale()` (the snippet's hint travels in the frame's hash).
 */
export type LoaderMessage =
  | {
    careloop: 1;
    type: 'init';
    open: boolean;
    identity: Identity | null;
    locale: string | null;
    /** The frame's keys the loader keeps for it when third-party storage is blocked. */
    stored: Record<string, string>;
    /** `Careloop.reset()` was called before the frame was ready. */
    reset: boolean;
  }
  | { careloop: 1; type: 'open'; open: boolean }
  | { careloop: 1; type: 'identify'; identity: Identity }
  /** The shop's customer logged out: forget the visitor on this browser. */
  | { careloop: 1; type: 'reset' }
  | { careloop: 1; type: 'locale'; locale: string };

/** App → loader. */
export type AppMessage =
  | { careloop: 1; type: 'ready' }
  | { careloop: 1; type: 'unread'; count: number }
  | { careloop: 1; type: 'close' }
  | { careloop: 1; type: 'theme'; color: string; ink: string }
  /** Only sent when the frame cannot use its own localStorage; `null` removes the key. */
  | { careloop: 1; type: 'store'; key: string; value: string | null };

export function isProtocolMessage<T extends { careloop: 1; type: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { careloop?: unknown }).careloop === 1 &&
    typeof (data as { type?: unknown }).type === 'string';
}

/** Copies only the known identity fields as trimmed strings, so nothing else crosses the frame boundary. */
export function cleanIdentity(input: unknown): Identity | null {
  if (typeof input !== 'object' || input === null) return null;
  const out: Record<string, string> = {};
  for (const key of ['identifier', 'identifierHash', 'name', 'email', 'phone']) {
    const value = (input as Record<string, unknown>)[key];
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text) out[key] = text;
  }
  return Object.keys(out).length ? out : null;
}

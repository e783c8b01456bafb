/**
 * The one HTTP path every order-backfill request takes (channels.md §0.3, §7).
 *
 * Backfills run for minutes against rate-limited shop APIs, so this wrapper owns the boring failure
 * handling: per-attempt timeouts, exponential backoff with jitter on 5xx and network errors, honouring
 * `Retry-After` on 429, and slowing down before Shopify's leaky bucket overflows. Everything that waits
 * goes through an injectable `sleep`, so tests assert the waits instead of spending them.
 *
 * Secrets: request headers carry the token; nothing here logs headers, query strings or bodies, and error
 * messages name only the status, the platform and the URL path.
 */
import type { Log } from '../../platform/log.ts';
import { parseJsonKeepingBigInts } from './json.ts';

export type ShopApiPlatform = 'shopify' | 'haravan' | 'sapo' | 'woocommerce';

/** A failed shop API call. `retryable` tells the job runner whether to reschedule or to stop and ask a human. */
export class ShopApiError extends Error {
  override readonly name = 'ShopApiError';
  constructor(
    /** HTTP status, or null when no response arrived (network error, timeout, bad configuration). */
    readonly status: number | null,
    readonly platform: ShopApiPlatform,
    readonly retryable: boolean,
    message: string,
    /** Set when the platform asked for a longer pause than we wait in-process; reschedule after it. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface ShopRequestOptions {
  platform: ShopApiPlatform;
  headers?: Record<string, string>;
  /** Caller's cancellation; aborting stops at once, without retries. */
  signal?: AbortSignal;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries after 5xx / network errors. Default 5. */
  maxRetries?: number;
  /** Retries after 429. Separate budget: being throttled is normal during a backfill. Default 10. */
  maxRateLimitRetries?: number;
  /** A Retry-After longer than this is not slept in-process: a retryable error carries it instead. Default 60 s. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, injectable for deterministic tests. */
  random?: () => number;
  fetch?: typeof fetch;
  log?: Pick<Log, 'warn'>;
}

export interface ShopResponse {
  status: number;
  headers: Headers;
  /** Parsed with `parseJsonKeepingBigInts`: unsafe integers arrive as strings. */
  body: unknown;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const DEFAULT_RETRY_AFTER_MS = 2_000;
/** Shopify's REST leaky bucket: start easing off at 80% full. */
const BUCKET_SLOWDOWN_AT = 0.8;
const CALL_LIMIT_HEADER = 'x-shopify-shop-api-call-limit';

/** GET a shop API URL and parse its JSON body, retrying what is worth retrying. */
export async function shopGet(url: string, opts: ShopRequestOptions): Promise<ShopResponse> {
  const { platform } = opts;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const doFetch = opts.fetch ?? fetch;
  const maxRetries = opts.maxRetries ?? 5;
  const maxRateLimitRetries = opts.maxRateLimitRetries ?? 10;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const path = safePath(url);
  let failures = 0;
  let throttled = 0;

  for (;;) {
    opts.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await doFetch(url, { method: 'GET', headers: { accept: 'application/json', ...opts.headers }, signal, redirect: 'manual' });
    } catch (err) {
      opts.signal?.throwIfAborted();
      const reason = timeout.aborted ? 'timeout' : 'network error';
      if (++failures > maxRetries) throw new ShopApiError(null, platform, true, `${platform} GET ${path}: ${reason} after ${maxRetries} retries`);
      const delay = backoffMs(failures, random);
      opts.log?.warn('shop api retry', { platform, path, reason, attempt: failures, delayMs: delay, err: errMessage(err) });
      await sleep(delay);
      continue;
    }

    if (res.status === 429) {
      await res.body?.cancel();
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS;
      if (++throttled > maxRateLimitRetries || wait > maxRetryAfterMs) {
        throw new ShopApiError(429, platform, true, `${platform} GET ${path}: rate limited`, wait);
      }
      opts.log?.warn('shop api rate limited', { platform, path, attempt: throttled, delayMs: wait });
      await sleep(wait);
      continue;
    }

    if (res.status >= 500) {
      await res.body?.cancel();
      if (++failures > maxRetries) {
        throw new ShopApiError(res.status, platform, true, `${platform} GET ${path}: HTTP ${res.status} after ${maxRetries} retries`);
      }
      const delay = Math.max(backoffMs(failures, random), retryAfterMs(res.headers.get('retry-after')) ?? 0);
      opts.log?.warn('shop api retry', { platform, path, status: res.status, attempt: failures, delayMs: delay });
      await sleep(delay);
      continue;
    }

    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel();
      throw new ShopApiError(res.status, platform, false, `${platform} GET ${path}: ${describeStatus(res.status)}`);
    }

    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? null : parseJsonKeepingBigInts(text);
    } catch {
      // Usually a wrong base URL answering with an HTML page: retrying will not fix it.
      throw new ShopApiError(res.status, platform, false, `${platform} GET ${path}: response is not JSON`);
    }
    const pause = bucketPauseMs(res.headers.get(CALL_LIMIT_HEADER));
    if (pause > 0) await sleep(pause);
    return { status: res.status, headers: res.headers, body };
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so parallel workers spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** `Retry-After` as delta-seconds (Shopify sends floats such as `2.0`) or an HTTP date; null if absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header == null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to pause after a response whose `X-Shopify-Shop-Api-Call-Limit` is `used/size`. The bucket
 * leaks about size/20 calls a second (40 → 2/s, Plus 400 → 20/s); once it is 80% full we wait for it to
 * leak back under the threshold, so a long backfill never meets a 429 it could have avoided.
 */
export function bucketPauseMs(header: string | null): number {
  const m = header?.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/);
  if (!m) return 0;
  const used = Number(m[1]);
  const size = Number(m[2]);
  if (size <= 0 || used < size * BUCKET_SLOWDOWN_AT) return 0;
  const over = used - Math.floor(size * BUCKET_SLOWDOWN_AT) + 1;
  return Math.ceil((over / (size / 20)) * 1000);
}

function describeStatus(status: number): string {
  if (status === 401) return 'HTTP 401, the access token was rejected (reconnect the shop)';
  if (status === 403) return 'HTTP 403, the app lacks the order-read scope';
  if (status === 404) return 'HTTP 404, check the shop base URL and API version';
  // Redirects are not followed: custom token headers would travel to wherever Location points.
  if (status >= 300 && status < 400) return `HTTP ${status} redirect, use the final address as the base URL`;
  return `HTTP ${status}`;
}

/** The URL path only: query strings may carry cursors or, on some Woo setups, credentials. */
function safePath(url: string): string {
  try { return new URL(url).pathname; } catch { return '(invalid url)'; }
}

function errMessage(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return err instanceof Error ? `${err.name}${cause}` : 'unknown';
}

import { isErrorBody, type ErrorCode } from '@careloop/contracts';

/** Every failed request becomes one of these; the UI translates `code` (see i18n `errors.*`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(value: unknown, code?: ErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

/** The CSRF token lives in memory only: it comes with every MeDto and dies with the tab. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => undefined;
/** The app registers where a 401 leads (the login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

/** Called by the realtime socket when the server refuses the session. */
export function signalUnauthorized(): void {
  onUnauthorized();
}

export const API = '/api/v1';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** `false` for public calls (login, setup): a 401 there is an answer, not an expired session. */
  session?: boolean;
  signal?: AbortSignal;
  /** A body sent as it is (a file the server streams), instead of `body` as JSON. */
  raw?: { body: BodyInit; contentType: string };
  /** The token of the agent the caller holds (its MeDto), instead of the one kept here. */
  csrfToken?: string | null;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = options.body instanceof FormData;
  if (options.raw) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  const token = options.csrfToken ?? csrfToken;
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;

  let response: Response;
  try {
    response = await fetch(withQuery(API + path, options.query), {
      method,
      credentials: 'include',
      headers,
      body: options.raw ? options.raw.body : options.body === undefined ? null : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'unavailable', error instanceof Error ? error.message : 'network error');
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data as T;

  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.details)
    : new ApiError(response.status, fallbackCode(response.status), response.statusText || 'request failed');
  if (response.status === 401 && options.session !== false) onUnauthorized();
  throw error;
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  return status >= 500 ? 'internal' : 'bad_request';
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    send<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    send<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) => send<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string) => send<T>('DELETE', path),
  publicGet: <T>(path: string, query?: Query) => send<T>('GET', path, { ...(query ? { query } : {}), session: false }),
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return send<T>('POST', path, { body: form });
  },
};

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, isApiError, setCsrfToken, setUnauthorizedHandler, signalUnauthorized, withQuery } from './api.ts';

interface Call { url: string; init: RequestInit }
let calls: Call[];
let reply: () => Promise<Response>;
const unauthorized = vi.fn();

beforeEach(() => {
  calls = [];
  reply = async () => Response.json({ ok: true });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  });
  unauthorized.mockReset();
  setUnauthorizedHandler(unauthorized);
  setCsrfToken(null);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => undefined);
  setCsrfToken(null);
});

const headers = (i = 0) => calls[i]!.init.headers as Record<string, string>;
const errorReply = (status: number, body: unknown) => async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText: 'Nope' });
const caught = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a rejection');
};

describe('withQuery', () => {
  it('encodes set values and leaves out empty ones', () => {
    expect(withQuery('/contacts', { q: 'Nguyễn & con', cursor: null, limit: 50, archived: false, x: undefined, y: '' }))
      .toBe('/contacts?q=Nguy%E1%BB%85n+%26+con&limit=50&archived=false');
    expect(withQuery('/contacts', { cursor: null })).toBe('/contacts');
    expect(withQuery('/contacts')).toBe('/contacts');
  });
});

describe('api', () => {
  it('GETs with cookies, JSON accepted, no CSRF header', async () => {
    setCsrfToken('tok');
    await expect(api.get('/conversations', { view: 'mine' })).resolves.toEqual({ ok: true });
    expect(calls[0]!.url).toBe('/api/v1/conversations?view=mine');
    expect(calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'include', body: null });
    expect(headers()).toEqual({ accept: 'application/json' });
  });

  it('sends writes as JSON with the CSRF token', async () => {
    setCsrfToken('tok');
    await api.patch('/conversations/c1', { version: 3, status: 'resolved' });
    await api.post('/conversations/c1/read');
    expect(headers(0)).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': 'tok' });
    expect(calls[0]!.init.body).toBe('{"version":3,"status":"resolved"}');
    expect(calls[1]!.init.body).toBe('{}');
  });

  it('uploads a file as multipart form data (the browser sets the boundary)', async () => {
    await api.upload('/attachments', new File(['x'], 'hoa-don.pdf', { type: 'application/pdf' }));
    expect(calls[0]!.init.body).toBeInstanceOf(FormData);
    expect(headers()).not.toHaveProperty('content-type');
    expect((calls[0]!.init.body as FormData).get('file')).toMatchObject({ name: 'hoa-don.pdf' });
  });

  it('answers null for an empty body', async () => {
    reply = async () => new Response(null, { status: 204 });
    await expect(api.delete('/contacts/c1')).resolves.toBeNull();
  });

  it('turns an error body into an ApiError with its code and details', async () => {
    reply = errorReply(409, { error: { code: 'stale_version', message: 'Reload', details: { version: 4 } } });
    const error = await caught(api.patch('/conversations/c1', { version: 3 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'stale_version', message: 'Reload', details: { version: 4 } });
    expect(isApiError(error, 'stale_version')).toBe(true);
    expect(isApiError(error, 'not_found')).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
  });

  it.each([
    [401, 'unauthenticated'], [403, 'forbidden'], [404, 'not_found'], [409, 'conflict'], [413, 'payload_too_large'],
    [429, 'rate_limited'], [502, 'unavailable'], [503, 'unavailable'], [504, 'unavailable'], [500, 'internal'], [418, 'bad_request'],
  ])('maps a bare %i to %s', async (status, code) => {
    reply = errorReply(status, '<html>proxy error</html>');
    expect(await caught(api.get('/x'))).toMatchObject({ status, code, message: 'Nope' });
  });

  it('a 401 ends the session, except on public calls', async () => {
    reply = errorReply(401, { error: { code: 'unauthenticated', message: 'Sign in' } });
    await caught(api.publicGet('/setup/status'));
    expect(unauthorized).not.toHaveBeenCalled();
    await caught(api.post('/auth/login', { email: 'a@b.vn', password: 'x' }, { session: false }));
    expect(unauthorized).not.toHaveBeenCalled();
    await caught(api.get('/me'));
    expect(unauthorized).toHaveBeenCalledTimes(1);
    signalUnauthorized();
    expect(unauthorized).toHaveBeenCalledTimes(2);
  });

  it('reports a network failure as unavailable, but lets an abort through', async () => {
    reply = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await caught(api.get('/x'))).toMatchObject({ status: 0, code: 'unavailable', message: 'Failed to fetch' });
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    reply = () => Promise.reject(abort);
    expect(await caught(api.get('/x', undefined, new AbortController().signal))).toBe(abort);
  });
});

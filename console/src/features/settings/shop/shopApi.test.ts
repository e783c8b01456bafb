import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShopConnectionDto } from '@careloop/contracts';
import { ApiError, setUnauthorizedHandler } from '../../../lib/api.ts';
import { anyBackfillRunning, importQuery, putJson, uploadOrdersCsv, type ImportOptions } from './shopApi.ts';

interface Call { url: string; init: RequestInit }
let calls: Call[];
let reply: () => Promise<Response>;
const unauthorized = vi.fn();

beforeEach(() => {
  calls = [];
  reply = async () => Response.json({ id: 'imp_1' }, { status: 201 });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  });
  unauthorized.mockReset();
  setUnauthorizedHandler(unauthorized);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => undefined);
});

const options: ImportOptions = { preset: 'auto', dryRun: true, timezone: 'Asia/Ho_Chi_Minh', fileName: 'đơn hàng.csv', mapping: null };

describe('importQuery', () => {
  it('leaves the preset out for auto and sends the mapping only for generic', () => {
    expect(importQuery(options)).toEqual({ preset: undefined, dryRun: 'true', timezone: 'Asia/Ho_Chi_Minh', fileName: 'đơn hàng.csv', mapping: undefined });
    expect(importQuery({ ...options, preset: 'shopify', mapping: { orderRef: 'Name' } }).mapping).toBeUndefined();
    expect(importQuery({ ...options, preset: 'generic', dryRun: false, mapping: { orderRef: 'Mã đơn' } }))
      .toMatchObject({ preset: 'generic', dryRun: 'false', mapping: '{"orderRef":"Mã đơn"}' });
  });
});

describe('uploadOrdersCsv', () => {
  it('posts the file itself as a CSV body with the CSRF header', async () => {
    const file = new File(['Name,Total\n#1,100\n'], 'đơn hàng.csv', { type: 'text/csv' });
    await expect(uploadOrdersCsv(file, { ...options, preset: 'woo_ies' }, 'csrf-1')).resolves.toEqual({ id: 'imp_1' });
    const { url, init } = calls[0]!;
    expect(url).toBe('/api/v1/commerce/imports?preset=woo_ies&dryRun=true&timezone=Asia%2FHo_Chi_Minh&fileName=%C4%91%C6%A1n+h%C3%A0ng.csv');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.credentials).toBe('include');
    expect(init.headers).toMatchObject({ 'content-type': 'text/csv', 'x-csrf-token': 'csrf-1' });
  });

  it('turns failures into ApiErrors and reports an expired session', async () => {
    reply = async () => Response.json({ error: { code: 'validation_failed', message: 'The generic preset needs a column mapping' } }, { status: 422 });
    const error = await uploadOrdersCsv(new File(['x'], 'a.csv'), options, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation_failed');
    reply = async () => new Response('gateway', { status: 413 });
    expect(((await uploadOrdersCsv(new File(['x'], 'a.csv'), options, null).catch((e: unknown) => e)) as ApiError).code).toBe('payload_too_large');
    reply = async () => new Response('', { status: 401 });
    await uploadOrdersCsv(new File(['x'], 'a.csv'), options, null).catch(() => undefined);
    expect(unauthorized).toHaveBeenCalledOnce();
  });
});

describe('putJson', () => {
  it('sends JSON with PUT', async () => {
    reply = async () => Response.json({ enabled: true });
    await putJson('/loyalty/settings', { enabled: true }, 'csrf-2');
    expect(calls[0]!.url).toBe('/api/v1/loyalty/settings');
    expect(calls[0]!.init).toMatchObject({ method: 'PUT', body: '{"enabled":true}', headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-2' } });
  });
});

describe('anyBackfillRunning', () => {
  it('polls only while a history import runs', () => {
    const conn = (status: ShopConnectionDto['backfill']['status']) => ({ backfill: { status } }) as ShopConnectionDto;
    expect(anyBackfillRunning(undefined)).toBe(false);
    expect(anyBackfillRunning([conn('done'), conn('idle')])).toBe(false);
    expect(anyBackfillRunning([conn('done'), conn('running')])).toBe(true);
  });
});

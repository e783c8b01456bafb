import { csvPresets, isErrorBody, type OrderImportDto, type ShopConnectionDto } from '@careloop/contracts';
import { API, ApiError, signalUnauthorized, withQuery, type Query } from '../../../lib/api.ts';
import { commerceKeys } from '../../commerce/keys.ts';
import type { Mapping } from './csvHeader.ts';

/**
 * Query keys of the shop settings pages, under the commerce feature's `['commerce', …]` prefix. Compensation
 * settings and budget use `commerceKeys` (and its hooks) directly, so a save here updates the sidebar too.
 */
export const shopKeys = {
  connections: ['commerce', 'connections'] as const,
  imports: commerceKeys.imports,
  loyalty: ['commerce', 'loyaltySettings'] as const,
};

/** While any history import runs, the list is polled every 2 s for its count. */
export const backfillPollMs = 2000;
export const anyBackfillRunning = (list: readonly ShopConnectionDto[] | undefined) => !!list?.some((c) => c.backfill.status === 'running');

/** `auto` sends no preset: the server recognises Shopify and WooCommerce exports by their header. */
export const presetChoices = ['auto', ...csvPresets] as const;
export type PresetChoice = (typeof presetChoices)[number];

export interface ImportOptions {
  preset: PresetChoice;
  dryRun: boolean;
  timezone: string;
  fileName: string;
  /** Only sent for the generic preset. */
  mapping: Mapping | null;
}

export function importQuery(options: ImportOptions): Query {
  const mapping = options.preset === 'generic' && options.mapping ? JSON.stringify(options.mapping) : undefined;
  return {
    preset: options.preset === 'auto' ? undefined : options.preset,
    dryRun: options.dryRun ? 'true' : 'false',
    timezone: options.timezone || undefined,
    fileName: options.fileName.slice(0, 255) || undefined,
    mapping,
  };
}

/**
 * A request `lib/api.ts` cannot make (a raw file body, PUT), with the same CSRF header, credentials
 * and error shape. The CSRF token comes from the signed-in agent's MeDto.
 */
async function request<T>(method: 'POST' | 'PUT', path: string, body: BodyInit, contentType: string, csrfToken: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API + path, { method, credentials: 'include', headers, body });
  } catch (error) {
    throw new ApiError(0, 'unavailable', error instanceof Error ? error.message : 'network error');
  }
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data as T;
  if (response.status === 401) signalUnauthorized();
  if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, data.error.details);
  const code = response.status === 404 ? 'not_found' : response.status === 413 ? 'payload_too_large' : response.status >= 500 ? 'internal' : 'bad_request';
  throw new ApiError(response.status, code, response.statusText || 'request failed');
}

export const putJson = <T>(path: string, body: unknown, csrfToken: string | null) =>
  request<T>('PUT', path, JSON.stringify(body), 'application/json', csrfToken);

/**
 * POST the file itself as the body: the server streams it, so a 500,000-line export never sits in
 * memory. It answers when the import has finished; `order_import.progress` events report on the way.
 */
export const uploadOrdersCsv = (file: File, options: ImportOptions, csrfToken: string | null) =>
  request<OrderImportDto>('POST', withQuery('/commerce/imports', importQuery(options)), file, 'text/csv', csrfToken);

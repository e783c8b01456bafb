import { csvPresets, isErrorBody, type OrderImportDto, type ShopConnectionDto } from '@careloop/contracts';
import { API, ApiError, signalUnauthorized, withQuery, type Query } from '../../../lib/api.ts';
import type { Mapping } from './csvHeader.ts';

/** Query keys of the shop settings pages. */
export const shopKeys = {
  connections: ['commerce', 'connections'] as const,
  imports: ['commerce', 'imports'] as const,
  importOne: (id: string) => ['commerce', 'imports', id] as const,
  compensation: ['compensation', 'settings'] as const,
  budget: ['compensation', 'budget'] as const,
  loyalty: ['loyalty', 'settings'] as const,
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
 * POST the file itself as the body (the server streams it, so a 500,000-line export is fine). `lib/api.ts`
 * would JSON-encode a body, so this is its own fetch with the same CSRF header and error shape.
 * It answers when the import has finished; `order_import.progress` events report on the way.
 */
export async function uploadOrdersCsv(file: File, options: ImportOptions, csrfToken: string | null): Promise<OrderImportDto> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'text/csv' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(`${API}/commerce/imports`, importQuery(options)), { method: 'POST', credentials: 'include', headers, body: file });
  } catch (error) {
    throw new ApiError(0, 'unavailable', error instanceof Error ? error.message : 'network error');
  }
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data as OrderImportDto;
  if (response.status === 401) signalUnauthorized();
  if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, data.error.details);
  throw new ApiError(response.status, response.status === 413 ? 'payload_too_large' : response.status >= 500 ? 'internal' : 'bad_request', response.statusText);
}

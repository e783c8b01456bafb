import { csvPresets, type OrderImportDto, type ShopConnectionDto } from '@careloop/contracts';
import { api, withQuery, type Query } from '../../../lib/api.ts';
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

export const putJson = <T>(path: string, body: unknown, csrfToken: string | null) => api.put<T>(path, body, { csrfToken });

/**
 * POST the file itself as the body: the server streams it, so a 500,000-line export never sits in
 * memory. It answers when the import has finished; `order_import.progress` events report on the way.
 */
export const uploadOrdersCsv = (file: File, options: ImportOptions, csrfToken: string | null) =>
  api.post<OrderImportDto>(withQuery('/commerce/imports', importQuery(options)), undefined, { raw: { body: file, contentType: 'text/csv' }, csrfToken });

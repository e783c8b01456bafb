/**
 * Streaming CSV order import (shared/specs/channels.md §8): bytes in, normalized orders, rejections
 * and progress out. Pure: no database; the caller upserts each order by (source, externalId), which
 * makes re-importing the same file idempotent.
 *
 * Rows are grouped into orders by CONSECUTIVE equal order refs (Shopify writes one row per line item),
 * so memory holds one order at a time plus the set of refs already seen. A bad row or order is
 * reported and skipped; only a file-level problem (not UTF-8, missing columns…) throws `CsvError`,
 * after which the order being read at that moment is dropped.
 */
import type { NormalizedOrder } from '../order.ts';
import { buildOrder, firstText, type BuildContext } from './build.ts';
import { assertTimeZone } from './dates.ts';
import { CsvError, readCsvBatches, type CsvReadOptions, type CsvRow } from './parse.ts';
import { detectPreset, planColumns, type ColumnPlan, type CsvPreset, type GenericMapping } from './presets.ts';

export type CsvItem =
  | { type: 'order'; order: NormalizedOrder; lines: [number, number]; warnings: string[] }
  | { type: 'rejected'; lines: [number, number]; orderRef: string | null; reason: string; code: string }
  | { type: 'progress'; rows: number; bytes: number };

export interface CsvImportOptions {
  /** `auto` (or omitted) detects Shopify / Woo from the header row; `unknown_format` otherwise. */
  preset?: CsvPreset | 'auto' | undefined;
  /** Required for `generic`: `{ field → header }`. */
  mapping?: GenericMapping;
  /** IANA zone for dates without an offset (Woo `order_date`). Default `Asia/Ho_Chi_Minh`. */
  timezone?: string;
  /** Currency when the file has no currency column. Default `VND`. */
  currency?: string;
  /** Emit a progress item every N data rows (default 5,000) and once at the end. */
  progressEvery?: number;
  /** Parser overrides (delimiter, row and column caps). */
  csv?: Omit<CsvReadOptions, 'stats'>;
}

export async function* readOrdersFromCsv(input: AsyncIterable<Buffer | Uint8Array | string>, opts: CsvImportOptions): AsyncGenerator<CsvItem> {
  const ctx: BuildContext = { timeZone: opts.timezone ?? 'Asia/Ho_Chi_Minh', currency: (opts.currency ?? 'VND').toUpperCase() };
  try {
    assertTimeZone(ctx.timeZone);
  } catch {
    throw new CsvError('bad_option', `Unknown time zone "${ctx.timeZone}"`);
  }
  if (!/^[A-Z]{3}$/.test(ctx.currency)) throw new CsvError('bad_option', `Not a currency code: "${opts.currency}"`);
  const every = Math.max(1, opts.progressEvery ?? 5000);
  const stats = { bytes: 0, rows: 0 };
  const seen = new Set<string>();
  const out: CsvItem[] = [];
  let plan: ColumnPlan | null = null;
  let group: CsvRow[] = [];
  let groupRef = '';
  let rows = 0;
  let nextProgress = every;
  /** Rejections of ref-less rows met inside an open order, reported after it so output follows the file. */
  const deferred: CsvItem[] = [];

  const flush = (): void => {
    const first = group[0]!.line;
    const last = group[group.length - 1]!.line;
    if (seen.has(groupRef)) {
      out.push({ type: 'rejected', lines: [first, last], orderRef: groupRef, code: 'duplicate_order_ref',
        reason: `duplicate_order_ref: order ${groupRef} appeared earlier in the file; keep each order's rows together (sort by order)` });
    } else {
      seen.add(groupRef);
      const built = buildOrder(groupRef, group, plan!, ctx);
      if ('order' in built) out.push({ type: 'order', order: built.order, lines: [first, last], warnings: built.warnings });
      else out.push({ type: 'rejected', lines: [first, last], orderRef: groupRef, code: built.code, reason: built.reason });
    }
    group = [];
    out.push(...deferred);
    deferred.length = 0;
  };

  let header = true;
  // The plan is made from the header row inside the parser, which then copies out only the cells it reads.
  const columnsFor = (cells: string[]) => columnsRead(plan = resolvePlan(opts, cells));
  for await (const batch of readCsvBatches(input, { ...opts.csv, stats, columnsFor })) {
    for (const row of batch) {
      if (header) {
        header = false;
        continue;
      }
      rows++;
      const ref = firstText([row], plan!.ref);
      if (ref === null) {
        (group.length > 0 ? deferred : out).push({
          type: 'rejected', lines: [row.line, row.line], orderRef: null, code: 'missing_order_ref', reason: 'missing_order_ref: the row has no order number',
        });
      } else {
        if (group.length > 0 && ref !== groupRef) flush();
        if (group.length === 0) groupRef = ref;
        group.push(row);
      }
      if (rows >= nextProgress) {
        out.push({ type: 'progress', rows, bytes: stats.bytes });
        nextProgress += every;
      }
    }
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  if (header) throw new CsvError('empty_file', 'The file is empty');
  if (group.length > 0) flush();
  yield* out;
  yield { type: 'progress', rows, bytes: stats.bytes };
}

/** Every column index the plan reads. */
function columnsRead(plan: ColumnPlan): number[] {
  const columns: number[] = [];
  for (const [key, value] of Object.entries(plan)) {
    if (key !== 'headers' && Array.isArray(value)) columns.push(...(value as number[]));
  }
  return columns;
}

function resolvePlan(opts: CsvImportOptions, headers: string[]): ColumnPlan {
  if (opts.preset !== undefined && opts.preset !== 'auto') return planColumns(opts.preset, headers, opts.mapping);
  const detected = detectPreset(headers);
  if (detected === null) throw new CsvError('unknown_format', 'Not a Shopify or WooCommerce export we recognise; map the columns by hand', 1);
  return planColumns(detected, headers);
}

import { csvMappingFields, type OrderImportDto } from '@careloop/contracts';
import { publish, type Ctx } from '../platform/context.ts';
import type { ImportRejectionJson } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { isStatsCheckpoint, refreshPlannerStats } from '../platform/db/stats.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole } from '../agents/policy.ts';
import { CsvError } from './csv/parse.ts';
import { readOrdersFromCsv } from './csv/import.ts';
import type { NormalizedOrder } from './order.ts';
import { presentImport } from './present.ts';
import { prepareOrders, resolvePreparedContacts, writePreparedOrders } from './service.ts';
import * as store from './store.ts';

const batchSize = 1000;
const maxWrites = 3;
const keptRejections = 200;
const keptWarnings = 50;
const progressEveryMs = 500;

export interface ImportOptions {
  preset?: 'shopify' | 'woo_ies' | 'woo_analytics' | 'generic' | undefined;
  dryRun: boolean;
  timezone?: string | undefined;
  currency?: string | undefined;
  mapping?: string | undefined;
  fileName?: string | undefined;
  totalBytes?: number | null;
  onProgress?: (progress: OrderImportDto) => void;
}

/**
 * Stream a CSV export into orders: rows are read, grouped and normalized one at a time and written
 * 1,000 orders per transaction, so memory stays flat whatever the file size. A dry run reads and
 * checks everything and writes nothing but the import record. Re-importing the same file changes
 * nothing (the key is source + order reference, newest state wins).
 */
export async function importOrdersCsv(ctx: Ctx, input: AsyncIterable<Uint8Array | Buffer | string>, opts: ImportOptions): Promise<OrderImportDto> {
  requireRole(ctx.actor, 'admin');
  const mapping = parseMapping(opts.mapping);
  if (opts.preset === 'generic' && !mapping) {
    throw new AppError('validation_failed', 'The generic preset needs a column mapping', { field: 'mapping' });
  }
  let row = await store.insertImport(ctx.db, ctx.workspaceId, {
    id: newId('orderImport'), preset: opts.preset ?? 'auto', file_name: opts.fileName ?? null, dry_run: opts.dryRun,
    total_bytes: opts.totalBytes ?? null, created_by: ctx.actor.type === 'agent' ? ctx.actor.id : null,
  });
  const state = { rows: 0, bytes: 0, accepted: 0, rejected: 0, rejections: [] as ImportRejectionJson[], warnings: [] as string[] };
  let batch: NormalizedOrder[] = [];
  let lastProgress = Date.now();
  // Reading the file, resolving contacts and writing orders overlap: contacts are resolved one batch at
  // a time (so a customer new to two batches still gets one contact), while up to three earlier batches'
  // orders are written on their own connections.
  let contactsLane: Promise<unknown> = Promise.resolve();
  const writes: Promise<unknown>[] = [];
  let batches = 0;
  const flush = async () => {
    if (opts.dryRun || batch.length === 0) {
      batch = [];
      return;
    }
    const prepared = prepareOrders('csv', null, batch);
    batch = [];
    while (writes.length >= maxWrites) await writes.shift();
    const refresh = isStatsCheckpoint(++batches);
    const contacts = contactsLane.then(async () => {
      if (refresh) await refreshPlannerStats(ctx.db, ['contacts']); // its lookups by phone and email are the plans that go wrong
      return resolvePreparedContacts(ctx, prepared);
    });
    contactsLane = contacts;
    const write = contacts.then((ids) => writePreparedOrders(ctx, prepared, ids));
    write.catch(() => undefined); // awaited below, where its error stops the import
    writes.push(write);
  };
  const drain = async () => {
    const results = await Promise.allSettled(writes.splice(0));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
  const progress = async (force = false) => {
    if (!force && Date.now() - lastProgress < progressEveryMs) return;
    lastProgress = Date.now();
    const updated = await store.updateImport(ctx.db, ctx.workspaceId, row.id, columnsOf(state));
    if (updated) row = updated;
    const dto = presentImport(row);
    opts.onProgress?.(dto);
    await publish(ctx.deps, { workspaceId: ctx.workspaceId, event: { type: 'order_import.progress', orderImport: dto } });
  };
  try {
    for await (const item of readOrdersFromCsv(input, {
      preset: opts.preset, ...(mapping ? { mapping } : {}), timezone: opts.timezone ?? 'Asia/Ho_Chi_Minh', currency: opts.currency ?? 'VND',
    })) {
      if (item.type === 'progress') {
        state.rows = item.rows;
        state.bytes = item.bytes;
        await progress();
      } else if (item.type === 'rejected') {
        state.rejected++;
        if (state.rejections.length < keptRejections) state.rejections.push({ lines: item.lines, orderRef: item.orderRef, code: item.code, reason: item.reason });
      } else {
        state.accepted++;
        for (const w of item.warnings) if (state.warnings.length < keptWarnings) state.warnings.push(`${item.lines[0]}: ${w}`);
        batch.push(item.order);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    await drain();
    row = (await store.updateImport(ctx.db, ctx.workspaceId, row.id, { ...columnsOf(state), status: 'done', finished_at: new Date() })) ?? row;
  } catch (err) {
    await drain().catch(() => undefined);
    const message = err instanceof CsvError || err instanceof AppError ? err.message : 'The import stopped on an unexpected error';
    if (!(err instanceof CsvError || err instanceof AppError)) ctx.log.error('order import failed', { err });
    row = (await store.updateImport(ctx.db, ctx.workspaceId, row.id, { ...columnsOf(state), status: 'failed', error: message, finished_at: new Date() })) ?? row;
  }
  if (!opts.dryRun) await recordAudit(ctx, 'orders.imported', { type: 'order_import', id: row.id }, { accepted: state.accepted, rejected: state.rejected, preset: row.preset });
  await progress(true);
  return presentImport(row);
}

function columnsOf(state: { rows: number; bytes: number; accepted: number; rejected: number; rejections: ImportRejectionJson[]; warnings: string[] }) {
  return {
    rows: state.rows, bytes: state.bytes, accepted: state.accepted, rejected: state.rejected,
    rejections: JSON.stringify(state.rejections), warnings: JSON.stringify(state.warnings),
  };
}

function parseMapping(text: string | undefined): Partial<Record<(typeof csvMappingFields)[number], string>> | null {
  if (!text) return null;
  let value: unknown;
  try { value = JSON.parse(text); } catch { throw new AppError('validation_failed', 'The column mapping is not valid JSON', { field: 'mapping' }); }
  if (typeof value !== 'object' || value === null) throw new AppError('validation_failed', 'The column mapping must be an object', { field: 'mapping' });
  const out: Partial<Record<(typeof csvMappingFields)[number], string>> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(csvMappingFields as readonly string[]).includes(k) || typeof v !== 'string') throw new AppError('validation_failed', `Unknown mapping field ${k}`, { field: 'mapping' });
    out[k as (typeof csvMappingFields)[number]] = v;
  }
  return out;
}

export async function listImports(ctx: Ctx): Promise<OrderImportDto[]> {
  requireRole(ctx.actor, 'admin');
  return (await store.listImports(ctx.db, ctx.workspaceId)).map(presentImport);
}

export async function getImport(ctx: Ctx, id: string): Promise<OrderImportDto> {
  requireRole(ctx.actor, 'admin');
  const row = await store.getImport(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Import');
  return presentImport(row);
}

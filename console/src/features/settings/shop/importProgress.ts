import type { OrderImportDto } from '@careloop/contracts';

/** The upload this page started: its import is the new one (not listed before) with the same file name. */
export interface ImportRun {
  fileName: string;
  knownIds: ReadonlySet<string>;
}

export function belongsTo(run: ImportRun, dto: OrderImportDto): boolean {
  return !run.knownIds.has(dto.id) && dto.fileName === run.fileName.slice(0, 255);
}

/** Of two snapshots of one import (event, poll), the later: a finished one, else the one further into the file. */
export function later(a: OrderImportDto | null | undefined, b: OrderImportDto | null | undefined): OrderImportDto | null {
  if (!a || !b) return a ?? b ?? null;
  if ((a.status === 'running') !== (b.status === 'running')) return a.status === 'running' ? b : a;
  return b.bytes >= a.bytes ? b : a;
}

/** Bytes read out of the file's size, 0–100; null when the size is unknown. */
export function progressPercent(dto: Pick<OrderImportDto, 'bytes' | 'totalBytes' | 'status'>): number | null {
  if (dto.status !== 'running') return 100;
  if (!dto.totalBytes) return null;
  return Math.min(100, Math.round((dto.bytes / dto.totalBytes) * 100));
}

/** The first run is a dry run unless the workspace has imported for real before. */
export function defaultDryRun(history: readonly OrderImportDto[] | undefined): boolean {
  return !history?.some((i) => !i.dryRun && i.status === 'done');
}

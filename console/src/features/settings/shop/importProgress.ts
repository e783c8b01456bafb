import type { OrderImportDto } from '@careloop/contracts';

/** The upload this page started: its import is the new one (not listed before) with the same file name and mode. */
export interface ImportRun {
  fileName: string;
  dryRun: boolean;
  knownIds: ReadonlySet<string>;
}

/**
 * Whether `dto` is this run's import. Once the import's id is known (`id`) only that import matches, so a
 * later event or poll cannot switch to another import of the same file (an older run, another tab's).
 */
export function belongsTo(run: ImportRun, dto: OrderImportDto, id?: string | null): boolean {
  if (id) return dto.id === id;
  return !run.knownIds.has(dto.id) && dto.fileName === run.fileName.slice(0, 255) && dto.dryRun === run.dryRun;
}

export { laterImport as later } from '../../commerce/cache.ts';


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

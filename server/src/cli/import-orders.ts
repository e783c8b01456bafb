import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { csvPresets, type OrderImportDto } from '@careloop/contracts';
import { loadConfig } from '../config.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { importOrdersCsv } from '../commerce/imports.ts';
import type { Flags } from './args.ts';
import { UsageError, type Io } from './io.ts';
import { withCareloop } from './open.ts';
import { findWorkspacesByIdOrName } from './store.ts';

const str = (flags: Flags, name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);

/** `[#####.....]  42%  120,000 rows  3.1 MB/7.4 MB` */
export function progressLine(p: Pick<OrderImportDto, 'rows' | 'bytes' | 'totalBytes' | 'accepted' | 'rejected'>, width = 30): string {
  const fraction = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const filled = Math.round(fraction * width);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ` +
    `${p.rows.toLocaleString('en-US')} rows  ${p.accepted.toLocaleString('en-US')} orders  ${p.rejected.toLocaleString('en-US')} rejected  ` +
    `${mb(p.bytes)}/${p.totalBytes ? mb(p.totalBytes) : '?'}`;
}

/**
 * V8 lets the heap grow far past what a streaming import holds before it collects (a 500,000-line
 * file would peak near 330 MB). The import itself needs little, so it runs in a child Node with a
 * bounded heap: memory stays flat whatever the file size.
 */
const importHeapMb = 200;
const boundedFlag = 'CARELOOP_IMPORT_BOUNDED';

async function runBounded(io: Io): Promise<number | null> {
  if (io.env[boundedFlag] === '1' || getHeapStatistics().heap_size_limit <= (importHeapMb + 64) * 1024 * 1024 || !process.argv[1]) return null;
  const child = spawn(process.execPath, [`--max-old-space-size=${importHeapMb}`, ...process.argv.slice(1)], {
    env: { ...process.env, ...io.env, [boundedFlag]: '1' }, stdio: 'inherit', cwd: io.cwd,
  });
  return new Promise((resolveCode) => child.once('exit', (code) => resolveCode(code ?? 1)));
}

export async function importOrdersCommand({ flags, args }: { flags: Flags; args: string[] }, io: Io): Promise<number> {
  if (io.env === process.env) {
    const code = await runBounded(io);
    if (code !== null) return code;
  }
  const file = resolve(io.cwd, args[0]!);
  const size = await stat(file).then((s) => s.size, () => { throw new AppError('not_found', `No such file: ${file}`); });
  const preset = str(flags, 'preset');
  if (preset && !(csvPresets as readonly string[]).includes(preset)) throw new UsageError(`--preset must be one of ${csvPresets.join(', ')}`);
  const config = loadConfig(io.env);
  const result = await withCareloop(config, { mustExist: true }, async (careloop) => {
    const matches = await findWorkspacesByIdOrName(careloop.deps.db, str(flags, 'workspace')!);
    if (matches.length !== 1) throw new UsageError(matches.length ? `Several workspaces match; give the id with --workspace` : `No workspace "${str(flags, 'workspace')}"`);
    const ctx: Ctx = { deps: careloop.deps, db: careloop.deps.db, workspaceId: matches[0]!.id, actor: { type: 'cli' }, log: careloop.deps.log, ip: null };
    return importOrdersCsv(ctx, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      preset: preset as (typeof csvPresets)[number] | undefined, dryRun: flags['dry-run'] === true, timezone: str(flags, 'timezone'),
      currency: str(flags, 'currency'), mapping: str(flags, 'mapping'), fileName: file.split('/').pop(), totalBytes: size,
      onProgress: (p) => io.progress?.(progressLine(p)),
    });
  });
  io.progress?.(null);
  io.out(`${result.dryRun ? 'Dry run: ' : ''}${result.accepted} orders accepted, ${result.rejected} rows rejected (${result.rows} rows read).`);
  for (const r of result.rejections.slice(0, 20)) io.out(`  line ${r.lines[0]}${r.lines[1] !== r.lines[0] ? `–${r.lines[1]}` : ''}: ${r.code} ${r.reason}${r.orderRef ? ` (${r.orderRef})` : ''}`);
  if (result.rejected > 20) io.out(`  … and ${result.rejected - 20} more`);
  for (const w of result.warnings.slice(0, 10)) io.err(`warning: line ${w}`);
  if (result.status === 'failed') {
    io.err(`The import stopped: ${result.error}`);
    return 1;
  }
  return 0;
}

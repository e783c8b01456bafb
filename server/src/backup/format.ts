import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { AppError } from '../platform/errors.ts';

/**
 * The backup file: gzip'd JSON lines. A header first, then rows table by table in foreign-key
 * order, then attachment files in base64 chunks, then an end line with the counts — a file cut
 * short (disk full, interrupted copy) has no end line and is refused rather than half restored.
 * Plain JSON carries no driver types, so the same file restores into PGlite or PostgreSQL.
 */
export const backupFormat = 'careloop-backup';
export const backupVersion = 1;

export interface BackupHeader {
  format: typeof backupFormat;
  version: typeof backupVersion;
  /** Migrations applied to the source; a target that knows fewer is an older CareLoop. */
  migrations: string[];
  createdAt: string;
  tables: string[];
  /**
   * The key that opens the sealed secrets in the rows (channel tokens, mail passwords), when the
   * source kept it in its data directory rather than in CARELOOP_SECRETS_KEY: without it a restore
   * on another machine could not use them. (A backup is as sensitive as the database it holds.)
   */
  secretsKey?: string;
}
export interface RowLine { type: 'row'; table: string; row: Record<string, unknown> }
/** `seq` 0 starts the file; later chunks append. Storage keys always use `/`. */
export interface FileLine { type: 'file'; key: string; seq: number; data: string }
export interface EndLine { type: 'end'; rows: Record<string, number>; files: number }
export type BodyLine = RowLine | FileLine | EndLine;

/** Raw bytes per file chunk: about 1 MiB of base64 per line keeps memory flat for large files. */
export const fileChunkBytes = 768 * 1024;

const notABackup = (why: string) => new AppError('bad_request', `This is not a CareLoop backup file (${why})`);

export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw notABackup('it is empty');
  let header: Partial<BackupHeader>;
  try { header = JSON.parse(line) as Partial<BackupHeader>; } catch { throw notABackup('the first line is not JSON'); }
  if (header.format !== backupFormat) throw notABackup('no careloop-backup header');
  if (header.version !== backupVersion) throw new AppError('bad_request', `This backup has format version ${String(header.version)}; this CareLoop reads version ${backupVersion}`);
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) throw notABackup('the header is incomplete');
  return header as BackupHeader;
}

export function parseBodyLine(line: string, at: number): BodyLine {
  try {
    const value = JSON.parse(line) as BodyLine;
    if (value.type === 'row' || value.type === 'file' || value.type === 'end') return value;
  } catch { /* reported below */ }
  throw new AppError('bad_request', `The backup file is damaged at line ${at}`);
}

/** The gunzipped lines of a file, one at a time (a backup may be far larger than memory). */
export async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let nl = rest.indexOf('\n');
      while (nl !== -1) {
        yield rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') throw notABackup('it is not gzip data or it is cut short');
    throw err;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/** Every file under `root`, as storage keys with `/` separators; a missing root has none. */
export async function listFileKeys(root: string, prefix: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, ...prefix), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && prefix.length === 0) return [];
    throw err;
  }
  const keys: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) keys.push(...(await listFileKeys(root, [...prefix, entry.name])));
    else if (entry.isFile()) keys.push([...prefix, entry.name].join('/'));
  }
  return keys;
}

/** The file lines for one stored file. */
export async function* fileLines(root: string, key: string): AsyncGenerator<FileLine> {
  let seq = 0;
  for await (const chunk of createReadStream(join(root, ...key.split('/')), { highWaterMark: fileChunkBytes })) {
    yield { type: 'file', key, seq: seq++, data: (chunk as Buffer).toString('base64') };
  }
  if (seq === 0) yield { type: 'file', key, seq: 0, data: '' };
}

/** Write one chunk back; a key that would leave the files folder (a crafted backup) is refused. */
export async function writeFileChunk(root: string, line: FileLine): Promise<void> {
  const base = resolve(root);
  const path = resolve(base, ...line.key.split('/'));
  if (!path.startsWith(base + sep)) throw new AppError('bad_request', `The backup names a file outside the files folder: ${line.key}`);
  const bytes = Buffer.from(line.data, 'base64');
  if (line.seq === 0) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } else {
    await appendFile(path, bytes);
  }
}

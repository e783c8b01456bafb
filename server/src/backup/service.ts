import { createWriteStream } from 'node:fs';
import { access, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { migrations } from '../db/migrations/index.ts';
import { migrate, type Database } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import {
  backupFormat, backupVersion, fileLines, listFileKeys, parseBodyLine, parseHeader, readLines, writeFileChunk,
  type BackupHeader, type BodyLine, type EndLine,
} from './format.ts';
import * as store from './store.ts';

/** Rows per page when reading and per INSERT when restoring: bounded memory, few round trips. */
const batchSize = 1000;

export interface BackupSummary { file: string; createdAt: string; rows: Record<string, number>; files: number; bytes: number }
export interface RestoreSummary { createdAt: string; rows: Record<string, number>; files: number; replacedWorkspaces: number; secretsKey: string | null }

const line = (value: BackupHeader | BodyLine) => JSON.stringify(value) + '\n';

/** A table a later migration adds must be placed in `backupTables` (or skipped on purpose), never silently lost. */
async function assertEveryTableCovered(db: Database) {
  const covered = new Set<string>([...store.backupTables.map((t) => t.name), ...store.skippedTables]);
  const missing = (await store.listTableNames(db)).filter((name) => !covered.has(name));
  if (missing.length) throw new AppError('internal', `The backup does not know the table(s) ${missing.join(', ')}; add them to server/src/backup/store.ts`);
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Dump the whole database and the attachment files into one gzip'd JSON-lines file. All tables
 * are read in one repeatable-read transaction, so the dump is a consistent snapshot even while a
 * server keeps writing to PostgreSQL. The file appears under its name only once complete.
 */
export async function writeBackup(db: Database, opts: { out: string; filesDir: string; secretsKey?: string | null }): Promise<BackupSummary> {
  if (await exists(opts.out)) throw new AppError('already_exists', `${opts.out} already exists; choose another --out`);
  await assertEveryTableCovered(db);
  const partial = `${opts.out}.partial`;
  const createdAt = new Date().toISOString();
  const rows: Record<string, number> = {};
  let files = 0;
  await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    const header: BackupHeader = {
      format: backupFormat, version: backupVersion, migrations: await store.listAppliedMigrations(trx), createdAt,
      tables: store.backupTables.map((t) => t.name),
      ...(opts.secretsKey ? { secretsKey: opts.secretsKey } : {}),
    };
    async function* lines(): AsyncGenerator<string> {
      yield line(header);
      for (const table of store.backupTables) {
        let count = 0;
        for (let after: unknown[] | null = null; ;) {
          const page = await store.readPage(trx, table, after, batchSize);
          for (const row of page) yield line({ type: 'row', table: table.name, row });
          count += page.length;
          rows[table.name] = count;
          const last = page.at(-1);
          if (!last || page.length < batchSize) break;
          after = table.key.map((k) => last[k]);
        }
      }
      for (const key of await listFileKeys(opts.filesDir)) {
        for await (const chunk of fileLines(opts.filesDir, key)) yield line(chunk);
        files++;
      }
      yield line({ type: 'end', rows, files });
    }
    try {
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  });
  await rename(partial, opts.out);
  return { file: opts.out, createdAt, rows, files, bytes: (await stat(opts.out)).size };
}

/** Collects rows of one table and inserts them a batch at a time. jsonb values go in as JSON text. */
function batchInserter(db: Database, jsonColumns: Map<string, Set<string>>, counts: Record<string, number>) {
  let table: string | null = null;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (table && batch.length) await store.insertRows(db, table, batch);
    batch = [];
  };
  return {
    flush,
    async add(name: string, row: Record<string, unknown>) {
      if (name !== table) {
        await flush();
        table = name;
      }
      const json = jsonColumns.get(name);
      batch.push(json ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, json.has(k) && v !== null ? JSON.stringify(v) : v])) : row);
      counts[name] = (counts[name] ?? 0) + 1;
      if (batch.length >= batchSize) await flush();
    },
  };
}

/**
 * Load a backup into `db` (PGlite or PostgreSQL, whichever the file came from). Migrations run
 * first; a backup from an older CareLoop restores into the newer schema, one from a newer CareLoop
 * is refused. Everything happens in one transaction: a damaged or cut-short file changes nothing.
 * A database that already holds workspaces is only replaced with `force`, so a restore never
 * mixes two shops' data.
 */
export async function restoreBackup(db: Database, opts: { file: string; filesDir: string; force: boolean }): Promise<RestoreSummary> {
  const lines = readLines(opts.file);
  try {
    const header = parseHeader((await lines.next()).value as string | undefined);
    const newer = header.migrations.filter((name) => !(name in migrations));
    if (newer.length) throw new AppError('conflict', `This backup comes from a newer CareLoop (migration ${newer.join(', ')}); upgrade CareLoop first`);
    const known = new Set<string>(store.backupTables.map((t) => t.name));
    const foreign = header.tables.filter((name) => !known.has(name));
    if (foreign.length) throw new AppError('bad_request', `The backup has tables this CareLoop does not know: ${foreign.join(', ')}`);

    await migrate(db);
    const jsonColumns = await store.listJsonColumns(db);
    return await db.transaction().execute(async (trx) => {
      const existing = await store.countWorkspaces(trx);
      if (existing > 0 && !opts.force) {
        throw new AppError('conflict', `The database already has ${existing} workspace(s); a restore would mix two shops. Add --force to replace everything in it`);
      }
      for (const table of [...store.backupTables].reverse()) await store.deleteAllRows(trx, table.name);
      const counts: Record<string, number> = Object.fromEntries(header.tables.map((name) => [name, 0]));
      const inserter = batchInserter(trx, jsonColumns, counts);
      let end: EndLine | null = null;
      let files = 0;
      let at = 1;
      for await (const text of lines) {
        at++;
        if (!text) continue;
        const body = parseBodyLine(text, at);
        if (end) throw new AppError('bad_request', `The backup file has data after its end line (line ${at})`);
        if (body.type === 'row') {
          if (!known.has(body.table) || typeof body.row !== 'object' || body.row === null) throw new AppError('bad_request', `The backup file is damaged at line ${at}`);
          await inserter.add(body.table, body.row);
        } else if (body.type === 'file') {
          await writeFileChunk(opts.filesDir, body);
          if (body.seq === 0) files++;
        } else {
          end = body;
        }
      }
      await inserter.flush();
      if (!end) throw new AppError('bad_request', 'The backup file is incomplete (it has no end line); nothing was restored');
      const mismatch = Object.entries(end.rows).filter(([name, n]) => (counts[name] ?? 0) !== n);
      if (mismatch.length || end.files !== files) throw new AppError('bad_request', 'The backup file is damaged: its counts do not match its content; nothing was restored');
      return { createdAt: header.createdAt, rows: counts, files, replacedWorkspaces: existing, secretsKey: header.secretsKey ?? null };
    });
  } finally {
    await lines.return(undefined);
  }
}

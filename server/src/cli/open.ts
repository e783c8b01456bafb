import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { createCareloop, type Careloop } from '../app.ts';
import { openDatabase, type Database } from '../platform/db/index.ts';
import { AppError } from '../platform/errors.ts';
import { createLog } from '../platform/log.ts';

/** Commands talk to people, not log collectors: only warnings and errors reach stderr (unless LOG_LEVEL=debug). */
const logOf = (config: Readonly<Config>) => createLog(config.logLevel === 'debug' || config.logLevel === 'silent' ? config.logLevel : 'warn');

/** How the output names the database; never the URL, which may hold a password. */
export const describeDatabase = (config: Readonly<Config>) =>
  config.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : `the embedded database in ${config.dataDir}`;

/**
 * Reading commands on an embedded database that is not there would quietly create an empty
 * one elsewhere; say where we looked instead.
 */
function assertDatabaseExists(config: Readonly<Config>) {
  if (config.databaseUrl || existsSync(join(config.dataDir, 'pglite'))) return;
  throw new AppError('not_found', `No CareLoop database in ${config.dataDir}. Set CARELOOP_DATA_DIR to the folder the server uses, or DATABASE_URL for PostgreSQL`);
}

/**
 * The full node without HTTP listener or worker: migrations run, and services get their real
 * dependencies (bus, storage, secret), so the command line obeys the same rules as the console.
 */
export async function withCareloop<T>(config: Readonly<Config>, opts: { mustExist: boolean }, work: (careloop: Careloop) => Promise<T>): Promise<T> {
  if (opts.mustExist) assertDatabaseExists(config);
  const careloop = await createCareloop(config, { worker: false, log: logOf(config) });
  try {
    return await work(careloop);
  } finally {
    await careloop.close();
  }
}

/** Just the database, unmigrated: a backup records the schema as it is. */
export async function withDatabase<T>(config: Readonly<Config>, opts: { mustExist: boolean }, work: (db: Database) => Promise<T>): Promise<T> {
  if (opts.mustExist) assertDatabaseExists(config);
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, prepare: config.databasePrepare });
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

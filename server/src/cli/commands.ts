import { join, resolve } from 'node:path';
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadConfig, type Config } from '../config.ts';
import { main } from '../main.ts';
import { AppError } from '../platform/errors.ts';
import { restoreBackup, writeBackup } from '../backup/service.ts';
import { loadDemo, type DemoResult } from '../demo/load.ts';
import { createOwner, listWorkspaces, newPassword, obtainPassword, ownerInput, resetPassword } from './admin.ts';
import type { CommandSpec, Flags } from './args.ts';
import type { Io } from './io.ts';
import { describeDatabase, withCareloop, withDatabase } from './open.ts';
import { importOrdersCommand } from './import-orders.ts';
import { findWorkspacesByIdOrName } from './store.ts';
import { loadRetailDemo } from '../demo/retail.ts';
import { analyticsPredictCommand } from './analytics-predict.ts';
import { triageCommandSpec } from './triage.ts';

/** An exit code, or `running` when the command started the server and the process must stay. */
export type Outcome = number | 'running';
export type Run = (input: { flags: Flags; args: string[] }, io: Io) => Promise<Outcome>;

const str = (flags: Flags, name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
const filesDirOf = (config: Readonly<Config>) => join(config.dataDir, 'files');
const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

function printDemo(io: Io, config: Readonly<Config>, result: DemoResult) {
  if (!result.created) {
    io.out('This server already has a workspace, so the demo shop was not loaded (it only goes into an empty database).');
    io.out('To try it on its own: CARELOOP_DATA_DIR=./demo-data npx careloop start --demo');
    return;
  }
  const c = result.counts;
  io.out(`Demo shop "Tiệm Hoa Mai" loaded: ${c.agents} agents, ${c.teams} teams, ${c.contacts} contacts, ${c.conversations} conversations, ${c.cannedResponses} canned responses.`);
  io.out(`Sign in at ${config.publicUrl}/ with:`);
  for (const agent of result.agents) io.out(`  ${agent.email.padEnd(24)} ${agent.role.padEnd(10)} ${agent.name}`);
  io.out(`  password for all: ${result.password}`);
  io.out(`The website chat of the demo shop: ${config.publicUrl}/demo-shop`);
}

const start: Run = async ({ flags }, io) => {
  if (flags.demo) {
    const config = loadConfig(io.env);
    await withCareloop(config, { mustExist: false }, async (careloop) => printDemo(io, config, await loadDemo(careloop.deps)));
  }
  await main();
  return 'running';
};

const demo: Run = async (_input, io) => {
  const config = loadConfig(io.env);
  await withCareloop(config, { mustExist: false }, async (careloop) => printDemo(io, config, await loadDemo(careloop.deps)));
  return 0;
};

const retailFile = '../shared/data/uci_online_retail/online_retail_invoices_with_customer.csv';

const demoRetail: Run = async ({ flags }, io) => {
  const file = resolve(io.cwd, str(flags, 'file') ?? retailFile);
  if (!(await access(file).then(() => true, () => false))) throw new AppError('not_found', `No such file: ${file} (give its place with --file)`);
  const config = loadConfig(io.env);
  const result = await withCareloop(config, { mustExist: true }, async (careloop) => {
    const matches = await findWorkspacesByIdOrName(careloop.deps.db, str(flags, 'workspace')!);
    if (matches.length !== 1) throw new AppError('not_found', matches.length ? 'Several workspaces match; give the id with --workspace' : `No workspace "${str(flags, 'workspace')}"`);
    return loadRetailDemo(careloop.deps, matches[0]!.id, file);
  });
  io.out(`Loaded ${result.invoices} invoices (${result.cancellations} cancellations, not counted as purchases) of ${result.customers} customers, in GBP.`);
  io.out(result.run.status === 'done' ? `Analytics refreshed${result.run.note ? `: ${result.run.note}` : '.'} Open Analytics in the console.` : `The analytics refresh failed: ${result.run.error}`);
  return result.run.status === 'done' ? 0 : 1;
};

const backup: Run = async ({ flags }, io) => {
  const config = loadConfig(io.env);
  const out = resolve(io.cwd, str(flags, 'out') ?? `careloop-backup-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.jsonl.gz`);
  // The data directory's key travels with the backup; a configured CARELOOP_SECRETS_KEY stays with the admin.
  const secretsKey = config.secretsKey ? null : await readFile(join(config.dataDir, 'secrets.key'), 'utf8').then((k) => k.trim(), () => null);
  const summary = await withDatabase(config, { mustExist: true }, (db) => writeBackup(db, { out, filesDir: filesDirOf(config), secretsKey }));
  io.out(`Backup written to ${summary.file} (${size(summary.bytes)})`);
  io.out(`  ${total(summary.rows)} rows from ${Object.keys(summary.rows).length} tables and ${summary.files} attachment files of ${describeDatabase(config)}`);
  return 0;
};

const restore: Run = async ({ flags, args }, io) => {
  const config = loadConfig(io.env);
  const file = resolve(io.cwd, args[0]!);
  if (!(await access(file).then(() => true, () => false))) throw new AppError('not_found', `No such file: ${file}`);
  const summary = await withDatabase(config, { mustExist: false }, (db) => restoreBackup(db, { file, filesDir: filesDirOf(config), force: flags.force === true }));
  if (summary.replacedWorkspaces) io.out(`Replaced ${summary.replacedWorkspaces} workspace(s) that were in the database.`);
  if (summary.secretsKey && !config.secretsKey) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(join(config.dataDir, 'secrets.key'), summary.secretsKey, { mode: 0o600 });
    await chmod(join(config.dataDir, 'secrets.key'), 0o600);
  } else if (summary.secretsKey && summary.secretsKey !== config.secretsKey) {
    io.out('Note: channel tokens and mail passwords in this backup were sealed with another key; set CARELOOP_SECRETS_KEY to that key or enter them again.');
  }
  io.out(`Restored the backup of ${summary.createdAt} into ${describeDatabase(config)}: ${total(summary.rows)} rows, ${summary.files} attachment files.`);
  return 0;
};

const createOwnerRun: Run = async ({ flags }, io) => {
  const { password } = await obtainPassword(flags, io, { random: false });
  const input = ownerInput({ workspace: str(flags, 'workspace')!, email: str(flags, 'email')!, name: str(flags, 'name')!, password, locale: str(flags, 'locale') });
  const config = loadConfig(io.env);
  const result = await withCareloop(config, { mustExist: false }, (careloop) => createOwner(careloop.deps, input));
  io.out(result.createdWorkspace
    ? `Created workspace "${result.workspaceName}" (${result.workspaceId}) with the owner ${result.email}.`
    : `Added the owner ${result.email} to the existing workspace "${result.workspaceName}" (${result.workspaceId}).`);
  io.out(`Sign in at ${config.publicUrl}/`);
  return 0;
};

const listWorkspacesRun: Run = async ({ flags }, io) => {
  const config = loadConfig(io.env);
  const rows = await withCareloop(config, { mustExist: true }, (careloop) => listWorkspaces(careloop.deps));
  if (flags.json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out('No workspaces yet. Create one with: careloop admin create-owner --workspace NAME --email E --name N');
  else {
    const table = [['ID', 'NAME', 'AGENTS', 'CREATED', 'OWNERS'], ...rows.map((w) => [w.id, w.name, String(w.agents), w.createdAt.slice(0, 10), w.owners.join(', ')])];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const row of table) io.out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  }
  return 0;
};

const resetPasswordRun: Run = async ({ flags }, io) => {
  const { password, generated } = await obtainPassword(flags, io, { random: true });
  newPassword(password);
  const config = loadConfig(io.env);
  const result = await withCareloop(config, { mustExist: true }, (careloop) => resetPassword(careloop.deps, { email: str(flags, 'email')!, password }));
  io.out(`Password of ${result.name} <${result.email}> in "${result.workspaceName}" changed; their sessions were signed out.`);
  if (generated) io.out(`New password: ${password}`);
  if (result.disabled) io.err('Note: this agent is disabled; an admin must enable them before they can sign in.');
  return 0;
};

const passwordFlags = [
  { name: 'password', value: 'P', description: 'The password (visible in the shell history; prefer a prompt or --password-stdin)' },
  { name: 'password-stdin', description: 'Read the password from the first line of standard input' },
];

export const program: CommandSpec<Run> = {
  name: 'careloop',
  summary: 'CareLoop — self-hosted customer care for online shops.',
  description: 'Settings come from the environment: DATABASE_URL (PostgreSQL; unset = the embedded database in\n' +
    'CARELOOP_DATA_DIR, default ./data), PORT, PUBLIC_URL, REDIS_URL, LOG_LEVEL.',
  examples: ['npx careloop start --demo'],
  commands: [
    {
      name: 'start', summary: 'Start the server: console, chat widget, API and background jobs', run: start,
      flags: [{ name: 'demo', description: 'Load the demo shop first when the database is empty' }],
      examples: ['npx careloop start', 'PORT=8080 DATABASE_URL=postgres://careloop@db/careloop npx careloop start'],
    },
    {
      name: 'demo', summary: 'Load the Vietnamese demo shop "Tiệm Hoa Mai" into an empty database', run: demo,
      description: 'Creates agents, teams, contacts and conversations through the normal services and prints how to sign in.',
      examples: ['CARELOOP_DATA_DIR=./demo-data npx careloop demo'],
    },
    {
      name: 'demo-retail', summary: 'Load the UCI Online Retail invoices (a real UK shop, GBP) into a workspace to explore analytics', run: demoRetail,
      description: 'Reads ../shared/data/uci_online_retail (CC BY 4.0, Chen, Sain & Guo 2012) or --file, imports the invoices as\n' +
        'orders in GBP (times in Europe/London, cancellations kept out of purchases) and refreshes analytics. Running it\n' +
        'again changes nothing. Customers get placeholder addresses in the reserved .invalid domain.',
      flags: [
        { name: 'workspace', value: 'ID', required: true, description: 'Workspace id or name' },
        { name: 'file', value: 'FILE', description: `The invoice file (default: ${retailFile})` },
      ],
      examples: ['npx careloop admin create-owner --workspace "UK Gifts" --email owner@example.com --name Owner', 'npx careloop demo-retail --workspace "UK Gifts"'],
    },
    {
      name: 'backup', summary: 'Write the database and attachment files to one backup file', run: backup,
      description: 'The file (gzip\'d JSON lines) restores into the embedded database or PostgreSQL alike. With the\n' +
        'embedded database, stop the server first; PostgreSQL can be backed up while it runs. Keep backups\n' +
        'private: they hold password hashes and the server secret. Sign-in sessions are left out.',
      flags: [{ name: 'out', value: 'FILE', description: 'Where to write (default: careloop-backup-<date>.jsonl.gz here)' }],
      examples: ['npx careloop backup --out /backups/shop.jsonl.gz'],
    },
    {
      name: 'restore', summary: 'Load a backup into the configured database', run: restore,
      description: 'Runs migrations, then restores everything in one transaction. Stop the server first.\n' +
        'To move from the embedded database to PostgreSQL: back up, set DATABASE_URL, restore.',
      args: [{ name: 'FILE', description: 'A file written by "careloop backup"' }],
      flags: [{ name: 'force', description: 'Replace a database that already has workspaces (everything in it is deleted)' }],
      examples: ['DATABASE_URL=postgres://careloop@db/careloop npx careloop restore shop.jsonl.gz'],
    },
    {
      name: 'import-orders', summary: 'Import orders from a Shopify or WooCommerce CSV export', run: importOrdersCommand,
      description: 'Streams the file (any size) into the workspace\'s orders, linking them to contacts by phone and email.\n' +
        'Columns are found by header name; re-importing the same file changes nothing. Try --dry-run first.\n' +
        'With the embedded database, stop the server first.',
      args: [{ name: 'FILE', description: 'The CSV file (UTF-8; , or ; separated)' }],
      flags: [
        { name: 'workspace', value: 'ID', required: true, description: 'Workspace id or name' },
        { name: 'preset', value: 'NAME', description: 'shopify, woo_ies, woo_analytics or generic (default: detected from the headers)' },
        { name: 'mapping', value: 'JSON', description: 'For generic: {"orderRef":"Mã đơn","total":"Tổng tiền",…}' },
        { name: 'dry-run', description: 'Check every row and report, write no orders' },
        { name: 'timezone', value: 'TZ', description: 'Zone of dates without an offset (default Asia/Ho_Chi_Minh)' },
        { name: 'currency', value: 'ISO', description: 'Currency when the file has none (default VND)' },
      ],
      examples: ['npx careloop import-orders orders_export.csv --workspace "Tiệm Hoa Mai" --dry-run'],
    },
    {
      name: 'analytics', summary: 'Retention models on a transaction file (no database needed)',
      examples: ['npx careloop analytics predict --transactions CDNOW_sample.txt --format cdnow --calibration-end 1997-09-30 --horizon-days 90 --model bgnbd'],
      commands: [
        {
          name: 'predict', summary: 'Fit BG/NBD, MBG/NBD or Pareto/NBD and forecast every customer', run: analyticsPredictCommand,
          description: 'Purchases on or before --calibration-end fit the model; later ones are the holdout, and the\n' +
            'predicted vs actual holdout purchases are printed. Same-day purchases count as one occasion.\n' +
            'Formats: cdnow (CDNOW_master.txt or CDNOW_sample.txt), csv (customer_id,date,value with ISO dates,\n' +
            'or the UCI invoice file; cancellations and values ≤ 0 are skipped).',
          flags: [
            { name: 'transactions', value: 'FILE', required: true, description: 'The transaction file' },
            { name: 'format', value: 'cdnow|csv', required: true, description: 'File format' },
            { name: 'calibration-end', value: 'DATE', required: true, description: 'Last day of the calibration period (YYYY-MM-DD)' },
            { name: 'horizon-days', value: 'N', required: true, description: 'Forecast horizon in days' },
            { name: 'model', value: 'bgnbd|mbgnbd|pareto', required: true, description: 'The purchase model' },
            { name: 'unit', value: 'day|week', description: 'Model time unit (default: week for cdnow, day for csv)' },
            { name: 'timezone', value: 'TZ', description: 'Zone for date-times with an offset (default UTC); local date-times keep their date' },
            { name: 'json', description: 'Print JSON (every customer) instead of a table' },
          ],
          examples: [
            'npx careloop analytics predict --transactions CDNOW_master.txt --format cdnow --calibration-end 1997-09-30 --horizon-days 273 --model pareto --json',
            'npx careloop analytics predict --transactions orders.csv --format csv --calibration-end 2011-09-09 --horizon-days 90 --model mbgnbd',
          ],
        },
      ],
    },
    triageCommandSpec,
    {
      name: 'admin', summary: 'Manage workspaces and owners', examples: ['npx careloop admin list-workspaces'],
      commands: [
        {
          name: 'create-owner', summary: 'Create a workspace with its owner, or add an owner to an existing workspace', run: createOwnerRun,
          usage: '--workspace NAME --email E --name N [--password P | --password-stdin] [--locale vi|en]',
          description: 'Without --password or --password-stdin, the password is asked for on the terminal (hidden).',
          flags: [
            { name: 'workspace', value: 'NAME', required: true, description: 'Workspace name (or id of an existing workspace)' },
            { name: 'email', value: 'E', required: true, description: 'Email the owner signs in with' },
            { name: 'name', value: 'N', required: true, description: 'The owner\'s full name' },
            ...passwordFlags,
            { name: 'locale', value: 'vi|en', description: 'Language of a new workspace (default vi)' },
          ],
          examples: ['npx careloop admin create-owner --workspace "Tiệm Hoa Mai" --email lan@hoamai.vn --name "Nguyễn Thị Lan"'],
        },
        {
          name: 'list-workspaces', summary: 'List workspaces with their owners', run: listWorkspacesRun,
          flags: [{ name: 'json', description: 'Print JSON instead of a table' }],
          examples: ['npx careloop admin list-workspaces --json'],
        },
        {
          name: 'reset-password', summary: 'Set a new password for an agent and sign them out everywhere', run: resetPasswordRun,
          usage: '--email E [--password P | --password-stdin | --prompt]',
          description: 'Without a password option, a random password is made and printed.',
          flags: [
            { name: 'email', value: 'E', required: true, description: 'The agent\'s email' },
            ...passwordFlags,
            { name: 'prompt', description: 'Type the new password on the terminal (hidden)' },
          ],
          examples: ['npx careloop admin reset-password --email lan@hoamai.vn'],
        },
      ],
    },
  ],
};

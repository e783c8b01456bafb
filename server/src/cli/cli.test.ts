import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../platform/db/index.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import type { Io } from './io.ts';
import { runCli } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'careloop-cli-test-'));
const shopData = join(dir, 'shop');
const movedData = join(dir, 'moved');
/** Creating an embedded database takes seconds; do it once, outside the commands' time limits. */
beforeAll(async () => {
  const opened = await openDatabase({ databaseUrl: null, dataDir: shopData });
  await migrate(opened.db);
  await opened.close();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the command line in-process against an embedded database in `dataDir`. */
async function cli(argv: string[], opts: { dataDir?: string; stdin?: string; tty?: boolean; answers?: string[] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const io: Io = {
    env: { CARELOOP_DATA_DIR: opts.dataDir ?? shopData, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://shop.test' },
    cwd: dir,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    stdinIsTTY: opts.tty ?? false,
    readStdin: async () => opts.stdin ?? '',
    askHidden: async () => answers.shift() ?? '',
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function passwordHashOf(dataDir: string, email: string) {
  const opened = await openDatabase({ databaseUrl: null, dataDir });
  try {
    return (await opened.db.selectFrom('agents').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()).password_hash;
  } finally {
    await opened.close();
  }
}

describe('careloop command line', () => {
  it('exit codes: 0 for help, 2 for a wrong command line, 1 when the command fails', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Commands:') });
    expect(await cli(['restore', '--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: careloop restore FILE [--force]') });
    expect(await cli([])).toMatchObject({ code: 2, err: expect.stringContaining('Missing command') });
    expect(await cli(['serve'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "serve"') });
    expect(await cli(['restore'])).toMatchObject({ code: 2, err: expect.stringContaining('Run "careloop restore --help"') });
    expect(await cli(['backup', '--out'])).toMatchObject({ code: 2, err: expect.stringContaining('--out needs a value') });
    expect(await cli(['admin', 'create-owner', '--email', 'a@b.vn'])).toMatchObject({ code: 2, err: expect.stringContaining('Missing --workspace') });
    const nowhere = join(dir, 'nowhere');
    const missing = await cli(['admin', 'list-workspaces'], { dataDir: nowhere });
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining(`No CareLoop database in ${nowhere}`) });
    expect(missing.err.split('\n')).toHaveLength(1);
  });

  it('admin create-owner makes a workspace, then adds owners to it; bad input is a usage error', async () => {
    const created = await cli(['admin', 'create-owner', '--workspace', 'Tiệm Hoa Mai', '--email', 'Lan@HoaMai.vn', '--name', 'Nguyễn Thị Lan', '--password-stdin'], { stdin: 'correct horse battery\n' });
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining('Created workspace "Tiệm Hoa Mai"') });
    expect(await verifyPassword(await passwordHashOf(shopData, 'lan@hoamai.vn'), 'correct horse battery')).toBe(true);

    const base = ['admin', 'create-owner', '--workspace', 'tiệm hoa mai', '--name', 'Đặng Thị Hoà'];
    expect(await cli([...base, '--email', 'hoa@hoamai.vn', '--password', 'short'])).toMatchObject({ code: 2, err: expect.stringContaining('at least 10') });
    expect(await cli([...base, '--email', 'not-an-email', '--password', 'long enough password'])).toMatchObject({ code: 2, err: expect.stringContaining('--email') });
    expect(await cli([...base, '--email', 'hoa@hoamai.vn'])).toMatchObject({ code: 2, err: expect.stringContaining('--password-stdin') });
    expect(await cli([...base, '--email', 'hoa@hoamai.vn'], { tty: true, answers: ['mật khẩu thật dài', 'khác hẳn'] })).toMatchObject({ code: 2, err: expect.stringContaining('differ') });
    expect(await cli([...base, '--email', 'hoa@hoamai.vn', '--password', 'a', '--password-stdin'])).toMatchObject({ code: 2 });

    const added = await cli([...base, '--email', 'hoa@hoamai.vn'], { tty: true, answers: ['mật khẩu thật dài', 'mật khẩu thật dài'] });
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('Added the owner hoa@hoamai.vn to the existing workspace "Tiệm Hoa Mai"') });
    expect(await verifyPassword(await passwordHashOf(shopData, 'hoa@hoamai.vn'), 'mật khẩu thật dài')).toBe(true);
    expect(await cli([...base, '--email', 'hoa@hoamai.vn', '--password', 'another long one'])).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  }, 180_000);

  it('admin list-workspaces prints a table or JSON', async () => {
    const json = await cli(['admin', 'list-workspaces', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ name: 'Tiệm Hoa Mai', agents: 2, owners: ['hoa@hoamai.vn', 'lan@hoamai.vn'] })]);
    const table = await cli(['admin', 'list-workspaces']);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+AGENTS\s+CREATED\s+OWNERS$/);
    expect(table.out).toContain('Tiệm Hoa Mai');
  }, 180_000);

  it('admin reset-password prints a random password or takes one', async () => {
    const random = await cli(['admin', 'reset-password', '--email', 'lan@hoamai.vn']);
    expect(random.code).toBe(0);
    const printed = /New password: (\S+)/.exec(random.out)?.[1];
    expect(printed).toBeTruthy();
    expect(await verifyPassword(await passwordHashOf(shopData, 'lan@hoamai.vn'), printed!)).toBe(true);

    const given = await cli(['admin', 'reset-password', '--email', 'LAN@hoamai.vn', '--password-stdin'], { stdin: 'a brand new passphrase\r\n' });
    expect(given).toMatchObject({ code: 0, out: expect.not.stringContaining('New password') });
    expect(await verifyPassword(await passwordHashOf(shopData, 'lan@hoamai.vn'), 'a brand new passphrase')).toBe(true);
    expect(await cli(['admin', 'reset-password', '--email', 'nobody@hoamai.vn'])).toMatchObject({ code: 1, err: 'careloop: No agent has the email nobody@hoamai.vn' });
  }, 180_000);

  it('demo leaves a server with a workspace alone', async () => {
    expect(await cli(['demo'])).toMatchObject({ code: 0, out: expect.stringContaining('already has a workspace') });
  }, 180_000);

  it('backup and restore, refusing to overwrite without --force, and moving to another data directory', async () => {
    const backup = await cli(['backup', '--out', 'shop.jsonl.gz']);
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining(`Backup written to ${join(dir, 'shop.jsonl.gz')}`) });
    expect(await cli(['backup', '--out', 'shop.jsonl.gz'])).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
    expect(await cli(['restore', 'shop.jsonl.gz'])).toMatchObject({ code: 1, err: expect.stringContaining('--force') });
    expect(await cli(['restore', 'shop.jsonl.gz', '--force'])).toMatchObject({ code: 0, out: expect.stringContaining('Replaced 1 workspace') });
    expect(await cli(['restore', 'missing.jsonl.gz'])).toMatchObject({ code: 1, err: expect.stringContaining('No such file') });

    expect(await cli(['restore', 'shop.jsonl.gz'], { dataDir: movedData })).toMatchObject({ code: 0, out: expect.stringContaining(`embedded database in ${movedData}`) });
    // The sealed channel and mail secrets stay readable: the data directory's key moved with the backup.
    expect(readFileSync(join(movedData, 'secrets.key'), 'utf8')).toBe(readFileSync(join(shopData, 'secrets.key'), 'utf8'));
    const moved = await cli(['admin', 'list-workspaces', '--json'], { dataDir: movedData });
    expect(JSON.parse(moved.out)).toEqual(JSON.parse((await cli(['admin', 'list-workspaces', '--json'])).out));
  }, 180_000);

  it('a data directory held by a running server is a one-line error, exit 1', async () => {
    const running = await openDatabase({ databaseUrl: null, dataDir: shopData });
    try {
      const locked = await cli(['backup', '--out', 'locked.jsonl.gz']);
      expect(locked.code).toBe(1);
      expect(locked.err).toMatch(/^careloop: The data directory .* is in use by another CareLoop process/);
      expect(locked.err.split('\n')).toHaveLength(1);
    } finally {
      await running.close();
    }
  }, 180_000);
});

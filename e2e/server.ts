import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
    srv.once('error', reject);
  });
}

/** Start the built server as a child process on a fresh embedded database, as `npm start` would. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<{ url: string; setupUrl: string; stop(): Promise<void>; output: string[] }> {
  if (!existsSync(join(root, 'server/dist/main.mjs')) || !existsSync(join(root, 'console/dist/index.html')) || !existsSync(join(root, 'widget/dist/loader.js'))) {
    spawnSync('node', [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'careloop-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(root, 'server/dist/main.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, CARELOOP_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn', CARELOOP_STATIC_ROOT: root, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => output.push(String(d)));
  const setupUrl = await new Promise<string>((resolveUrl, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += String(d);
      output.push(String(d));
      const match = /First-run setup: (\S+)/.exec(buffer);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output.join('')}`)));
    setTimeout(() => reject(new Error(`server did not start: ${output.join('')}`)), 60_000).unref();
  });
  return {
    url,
    setupUrl,
    output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Shared helpers for the start/test/build scripts. Node built-ins only: these run before `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env }, shell: false });
  if (result.status !== 0 && !opts.allowFailure) {
    process.stderr.write(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
  return result.status ?? 1;
}

/** Install dependencies when node_modules is missing or older than the lock file. */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

/** A fingerprint of the files under some folders (paths, sizes, mtimes): cheap enough for every start. */
export function fingerprint(dirs) {
  const hash = createHash('sha1');
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    if (statSync(dir).isFile()) {
      const s = statSync(dir);
      hash.update(`${dir}:${s.size}:${s.mtimeMs}\n`);
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        hash.update(`${full}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of dirs) walk(join(root, d));
  return hash.digest('hex');
}

export function isFresh(stampFile, print) {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === print;
}
export const writeStamp = (stampFile, print) => writeFileSync(stampFile, print);

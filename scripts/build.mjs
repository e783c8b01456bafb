#!/usr/bin/env node
// Build what is out of date: the server bundle, the widget and the console. `--force` rebuilds all.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, fingerprint, isFresh, root, run, writeStamp } from './lib.mjs';

const force = process.argv.includes('--force');
ensureInstalled();

const targets = [
  { name: 'server', sources: ['server/src', 'server/package.json', 'contracts/src'], dist: 'server/dist', build: buildServer },
  { name: 'widget', sources: ['widget/src', 'widget/build.mjs', 'contracts/src'], dist: 'widget/dist', build: () => run('node', ['widget/build.mjs']) },
  { name: 'console', sources: ['console/src', 'console/index.html', 'console/vite.config.ts', 'contracts/src'], dist: 'console/dist', build: () => run('npx', ['vite', 'build', '--logLevel', 'warn', 'console']) },
];

async function buildServer() {
  const { build } = await import('esbuild');
  const pkg = (await import(join(root, 'server/package.json'), { with: { type: 'json' } })).default;
  await build({
    entryPoints: {
      main: join(root, 'server/src/main-entry.ts'),
      // The pool threads' entry (server/src/threads.ts finds it next to the bundle).
      'thread-main': join(root, 'server/src/thread-main.ts'),
      ...(existsSync(join(root, 'server/src/cli/index.ts')) ? { cli: join(root, 'server/src/cli/index.ts') } : {}),
    },
    outdir: join(root, 'server/dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external: Object.keys(pkg.dependencies ?? {}),
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
}

for (const target of targets) {
  const print = fingerprint(target.sources);
  const stamp = join(root, target.dist, '.build-stamp');
  if (!force && isFresh(stamp, print)) continue;
  console.log(`Building ${target.name}…`);
  await target.build();
  mkdirSync(join(root, target.dist), { recursive: true });
  writeStamp(stamp, print);
}

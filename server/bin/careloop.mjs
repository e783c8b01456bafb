#!/usr/bin/env node
// The `careloop` command. It runs the bundle server/dist/cli.mjs, rebuilding first whatever is out
// of date (a no-op check when nothing changed; build output goes to stderr, keeping stdout clean
// for commands whose output is piped).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const serverDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(serverDir, 'dist', 'cli.mjs');

{
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dirname(serverDir), stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(bundle)) {
    process.stderr.write(`careloop: the build failed${build.error ? ` (${build.error.message})` : ''}; run "npm run build" to see why.\n`);
    process.exit(1);
  }
}

// `import-orders` streams files of any size in a child with a bounded heap (200 MB, as cli/import-orders.ts). It is
// started here, before the bundle and its libraries are loaded, so the parent that waits stays small.
if (process.argv[2] === 'import-orders' && process.env.CARELOOP_IMPORT_BOUNDED !== '1') {
  const child = spawn(process.execPath, ['--max-old-space-size=200', bundle, ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, CARELOOP_IMPORT_BOUNDED: '1' },
  });
  child.once('exit', (code) => process.exit(code ?? 1));
} else {
  await import(pathToFileURL(bundle).href);
}

#!/usr/bin/env node
// `npm start`: install if needed, build what changed, then run CareLoop (embedded database in ./data
// unless DATABASE_URL is set). `npm run demo` / `npm start -- --demo` load the demo shop first.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

run('node', [join(root, 'scripts/build.mjs')]);
const args = ['start', ...process.argv.slice(2)];
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/cli.mjs'), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

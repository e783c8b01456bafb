#!/usr/bin/env node
// `npm test`: install what is needed, then typecheck, lint, unit + integration tests (PGlite, and
// PostgreSQL too when CARELOOP_TEST_DATABASE_URL is set) and the browser journeys in Chromium.
// Ends with one line "tests: N passed, N failed".
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './lib.mjs';
import { findChromium, installChromium } from './chromium.mjs';

const started = Date.now();
ensureInstalled();
run('node', [join(root, 'scripts/build.mjs')]);

const step = (title) => console.log(`\n▶ ${title}`);
step('typecheck');
run('npm', ['run', '--silent', 'typecheck']);
step('lint');
run('npm', ['run', '--silent', 'lint']);

const reports = mkdtempSync(join(tmpdir(), 'careloop-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
function vitest(title, args, env = {}) {
  step(title);
  const out = join(reports, `${totals.passed + totals.failed + Math.random()}.json`);
  const code = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`], { env, allowFailure: true });
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) totals.failed += 1; // a pass that ran nothing is a failure
  } else if (code !== 0) totals.failed += 1;
  if (code !== 0 && existsSync(out) === false) console.error(`✗ ${title} did not run`);
  return code;
}

let failed = 0;
failed |= vitest('unit + integration tests on PGlite', [], { CARELOOP_TEST_DATABASE_URL: '' });
if (process.env.CARELOOP_TEST_DATABASE_URL) {
  failed |= vitest(`integration tests on PostgreSQL (${new URL(process.env.CARELOOP_TEST_DATABASE_URL).pathname.slice(1)})`, ['server/src'], {});
} else {
  console.log('\n(PostgreSQL pass skipped: set CARELOOP_TEST_DATABASE_URL to run the integration tests on PostgreSQL too; .ci/run does.)');
}

let chromium = findChromium();
if (!chromium) chromium = installChromium();
failed |= vitest('browser journeys in Chromium', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });

const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nWhole suite took ${seconds} s.`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed || totals.failed ? 1 : 0);

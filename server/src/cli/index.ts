import { processIo } from './io.ts';
import { runCli } from './run.ts';

/**
 * The `careloop` command, bundled to server/dist/cli.mjs. Exit with the command's code once its
 * output is flushed — except after `start`, whose server keeps the process alive.
 */
const outcome = await runCli(process.argv.slice(2), processIo());
if (outcome !== 'running') {
  process.exitCode = outcome;
  process.stdout.write('', () => process.exit(outcome));
}

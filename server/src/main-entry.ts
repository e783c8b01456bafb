import { explainStartupError, main } from './main.ts';

/** `node server/dist/main.mjs`: start one node with the environment's configuration. */
main().catch((err) => {
  process.stderr.write(`CareLoop could not start: ${explainStartupError(err)}\n`);
  process.exit(1);
});

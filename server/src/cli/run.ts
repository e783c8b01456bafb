import { ConfigError } from '../config.ts';
import { explainStartupError } from '../main.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { AppError } from '../platform/errors.ts';
import { parseArgv } from './args.ts';
import { program, type Outcome } from './commands.ts';
import { UsageError, type Io } from './io.ts';

/** One line a shop owner can act on; the stack only helps us, and LOG_LEVEL=debug shows it in the log. */
export function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (err instanceof DataDirLockedError || err instanceof ConfigError || code === 'EADDRINUSE' || code === 'ECONNREFUSED') return explainStartupError(err);
  if (err instanceof AppError) return err.message;
  if (code === 'ENOENT' || code === 'EACCES') return (err as Error).message;
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] || 'Unknown error';
}

/**
 * Run `careloop …` with arguments (without node and script) and report on `io`.
 * Exit codes: 0 done, 1 the command failed, 2 the command line was wrong.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<Outcome> {
  const parsed = parseArgv(argv, program);
  if (parsed.kind === 'help') {
    io.out(parsed.text);
    return 0;
  }
  const usage = (message: string, path: string[], help?: string) => {
    io.err(`careloop: ${message}`);
    io.err(help ? `\n${help}` : `Run "${path.join(' ')} --help" for usage.`);
    return 2;
  };
  if (parsed.kind === 'usage') return usage(parsed.message, parsed.path, parsed.help);
  const { command, path, flags, args } = parsed.invocation;
  try {
    return await command.run!({ flags, args }, io);
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message, path);
    io.err(`careloop: ${describeError(err)}`);
    return 1;
  }
}

import type { Readable, Writable } from 'node:stream';

/**
 * What a command may touch of the outside world. Tests hand in their own; `processIo` is the
 * real terminal. `env` goes only to `loadConfig`, the one reader of configuration.
 */
export interface Io {
  env: Record<string, string | undefined>;
  cwd: string;
  /** One line to stdout (results others may pipe) and to stderr (messages for the person). */
  out(line: string): void;
  err(line: string): void;
  stdinIsTTY: boolean;
  readStdin(): Promise<string>;
  /** Ask on the terminal without echoing what is typed (passwords). */
  askHidden(question: string): Promise<string>;
  /** Redraw one status line on a terminal (null: finish it); ignored when stderr is not a terminal. */
  progress?(line: string | null): void;
}

export class UsageError extends Error {}

type RawInput = Readable & { setRawMode?(mode: boolean): unknown };

/**
 * Read one line from a TTY in raw mode so nothing is echoed. Backspace edits, Enter ends,
 * Ctrl-C and Ctrl-D cancel. Characters are whole code points, so Vietnamese input works.
 */
export function askHidden(input: RawInput, output: Writable, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    let value = '';
    const finish = (result: () => void) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      result();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new UsageError('Cancelled')));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}

export function processIo(): Io {
  return {
    env: process.env,
    cwd: process.cwd(),
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    askHidden: (question) => askHidden(process.stdin, process.stderr, question),
    progress(line) {
      if (!process.stderr.isTTY) return;
      process.stderr.write(line === null ? '\n' : `\r\x1b[2K${line}`);
    },
  };
}

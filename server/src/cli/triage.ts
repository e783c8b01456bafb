/**
 * `careloop triage [--json]`: classify customer messages read from standard input, one a line,
 * with the built-in offline classifier (server/src/triage). Every input line gets one output line,
 * blank ones included, so the output lines up with the input (`paste` works).
 */
import { createTriage, type Triage } from '../triage/classify.ts';
import type { CommandSpec, Flags } from './args.ts';
import type { Run } from './commands.ts';
import type { Io } from './io.ts';

const PREVIEW_CHARS = 70;
const signed = (v: number) => `${v < 0 ? '-' : '+'}${Math.abs(v).toFixed(2)}`;

/** One readable line: fixed-width columns, then the start of the message. */
function readable(r: ReturnType<Triage['classify']>, text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const preview = Array.from(flat).length > PREVIEW_CHARS ? `${Array.from(flat).slice(0, PREVIEW_CHARS - 1).join('')}…` : flat;
  return [r.language.padEnd(5), r.sentiment.padEnd(8), signed(r.sentimentScore), r.urgency.padEnd(6), r.intent.padEnd(16), r.intentScore.toFixed(2), ` ${preview}`].join(' ').trimEnd();
}

/**
 * Classifies each line and prints one result per line: JSON (`{"language":…,"scores":{…}}`) or
 * readable columns. Takes any (async) iterable of lines, so a caller may stream a large input.
 */
export async function triageLines(lines: AsyncIterable<string> | Iterable<string>, options: { json: boolean }, io: Pick<Io, 'out'>, triage: Triage = createTriage()): Promise<number> {
  for await (const line of lines) {
    const result = triage.classify(line);
    io.out(options.json ? JSON.stringify(result) : readable(result, line));
  }
  return 0;
}

/** Lines of a text: \n or \r\n separated, without the empty string after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export async function triageCommand({ flags }: { flags: Flags; args: string[] }, io: Io): Promise<number> {
  if (io.stdinIsTTY) io.err('Type or paste messages, one a line; end with Ctrl-D.');
  return triageLines(splitLines(await io.readStdin()), { json: flags.json === true }, io);
}

/** The entry for `program.commands` in commands.ts. */
export const triageCommandSpec: CommandSpec<Run> = {
  name: 'triage', summary: 'Classify customer messages: language, sentiment, urgency and intent (offline)', run: triageCommand,
  description: 'Reads one message per line from standard input and prints one result per line: language (vi, en,\n' +
    'other), sentiment with a score in [-1, 1] (P(positive) − P(negative)), urgency (low, normal, high) and intent\n' +
    '(order_status, late_delivery, return_refund, product_question, complaint, payment, other) with its probability.\n' +
    'Runs the built-in model locally; nothing leaves the machine.',
  flags: [{ name: 'json', description: 'One JSON object per line, with the probabilities of every label under "scores"' }],
  examples: ['echo "Shop ơi đơn hàng của mình giao chậm quá 1 tuần rồi" | npx careloop triage', 'npx careloop triage --json < messages.txt'],
};

/**
 * A small argv parser for the `careloop` command: nested subcommands, `--flag value`,
 * `--flag=value`, boolean switches, positional arguments and `--help` at every level. It knows
 * nothing of what the commands do; `commands.ts` declares them. (No parser dependency: the CLI
 * ships inside the server bundle and needs only this much.)
 */
export interface FlagSpec {
  name: string;
  /** Placeholder of the value (`FILE`); a flag without one is a boolean switch. */
  value?: string;
  required?: boolean;
  description: string;
}

export interface ArgSpec { name: string; optional?: boolean; description: string }

export interface CommandSpec<Run> {
  name: string;
  summary: string;
  description?: string;
  /** Overrides the generated usage after the command path, for flags that exclude each other. */
  usage?: string;
  args?: ArgSpec[];
  flags?: FlagSpec[];
  commands?: CommandSpec<Run>[];
  examples: string[];
  run?: Run;
}

export type Flags = Record<string, string | true>;
export interface Invocation<Run> { command: CommandSpec<Run>; path: string[]; flags: Flags; args: string[] }

export type Parsed<Run> =
  | { kind: 'run'; invocation: Invocation<Run> }
  | { kind: 'help'; text: string }
  /** `help` is set when the whole help is the best answer (a group called without a subcommand). */
  | { kind: 'usage'; message: string; path: string[]; help?: string };

const isHelp = (token: string) => token === '--help' || token === '-h';

export function parseArgv<Run>(argv: readonly string[], root: CommandSpec<Run>): Parsed<Run> {
  let command = root;
  const path = [root.name];
  let i = 0;
  while (command.commands) {
    const token = argv[i];
    if (token === undefined) return { kind: 'usage', message: 'Missing command', path, help: helpText(command, path) };
    if (isHelp(token) || token === 'help') return { kind: 'help', text: helpText(command, path) };
    const next = command.commands.find((c) => c.name === token);
    if (!next) return { kind: 'usage', message: token.startsWith('-') ? `Unknown option ${token}` : `Unknown command "${token}"`, path };
    command = next;
    path.push(token);
    i++;
  }
  const rest = argv.slice(i);
  const end = rest.indexOf('--');
  if ((end === -1 ? rest : rest.slice(0, end)).some(isHelp)) return { kind: 'help', text: helpText(command, path) };

  const usage = (message: string): Parsed<Run> => ({ kind: 'usage', message, path });
  const flags: Flags = {};
  const args: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const token = rest[j]!;
    if (j > end && end !== -1) { args.push(token); continue; }
    if (token === '--') continue;
    if (!token.startsWith('-') || token === '-') { args.push(token); continue; }
    if (!token.startsWith('--')) return usage(`Unknown option ${token}`);
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const flag = command.flags?.find((f) => f.name === name);
    if (!flag) return usage(`Unknown option --${name}`);
    if (!flag.value) {
      if (eq !== -1) return usage(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq !== -1 ? token.slice(eq + 1) : rest[++j];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) return usage(`--${name} needs a value (${flag.value})`);
    flags[name] = value;
  }
  for (const flag of command.flags ?? []) if (flag.required && flags[flag.name] === undefined) return usage(`Missing --${flag.name} ${flag.value ?? ''}`.trim());
  const specs = command.args ?? [];
  const missing = specs.slice(args.length).find((a) => !a.optional);
  if (missing) return usage(`Missing ${missing.name}`);
  if (args.length > specs.length) return usage(`Unexpected argument "${args[specs.length]}"`);
  return { kind: 'run', invocation: { command, path, flags, args } };
}

function usageLine<Run>(command: CommandSpec<Run>, path: string[]): string {
  if (command.usage) return `${path.join(' ')} ${command.usage}`;
  const parts = [...path];
  if (command.commands) parts.push('<command>');
  for (const arg of command.args ?? []) parts.push(arg.optional ? `[${arg.name}]` : arg.name);
  for (const flag of command.flags ?? []) {
    const text = flag.value ? `--${flag.name} ${flag.value}` : `--${flag.name}`;
    parts.push(flag.required ? text : `[${text}]`);
  }
  return parts.join(' ');
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function helpText<Run>(command: CommandSpec<Run>, path: string[]): string {
  const lines = [`Usage: ${usageLine(command, path)}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  if (command.commands) {
    lines.push('', 'Commands:', ...table(command.commands.map((c) => [c.name, c.summary])));
  }
  if (command.args?.length) lines.push('', 'Arguments:', ...table(command.args.map((a) => [a.name, a.description])));
  const options: [string, string][] = (command.flags ?? []).map((f) => [f.value ? `--${f.name} ${f.value}` : `--${f.name}`, f.description]);
  lines.push('', 'Options:', ...table([...options, ['-h, --help', 'Show this help']]));
  lines.push('', command.examples.length > 1 ? 'Examples:' : 'Example:', ...command.examples.map((e) => `  ${e}`));
  if (command.commands) lines.push('', `Run "${path.join(' ')} <command> --help" for the options of a command.`);
  return lines.join('\n');
}
